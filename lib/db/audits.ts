/** Audits and their journeys: create, read, edit (deleting goes through Recently deleted). */
import {
  Audit,
  AuditEdit,
  type AuditInput,
  type AuditSnapshot,
  DEFAULT_REPORT_SETTINGS,
  EMPTY_METHOD,
  Journey,
  JourneyEdit,
  type JourneyInput,
  type Outcome,
  type RecordSet,
  ReportSettings,
} from '../model';
import { parse, StorePart } from './core';
import { NotFoundError } from './errors';
import type { AuditDatabase } from './schema';

/**
 * The journeys, steps, screenshots and action items of some audits (call inside a read
 * transaction over those tables).
 */
export async function recordsOf(db: AuditDatabase, audits: Audit[]): Promise<RecordSet> {
  const { journeys, touchpoints, screenshots, actionItems } = db;
  const journeyList = await journeys
    .where('auditId')
    .anyOf(audits.map((a) => a.id))
    .sortBy('createdAt');
  const steps = await touchpoints
    .where('journeyId')
    .anyOf(journeyList.map((j) => j.id))
    .toArray();
  const stepIds = steps.map((s) => s.id);
  return {
    audits,
    journeys: journeyList,
    touchpoints: steps,
    screenshots: await screenshots.where('touchpointId').anyOf(stepIds).toArray(),
    actionItems: await actionItems.where('touchpointId').anyOf(stepIds).toArray(),
  };
}

export class AuditRecords extends StorePart {
  listAudits(): Promise<Audit[]> {
    return this.db.audits.orderBy('updatedAt').reverse().toArray();
  }

  getAudit(id: string): Promise<Audit | undefined> {
    return this.db.audits.get(id);
  }

  async createAudit(input: AuditInput): Promise<Audit> {
    const now = this.now();
    const audit = parse(
      Audit,
      { ...input, method: EMPTY_METHOD, id: this.newId(), createdAt: now, updatedAt: now },
      'audit',
    );
    await this.core.write(0, () => this.db.audits.add(audit));
    return audit;
  }

  async updateAudit(id: string, edit: AuditEdit): Promise<Audit> {
    const changes = parse(AuditEdit, edit, 'audit edit');
    return this.core.modify('audits', id, () => changes);
  }

  /** Changes what goes into an audit's report (applied to the stored settings in one transaction). */
  async updateReportSettings(
    auditId: string,
    change: (current: ReportSettings) => ReportSettings,
  ): Promise<Audit> {
    return this.core.modify('audits', auditId, (audit) => ({
      report: parse(
        ReportSettings,
        change(audit.report ?? DEFAULT_REPORT_SETTINGS),
        'report settings',
      ),
    }));
  }

  /** Reads one audit with its journeys, steps and screenshot metadata in one read transaction. */
  async readAudit(auditId: string): Promise<AuditSnapshot> {
    const { audits, journeys, touchpoints, screenshots, actionItems } = this.db;
    return this.db.transaction(
      'r',
      [audits, journeys, touchpoints, screenshots, actionItems],
      async () => {
        const audit = await audits.get(auditId);
        if (!audit) throw new NotFoundError('Audit', auditId);
        const records = await recordsOf(this.db, [audit]);
        return { ...records, audit };
      },
    );
  }

  listJourneys(auditId: string): Promise<Journey[]> {
    return this.db.journeys.where({ auditId }).sortBy('createdAt');
  }

  getJourney(id: string): Promise<Journey | undefined> {
    return this.db.journeys.get(id);
  }

  async createJourney(input: JourneyInput): Promise<Journey> {
    const now = this.now();
    const journey = parse(
      Journey,
      {
        ...input,
        id: this.newId(),
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        outcome: null,
        measurements: [],
      },
      'journey',
    );
    await this.core.write(0, () =>
      this.db.transaction('rw', this.db.audits, this.db.journeys, async () => {
        if (!(await this.db.audits.get(journey.auditId)))
          throw new NotFoundError('Audit', journey.auditId);
        await this.db.journeys.add(journey);
      }),
    );
    return journey;
  }

  async updateJourney(id: string, edit: JourneyEdit): Promise<Journey> {
    const changes = parse(JourneyEdit, edit, 'journey edit');
    return this.core.modify('journeys', id, () => changes);
  }

  /** Marks a journey finished with an outcome, or reopens it (outcome null). */
  async finishJourney(id: string, outcome: Outcome | null): Promise<void> {
    await this.core.modify('journeys', id, (_journey, now) => ({
      outcome,
      finishedAt: outcome ? now : null,
    }));
  }
}
