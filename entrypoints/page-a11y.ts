/**
 * Injected on demand only (scripting.executeScript with files, never registered), after a capture
 * when the audit asks for page facts: axe-core's accessibility violations in the top document.
 * Chromium build only: axe-core compiles message templates with the Function constructor, which
 * Firefox add-on linting refuses, so the Firefox build has no accessibility check (it says so).
 */
import axe from 'axe-core';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { checkAccessibility } from '../lib/capture/page-facts';

export default defineUnlistedScript({
  include: ['chrome'],
  main: () => checkAccessibility(axe),
});
