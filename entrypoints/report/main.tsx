/** Composition root of the report page. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { renderReportDocument } from '../../components/report/document';
import { saveFile } from '../../lib/browser';
import { createReportController } from '../../lib/controllers/report';
import { createSigningController } from '../../lib/controllers/signing';
import { openKeyStore } from '../../lib/db';
import { openExtensionStore, pageShell } from '../../lib/services';
import { blobToDataUrl } from '../../lib/capture/encode';
import { slideImage } from '../../lib/services/report';
import { ReportPage } from './report-page';

mountPage('report page', async () => {
  const store = await openExtensionStore();
  const signing = createSigningController({ keys: openKeyStore(), now: () => Date.now() });
  const controller = createReportController({
    shell: pageShell(store),
    store,
    save: (name, content) => saveFile(name, content),
    renderDocument: renderReportDocument,
    dataUrlOf: blobToDataUrl,
    slideImage,
    now: () => Date.now(),
    parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
    signer: () => signing.signer(),
    utcOffsetMinutes: (at) => -new Date(at).getTimezoneOffset(),
  });
  return <ReportPage controller={controller} />;
});
