import { render } from 'preact';
import '../../components/ui.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
