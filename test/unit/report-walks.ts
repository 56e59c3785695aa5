/**
 * An audit snapshot built in memory for report tests whose figures are computed by hand: brands,
 * waves, walks with scored steps, checklist answers, entered standard durations and actions.
 */
import {
  EMPTY_METHOD,
  type ActionItem,
  type Audit,
  type AuditSnapshot,
  type Brand,
  type BrandRole,
  type CheckAnswer,
  type Journey,
  type Step,
  type Wave,
} from '../../lib/model';
import { buildReport, type ReportSelection } from '../../lib/report/model';

/** Built-in checklist "Website: first screen": both items critical, weights 9 and 8. */
export const CLEAR_OFFER = 'site-first-screen.clear-offer';
export const CONTACTS = 'site-first-screen.contacts';
export const FIRST_SCREEN = 'site-first-screen';
/** Built-in duration standard: a phone call answered within 30 s. */
export const PHONE_ANSWERED = 'phone-answered';

export const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

export interface StepSpec {
  stage?: string;
  title?: string;
  experience?: number;
  importance?: number;
  likelihood?: number;
  weakLink?: boolean;
  /** Answers of the "Website: first screen" checklist, by item id. */
  checks?: Partial<Record<typeof CLEAR_OFFER | typeof CONTACTS, CheckAnswer>>;
  /** An entered "phone answered" time on this step, in seconds (≤ 30 passes). */
  phoneSeconds?: number;
}

export interface WalkSpec {
  persona?: string;
  entryChannel?: Journey['entryChannel'];
  auditor?: string;
  task?: string;
  outcome?: Journey['outcome'];
}

export function reportFixture() {
  let n = 0;
  let clock = Date.UTC(2026, 0, 1);
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const tick = () => (clock += 60_000);
  const audit: Audit = {
    id: id(),
    name: 'Broadband',
    client: 'Brightline',
    defaultTask: '',
    method: EMPTY_METHOD,
    createdAt: clock,
    updatedAt: clock,
  };
  const snapshot: AuditSnapshot = {
    audit,
    brands: [],
    waves: [],
    journeys: [],
    touchpoints: [],
    screenshots: [],
    actionItems: [],
  };
  return {
    snapshot,
    brand(name: string, role: BrandRole = 'competitor'): Brand {
      const b = { id: id(), auditId: audit.id, name, domain: '', role, createdAt: tick() };
      snapshot.brands.push({ ...b, updatedAt: b.createdAt });
      return snapshot.brands.at(-1)!;
    },
    /** A wave of one month (0: January 2026). */
    wave(name: string, month: number): Wave {
      const start = Date.UTC(2026, month, 1);
      const w = { id: id(), auditId: audit.id, name, start, end: start + 27 * DAY };
      snapshot.waves.push({ ...w, createdAt: tick(), updatedAt: clock });
      return snapshot.waves.at(-1)!;
    },
    walk(brand: Brand, wave: Wave, steps: StepSpec[], spec: WalkSpec = {}) {
      const journey: Journey = {
        id: id(),
        auditId: audit.id,
        brandId: brand.id,
        waveId: wave.id,
        task: spec.task ?? 'request a callback',
        persona: spec.persona ?? '',
        entryChannel: spec.entryChannel ?? 'search',
        auditor: spec.auditor ?? '',
        createdAt: tick(),
        updatedAt: clock,
        finishedAt: null,
        outcome: spec.outcome ?? 'goal-reached',
        measurements: [],
      };
      const made = steps.map((s, i): Step => {
        const checks = Object.entries(s.checks ?? {}).map(([itemId, answer]) => ({
          templateId: FIRST_SCREEN,
          itemId,
          answer,
          comment: '',
          screenshotId: null,
        }));
        const at = tick();
        const step: Step = {
          id: id(),
          journeyId: journey.id,
          seq: i + 1,
          kind: 'page',
          url: 'https://x.test/',
          title: s.title ?? `${brand.name} ${i + 1}`,
          at,
          stage: s.stage ?? 'information',
          typeId: null,
          category: 'communications',
          channel: 'website',
          checks,
          checklists: [],
          experience: s.experience ?? null,
          importance: s.importance ?? null,
          likelihood: s.likelihood ?? null,
          note: '',
          weakLink: s.weakLink ?? false,
          wow: false,
          viewport: null,
          devicePixelRatio: null,
          shortened: [],
          createdAt: at,
          updatedAt: at,
        };
        if (s.phoneSeconds !== undefined)
          journey.measurements.push({
            id: id(),
            standardId: PHONE_ANSWERED,
            startStepId: null,
            endStepId: step.id,
            startedAt: at,
            durationMs: s.phoneSeconds * 1000,
            excused: false,
          });
        return step;
      });
      snapshot.journeys.push(journey);
      snapshot.touchpoints.push(...made);
      return { journey, steps: made };
    },
    action(step: Step, fields: Partial<ActionItem> & Pick<ActionItem, 'what'>): ActionItem {
      const action: ActionItem = {
        id: id(),
        touchpointId: step.id,
        kind: 'action',
        owner: '',
        due: null,
        status: 'open',
        metric: '',
        baseline: '',
        target: '',
        createdAt: tick(),
        updatedAt: clock,
        ...fields,
      };
      snapshot.actionItems.push(action);
      return action;
    },
    report(choice: Partial<ReportSelection> = {}) {
      return buildReport(snapshot, choice, NOW);
    },
  };
}
