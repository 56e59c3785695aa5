/** Composition root of the Method page (method.html?audit=<id>). */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { createMethodController } from '../../lib/controllers/method';
import { openExtensionStore, pageShell } from '../../lib/services';
import { MethodPage } from './method-page';

mountPage('method page', async () => {
  const store = await openExtensionStore();
  const controller = createMethodController({
    shell: pageShell(store),
    store,
    auditId: new URLSearchParams(location.search).get('audit'),
  });
  return <MethodPage controller={controller} />;
});
