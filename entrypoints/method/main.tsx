/** Composition root of the Method page (method.html?audit=<id>). */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { openExtensionStore } from '../../lib/services';
import { MethodPage } from './method-page';

void openExtensionStore().then((store) =>
  render(
    <MethodPage store={store} auditId={new URLSearchParams(location.search).get('audit')} />,
    document.getElementById('app')!,
  ),
);
