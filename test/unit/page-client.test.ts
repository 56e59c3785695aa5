/**
 * The page client (lib/services/page.ts) over fake `call`/`callAll`: how it links and scans every
 * frame for redaction, distrusts their replies, and runs the picker in every frame at once.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FrameAnswer } from '../../lib/browser';
import { CaptureError } from '../../lib/capture/errors';
import type { FrameReport, PagePick } from '../../lib/capture/page/replies';
import { pageClient } from '../../lib/services/page';
import { frameReport } from './helpers';

const TAB = 7;
const IDENTITY = { name: 'Ann Example', email: 'ann@example.test', phone: '+44 20 7946 0000' };
const TEXT = { hint: 'Click an element', keys: 'Esc' };

/** The top document (frame 0) with one frame element at slot 0, and its child (frame 5). */
const TOP = frameReport({
  frames: [
    {
      slot: 0,
      content: { x: 100, y: 50, width: 400, height: 300 },
      outer: { x: 98, y: 48, width: 404, height: 304 },
      exact: true,
      reachable: true,
    },
  ],
});
const CHILD = frameReport({
  nonce: 'child-nonce',
  parent: { nonce: 'top-nonce', slot: 0 },
  top: false,
  viewport: { width: 400, height: 300 },
  fields: [{ x: 10, y: 20, width: 50, height: 10 }],
});

const pickAt = (x: number): PagePick => ({
  rect: { x, y: 10, width: 20, height: 20 },
  scroll: { x: 0, y: 0 },
  viewport: { width: 400, height: 300 },
  devicePixelRatio: 2,
});

interface Deferred {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * A tab whose frames answer scanFrame with `reports` (frame id → reply, parsed or not); the
 * picker in each frame answers when the test says so (`picks`).
 */
function fakeTab(reports: Record<number, unknown>) {
  const log = {
    all: [] as { method: string; args: unknown[] }[],
    one: [] as { method: string; args: unknown[]; frameId: number }[],
  };
  const picks = new Map<number, Deferred>();
  const answers = (result: (frameId: number) => unknown): FrameAnswer[] =>
    Object.keys(reports).map((id) => ({ frameId: Number(id), result: result(Number(id)) }));
  const callAll = async (tabId: number, method: string, args: unknown[]) => {
    expect(tabId).toBe(TAB);
    log.all.push({ method, args });
    if (method === 'scanFrame') return { answers: answers((id) => reports[id]), injected: false };
    if (method === 'cancelPick') return { answers: answers((id) => id === 0), injected: false };
    throw new Error(`unexpected ${method}`);
  };
  const call = (tabId: number, method: string, args: unknown[], frameId: number) => {
    expect(tabId).toBe(TAB);
    log.one.push({ method, args, frameId });
    if (method !== 'pick') return Promise.reject(new Error(`unexpected ${method}`));
    return new Promise<unknown>((resolve, reject) => picks.set(frameId, { resolve, reject }));
  };
  return { client: pageClient(call, callAll), log, picks };
}

/** Whether a promise has settled once everything already queued has run. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return settled;
}

describe('pageClient.coverage', () => {
  it('scans every frame in one call with one token and the identity, and composes the replies', async () => {
    const { client, log } = fakeTab({ 0: TOP, 5: CHILD });
    const coverage = await client.coverage(TAB, IDENTITY);
    // Each frame links its children and waits for its parent within the same call.
    expect(log.all.map((c) => c.method)).toEqual(['scanFrame']);
    const [scan] = log.all;
    expect(scan!.args).toEqual([expect.any(String), IDENTITY, expect.any(Number)]);
    expect(coverage.fields).toEqual([{ x: 110, y: 70, width: 50, height: 10 }]);
    expect(coverage.frames).toEqual([]);
    expect(coverage.scanned).toBe(1);
  });

  it('uses a new token for every capture', async () => {
    const { client, log } = fakeTab({ 0: TOP, 5: CHILD });
    await client.coverage(TAB, IDENTITY);
    await client.coverage(TAB, IDENTITY);
    expect(log.all[0]!.args[0]).not.toEqual(log.all[1]!.args[0]);
  });

  it('drops a frame reply that does not parse: that frame is covered whole', async () => {
    const hostile = { ...CHILD, fields: 'everything is fine' };
    const extra = { ...CHILD, trusted: true } as FrameReport;
    for (const reply of [hostile, extra, null, undefined]) {
      const { client } = fakeTab({ 0: TOP, 5: reply });
      const coverage = await client.coverage(TAB, IDENTITY);
      expect(coverage.fields).toEqual([]);
      expect(coverage.frames).toEqual([
        { rect: { x: 98, y: 48, width: 404, height: 304 }, reason: 'no-answer' },
      ]);
    }
  });

  it('refuses a top document reply that does not parse, or none at all (no capture)', async () => {
    const bad = fakeTab({ 0: { ...TOP, fields: [{ x: 'left' }] }, 5: CHILD });
    const error = await bad.client.coverage(TAB, IDENTITY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({ reason: 'capture-failed' });
    expect((error as CaptureError).message).toMatch(/scanFrame/);

    const silent = fakeTab({ 5: CHILD });
    await expect(silent.client.coverage(TAB, IDENTITY)).rejects.toThrow(/did not answer/);
  });
});

describe('pageClient.pick', () => {
  /** Starts an element pick and waits until both frames' pickers are open. */
  async function picking(reports: Record<number, unknown> = { 0: TOP, 5: CHILD }) {
    const tab = fakeTab(reports);
    const result = tab.client.pick(TAB, 'element', TEXT);
    await vi.waitFor(() => expect(tab.picks.size).toBe(2));
    return { ...tab, result };
  }

  it('opens a picker in every checked frame, with holes over child frames that have their own', async () => {
    // Frame 8 answered but is linked to nothing: it gets no picker.
    const orphan = frameReport({
      nonce: 'orphan',
      parent: { nonce: 'nobody', slot: 0 },
      top: false,
    });
    const { log, result, picks } = await picking({ 0: TOP, 5: CHILD, 8: orphan });
    const token = log.all[0]!.args[0];
    // Scanned without an identity: nothing is covered, the frames are only placed.
    expect(log.all[0]!.args).toEqual([
      token,
      { name: '', email: '', phone: '' },
      expect.any(Number),
    ]);
    expect(log.one.map(({ frameId, args }) => [frameId, args])).toEqual([
      [0, ['element', TEXT, token, [0]]],
      [5, ['element', { hint: '', keys: '' }, token, []]],
    ]);
    picks.get(0)!.resolve({ cancelled: true });
    await expect(result).resolves.toEqual({ cancelled: true });
  });

  it('takes the first frame to answer and closes the picker in every frame', async () => {
    const { log, result, picks } = await picking();
    picks.get(5)!.resolve(pickAt(5));
    await expect(result).resolves.toEqual({ frameId: 5, pick: pickAt(5) });
    expect(log.all.map((c) => c.method)).toEqual(['scanFrame', 'cancelPick']);
    // The other frame answering late changes nothing.
    picks.get(0)!.resolve(pickAt(0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.all.filter((c) => c.method === 'cancelPick')).toHaveLength(1);
  });

  it('goes on when a frame is left (answers nothing) while another is still open', async () => {
    const { log, result, picks } = await picking();
    picks.get(5)!.resolve(null);
    expect(await settledYet(result)).toBe(false);
    expect(log.all.map((c) => c.method)).not.toContain('cancelPick');
    picks.get(0)!.resolve(pickAt(0));
    await expect(result).resolves.toEqual({ frameId: 0, pick: pickAt(0) });

    // Every frame left: no answer at all.
    const gone = await picking();
    gone.picks.get(0)!.resolve(undefined);
    expect(await settledYet(gone.result)).toBe(false);
    gone.picks.get(5)!.resolve(null);
    await expect(gone.result).resolves.toBeNull();
  });

  it('survives a child frame whose picker fails, not the top document’s', async () => {
    const child = await picking();
    child.picks.get(5)!.reject(new Error('Frame with ID 5 was removed'));
    expect(await settledYet(child.result)).toBe(false);
    child.picks.get(0)!.resolve(pickAt(0));
    await expect(child.result).resolves.toEqual({ frameId: 0, pick: pickAt(0) });

    const top = await picking();
    top.picks.get(0)!.reject(new Error('No tab with id: 7'));
    await expect(top.result).rejects.toThrow('No tab with id: 7');
    expect(top.log.all.map((c) => c.method)).toContain('cancelPick');
  });

  it('refuses a pick reply that does not parse', async () => {
    const { result, picks } = await picking();
    picks.get(5)!.resolve({ ...pickAt(5), devicePixelRatio: 'high' });
    await expect(result).rejects.toBeInstanceOf(CaptureError);
  });

  it('drags a region over the top document only', async () => {
    const { client, log, picks } = fakeTab({ 0: TOP, 5: CHILD });
    const result = client.pick(TAB, 'region', TEXT);
    await vi.waitFor(() => expect(picks.size).toBe(1));
    expect(log.one).toEqual([{ method: 'pick', args: ['region', TEXT, '', []], frameId: 0 }]);
    picks.get(0)!.resolve(pickAt(0));
    await expect(result).resolves.toEqual({ frameId: 0, pick: pickAt(0) });
    // No frame is linked, scanned or told to close.
    expect(log.all).toEqual([]);

    for (const [answer, expected] of [
      [{ cancelled: true }, { cancelled: true }],
      [null, null],
    ] as const) {
      const tab = fakeTab({ 0: TOP });
      const region = tab.client.pick(TAB, 'region', TEXT);
      await vi.waitFor(() => expect(tab.picks.size).toBe(1));
      tab.picks.get(0)!.resolve(answer);
      await expect(region).resolves.toEqual(expected);
    }
    const bogus = fakeTab({ 0: TOP });
    const refused = bogus.client.pick(TAB, 'region', TEXT);
    await vi.waitFor(() => expect(bogus.picks.size).toBe(1));
    bogus.picks.get(0)!.resolve({ rect: 'everything' });
    await expect(refused).rejects.toMatchObject({ reason: 'capture-failed' });
  });
});

describe('pageClient.cancelPick', () => {
  it('closes the picker in every frame and says whether one was open', async () => {
    const { client, log } = fakeTab({ 0: TOP, 5: CHILD });
    await expect(client.cancelPick(TAB)).resolves.toBe(true);
    expect(log.all).toEqual([{ method: 'cancelPick', args: [] }]);
    const failing = pageClient(
      () => Promise.reject(new Error('no')),
      () => Promise.reject(new Error('No tab with id: 7')),
    );
    await expect(failing.cancelPick(TAB)).resolves.toBe(false);
  });
});
