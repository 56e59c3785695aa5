/** Composition root of the screenshot editor (annotate.html?screenshot=<id>). */
import { render } from 'preact';
import '../../components/shared/ui.css';
import '../../components/annotate/annotator.css';
import { createAnnotateController } from '../../lib/controllers/annotate';
import { logError } from '../../lib/log';
import { openExtensionStore, pageShell } from '../../lib/services';
import { applyRedactions, uncoverFrame } from '../../lib/services/redaction';
import { AnnotatePage } from './annotate-page';

openExtensionStore()
  .then((store) => {
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
    render(<AnnotatePage controller={controller} />, document.getElementById('app')!);
  })
  // Nothing is on the page yet to say it: the store could not be opened at all.
  .catch((error: unknown) => logError('annotate page', error));
