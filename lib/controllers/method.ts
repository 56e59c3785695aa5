/**
 * The Method page's controller (method.html?audit=<id>): the audit's method and what its steps
 * use of it, live; every edit saved one after another, each applied to the method as stored
 * right before it (one transaction each), so an edit made in the side panel meanwhile is kept.
 */
import type { AuditStore } from '../db';
import type { Audit, AuditEdit, AuditMethod, Wave } from '../model';
import type { Subscribe } from './live';
import type { ShellController } from './shell';

/** What the audit's steps and journeys use, so an entry in use is hidden rather than deleted. */
export interface MethodUsage {
  steps: readonly {
    seq: number;
    journey: string;
    typeId: string | null;
    checklists: readonly string[];
    checks: readonly { templateId: string }[];
    /** Its category and channel (an entry of the audit's own in use is hidden, not deleted). */
    category?: string;
    channel?: string;
  }[];
  measurements: readonly { journey: string; standardId: string }[];
  /** The walks' entry channels. */
  entryChannels?: readonly { journey: string; channel: string }[];
}

/** One edit of the method (the editor makes them: components/method-editor). */
export interface MethodEdit {
  apply(method: AuditMethod): AuditMethod;
  /** Custom stages renamed by this edit: the steps that use them are renamed too. */
  renamedStages?: { from: string; to: string }[];
}

export interface MethodControllerDeps {
  shell: ShellController;
  store: Pick<
    AuditStore,
    | 'getAudit'
    | 'listBrands'
    | 'listJourneys'
    | 'listSteps'
    | 'updateMethod'
    | 'updateAudit'
    | 'listWaves'
  >;
  auditId: string | null;
}

export interface MethodController {
  readonly shell: ShellController;
  readonly auditId: string | null;
  /** The audit: undefined while loading, null when there is no such audit. */
  readonly audit: Subscribe<Audit | null | undefined>;
  readonly usage: Subscribe<MethodUsage>;
  /** Saves one edit after those before it; resolves when it is stored (rejects with why not). */
  save(edit: MethodEdit): Promise<void>;
  /** The audit's waves (for the funnel's "which wave"), by start. */
  readonly waves: Subscribe<Wave[]>;
  /**
   * Saves an edit of the audit's own lists (expectations, funnel) after the edits before it:
   * `change` gets the audit as stored right before and returns what to write (one transaction).
   */
  saveAudit(change: (audit: Audit) => AuditEdit): Promise<void>;
}

export const NO_USAGE: MethodUsage = { steps: [], measurements: [] };

export function createMethodController(deps: MethodControllerDeps): MethodController {
  const { shell, store, auditId } = deps;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    shell,
    auditId,
    audit: auditId
      ? shell.live('audit', async () => (await store.getAudit(auditId)) ?? null)
      : (onValue) => (onValue(null), () => {}),
    usage: auditId ? shell.live('method usage', () => readUsage(store, auditId)) : () => () => {},
    save(edit) {
      if (!auditId) return Promise.resolve();
      const saved = queue.then(() => store.updateMethod(auditId, edit.apply, edit.renamedStages));
      queue = saved.catch(() => undefined);
      return saved.then(() => undefined);
    },
    waves: auditId
      ? shell.live('waves', () => store.listWaves(auditId))
      : (onValue) => (onValue([]), () => {}),
    saveAudit(change) {
      if (!auditId) return Promise.resolve();
      const saved = queue.then(async () => {
        const audit = await store.getAudit(auditId);
        if (!audit) throw new Error(`The audit ${auditId} is gone`);
        await store.updateAudit(auditId, change(audit));
      });
      queue = saved.catch(() => undefined);
      return saved;
    },
  };
}

async function readUsage(
  store: MethodControllerDeps['store'],
  auditId: string,
): Promise<MethodUsage> {
  const journeys = await store.listJourneys(auditId);
  const brandNames = new Map((await store.listBrands(auditId)).map((b) => [b.id, b.name]));
  const brandOf = (journey: { brandId: string }) => brandNames.get(journey.brandId) ?? '';
  const steps = await Promise.all(journeys.map((journey) => store.listSteps(journey.id)));
  return {
    steps: journeys.flatMap((journey, i) =>
      steps[i]!.map((step) => ({
        seq: step.seq,
        journey: brandOf(journey),
        typeId: step.typeId,
        checklists: step.checklists,
        checks: step.checks,
        category: step.category,
        channel: step.channel,
      })),
    ),
    measurements: journeys.flatMap((journey) =>
      journey.measurements.map((m) => ({ journey: brandOf(journey), standardId: m.standardId })),
    ),
    entryChannels: journeys.map((j) => ({ journey: brandOf(j), channel: j.entryChannel })),
  };
}
