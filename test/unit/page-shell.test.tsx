/**
 * The page shell (components/shared/page-shell.tsx) and mountPage: a failed live read shows a
 * banner with what to do, and a page that cannot be built says why instead of staying blank.
 */
import { parseHTML } from 'linkedom';
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountPage } from '../../components/shared/mount';
import { PageShell, useShell } from '../../components/shared/page-shell';
import { StorageFullError } from '../../lib/db/errors';
import type { ShellController } from '../../lib/controllers/shell';
import { fakeShell } from './controller-fakes';

const dom = parseHTML(
  '<!doctype html><html><head><title></title></head><body><div id="app"></div></body></html>',
) as unknown as {
  window: Window & typeof globalThis;
  document: Document;
};
const saved = { window: globalThis.window, document: globalThis.document };
beforeAll(() => {
  Object.assign(globalThis, { window: dom.window, document: dom.document });
  // The browser's language, which mountPage falls back on when no settings could be read.
  Object.defineProperty(globalThis, 'navigator', {
    value: { language: 'ru-RU' },
    configurable: true,
  });
});
afterAll(() => Object.assign(globalThis, saved));

function Page({ shell }: { shell: ShellController }) {
  const state = useShell(shell);
  return h(PageShell, { shell, state, class: 'panel', title: 'Report' }, h('p', null, 'content'));
}

/** Waits until the app's text satisfies `accept` (state, not time). */
async function appText(accept: (text: string) => boolean): Promise<string> {
  for (;;) {
    const text = dom.document.getElementById('app')!.textContent ?? '';
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('page shell', () => {
  it('shows a failed live read in a banner, logged once, and titles the page', async () => {
    const { shell, logged } = fakeShell({ settings: { locale: 'en' } });
    const root = dom.document.getElementById('app')!;
    const { render } = await import('preact');
    await act(() => render(h(Page, { shell }), root));
    expect(root.textContent).toContain('content');
    expect(root.textContent).not.toContain('Could not read your saved work');
    expect(dom.document.title).toBe('Report — Touchpoint Audit');
    await act(() => shell.fail('steps', new DOMException('read refused', 'UnknownError')));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Could not read your saved work',
    );
    expect(root.textContent).toContain('Reload');
    expect(logged.map((l) => l.where)).toEqual(['steps']);
    render(null, root);
  });

  it('mountPage renders the page, or says why it could not be opened', async () => {
    mountPage('test page', () => h('p', null, 'it works'));
    expect(await appText((t) => t.includes('it works'))).toContain('it works');
    mountPage('test page', async () => {
      throw new StorageFullError(1, 2);
    });
    const text = await appText((t) => t.includes('Не удалось открыть'));
    expect(text).toContain('Не удалось открыть эту страницу');
    expect(text).toContain('Сохранённые данные не изменены');
  });
});
