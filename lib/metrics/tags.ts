/** Free tags of steps (Step.tags): compared without case, counted over steps. Pure. */

/** Tags compare without regard to case ("Price" and "price" are one tag). */
export const tagKey = (tag: string): string => tag.trim().toLocaleLowerCase();

/** Whether a step carries the tag (without regard to case). */
export function hasTag(step: { tags?: readonly string[] | undefined }, tag: string): boolean {
  const key = tagKey(tag);
  return (step.tags ?? []).some((other) => tagKey(other) === key);
}

/**
 * The tags of some steps, each once (the spelling used most, then the first seen), with how many
 * steps carry it: most used first, then by name.
 */
export function tagCounts(
  steps: Iterable<{ tags?: readonly string[] | undefined }>,
): { tag: string; steps: number }[] {
  const byKey = new Map<string, { spellings: Map<string, number>; steps: number }>();
  for (const step of steps) {
    const seen = new Set<string>();
    for (const tag of step.tags ?? []) {
      const key = tagKey(tag);
      const entry = byKey.get(key) ?? { spellings: new Map<string, number>(), steps: 0 };
      entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1);
      if (!seen.has(key)) entry.steps += 1;
      seen.add(key);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .map(({ spellings, steps }) => {
      let best = '';
      let most = 0;
      for (const [spelling, n] of spellings) if (n > most) [best, most] = [spelling, n];
      return { tag: best, steps };
    })
    .sort((a, b) => b.steps - a.steps || a.tag.localeCompare(b.tag));
}
