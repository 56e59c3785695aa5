import { describe, expect, it } from 'vitest';
import { REPORT_CSS } from '../../components/report-css';
import { renderReportDocument, reportCsp } from '../../components/report-document';
import { buildReport } from '../../lib/report/model';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function hostileReport() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const step = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://x.test/?q=<script>alert(1)</script>',
    title: HOSTILE,
    at: clock.now(),
    images: [fakeImage()],
  });
  await store.updateStep(step.id, { note: '</p><script>alert(2)</script>', weakLink: true });
  await store.addStep({
    journeyId: rival.id,
    kind: 'offline',
    url: null,
    title: '"><svg onload=alert(3)>',
    at: clock.now(),
    channel: 'email',
  });
  return buildReport(await store.readAudit(audit.id), [own.id, rival.id], clock.now());
}

describe('HTML export', () => {
  it('renders hostile titles, notes and URLs as text, never as markup', async () => {
    const html = await renderReportDocument(
      await hostileReport(),
      'en',
      () => 'data:image/jpeg;base64,AAAA',
    );
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg');
    // Text content: "<" is escaped (a lone ">" in text is inert).
    expect(html).toContain('<span class="step-title">&lt;img src=x onerror=alert(1)></span>');
    expect(html).toContain('<p class="note">&lt;/p>&lt;script>alert(2)&lt;/script></p>');
    expect(html).toContain('<span class="step-title">&quot;>&lt;svg onload=alert(3)></span>');
  });

  it('is self-contained: a strict CSP whose style hash matches the only style block', async () => {
    const html = await renderReportDocument(
      await hostileReport(),
      'ru',
      () => 'data:image/jpeg;base64,AAAA',
    );
    const csp = await reportCsp(REPORT_CSS);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(html).toContain(`content="${csp.replace(/'/g, '&#39;')}"`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).not.toMatch(/ style="/);
    expect(html).not.toMatch(/(src|href)="(?!data:|https?:)/);
    expect(html).toContain('lang="ru"');
    expect(html).toContain('Сравнение по этапам');
  });
});
