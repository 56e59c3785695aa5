/** Trimmed fields (names, action fields, type names, stages) say that outer spaces are not kept. */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LimitHint, trimNote } from '../../components/shared/fields';
import { translator } from '../../lib/i18n';

describe('trimmed fields say that outer spaces are not kept', () => {
  it('says it at once for a leading space, and trims on leaving for either end', () => {
    expect(trimNote('  Brightline', true, true)).toEqual({ leading: true, left: 'Brightline' });
    // A space typed after a word is no reason to speak up while typing …
    expect(trimNote('Brightline ', true, true)).toEqual({ leading: false, left: 'Brightline' });
    // … nor between two words; leaving the field changes nothing then.
    expect(trimNote('Bright line', true, true)).toEqual({ leading: false, left: null });
    expect(trimNote('\tBright line \n', true, false)).toEqual({
      leading: false,
      left: 'Bright line',
    });
    // Spaces only: nothing to keep; the field empties (a required field then says so).
    expect(trimNote('   ', true, true)).toEqual({ leading: false, left: '' });
  });

  it('a field that keeps spaces (a note, a task) never says it', () => {
    expect(trimNote('  indented', false, true)).toEqual({ leading: false, left: null });
    expect(trimNote('  indented ', undefined, false)).toEqual({ leading: false, left: null });
  });

  it('the hint says it in English and Russian', () => {
    const hint = (locale: 'en' | 'ru') =>
      render(<LimitHint t={translator(locale)} length={5} limit={80} changed={null} spaces />);
    expect(hint('en')).toContain('Spaces at the start and end are not kept.');
    expect(hint('ru')).toContain('Пробелы в начале и в конце не сохраняются.');
    expect(render(<LimitHint t={translator('en')} length={5} limit={80} changed={null} />)).toBe(
      '',
    );
  });
});
