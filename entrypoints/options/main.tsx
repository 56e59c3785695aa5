import { render } from 'preact';
import '../../components/shared/ui.css';
import { OptionsPage } from './options-page';

render(<OptionsPage />, document.getElementById('app')!);
