/** The side panel's step list by stage: runs of one stage, counts and mean experience (by hand). */
import { describe, expect, it } from 'vitest';
import { groupAt, placeInGroup, stageGroups } from '../../lib/controllers/step-groups';

/** Hand-made steps: [stage, experience] in the walk's order; ids s1, s2… */
const walk = (...steps: [string, number | null][]) =>
  steps.map(([stage, experience], i) => ({ id: `s${i + 1}`, stage, experience }));

describe('stage groups', () => {
  it('an empty walk has no group', () => {
    expect(stageGroups([])).toEqual([]);
    expect(placeInGroup([], 's1')).toBeNull();
    expect(groupAt([], 0)).toBeUndefined();
  });

  it('groups consecutive steps of one stage, with their count and mean experience', () => {
    const groups = stageGroups(
      walk(['information', 4], ['information', 5], ['information', 2], ['contact', null]),
    );
    expect(groups).toEqual([
      // (4 + 5 + 2) / 3 = 11 / 3
      {
        key: 'information\u00000',
        stage: 'information',
        occurrence: 0,
        first: 0,
        count: 3,
        scored: 3,
        score: 11 / 3,
      },
      {
        key: 'contact\u00000',
        stage: 'contact',
        occurrence: 0,
        first: 3,
        count: 1,
        scored: 0,
        score: null,
      },
    ]);
  });

  it('a stage met again later is a group of its own, told apart by its occurrence', () => {
    const groups = stageGroups(
      walk(
        ['contact', 3],
        ['offer', null],
        ['contact', 1],
        ['contact', null],
        ['contact', 4],
        ['offer', 5],
      ),
    );
    expect(groups.map((g) => [g.key, g.first, g.count, g.scored, g.score])).toEqual([
      ['contact\u00000', 0, 1, 1, 3],
      ['offer\u00000', 1, 1, 0, null],
      // Unscored steps count as steps but not in the mean: (1 + 4) / 2 = 2.5.
      ['contact\u00001', 2, 3, 2, 2.5],
      ['offer\u00001', 5, 1, 1, 5],
    ]);
  });

  it('custom stages (the audit’s own names) group like built-in ones; names are compared exactly', () => {
    const groups = stageGroups(
      walk(['Showroom visit', 5], ['Showroom visit', 4], ['showroom visit', 3], ['onboarding', 1]),
    );
    expect(groups.map((g) => [g.stage, g.count, g.score])).toEqual([
      ['Showroom visit', 2, 4.5],
      ['showroom visit', 1, 3],
      ['onboarding', 1, 1],
    ]);
  });

  it('finds the group of a step and a step’s place in its group', () => {
    const steps = walk(['a', 1], ['a', 2], ['b', 3], ['a', 4], ['a', 5], ['a', null]);
    const groups = stageGroups(steps);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => groupAt(groups, i)?.key)).toEqual([
      'a\u00000',
      'a\u00000',
      'b\u00000',
      'a\u00001',
      'a\u00001',
      'a\u00001',
      undefined,
    ]);
    expect(placeInGroup(steps, 's5')).toEqual({ seq: 5, stage: 'a', position: 2, count: 3 });
    expect(placeInGroup(steps, 's3')).toEqual({ seq: 3, stage: 'b', position: 1, count: 1 });
    expect(placeInGroup(steps, 'nope')).toBeNull();
  });

  it('a thousand steps in alternating runs group in one pass', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i}`,
      stage: Math.floor(i / 10) % 2 ? 'contact' : 'information',
      experience: (i % 5) + 1,
    }));
    const groups = stageGroups(steps);
    expect(groups).toHaveLength(100);
    // Each run of ten has experiences 1…5 twice: mean 3.
    expect(groups.every((g) => g.count === 10 && g.score === 3)).toBe(true);
    expect(groups[99]!.key).toBe('contact\u000049');
    expect(groupAt(groups, 999)).toBe(groups[99]);
  });
});
