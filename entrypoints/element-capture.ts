/**
 * Injected on demand only (scripting.executeScript with files, never registered): renders the
 * element the auditor just picked and returns it to the side panel.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { renderPickedElement } from '../lib/capture/element-render';

export default defineUnlistedScript(() => renderPickedElement());
