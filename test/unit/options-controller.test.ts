/** The Options page's controller over fake settings: what it shows and what it writes. */
import { describe, expect, it } from 'vitest';
import { createOptionsController } from '../../lib/controllers/options';
import { fakeShell, valueOf } from './controller-fakes';

function options(settings: Record<string, unknown> = {}) {
  const fake = fakeShell({ settings });
  let opened = 0;
  const controller = createOptionsController({
    shell: fake.shell,
    openDataPage: async () => void opened++,
  });
  return { ...fake, controller, opened: () => opened };
}

describe('options controller', () => {
  it('shows the stored auditor name and identity, empty when none or malformed', async () => {
    const empty = options();
    expect(await valueOf(empty.controller.profile)).toEqual({
      auditorName: '',
      identity: { name: '', email: '', phone: '' },
    });
    const stored = options({
      auditorName: 'Dana',
      identity: { name: 'Dana Grey', email: 'dana@example.test', phone: '' },
    });
    expect(await valueOf(stored.controller.profile)).toEqual({
      auditorName: 'Dana',
      identity: { name: 'Dana Grey', email: 'dana@example.test', phone: '' },
    });
    const malformed = options({ identity: { name: 42 } });
    expect((await valueOf(malformed.controller.profile)).identity).toEqual({
      name: '',
      email: '',
      phone: '',
    });
  });

  it('writes the auditor name, trimmed, and the profile follows', async () => {
    const { controller, settings } = options();
    await controller.saveAuditorName('  Dana Grey ');
    expect(settings.current().auditorName).toBe('Dana Grey');
    expect((await valueOf(controller.profile)).auditorName).toBe('Dana Grey');
  });

  it('writes a valid identity, trimmed, and refuses an invalid one, writing nothing', async () => {
    const { controller, settings } = options();
    const identity = { name: 'Dana Grey', email: 'dana@example.test', phone: '+44 20 7946 0000' };
    await controller.saveIdentity({ ...identity, name: ' Dana Grey ' });
    expect(settings.current().identity).toEqual(identity);
    await expect(controller.saveIdentity({ ...identity, name: 'x'.repeat(201) })).rejects.toThrow();
    expect(settings.current().identity).toEqual(identity);
  });

  it('writes the language, which the shell then shows', async () => {
    const { controller, settings, shell } = options();
    expect(shell.localeOf(settings.current())).toBe('en');
    await controller.setLocale('ru');
    expect(settings.current().locale).toBe('ru');
    expect(shell.localeOf(settings.current())).toBe('ru');
  });

  it('opens the Backups and bundles page through its port', async () => {
    const { controller, opened } = options();
    await controller.openDataPage();
    expect(opened()).toBe(1);
  });
});
