import { describe, expect, it } from 'vitest';
import { Audit, HttpUrl, Touchpoint } from '../../lib/model';

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
};

describe('model schemas', () => {
  it('accepts a valid step and rejects unknown fields (strict objects)', () => {
    expect(Touchpoint.parse(step)).toEqual(step);
    expect(Touchpoint.safeParse({ ...step, html: '<b>' }).success).toBe(false);
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
    expect(Touchpoint.safeParse({ ...step, experience: 0 }).success).toBe(false);
    expect(Touchpoint.safeParse({ ...step, experience: 2.5 }).success).toBe(false);
    expect(Touchpoint.safeParse({ ...step, importance: 11 }).success).toBe(false);
    expect(Touchpoint.safeParse({ ...step, likelihood: 0 }).success).toBe(true);
    expect(Touchpoint.safeParse({ ...step, likelihood: -1 }).success).toBe(false);
  });

  it('caps lengths', () => {
    expect(Touchpoint.safeParse({ ...step, note: 'x'.repeat(5001) }).success).toBe(false);
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
});
