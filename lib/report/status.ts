/**
 * The report's stages under the customer's status (prospect, customer, former): the stage rows
 * grouped, with a subtotal per status where a table has figures. Pure.
 */
import { combineCompliance, type Compliance } from '../metrics';
import { groupByStatus, type StatusGroup } from '../taxonomy';
import type { ReportModel, StageRow } from './model';
import { stageScorecards, type StageScorecard } from './summary';

/** The stage rows of one status, in the report's order. */
export interface StatusRows {
  status: StatusGroup;
  rows: StageRow[];
}

/** The report's stage rows under their status (statuses without a row left out). */
export function statusRows(model: Pick<ReportModel, 'stages' | 'audit'>): StatusRows[] {
  return groupByStatus(model.stages, (row) => row.stage, model.audit.method).map(
    ({ status, items }) => ({ status, rows: items }),
  );
}

/**
 * One status's rows pooled into one: each brand's steps in every stage of the status (the
 * figures of a subtotal are those of the pooled steps, not a mean of the stage rows).
 */
export function pooledRow(group: StatusRows, brands: number): StageRow {
  return {
    stage: group.status,
    cells: Array.from({ length: brands }, (_, i) =>
      group.rows.flatMap((row) => row.cells[i] ?? []),
    ),
  };
}

/** The scorecard of one status: its stages' cards and the subtotal over its stages. */
export interface StatusScorecard {
  status: StatusGroup;
  cards: StageScorecard[];
  /**
   * Every brand's figures over the steps of all the status's stages (each walk's mean of its
   * steps there, then the mean of the walks), the winner and the own brand's gap, as for a stage.
   * Its `stage` is the status.
   */
  subtotal: StageScorecard;
}

/** The scorecard per stage, grouped under the customer's status, each group with its subtotal. */
export function statusScorecards(
  model: ReportModel,
  cards: readonly StageScorecard[] = stageScorecards(model),
): StatusScorecard[] {
  const byStage = new Map(cards.map((card) => [card.stage, card]));
  return statusRows(model).map((group) => ({
    status: group.status,
    cards: group.rows.map((row) => byStage.get(row.stage)!).filter(Boolean),
    subtotal: stageScorecards({ ...model, stages: [pooledRow(group, model.brands.length)] })[0]!,
  }));
}

/** A brand's checklist compliance over every step of a status (weights pooled). */
export function statusCompliance(group: StatusRows, brandIndex: number): Compliance {
  return combineCompliance(
    group.rows.flatMap((row) => (row.cells[brandIndex] ?? []).map((step) => step.compliance)),
  );
}
