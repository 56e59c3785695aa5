import { describe, expect, it } from 'vitest';
import { Audit, fitText, HttpUrl, LIMITS, Step } from '../../lib/model';

const step = {
  id: '00000000-0000-4000-8000-000000000001',
  journeyId: '00000000-0000-4000-8000-000000000002',
  seq: 1,
  kind: 'page',
  url: 'https://example.com/',
  title: 'Home',
  at: 1,
  stage: 'information',
  category: 'technology',
  channel: 'website',
  experience: null,
  importance: null,
  likelihood: null,
  note: '',
  weakLink: false,
  wow: false,
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
  shortened: [],
  typeId: null,
  checks: [],
  checklists: [],
  createdAt: 1,
  updatedAt: 1,
};

describe('model schemas', () => {
  it('accepts a valid step and rejects unknown fields (strict objects)', () => {
    expect(Step.parse(step)).toEqual(step);
    expect(Step.safeParse({ ...step, html: '<b>' }).success).toBe(false);
  });

  it('accepts only http(s) URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'chrome://settings',
      'file:///etc/passwd',
      'nonsense',
    ]) {
      expect(HttpUrl.safeParse(url).success, url).toBe(false);
    }
    expect(HttpUrl.safeParse('http://127.0.0.1:4173/a?b#c').success).toBe(true);
  });

  it('enforces integer score ranges', () => {
    expect(Step.safeParse({ ...step, experience: 0 }).success).toBe(false);
    expect(Step.safeParse({ ...step, experience: 2.5 }).success).toBe(false);
    expect(Step.safeParse({ ...step, importance: 11 }).success).toBe(false);
    expect(Step.safeParse({ ...step, likelihood: 0 }).success).toBe(true);
    expect(Step.safeParse({ ...step, likelihood: -1 }).success).toBe(false);
  });

  it('caps lengths', () => {
    expect(Step.safeParse({ ...step, note: 'x'.repeat(LIMITS.note) }).success).toBe(true);
    expect(Step.safeParse({ ...step, note: 'x'.repeat(LIMITS.note + 1) }).success).toBe(false);
    // A URL as long as Chromium allows is a valid step URL.
    const longUrl = `https://example.com/?q=${'x'.repeat(LIMITS.url - 23)}`;
    expect(longUrl).toHaveLength(LIMITS.url);
    expect(Step.safeParse({ ...step, url: longUrl }).success).toBe(true);
    expect(
      Audit.safeParse({
        id: step.id,
        name: 'x'.repeat(201),
        client: '',
        defaultTask: '',
        createdAt: 0,
        updatedAt: 0,
      }).success,
    ).toBe(false);
  });

  it('shortens without splitting a character made of two UTF-16 units', () => {
    expect(fitText('abc', 5)).toBe('abc');
    expect(fitText('abcdef', 3)).toBe('abc');
    expect(fitText('ab😀', 3)).toBe('ab');
    expect(fitText('ab😀', 4)).toBe('ab😀');
  });
});
