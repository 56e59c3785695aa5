/** Composition root of the side panel: services are built once here and handed to the views. */
import { render } from 'preact';
import '../../components/ui.css';
import { openStore } from '../../lib/db';
import { captureServices } from '../../lib/services';
import { backupEverything } from '../../lib/services/bundles';
import { elementCaptureServices } from '../../lib/services/element';
import { fullPageServices } from '../../lib/services/full-page';
import { App, type PanelServices } from './app';

const store = openStore();
const capture = captureServices(store);
const services: PanelServices = {
  store,
  capture,
  elementCapture: elementCaptureServices(capture),
  fullPage: fullPageServices(capture),
  backupAll: () => backupEverything(store),
};

render(<App services={services} />, document.getElementById('app')!);
