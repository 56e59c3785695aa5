/** The auditor's identity is masked in URLs, titles and notes; technical details only if chosen. */
import { describe, expect, it } from 'vitest';
import { identityMasker, maskUrl, shareRecords, SHARE_CHOICES } from '../../lib/privacy';
import type { Screenshot, Step } from '../../lib/model';

const ivan = { name: 'Ivan Petrov', email: 'ivan.petrov@mail.test', phone: '+7 916 123-45-67' };
const mask = identityMasker(ivan);

describe('identity masking', () => {
  it.each([
    ['Welcome, Ivan Petrov!', 'Welcome, [name]!'],
    ['Thanks IVAN PETROV', 'Thanks [name]'],
    ['first=Ivan&last=Petrov', 'first=[name]&last=[name]'],
    ['name=Ivan+Petrov&x=1', 'name=[name]&x=1'],
    ['n=Ivan%20Petrov', 'n=[name]'],
    ['mail ivan.petrov@mail.test here', 'mail [email] here'],
    ['e=ivan.petrov%40mail.test', 'e=[email]'],
    ['call +7 (916) 123-45-67 now', 'call [phone] now'],
    ['tel=89161234567', 'tel=[phone]'],
    ['p=%2B7%20916%201234567', 'p=[phone]'],
    [
      'Ivanovo is a city; 19161234567890 is not a phone',
      'Ivanovo is a city; 19161234567890 is not a phone',
    ],
  ])('%s', (input, output) => {
    expect(mask(input)).toBe(output);
  });

  it('masks Cyrillic names, also percent-encoded in URLs', () => {
    const m = identityMasker(
      { name: 'Иван Петров', email: '', phone: '' },
      { name: '[имя]', email: '', phone: '' },
    );
    expect(m('Спасибо, иван петров')).toBe('Спасибо, [имя]');
    expect(m(`q=${encodeURIComponent('Иван')}`)).toBe('q=[имя]');
  });

  it('keeps the host of a URL, so the URL stays valid', () => {
    const m = identityMasker({ name: 'Ivan', email: '', phone: '' });
    const url = maskUrl('https://ivan.test/hello/Ivan?u=ivan', m);
    expect(url).toBe('https://ivan.test/hello/[name]?u=[name]');
    expect(() => new URL(url)).not.toThrow();
  });

  it('an empty identity masks nothing', () => {
    expect(identityMasker({ name: '', email: '', phone: '' })('Ivan Petrov')).toBe('Ivan Petrov');
  });

  it('shared records lose the user agent and upload file names unless chosen', () => {
    const shot = {
      mode: 'uploaded',
      url: null,
      title: 'Letter from Ivan Petrov',
      fileName: 'IMG_2041 Ivan Petrov passport.jpg',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156',
      annotations: [{ kind: 'text', x: 1, y: 1, text: 'for Ivan Petrov', color: 'red' }],
    } as unknown as Screenshot;
    const step = {
      url: 'https://a.test/?who=Ivan+Petrov',
      title: 'Hi Ivan Petrov',
      note: '',
    } as Step;
    const shared = shareRecords(
      { journeys: [], touchpoints: [step], screenshots: [shot] },
      ivan,
      SHARE_CHOICES,
    );
    expect(shared.screenshots[0]).toMatchObject({
      title: 'Letter from [name]',
      fileName: '',
      userAgent: '',
    });
    expect(shared.screenshots[0]!.annotations[0]).toMatchObject({ text: 'for [name]' });
    expect(shared.touchpoints[0]).toMatchObject({
      url: 'https://a.test/?who=[name]',
      title: 'Hi [name]',
    });
    const all = shareRecords({ journeys: [], touchpoints: [step], screenshots: [shot] }, ivan, {
      identity: true,
      userAgent: true,
      fileNames: true,
    });
    expect(all.screenshots[0]).toMatchObject({
      title: 'Letter from Ivan Petrov',
      fileName: shot.fileName,
      userAgent: shot.userAgent,
    });
    expect(all.touchpoints[0]!.title).toBe('Hi Ivan Petrov');
  });
});
