/** The caption band: its layout (pure), the capture service drawing it when the audit asks, and its text. */
import { describe, expect, it } from 'vitest';
import { CAPTION_URL_LINES, captionHeight, layoutCaption } from '../../lib/capture/caption';
import { writeSettings } from '../../lib/browser';
import { captionFor } from '../../lib/services/wiring';
import { auditWithJourneys, fakeCaptureService, testStore } from './helpers';

/** Every code point is 7 units wide (a monospace stand-in for canvas measureText). */
const measure = (text: string) => Array.from(text).length * 7;

describe('layoutCaption', () => {
  it('keeps short text whole, on one line each', () => {
    const layout = layoutCaption(
      { title: 'Plans', url: 'https://a.test/plans', time: 'Captured 5 Jan 2026, 09:00:00 UTC' },
      700,
      measure,
    );
    expect(layout).toEqual({
      title: 'Plans',
      url: ['https://a.test/plans'],
      time: 'Captured 5 Jan 2026, 09:00:00 UTC',
      shortened: false,
    });
    expect(captionHeight(layout)).toBe(8 * 2 + 3 * 18);
  });

  it('wraps a long address over lines that fit, whole when it fits in the lines allowed', () => {
    const url = `https://a.test/${'x'.repeat(150)}`; // 165 code points, 70 fit per line
    const layout = layoutCaption({ title: 'T', url, time: 't' }, 490, measure);
    expect(layout.url).toHaveLength(3);
    expect(layout.url.join('')).toBe(url);
    for (const line of layout.url) expect(measure(line)).toBeLessThanOrEqual(490);
    expect(layout.shortened).toBe(false);
  });

  it('ends a title and an address too long for the band in "…", and says it shortened them', () => {
    const title = 'Тариф '.repeat(40);
    const url = `https://a.test/${'y'.repeat(1000)}`;
    const layout = layoutCaption({ title, url, time: 't' }, 490, measure);
    expect(layout.title.endsWith('…')).toBe(true);
    expect(measure(layout.title)).toBeLessThanOrEqual(490);
    expect(layout.url).toHaveLength(CAPTION_URL_LINES);
    expect(layout.url.at(-1)?.endsWith('…')).toBe(true);
    expect(layout.url.slice(0, -1).join('') + layout.url.at(-1)?.slice(0, -1)).toBe(
      url.slice(0, layout.url.join('').length - 1),
    );
    expect(layout.shortened).toBe(true);
  });

  it('draws control characters of a hostile title as spaces, and never splits a surrogate pair', () => {
    const layout = layoutCaption(
      { title: 'a\u0000b\nc<script>', url: `https://a.test/${'😀'.repeat(200)}`, time: 't' },
      70,
      measure,
    );
    expect(layout.title).toBe('a b c<scr…');
    for (const line of layout.url) expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

async function setup(caption: boolean, drawFails = false) {
  const { store, db } = testStore();
  const { audit, own } = await auditWithJourneys(store);
  await store.updateAudit(audit.id, { caption });
  await writeSettings({ locale: 'en' });
  const drawn: { part: number | undefined; scale: number; title: string }[] = [];
  const service = fakeCaptureService(store, {
    captionFor: (journeyId, page) => captionFor(store, journeyId, page),
    drawCaption: async (image, text, scale) => {
      if (drawFails) throw new Error('no canvas');
      drawn.push({ part: image.part, scale, title: text.title });
      return {
        ...image,
        height: image.height + 60,
        sha256: 'b'.repeat(64),
        captionHeight: 60,
      };
    },
  });
  return { service, store, db, journeyId: own.id, drawn };
}

describe('the capture service and the caption band', () => {
  it('draws the band when the audit asks, stores its height and the new bytes’ hash', async () => {
    const { service, store, journeyId, drawn } = await setup(true);
    const { step } = await service.visible(journeyId);
    // Visible capture: the scale is the image's width over the viewport's (1280 / 640).
    expect(drawn).toEqual([{ part: undefined, scale: 2, title: 'Plans' }]);
    const [shot] = await store.listScreenshots([step.id]);
    expect(shot).toMatchObject({ height: 860, captionHeight: 60, sha256: 'b'.repeat(64) });
  });

  it('leaves captures alone when the band is off', async () => {
    const { service, store, journeyId, drawn } = await setup(false);
    const { step } = await service.visible(journeyId);
    expect(drawn).toEqual([]);
    const [shot] = await store.listScreenshots([step.id]);
    expect(shot?.captionHeight).toBeUndefined();
    expect(shot?.height).toBe(800);
  });

  it('stores nothing when the band asked for cannot be drawn, and says so', async () => {
    const { service, db, journeyId } = await setup(true, true);
    await expect(service.visible(journeyId)).rejects.toMatchObject({ reason: 'caption-failed' });
    expect(await db.screenshots.count()).toBe(0);
    expect(await db.touchpoints.count()).toBe(0);
  });

  it('writes the band in the language the extension shows, with the time to the second', async () => {
    const { store, journeyId } = await setup(true);
    const page = { title: '  ', url: 'https://a.test/', at: Date.UTC(2026, 11, 8, 1, 45, 12) };
    await writeSettings({ locale: 'ru' });
    const ru = await captionFor(store, journeyId, page);
    expect(ru?.title).toBe('(без заголовка)');
    expect(ru?.time).toMatch(/^Снято 8 дек\.? 2026 г\.?, \d\d:45:12/);
    await writeSettings({ locale: 'en' });
    const en = await captionFor(store, journeyId, { ...page, title: 'Plans' });
    expect(en).toMatchObject({ title: 'Plans', url: 'https://a.test/' });
    expect(en?.time).toMatch(/^Captured 8 Dec 2026, \d\d:45:12/);
  });
});
