/** Composition root of the report page. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { openExtensionStore } from '../../lib/services';
import { ReportPage } from './report-page';

void openExtensionStore().then((store) =>
  render(<ReportPage store={store} />, document.getElementById('app')!),
);
