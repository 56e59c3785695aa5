/**
 * The status line after a capture says what was covered as truly as it can: "Sensitive fields
 * were covered." only when every frame was checked; frames that could not be checked are counted.
 */
import { describe, expect, it } from 'vitest';
import { describeCapture } from '../../components/shared/describe-capture';
import { describeNotice } from '../../components/shared/describe-error';
import { translator } from '../../lib/i18n';
import type { CaptureSummary, Notice } from '../../lib/model';

const en = translator('en');
const ru = translator('ru');

const summary = (overrides: Partial<CaptureSummary> = {}): CaptureSummary => ({
  mode: 'visible',
  seq: 4,
  parts: 1,
  redacted: false,
  ...overrides,
});

/** The side panel's notice for the same capture made by a shortcut or auto-capture. */
const noticeOf = (capture: CaptureSummary): Notice => ({
  kind: 'captured',
  reason: capture.mode,
  params: {
    n: capture.seq,
    parts: capture.parts,
    redacted: capture.redacted ? 1 : 0,
    fields: capture.covered?.fields ?? 0,
    frames: capture.covered?.frames ?? 0,
  },
  at: 0,
});

/** The cases, with the English and Russian texts expected for each. */
const CASES: { name: string; capture: CaptureSummary; en: string; ru: string }[] = [
  {
    name: 'every frame checked, fields covered',
    capture: summary({ redacted: true, covered: { fields: 2, frames: 0 } }),
    en: 'Step 4 captured. Sensitive fields were covered.',
    ru: 'Шаг 4 сохранён. Чувствительные поля закрыты.',
  },
  {
    name: 'fields covered and one frame that could not be checked',
    capture: summary({ mode: 'full-page', redacted: true, covered: { fields: 1, frames: 1 } }),
    en:
      'Step 4 captured: the whole page. Sensitive fields were covered in the frames that could be ' +
      'checked. 1 embedded frame could not be checked and was covered. To uncover it, open ' +
      '“Annotate / redact”.',
    ru:
      'Шаг 4 снят: вся страница. Чувствительные поля закрыты во фреймах, которые удалось ' +
      'проверить. Один встроенный фрейм не удалось проверить — он закрыт целиком. Открыть его ' +
      'можно в «Пометки / скрыть».',
  },
  {
    name: 'no fields, three frames that could not be checked',
    capture: summary({ redacted: true, covered: { fields: 0, frames: 3 } }),
    en:
      'Step 4 captured. 3 embedded frames could not be checked and were covered. To uncover ' +
      'them, open “Annotate / redact”.',
    ru:
      'Шаг 4 сохранён. Встроенных фреймов не удалось проверить: 3; они закрыты целиком. ' +
      'Открыть их можно в «Пометки / скрыть».',
  },
  {
    name: 'nothing covered',
    capture: summary({ covered: { fields: 0, frames: 0 } }),
    en: 'Step 4 captured.',
    ru: 'Шаг 4 сохранён.',
  },
];

describe('describeCapture', () => {
  it.each(CASES)('says what was covered: $name', ({ capture, en: english, ru: russian }) => {
    expect(describeCapture(capture, en)).toBe(english);
    expect(describeCapture(capture, ru)).toBe(russian);
  });

  it('ends with "Sensitive fields were covered." only when every frame was checked', () => {
    const done = describeCapture(
      summary({ redacted: true, covered: { fields: 5, frames: 0 } }),
      en,
    );
    expect(done.endsWith('Sensitive fields were covered.')).toBe(true);
    for (const frames of [1, 2, 10]) {
      const text = describeCapture(summary({ redacted: true, covered: { fields: 5, frames } }), en);
      expect(text).not.toContain('Sensitive fields were covered.');
      expect(text).toContain('in the frames that could be checked');
    }
  });

  it('says the element facts first and the covering last', () => {
    const text = describeCapture(
      summary({
        mode: 'element',
        path: 'native',
        clipped: true,
        redacted: true,
        covered: { fields: 0, frames: 2 },
      }),
      en,
    );
    expect(text).toBe(
      'Step 4 captured: the element, cut from a screenshot (rendering it from the page failed or ' +
        'took too long). Only the part that fits on the screen was captured. 2 embedded frames ' +
        'could not be checked and were covered. To uncover them, open “Annotate / redact”.',
    );
  });

  it('falls back to the redacted flag when the counts are not known', () => {
    expect(describeCapture(summary({ redacted: true }), en)).toBe(
      'Step 4 captured. Sensitive fields were covered.',
    );
    expect(describeCapture(summary(), en)).toBe('Step 4 captured.');
  });
});

describe('describeNotice', () => {
  it.each(CASES)(
    'gives the status line of the capture for its notice: $name',
    ({ capture, en: english, ru: russian }) => {
      expect(describeNotice(noticeOf(capture), en)).toBe(english);
      expect(describeNotice(noticeOf(capture), ru)).toBe(russian);
      expect(describeNotice(noticeOf(capture), en)).toBe(describeCapture(capture, en));
    },
  );

  it('names what was clicked, and says when the page was captured without settling', () => {
    const notice: Notice = {
      kind: 'captured',
      reason: 'visible',
      params: { n: 2, parts: 1, redacted: 1, fields: 1, frames: 0, clicked: '<b>Buy</b>' },
      at: 0,
    };
    expect(describeNotice(notice, en)).toBe(
      'Step 2 captured: a click on “<b>Buy</b>”. Sensitive fields were covered.',
    );
    expect(describeNotice(notice, ru)).toMatch(/^Шаг 2 сохранён: щелчок по «<b>Buy<\/b>»\./);
    const unsettled = { ...notice, params: { n: 3, parts: 1, redacted: 0, unsettled: 8 } };
    expect(describeNotice(unsettled, en)).toBe(
      'Step 3 captured. Captured after 8 s without the page settling.',
    );
    expect(describeNotice(unsettled, ru)).toBe(
      'Шаг 3 сохранён. Снимок сделан через 8 с: страница так и не перестала меняться.',
    );
  });

  it('reads a notice stored before frames were counted (redacted only)', () => {
    const notice: Notice = {
      kind: 'captured',
      reason: 'visible',
      params: { n: 4, parts: 1, redacted: 1 },
      at: 0,
    };
    expect(describeNotice(notice, en)).toBe('Step 4 captured. Sensitive fields were covered.');
    expect(describeNotice({ ...notice, params: { n: 4, parts: 1, redacted: 0 } }, ru)).toBe(
      'Шаг 4 сохранён.',
    );
  });
});

describe('a full page of a scrolling area', () => {
  const t = translator('en');
  const area = {
    label: 'main#content',
    index: 0,
    count: 2,
    labels: ['main#content', 'aside “Notes”'],
    virtualised: false,
    rows: 0,
    grew: false,
    height: 3264,
  };
  const base = { mode: 'full-page' as const, seq: 4, parts: 1, redacted: false };

  it('names the area taken, whole, and how to take another', () => {
    expect(describeCapture({ ...base, area }, t)).toBe(
      'Step 4 captured: the page itself does not scroll, so its scrolling area main#content was taken whole (1 of 2), with what surrounds it once. To take another area, choose it under “Scrolling area” and press Full page.',
    );
  });

  it('never says whole of a virtualised list or of an area that grew', () => {
    const virtualised = describeCapture(
      { ...base, area: { ...area, count: 1, labels: [], virtualised: true, rows: 150 } },
      t,
    );
    expect(virtualised).not.toContain('whole');
    expect(virtualised).toContain('renders only the rows on screen');
    expect(virtualised).toContain('150 rows seen');
    const grew = describeCapture(
      { ...base, area: { ...area, count: 1, labels: [], grew: true, height: 2000 } },
      t,
    );
    expect(grew).not.toContain('whole');
    expect(grew).toContain('its first 2000 px were taken, not all of it');
  });
});

describe('a full page with overlays hidden', () => {
  const page: CaptureSummary = { mode: 'full-page', seq: 4, parts: 1, redacted: false };
  it('says how many were hidden, or that none was on screen, and nothing when they were kept', () => {
    expect(describeCapture({ ...page, overlaysHidden: 3 }, en)).toBe(
      'Step 4 captured: the whole page. 3 overlays (cookie bars, chat buttons and the like) were hidden, as chosen.',
    );
    expect(describeCapture({ ...page, overlaysHidden: 0 }, en)).toBe(
      'Step 4 captured: the whole page. No overlay was on screen to hide.',
    );
    expect(describeCapture(page, en)).toBe('Step 4 captured: the whole page.');
    expect(describeCapture({ ...page, overlaysHidden: 2 }, ru)).toContain(
      'Скрыто всплывающих слоёв (cookie-плашки, кнопки чата и т. п.): 2, как выбрано.',
    );
  });
});
