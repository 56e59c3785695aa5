/** Times as the auditor types them in the side panel (lib/taxonomy/entered-times.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay, parseDateInput, parseDuration } from '../../lib/taxonomy';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['90', 90 * S],
    ['90s', 90 * S],
    [' 90 s ', 90 * S],
    ['0', 0],
    ['2m', 2 * M],
    ['2 min', 2 * M],
    ['2MIN', 2 * M],
    ['1h 30m', H + 30 * M],
    ['1h30m', H + 30 * M],
    ['2m 5s', 2 * M + 5 * S],
    ['1d', D],
    ['1.5h', 1.5 * H],
    ['1,5h', 1.5 * H],
    ['0.25 s', 250],
    ['1:30', 90 * S],
    ['0:05', 5 * S],
    ['12:00', 12 * M],
    ['1:02:03', H + 2 * M + 3 * S],
    ['10:00:00', 10 * H],
    // Russian units.
    ['45 с', 45 * S],
    ['2 мин', 2 * M],
    ['2 м', 2 * M],
    ['3 ч', 3 * H],
    ['1 Ч 15 МИН', H + 15 * M],
    ['2 д', 2 * D],
    ['1,5 ч', 1.5 * H],
    ['1,5 ч 2,5 мин', 1.5 * H + 2.5 * M],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    '   ',
    'soon',
    '5 x',
    '-3',
    '-3 min',
    '1:xx',
    '1:',
    ':30',
    '1:2:3:4',
    '1:234',
    'h',
    '2 hours',
    '5 сек',
    '1.5.5',
    '.5h',
    '1e3',
    '2m soon',
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDuration('0.0004')).toBe(0);
    expect(parseDuration('1.0006s')).toBe(1001);
  });

  it('reads any h/m/s combination as the sum of its parts (property)', () => {
    fc.assert(
      fc.property(fc.nat(99), fc.nat(59), fc.nat(59), (h, m, s) => {
        const ms = ((h * 60 + m) * 60 + s) * S;
        expect(parseDuration(`${h}h ${m}m ${s}s`)).toBe(ms);
        expect(parseDuration(`${h} ч ${m} мин ${s} с`)).toBe(ms);
        expect(parseDuration(`${h}:${String(m).padStart(2, '0')}:${s}`)).toBe(ms);
      }),
    );
  });
});

describe('localDay and parseDateInput', () => {
  it('turn a local midnight into yyyy-mm-dd and back', () => {
    const ms = new Date(2026, 0, 5).getTime();
    expect(localDay(ms)).toBe('2026-01-05');
    expect(parseDateInput('2026-01-05')).toBe(ms);
    // Any time of the day is that day.
    expect(localDay(new Date(2026, 11, 31, 23, 59).getTime())).toBe('2026-12-31');
  });

  it('give null for what is not yyyy-mm-dd', () => {
    for (const text of ['', '2026-1-5', '05.01.2026', '2026-01-05T00:00', 'tomorrow'])
      expect(parseDateInput(text)).toBeNull();
  });

  it.each([
    'UTC',
    'Europe/Moscow',
    'America/Los_Angeles',
    'America/Sao_Paulo',
    'Pacific/Kiritimati',
  ])('round-trip every date from 2000 to 2100 in %s (property)', (zone) => {
    const day = fc
      .date({
        min: new Date(Date.UTC(2000, 0, 1)),
        max: new Date(Date.UTC(2100, 11, 31)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(new Date(Date.UTC(2026, 0, 5)).getTimezoneOffset()).toBe(
        {
          UTC: 0,
          'Europe/Moscow': -180,
          'America/Los_Angeles': 480,
          'America/Sao_Paulo': 180,
          'Pacific/Kiritimati': -840,
        }[zone],
      );
      fc.assert(
        fc.property(day, (text) => {
          const ms = parseDateInput(text);
          expect(ms).not.toBeNull();
          expect(localDay(ms!)).toBe(text);
          // The stored time starts that local day: its midnight, or 01:00 where the clocks
          // skipped midnight (São Paulo, 4 November 2018).
          expect(localDay(ms! - 1)).not.toBe(text);
        }),
        { examples: [['2000-01-01'], ['2018-11-04'], ['2100-12-31']] },
      );
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
