/** Composition root of the report page. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { renderReportDocument } from '../../components/report/document';
import { saveFile } from '../../lib/browser';
import { createReportController } from '../../lib/controllers/report';
import { openExtensionStore, pageShell } from '../../lib/services';
import { blobToDataUrl } from '../../lib/capture/encode';
import { slideImage } from '../../lib/services/report';
import { ReportPage } from './report-page';

mountPage('report page', async () => {
  const store = await openExtensionStore();
  const controller = createReportController({
    shell: pageShell(store),
    store,
    save: (name, content) => saveFile(name, content),
    renderDocument: renderReportDocument,
    dataUrlOf: blobToDataUrl,
    slideImage,
    now: () => Date.now(),
    utcOffsetMinutes: (at) => -new Date(at).getTimezoneOffset(),
  });
  return <ReportPage controller={controller} />;
});
