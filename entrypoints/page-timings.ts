/**
 * Injected on demand only (scripting.executeScript with files, never registered), after a capture
 * when the audit asks for page facts: the document's load timings (Performance API).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readTimings } from '../lib/capture/page-facts';

export default defineUnlistedScript(() => readTimings());
