/**
 * Injected on demand only (scripting.executeScript with files, never registered), right after a
 * capture: what the top document's DOM proves for the checklists (lib/capture/page-proofs.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageView, readProofs } from '../lib/capture/page-proofs-dom';

export default defineUnlistedScript(() => readProofs(document, pageView(window)));
