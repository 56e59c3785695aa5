/**
 * Audits and their journeys (walks): create, read, edit (deleting goes through Recently deleted).
 * A new walk may bring a new brand or wave, written in the same transaction.
 */
import {
  Audit,
  AuditEdit,
  type AuditInput,
  type AuditProgramme,
  type AuditSnapshot,
  DEFAULT_REPORT_SETTINGS,
  EMPTY_METHOD,
  Journey,
  JourneyEdit,
  NewJourney,
  type Outcome,
  type RecordSet,
  ReportSettings,
} from '../model';
import { parse, StorePart } from './core';
import { NotFoundError } from './errors';
import { checkWalkLinks, ProgrammeRecords, sortBrands, sortWaves } from './programme';
import type { AuditDatabase } from './schema';

/**
 * The brands, waves, journeys, steps, screenshots and action items of some audits (call inside a
 * read transaction over those tables).
 */
export async function recordsOf(db: AuditDatabase, audits: Audit[]): Promise<RecordSet> {
  const { brands, waves, journeys, touchpoints, screenshots, actionItems } = db;
  const auditIds = audits.map((a) => a.id);
  const journeyList = await journeys.where('auditId').anyOf(auditIds).sortBy('createdAt');
  const steps = await touchpoints
    .where('journeyId')
    .anyOf(journeyList.map((j) => j.id))
    .toArray();
  const stepIds = steps.map((s) => s.id);
  return {
    audits,
    brands: sortBrands(await brands.where('auditId').anyOf(auditIds).toArray()),
    waves: sortWaves(await waves.where('auditId').anyOf(auditIds).toArray()),
    journeys: journeyList,
    touchpoints: steps,
    screenshots: await screenshots.where('touchpointId').anyOf(stepIds).toArray(),
    actionItems: await actionItems.where('touchpointId').anyOf(stepIds).toArray(),
  };
}

export class AuditRecords extends StorePart {
  private readonly programme = new ProgrammeRecords(this.core);

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

  /**
   * Reads one audit with its brands, waves, journeys, steps and screenshot metadata in one read
   * transaction.
   */
  async readAudit(auditId: string): Promise<AuditSnapshot> {
    const { audits, brands, waves, journeys, touchpoints, screenshots, actionItems } = this.db;
    return this.db.transaction(
      'r',
      [audits, brands, waves, journeys, touchpoints, screenshots, actionItems],
      async () => {
        const audit = await audits.get(auditId);
        if (!audit) throw new NotFoundError('Audit', auditId);
        const records = await recordsOf(this.db, [audit]);
        return { ...records, audit };
      },
    );
  }

  /**
   * The audit with its brands, waves and walks only: a few records however many steps the audit
   * has, so the report can offer its choices before the steps are read.
   */
  async readProgramme(auditId: string): Promise<AuditProgramme> {
    const { audits, brands, waves, journeys } = this.db;
    return this.db.transaction('r', [audits, brands, waves, journeys], async () => {
      const audit = await audits.get(auditId);
      if (!audit) throw new NotFoundError('Audit', auditId);
      const [b, w, j] = await Promise.all([
        brands.where({ auditId }).toArray(),
        waves.where({ auditId }).toArray(),
        journeys.where({ auditId }).toArray(),
      ]);
      return { audit, brands: b, waves: w, journeys: j };
    });
  }

  listJourneys(auditId: string): Promise<Journey[]> {
    return this.db.journeys.where({ auditId }).sortBy('createdAt');
  }

  getJourney(id: string): Promise<Journey | undefined> {
    return this.db.journeys.get(id);
  }

  /**
   * Starts a walk. Its brand and wave are existing records of the audit (by id) or new ones (name
   * and the rest), written in the same transaction as the journey: if anything is refused (a
   * brand name the audit has already, a brand or wave of another audit, a missing audit), nothing
   * is written.
   */
  async createJourney(input: NewJourney): Promise<Journey> {
    const { brand: brandChoice, wave: waveChoice, ...fields } = parse(NewJourney, input, 'journey');
    const { auditId } = fields;
    const brand = 'id' in brandChoice ? null : this.programme.newBrand({ ...brandChoice, auditId });
    const wave = 'id' in waveChoice ? null : this.programme.newWave({ ...waveChoice, auditId });
    const now = this.now();
    const journey = parse(
      Journey,
      {
        ...fields,
        brandId: brand?.id ?? ('id' in brandChoice ? brandChoice.id : ''),
        waveId: wave?.id ?? ('id' in waveChoice ? waveChoice.id : ''),
        id: this.newId(),
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        outcome: null,
        measurements: [],
      },
      'journey',
    );
    const { audits, brands, waves, journeys } = this.db;
    await this.core.write(0, () =>
      this.db.transaction('rw', [audits, brands, waves, journeys], async () => {
        if (!(await audits.get(auditId))) throw new NotFoundError('Audit', auditId);
        if (brand) await this.programme.addBrand(brand);
        if (wave) await this.programme.addWave(wave);
        await checkWalkLinks(this.db, auditId, journey);
        await journeys.add(journey);
      }),
    );
    return journey;
  }

  /**
   * Edits a walk: its task, persona, entry channel, auditor, or the brand or wave it belongs to
   * (which must be records of the same audit).
   */
  async updateJourney(id: string, edit: JourneyEdit): Promise<Journey> {
    const changes = parse(JourneyEdit, edit, 'journey edit');
    return this.core.modify(
      'journeys',
      id,
      async (current) => {
        await checkWalkLinks(this.db, current.auditId, changes);
        return changes;
      },
      { also: [this.db.brands, this.db.waves] },
    );
  }

  /** Marks a journey finished with an outcome, or reopens it (outcome null). */
  async finishJourney(id: string, outcome: Outcome | null): Promise<void> {
    await this.core.modify('journeys', id, (_journey, now) => ({
      outcome,
      finishedAt: outcome ? now : null,
    }));
  }
}
