/**
 * Walk labels across a whole report (property): whatever the programme — brands with the same
 * name in any case, waves, personas, channels, auditors alike or not — no two walks a report
 * shows share a label, in English or Russian, and every walk keeps one label in every section.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrandRole } from '../../lib/model';
import { reportLabels } from '../../lib/report/words';
import { reportFixture } from './report-walks';

const walkSpec = fc.record({
  brand: fc.nat(3),
  wave: fc.nat(2),
  persona: fc.constantFrom('', 'family', 'Family ', 'student'),
  entryChannel: fc.constantFrom('search' as const, 'phone' as const),
  auditor: fc.constantFrom('', 'Anna', 'anna', 'Boris'),
});

describe('report labels', () => {
  it('no two walks of one report share a label, in any language', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Brightline', 'brightline', 'Fastwave'), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(walkSpec, { minLength: 1, maxLength: 12 }),
        fc.nat(2),
        (names, walks, chosenWave) => {
          const f = reportFixture();
          const roles: BrandRole[] = ['own', 'competitor', 'benchmark'];
          const brands = names.map((name, i) => f.brand(name, roles[i % 3]));
          const waves = [0, 1, 2].map((m) => f.wave(`Wave ${m + 1}`, m));
          for (const w of walks)
            f.walk(brands[w.brand % brands.length]!, waves[w.wave]!, [{ experience: 3 }], w);
          const model = f.report({ waveId: waves[chosenWave]!.id });
          const shown = new Set([
            ...model.segmentWalks.map((w) => w.journey.id),
            ...model.history.flatMap((h) => h.walks.map((w) => w.journey.id)),
          ]);
          for (const locale of ['en', 'ru'] as const) {
            const labels = reportLabels(model, locale);
            const texts = [...shown].map((id) => labels.walk(id));
            expect(new Set(texts.map((t) => t.toLowerCase())).size).toBe(texts.length);
            for (const id of shown) {
              const walk = f.snapshot.journeys.find((j) => j.id === id)!;
              const brand = f.snapshot.brands.find((b) => b.id === walk.brandId)!;
              expect(labels.walk(id).startsWith(brand.name.trim())).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
