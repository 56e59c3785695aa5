/** Walk and brand labels (lib/report/labels.ts): brand name first, only what differs, unique. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrandRole } from '../../lib/model';
import {
  brandLabels,
  LABEL_SEPARATOR,
  walkLabels,
  type LabelledBrand,
  type LabelledWalk,
  type LabelledWave,
  type LabelWords,
} from '../../lib/report/labels';
import { CHANNEL_IDS, channelLabel } from '../../lib/taxonomy';

const EN: LabelWords = {
  noPersona: 'no persona',
  noAuditor: 'no auditor',
  noWave: 'no wave',
  noDomain: 'no domain',
  unknownBrand: 'unknown brand',
  role: { own: 'own', competitor: 'competitor', benchmark: 'benchmark' },
};
const RU: LabelWords = {
  noPersona: 'без персоны',
  noAuditor: 'без аудитора',
  noWave: 'без волны',
  noDomain: 'без домена',
  unknownBrand: 'неизвестный бренд',
  role: { own: 'свой', competitor: 'конкурент', benchmark: 'эталон' },
};
const channelEn = (id: LabelledWalk['entryChannel']) => channelLabel(id, 'en');

function brand(id: string, name: string, more: Partial<LabelledBrand> = {}): LabelledBrand {
  return { id, name, domain: `${id}.example`, role: 'competitor', createdAt: 0, ...more };
}
const WAVES: LabelledWave[] = [
  { id: 'w1', name: 'Wave 1' },
  { id: 'w2', name: 'Wave 2' },
];
let nextWalk = 0;
function walk(brandId: string, more: Partial<LabelledWalk> = {}): LabelledWalk {
  nextWalk++;
  return {
    id: `j${nextWalk}`,
    brandId,
    waveId: 'w1',
    persona: 'students',
    entryChannel: 'website',
    auditor: 'Anna',
    createdAt: nextWalk,
    ...more,
  };
}
function labels(walks: LabelledWalk[], brands: LabelledBrand[], words = EN): string[] {
  const map = walkLabels(walks, brands, WAVES, channelEn, words);
  return walks.map((w) => map.get(w.id)!);
}

describe('walkLabels', () => {
  const bright = brand('b', 'Brightline');
  const nova = brand('n', 'Nova');

  it('shows only the brand name when each brand has one walk', () => {
    const walks = [walk('b'), walk('n', { waveId: 'w2', persona: 'parents', auditor: 'Ivan' })];
    expect(labels(walks, [bright, nova])).toEqual(['Brightline', 'Nova']);
  });

  it('adds only what differs between walks of the same brand, in the fixed order', () => {
    const walks = [
      walk('b'),
      walk('b', { waveId: 'w2' }),
      walk('b', { waveId: 'w2', entryChannel: 'phone' }),
      walk('n'),
    ];
    expect(labels(walks, [bright, nova])).toEqual([
      'Brightline · Wave 1 · Website',
      'Brightline · Wave 2 · Website',
      'Brightline · Wave 2 · Phone call',
      'Nova',
    ]);
  });

  it('orders the parts wave, persona, channel, auditor', () => {
    const walks = [
      walk('b', { auditor: 'Ivan', persona: 'parents', entryChannel: 'phone', waveId: 'w2' }),
      walk('b'),
    ];
    expect(labels(walks, [bright])).toEqual([
      'Brightline · Wave 2 · parents · Phone call · Ivan',
      'Brightline · Wave 1 · students · Website · Anna',
    ]);
  });

  it('shows an empty value that differs as its placeholder, in the language given', () => {
    const walks = [walk('b', { persona: '  ' }), walk('b', { auditor: '' }), walk('b')];
    expect(labels(walks, [bright])).toEqual([
      'Brightline · no persona · Anna',
      'Brightline · students · no auditor',
      'Brightline · students · Anna',
    ]);
    expect(labels(walks, [bright], RU)[0]).toBe('Brightline · без персоны · Anna');
  });

  it('leaves out a dimension empty for every walk, and compares values ignoring case', () => {
    const walks = [
      walk('b', { persona: '', auditor: 'anna ' }),
      walk('b', { persona: '', waveId: 'w2' }),
    ];
    expect(labels(walks, [bright])).toEqual(['Brightline · Wave 1', 'Brightline · Wave 2']);
  });

  it('tells same-name brands apart by domain, then by role, only where labels meet', () => {
    const other = brand('b2', 'brightline ', { domain: 'brightline.ru' });
    const walks = [walk('b', { waveId: 'w2' }), walk('b2', { waveId: 'w2' }), walk('b')];
    expect(labels(walks, [bright, other])).toEqual([
      'Brightline (b.example) · Wave 2',
      'brightline (brightline.ru) · Wave 2',
      'Brightline · Wave 1',
    ]);
    const own = brand('b3', 'Brightline', { domain: 'b.example', role: 'own' });
    expect(labels([walk('b'), walk('b3')], [bright, own])).toEqual([
      'Brightline (competitor)',
      'Brightline (own)',
    ]);
  });

  it('numbers walks alike in everything by createdAt, then id', () => {
    const walks = [
      walk('b', { id: 'z', createdAt: 5 }),
      walk('b', { id: 'a', createdAt: 5 }),
      walk('b', { createdAt: 1 }),
    ];
    expect(labels(walks, [bright])).toEqual([
      'Brightline · #3',
      'Brightline · #2',
      'Brightline · #1',
    ]);
  });

  it('numbers same-name brands alike in domain and role after their differing parts', () => {
    const twin = brand('b2', 'Brightline', { domain: 'b.example' });
    const walks = [walk('b'), walk('b2'), walk('b', { waveId: 'w2' })];
    expect(labels(walks, [bright, twin])).toEqual([
      'Brightline · Wave 1 · #1',
      'Brightline · Wave 1 · #2',
      'Brightline · Wave 2',
    ]);
  });

  it('skips a number another label already has', () => {
    const walks = [walk('b', { persona: 'x · #1' }), walk('b', { persona: 'x' })];
    walks.push(walk('b', { persona: 'x' }));
    expect(labels(walks, [bright])).toEqual([
      'Brightline · x · #1',
      'Brightline · x · #2',
      'Brightline · x · #3',
    ]);
  });

  it('names a walk whose brand or wave is missing with the placeholders', () => {
    const walks = [walk('gone'), walk('b', { waveId: 'gone' }), walk('b')];
    expect(labels(walks, [bright])).toEqual([
      'unknown brand',
      'Brightline · no wave',
      'Brightline · Wave 1',
    ]);
  });
});

describe('brandLabels', () => {
  it('adds the domain or role only when two brands shown share the name', () => {
    const brands = [
      brand('a', 'Brightline', { domain: 'brightline.com' }),
      brand('b', ' BRIGHTLINE', { domain: '' }),
      brand('c', 'Nova'),
      brand('d', 'Acme', { role: 'own', domain: 'acme.test' }),
      brand('e', 'acme', { role: 'benchmark', domain: 'ACME.test' }),
    ];
    const map = brandLabels(brands, EN);
    expect(brands.map((b) => map.get(b.id))).toEqual([
      'Brightline (brightline.com)',
      'BRIGHTLINE (no domain)',
      'Nova',
      'Acme (own)',
      'acme (benchmark)',
    ]);
  });

  it('numbers brands alike in name, domain and role', () => {
    const brands = [
      brand('x', 'Nova', { createdAt: 2 }),
      brand('y', 'Nova', { domain: 'x.example' }),
    ];
    const map = brandLabels(brands, EN);
    expect(brands.map((b) => map.get(b.id))).toEqual(['Nova · #2', 'Nova · #1']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: labels never meet and always start with the brand's name.

/** Few values, so names, personas and auditors repeat; separators and ordinals typed on purpose. */
const word = fc.constantFrom(
  '',
  ' ',
  'Brightline',
  'brightline',
  ' Bright  line ',
  'Bright line',
  'Nova',
  'x · #1',
  'x',
  '#2',
  'Nova (competitor)',
  'Nova · Wave 1',
  'Σ',
);
const nonEmptyWord = word.filter((w) => w.trim() !== '');
const role = fc.constantFrom<BrandRole>('own', 'competitor', 'benchmark');
const programme = fc
  .record({
    brands: fc.array(fc.record({ name: nonEmptyWord, domain: word, role, createdAt: fc.nat(3) }), {
      minLength: 1,
      maxLength: 6,
    }),
    waves: fc.array(nonEmptyWord, { maxLength: 4 }),
    walks: fc.array(
      fc.record({
        brand: fc.nat(7),
        wave: fc.nat(5),
        persona: word,
        entryChannel: fc.constantFrom(...CHANNEL_IDS.slice(0, 3)),
        auditor: word,
        createdAt: fc.nat(3),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ brands, waves, walks }) => ({
    brands: brands.map((b, i) => ({ ...b, id: `b${i}` })),
    waves: waves.map((name, i) => ({ id: `w${i}`, name })),
    // Indexes past the end stand for a brand or wave that is not given.
    walks: walks.map(({ brand: b, wave: w, ...rest }, i) => ({
      ...rest,
      id: `j${i}`,
      brandId: `b${b}`,
      waveId: `w${w}`,
    })),
  }));

const clean = (s: string) => s.trim().replace(/\s+/g, ' ');
const key = (s: string) => clean(s).toLocaleLowerCase('en');
function startsWithName(label: string, name: string): boolean {
  return (
    label === name || label.startsWith(`${name}${LABEL_SEPARATOR}`) || label.startsWith(`${name} (`)
  );
}
function wellFormed(label: string): boolean {
  return label === clean(label) && label.split(LABEL_SEPARATOR).every((p) => p.trim() !== '');
}

describe('labels, for any programme', () => {
  it('never give two walks the same label, and start with the brand name', () => {
    fc.assert(
      fc.property(programme, fc.constantFrom(EN, RU), ({ brands, waves, walks }, words) => {
        const map = walkLabels(walks, brands, waves, channelEn, words);
        expect(map.size).toBe(walks.length);
        const all = walks.map((w) => map.get(w.id)!);
        expect(new Set(all.map(key)).size).toBe(walks.length);
        for (const w of walks) {
          const b = brands.find((x) => x.id === w.brandId);
          const label = map.get(w.id)!;
          expect(startsWithName(label, b ? clean(b.name) : words.unknownBrand), label).toBe(true);
          expect(wellFormed(label), label).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never give two brands the same label, and start with the name', () => {
    fc.assert(
      fc.property(programme, ({ brands }) => {
        const map = brandLabels(brands, EN);
        expect(new Set([...map.values()].map(key)).size).toBe(brands.length);
        for (const b of brands) {
          expect(startsWithName(map.get(b.id)!, clean(b.name))).toBe(true);
          expect(wellFormed(map.get(b.id)!)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
