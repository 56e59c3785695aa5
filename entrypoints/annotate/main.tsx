import { render } from 'preact';
import '../../components/ui.css';
import '../../components/annotator.css';
import { AnnotatePage } from './annotate-page';

render(
  <AnnotatePage screenshotId={new URLSearchParams(location.search).get('screenshot')} />,
  document.getElementById('app')!,
);
