/** Composition root of the screenshot editor. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import '../../components/annotate/annotator.css';
import { openExtensionStore } from '../../lib/services';
import { AnnotatePage } from './annotate-page';

void openExtensionStore().then((store) =>
  render(
    <AnnotatePage
      store={store}
      screenshotId={new URLSearchParams(location.search).get('screenshot')}
    />,
    document.getElementById('app')!,
  ),
);
