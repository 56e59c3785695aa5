/** The Method page's controller over a real (fake-indexeddb) store and a fake shell. */
import { describe, expect, it } from 'vitest';
import { createMethodController } from '../../lib/controllers/method';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, testStore } from './helpers';

describe('method controller', () => {
  it('reads the audit and what its steps use, live', async () => {
    const { store } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const controller = createMethodController({
      shell: fakeShell().shell,
      store,
      auditId: audit.id,
    });
    expect((await valueOf(controller.audit))?.name).toBe('Broadband Q1');
    expect((await valueOf(controller.usage)).steps).toEqual([]);
    await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://brightline.test/',
      title: 'Home',
      at: 1,
    });
    const usage = await valueOf(controller.usage, (u) => u.steps.length === 1);
    expect(usage.steps[0]).toMatchObject({ seq: 1, journey: 'Brightline' });
  });

  it('says there is no audit for a missing or unknown id', async () => {
    const { store } = testStore();
    const none = createMethodController({ shell: fakeShell().shell, store, auditId: null });
    expect(await valueOf(none.audit)).toBeNull();
    const gone = createMethodController({ shell: fakeShell().shell, store, auditId: 'nope' });
    expect(await valueOf(gone.audit)).toBeNull();
  });

  it('saves edits one after another, each on the method as stored', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    const controller = createMethodController({
      shell: fakeShell().shell,
      store,
      auditId: audit.id,
    });
    const seen: number[] = [];
    const add = (name: string) => ({
      apply: (m: typeof audit.method) => {
        seen.push(m.stages.length);
        return { ...m, stages: [...m.stages, { name, after: null }] };
      },
    });
    await Promise.all([controller.save(add('Pilot')), controller.save(add('Renewal'))]);
    expect(seen).toEqual([0, 1]);
    expect((await store.getAudit(audit.id))!.method.stages.map((s) => s.name)).toEqual([
      'Pilot',
      'Renewal',
    ]);
  });

  it('rejects a failed save with its error and goes on with the next', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    const controller = createMethodController({
      shell: fakeShell().shell,
      store,
      auditId: audit.id,
    });
    const broken = {
      apply: () => {
        throw new Error('broken edit');
      },
    };
    await expect(controller.save(broken)).rejects.toThrow('broken edit');
    await controller.save({ apply: (m) => ({ ...m, stages: [{ name: 'After', after: null }] }) });
    expect((await store.getAudit(audit.id))!.method.stages).toHaveLength(1);
  });
});
