/** The editor's list of covered frames: what it says of each, and which can be uncovered. */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CoveredFramesList, FrameOutlines } from '../../components/annotate/covered-frames';
import { formatDateTime, translator } from '../../lib/i18n';
import type { CoveredFrame } from '../../lib/model';

const AT = Date.UTC(2026, 0, 6, 10, 30);
const FRAMES: CoveredFrame[] = [
  { x: 0, y: 0, width: 100, height: 50, uncoveredAt: null },
  { x: 100, y: 0, width: 100, height: 50, uncoveredAt: AT },
  { x: 0, y: 50, width: 100, height: 50, uncoveredAt: null },
];

function list(locale: 'en' | 'ru') {
  return render(
    <CoveredFramesList
      t={translator(locale)}
      frames={{ list: FRAMES, kept: new Set([0]), locale, onUncover: async () => AT }}
      disabled={false}
      onMessage={() => {}}
    />,
  );
}

describe('covered frames in the editor', () => {
  it('says of each frame whether it is covered, was uncovered (when) or lost its original', () => {
    const html = list('en');
    expect(html).toContain('Embedded frames covered at capture');
    expect(html).toContain('Frame 1 could not be checked for personal data and was covered.');
    expect(html).toContain(`Frame 2 was uncovered on ${formatDateTime(AT, 'en')}.`);
    expect(html).toContain('Frame 3 stays covered: its original pixels are no longer kept.');
    // One button, for the one frame still covered with its original kept.
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toMatch(/<button[^>]*>Uncover frame 1…<\/button>/);
    expect(list('ru')).toMatch(/<button[^>]*>Открыть фрейм 1…<\/button>/);
  });

  it('outlines only the frames still covered, numbered as listed', () => {
    const html = render(
      <svg>
        <FrameOutlines frames={FRAMES} size={{ width: 200, height: 100 }} stroke={2} />
      </svg>,
    );
    expect(html.match(/data-frame="/g)).toHaveLength(2);
    expect(html).toContain('data-frame="1"');
    expect(html).toContain('data-frame="3"');
    expect(html).toMatch(/stroke-dasharray/);
    expect(html).toContain('aria-hidden="true"');
  });
});
