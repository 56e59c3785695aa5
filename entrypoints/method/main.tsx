/** Composition root of the Method page (method.html?audit=<id>). */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { createMethodController } from '../../lib/controllers/method';
import { openExtensionStore, pageShell } from '../../lib/services';
import { MethodPage } from './method-page';

void openExtensionStore().then((store) => {
  const controller = createMethodController({
    shell: pageShell(store),
    store,
    auditId: new URLSearchParams(location.search).get('audit'),
  });
  render(<MethodPage controller={controller} />, document.getElementById('app')!);
});
