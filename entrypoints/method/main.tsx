/** Composition root of the Method page (method.html?audit=<id>). */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { createInventoryController } from '../../lib/controllers/inventory';
import { createMethodController } from '../../lib/controllers/method';
import { openExtensionStore, pageShell } from '../../lib/services';
import { MethodPage } from './method-page';

mountPage('method page', async () => {
  const store = await openExtensionStore();
  const shell = pageShell(store);
  const auditId = new URLSearchParams(location.search).get('audit');
  const controller = createMethodController({ shell, store, auditId });
  const inventory = createInventoryController({ shell, store, auditId });
  return <MethodPage controller={controller} inventory={inventory} />;
});
