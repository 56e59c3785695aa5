/** The audit method as the side panel shows it: the resolved catalogue and what it says per step. */
import { useMemo, useRef } from 'preact/hooks';
import type { MethodView, StepExtras } from '../../components/panel/step-method';
import {
  applicableChecklists,
  evaluateMeasurements,
  likelihoodImpact,
  stepCompliance,
  weakReasons,
  type MeasurementResult,
} from '../../lib/metrics';
import type { ActionItem, Audit, BrandRole, Journey, Step } from '../../lib/model';
import {
  resolveCategories,
  resolveChannels,
  resolveChecklists,
  resolveStandards,
  resolveTypes,
  stageOptions,
  type Locale,
} from '../../lib/taxonomy';

/** The auditor's time zone, for working-day standards. */
export const utcOffsetMinutes = () => -new Date().getTimezoneOffset();

export function methodView(audit: Audit | undefined, locale: Locale): MethodView {
  const method = audit?.method ?? { types: [], stages: [], checklists: [], standards: [] };
  const standards = resolveStandards(method);
  return {
    types: resolveTypes(method).filter((type) => !type.hidden),
    checklists: resolveChecklists(method),
    standards: standards.filter((s) => !s.hidden),
    standardsById: new Map(standards.map((s) => [s.id, s])),
    stageOptions: stageOptions(method, locale),
    categories: resolveCategories(method),
    channels: resolveChannels(method),
  };
}

export function useMethod(
  audit: Audit | undefined,
  journey: Journey | undefined,
  /** The role of the walked brand (own-brand steps get the priority view). */
  role: BrandRole | undefined,
  steps: readonly Step[],
  actions: readonly ActionItem[],
  locale: Locale,
) {
  const view = useMemo(() => methodView(audit, locale), [audit?.method, locale]);
  const results = useMemo<MeasurementResult[]>(
    () =>
      evaluateMeasurements(
        journey?.measurements ?? [],
        [...view.standardsById.values()],
        steps,
        Date.now(),
        utcOffsetMinutes(),
      ),
    [journey?.measurements, steps, view],
  );
  // Per step: what it was computed from, so a change to one step recomputes that step only.
  const cache = useRef(
    new Map<string, { step: Step; view: MethodView; key: string; extras: StepExtras }>(),
  );
  const extras = useMemo(() => {
    const impacts = likelihoodImpact(steps);
    const actionsByStep = new Map<string, ActionItem[]>();
    for (const action of actions)
      actionsByStep.set(action.touchpointId, [
        ...(actionsByStep.get(action.touchpointId) ?? []),
        action,
      ]);
    // Measurements a step shows: started, stopped or entered on it (a running timer only on its start).
    const resultsByStep = new Map<string, MeasurementResult[]>();
    const add = (id: string | null, r: MeasurementResult) => {
      if (id !== null) resultsByStep.set(id, [...(resultsByStep.get(id) ?? []), r]);
    };
    for (const r of results) {
      add(r.measurement.startStepId, r);
      if (!r.running && r.measurement.endStepId !== r.measurement.startStepId)
        add(r.measurement.endStepId, r);
    }
    const ownBrand = role === 'own';
    const next = new Map<
      string,
      { step: Step; view: MethodView; key: string; extras: StepExtras }
    >();
    for (const step of steps) {
      const measurements = resultsByStep.get(step.id) ?? [];
      const stepActions = actionsByStep.get(step.id) ?? [];
      const impact = impacts.get(step.id) ?? null;
      const key = [
        impact,
        ownBrand,
        measurements
          .map(
            (r) =>
              `${r.measurement.id}:${r.status}:${r.running ? 'running' : r.measuredMs}:${r.measurement.excused}:${r.endStepId}`,
          )
          .join(),
        stepActions.map((a) => `${a.id}:${a.updatedAt}`).join(),
      ].join('|');
      const kept = cache.current.get(step.id);
      if (kept && kept.step === step && kept.view === view && kept.key === key) {
        next.set(step.id, kept);
        continue;
      }
      const templates = applicableChecklists(step, view.checklists);
      const templateCompliance = new Map(
        templates.map((template) => [
          template.id,
          stepCompliance({ ...step, typeId: null, stage: '', checklists: [template.id] }, [
            template,
          ]),
        ]),
      );
      next.set(step.id, {
        step,
        view,
        key,
        extras: {
          templates,
          compliance: stepCompliance(step, view.checklists),
          templateCompliance,
          reasons: weakReasons(step, {
            templates: view.checklists,
            results: measurements,
          }),
          impact,
          measurements,
          actions: stepActions,
          ownBrand,
        },
      });
    }
    cache.current = next;
    return next;
  }, [steps, actions, results, view, role]);
  const extrasOf = (id: string): StepExtras => extras.get(id)!.extras;
  return { view, results, extrasOf };
}
