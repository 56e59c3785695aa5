/** Composition root of the screenshot editor (annotate.html?screenshot=<id>). */
import '../../components/shared/ui.css';
import '../../components/annotate/annotator.css';
import { mountPage } from '../../components/shared/mount';
import { createAnnotateController } from '../../lib/controllers/annotate';
import { openExtensionStore, pageShell } from '../../lib/services';
import { applyRedactions, uncoverFrame } from '../../lib/services/redaction';
import { AnnotatePage } from './annotate-page';

mountPage('annotate page', async () => {
  const store = await openExtensionStore();
  const controller = createAnnotateController({
    shell: pageShell(store),
    store,
    redaction: {
      apply: (screenshotId, areas) => applyRedactions(store, screenshotId, areas),
      uncover: (screenshotId, index) => uncoverFrame(store, screenshotId, index),
    },
    screenshotId: new URLSearchParams(location.search).get('screenshot'),
    now: () => Date.now(),
  });
  return <AnnotatePage controller={controller} />;
});
