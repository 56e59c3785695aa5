/** The exported report: one self-contained HTML file (no scripts, images inline, strict CSP). */
import { renderToString } from 'preact-render-to-string';
import { translator } from '../../lib/i18n';
import type { ImageDef } from '../../lib/report/images';
import type { ReportModel } from '../../lib/report/model';
import type { Locale } from '../../lib/taxonomy';
import { REPORT_CSS } from './report-css';
import { ReportView, type ImageSource } from './view';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/**
 * The Content-Security-Policy of the export: nothing may load or run; only inline images and the
 * one style block (by its hash) are allowed.
 */
export async function reportCsp(css: string): Promise<string> {
  return [
    "default-src 'none'",
    'img-src data:',
    `style-src 'sha256-${await sha256Base64(css)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The embedded images, each once: every appearance in the report refers to one of these. */
function ImageDefs({ defs }: { defs: readonly ImageDef[] }) {
  return (
    <svg class="image-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        {defs.map((def) => (
          <image
            key={def.id}
            id={def.id}
            href={def.dataUrl}
            width={def.width}
            height={def.height}
          />
        ))}
      </defs>
    </svg>
  );
}

/**
 * The report as one file. `imageSrc` refers each screenshot to one of `defs` (the images, each
 * embedded once), or gives it a data URL of its own.
 */
export async function renderReportDocument(
  model: ReportModel,
  locale: Locale,
  imageSrc: ImageSource,
  defs: readonly ImageDef[] = [],
): Promise<string> {
  const t = translator(locale);
  const body = renderToString(
    <>
      {defs.length > 0 && <ImageDefs defs={defs} />}
      <ReportView model={model} locale={locale} imageSrc={imageSrc} />
    </>,
  );
  const title = `${model.audit.name} — ${t('reportTitle')}`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(await reportCsp(REPORT_CSS))}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Touchpoint Audit report v${model.formatVersion}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
