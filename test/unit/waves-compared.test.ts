/** Waves compared: walks matched by segment, the walks left over, and the images shown. */
import { describe, expect, it } from 'vitest';
import type { Screenshot } from '../../lib/model';
import { evidenceRows } from '../../lib/report/evidence';
import { reaudits } from '../../lib/report/reaudit';
import { reportFixture } from './report-walks';

function twoWaves() {
  const f = reportFixture();
  const own = f.brand('Brightline', 'own');
  const w1 = f.wave('Wave 1', 0);
  const w2 = f.wave('Wave 2', 1);
  const family1 = f.walk(own, w1, [{ experience: 2 }, { experience: 3 }], { persona: 'family' });
  const student1 = f.walk(own, w1, [{ experience: 1 }, { experience: 1 }, { experience: 1 }], {
    persona: 'student',
  });
  const family2 = f.walk(own, w2, [{ experience: 4 }, { experience: 5 }], { persona: 'Family ' });
  const retired2 = f.walk(own, w2, [{ experience: 3 }], { persona: 'retired' });
  return { f, family1, student1, family2, retired2 };
}

describe('waves compared', () => {
  it('pairs steps walk with walk, matched by persona; the rest is listed, not paired', () => {
    const { f, family1, student1, family2, retired2 } = twoWaves();
    const [pair] = reaudits(f.report());
    expect(pair!.onlyBefore.map((w) => w.journey.id)).toEqual([student1.journey.id]);
    // "Family " and "family" are one persona (trimmed, case ignored): matched; retired is new.
    expect(pair!.onlyAfter.map((w) => w.journey.id)).toEqual([retired2.journey.id]);
    const steps = pair!.stages.flatMap((s) => s.steps);
    expect(steps.map((p) => [p.before?.touchpoint.id, p.after?.touchpoint.id])).toEqual([
      [family1.steps[0]!.id, family2.steps[0]!.id],
      [family1.steps[1]!.id, family2.steps[1]!.id],
    ]);
    // The stage's figures still pool every walk: mean of walk means (2.5, 1) → (4.5, 3).
    const [stage] = pair!.stages;
    expect(stage!.experience.before).toBeCloseTo(1.75);
    expect(stage!.experience.after).toBeCloseTo(3.75);
    // Touches in the stage: medians over the walks, 2.5 (2 and 3) → 1.5 (2 and 1).
    expect(stage!.touches.before).toBe(2.5);
    expect(stage!.touches.after).toBe(1.5);
  });

  it('prefers the walk of the same auditor when a persona was walked twice', () => {
    const f = reportFixture();
    const rival = f.brand('Fastwave');
    const [w1, w2] = [f.wave('Wave 1', 0), f.wave('Wave 2', 1)];
    const anna = f.walk(rival, w1, [{ experience: 4 }], { persona: 'family', auditor: 'Anna' });
    const boris1 = f.walk(rival, w1, [{ experience: 2 }], { persona: 'family', auditor: 'Boris' });
    const boris2 = f.walk(rival, w2, [{ experience: 3 }], { persona: 'family', auditor: 'boris' });
    const [pair] = reaudits(f.report());
    const [step] = pair!.stages.flatMap((s) => s.steps);
    expect([step!.before?.touchpoint.id, step!.after?.touchpoint.id]).toEqual([
      boris1.steps[0]!.id,
      boris2.steps[0]!.id,
    ]);
    expect(pair!.onlyBefore.map((w) => w.journey.id)).toEqual([anna.journey.id]);
  });

  it('lists and embeds the earlier wave’s images the report shows beside the compared ones', () => {
    const { f, family1, student1, family2 } = twoWaves();
    const shot = (stepId: string, n: number) =>
      ({ id: `shot-${n}`, touchpointId: stepId, createdAt: n, part: 0 }) as unknown as Screenshot;
    f.snapshot.screenshots.push(
      shot(family1.steps[0]!.id, 1),
      shot(student1.steps[0]!.id, 2),
      shot(family2.steps[0]!.id, 3),
    );
    const rows = evidenceRows(f.report());
    // The compared wave's image, then the matched earlier walk's; the unmatched walk's is not shown.
    expect(rows.map((r) => r.shot.id)).toEqual(['shot-3', 'shot-1']);
    const hidden = f.report();
    hidden.settings = { ...hidden.settings, hidden: ['reaudit'] };
    expect(evidenceRows(hidden).map((r) => r.shot.id)).toEqual(['shot-3']);
  });
});
