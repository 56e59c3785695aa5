import { render } from 'preact';
import '../../components/ui.css';
import { ReportPage } from './report-page';

render(<ReportPage />, document.getElementById('app')!);
