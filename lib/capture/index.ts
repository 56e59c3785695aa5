/**
 * Capture: every mode (visible, full page, element and region) turns a walked tab into the records
 * of a page step — images encoded, redacted and hashed — and never touches the store: the capture
 * service (lib/services/capture.ts) guards, persists and compacts.
 */
export * from './captured';
export * from './errors';
export * from './pacer';
export * from './redact';
export * from './visible';

const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org'];

/** Why a URL cannot be captured, or null when it can. */
export function restrictedReason(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This tab has no web page address.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Browser pages (${parsed.protocol}) cannot be captured. Open a web page (http or https).`;
  }
  if (STORE_HOSTS.includes(parsed.hostname)) {
    return 'The browser does not allow extensions to capture its extension store.';
  }
  return null;
}
