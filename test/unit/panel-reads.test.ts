/**
 * The side panel's reads of a long journey (lib/db images.listScreenshots and method.listActions):
 * one equality read per step or walk instead of a cursor walk. What they return must not change:
 * exactly the screenshots of the steps asked for (each once, in the steps' order, several per
 * step kept), and every action of every walk of the audit, none of another audit's.
 */
import { describe, expect, it } from 'vitest';
import { auditWithJourneys, fakeImage, testStore } from './helpers';
import type { AuditStore } from '../../lib/db';

async function page(store: AuditStore, journeyId: string, title: string, at: number, images = 1) {
  return store.addStep({
    journeyId,
    kind: 'page',
    url: `https://example.test/${title}`,
    title,
    at,
    images: Array.from({ length: images }, (_, i) => fakeImage(`${title}-${i}`, 900 + i)),
  });
}

const action = (touchpointId: string, what: string) => ({
  touchpointId,
  kind: 'action' as const,
  what,
  owner: '',
  due: null,
  status: 'open' as const,
  metric: '',
  baseline: '',
  target: '',
});

describe('panel reads of a long journey', () => {
  it('lists exactly the screenshots of the steps asked for, in their order, each once', async () => {
    const { store, clock } = testStore();
    const { own, rival } = await auditWithJourneys(store);
    const a = await page(store, own.id, 'a', clock.now());
    const b = await page(store, own.id, 'b', clock.advance(1000), 2);
    const c = await page(store, own.id, 'c', clock.advance(1000));
    const other = await page(store, rival.id, 'other', clock.advance(1000));
    const offline = await store.addStep({
      journeyId: own.id,
      kind: 'offline',
      url: null,
      title: 'Call',
      at: clock.advance(1000),
      channel: 'phone',
    });

    const shots = await store.listScreenshots([c.id, a.id, b.id, offline.id, a.id]);
    // c, a, then b's two (in the order they were stored); none for the offline step; a once.
    expect(shots.map((s) => s.touchpointId)).toEqual([c.id, a.id, b.id, b.id]);
    expect(new Set(shots.map((s) => s.id)).size).toBe(4);
    expect(shots.some((s) => s.touchpointId === other.id)).toBe(false);
    expect(await store.listScreenshots([])).toEqual([]);
    expect(await store.listScreenshots(['no-such-step'])).toEqual([]);
  });

  it("lists every walk's actions of the audit with their places, none of another audit", async () => {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const first = await page(store, own.id, 'a', clock.now());
    const second = await page(store, own.id, 'b', clock.advance(1000));
    const theirs = await page(store, rival.id, 'r', clock.advance(1000));
    await store.addAction(action(second.id, 'Fix the form'));
    clock.advance(1000);
    await store.addAction(action(theirs.id, 'Borrow their chat'));
    clock.advance(1000);
    await store.addAction(action(first.id, 'Say the price'));

    const placed = await store.listActions(audit.id);
    expect(placed.map((p) => [p.action.what, p.journeyId, p.seq])).toEqual([
      ['Fix the form', own.id, 2],
      ['Borrow their chat', rival.id, 1],
      ['Say the price', own.id, 1],
    ]);

    // Another audit's walk and action are not listed, and an audit with no walks has none.
    const elsewhere = await auditWithJourneys(store);
    const step = await page(store, elsewhere.own.id, 'x', clock.advance(1000));
    await store.addAction(action(step.id, 'Not this audit'));
    expect((await store.listActions(audit.id)).map((p) => p.action.what)).not.toContain(
      'Not this audit',
    );
    const empty = await store.createAudit({ name: 'Empty', client: '', defaultTask: '' });
    expect(await store.listActions(empty.id)).toEqual([]);
  });
});
