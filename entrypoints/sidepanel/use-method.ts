/** The audit method as the side panel shows it: the resolved catalogue and what it says per step. */
import { useMemo, useRef } from 'preact/hooks';
import type { MethodView, StepExtras } from '../../components/step-method';
import {
  applicableChecklists,
  evaluateMeasurements,
  likelihoodImpact,
  stepCompliance,
  weakReasons,
  type MeasurementResult,
} from '../../lib/metrics';
import type { ActionItem, Audit, Journey, Touchpoint } from '../../lib/model';
import {
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
  };
}

export function useMethod(
  audit: Audit | undefined,
  journey: Journey | undefined,
  steps: readonly Touchpoint[],
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
  const cache = useRef(new Map<string, { key: string; extras: StepExtras }>());
  const extras = useMemo(() => {
    const impacts = likelihoodImpact(steps);
    const byStep = new Map<string, ActionItem[]>();
    for (const action of actions)
      byStep.set(action.touchpointId, [...(byStep.get(action.touchpointId) ?? []), action]);
    const ownBrand = journey?.brandRole === 'own';
    const ctx = { templates: view.checklists, results };
    const next = new Map<string, { key: string; extras: StepExtras }>();
    for (const step of steps) {
      const templates = applicableChecklists(step, view.checklists);
      const templateCompliance = new Map(
        templates.map((template) => [
          template.id,
          stepCompliance({ ...step, typeId: null, stage: '', checklists: [template.id] }, [
            template,
          ]),
        ]),
      );
      const fresh: StepExtras = {
        templates,
        compliance: stepCompliance(step, view.checklists),
        templateCompliance,
        reasons: weakReasons(step, ctx),
        impact: impacts.get(step.id) ?? null,
        measurements: results.filter(
          (r) =>
            (r.measurement.startStepId === step.id || r.measurement.endStepId === step.id) &&
            !(r.running && r.measurement.startStepId !== step.id),
        ),
        actions: byStep.get(step.id) ?? [],
        ownBrand,
      };
      const key = JSON.stringify({
        ...fresh,
        templates: templates.map((c) => c.id),
        templateCompliance: [...templateCompliance.values()],
        measurements: fresh.measurements.map((r) => [
          r.measurement,
          r.status,
          r.running ? 'running' : r.measuredMs,
        ]),
        actions: fresh.actions.map((a) => `${a.id}:${a.updatedAt}`),
      });
      const kept = cache.current.get(step.id);
      next.set(
        step.id,
        kept && kept.key === key && kept.extras.templates.every((c, i) => c === templates[i])
          ? kept
          : { key, extras: fresh },
      );
    }
    cache.current = next;
    return next;
  }, [steps, actions, results, view, journey?.brandRole]);
  const extrasOf = (id: string): StepExtras => extras.get(id)!.extras;
  return { view, results, extrasOf };
}
