/** The report's evidence list: every image once, in journey, step and part order. */
import { describe, expect, it } from 'vitest';
import { evidenceRows } from '../../lib/report/evidence';
import { buildReport } from '../../lib/report/model';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

describe('evidence rows', () => {
  it('list every image of the chosen journeys, parts of a split capture in order', async () => {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const part = (n: number) => ({ ...fakeImage(`part${n}`), part: n, parts: 2 });
    // Stored in reverse order: the report must not depend on storage order.
    const tall = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://brightline.test/',
      title: 'Home',
      at: clock.now(),
      images: [part(1), part(0)],
    });
    clock.advance(1000);
    const offline = await store.addStep({
      journeyId: rival.id,
      kind: 'offline',
      url: null,
      title: 'Letter',
      at: clock.now(),
      channel: 'print',
      images: [fakeImage('letter')],
    });
    await store.addStep({
      journeyId: rival.id,
      kind: 'offline',
      url: null,
      title: 'Call',
      at: clock.now(),
      channel: 'phone',
    });
    const model = buildReport(await store.readAudit(audit.id), {}, clock.now());
    const rows = evidenceRows(model);
    expect(
      rows.map((r) => [r.journey.brandId, r.touchpoint.id, r.index, r.shot.part, r.shot.url]),
    ).toEqual([
      [own.brandId, tall.id, 1, 0, 'https://brightline.test/'],
      [own.brandId, tall.id, 2, 1, 'https://brightline.test/'],
      [rival.brandId, offline.id, 1, 0, null],
    ]);
  });
});
