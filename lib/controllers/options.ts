/**
 * The Options page's controller: who the auditor is (the name stored with each new journey), the
 * auditor's own identity (covered in every capture), the language, and the way to the Backups and
 * bundles page. Everything it writes goes to the settings, through the shell.
 */
import { Identity } from '../model';
import type { Locale } from '../model/ids';
import type { Subscribe } from './live';
import type { ShellController } from './shell';

export interface OptionsControllerDeps {
  shell: ShellController;
  /** Opens the Backups and bundles page (data.html) in a new tab. */
  openDataPage(): Promise<void>;
}

/** What the Options page shows of the settings. */
export interface AuditorProfile {
  auditorName: string;
  identity: Identity;
}

export interface OptionsController {
  readonly shell: ShellController;
  /** The auditor's name and identity as stored, again whenever they change. */
  readonly profile: Subscribe<AuditorProfile>;
  /** Stores the auditor's name, trimmed. */
  saveAuditorName(name: string): Promise<void>;
  /** Stores the identity (rejects, storing nothing, when it is not a valid one). */
  saveIdentity(identity: Identity): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  openDataPage(): Promise<void>;
}

export function createOptionsController(deps: OptionsControllerDeps): OptionsController {
  const { shell } = deps;
  return {
    shell,
    profile: (onValue, onError) =>
      shell.settings(
        (settings) => onValue({ auditorName: settings.auditorName, identity: settings.identity }),
        onError,
      ),
    saveAuditorName: (name) => shell.writeSettings({ auditorName: name.trim() }),
    // Parsed here too: the settings hold only a valid identity, whoever calls.
    saveIdentity: async (identity) => shell.writeSettings({ identity: Identity.parse(identity) }),
    setLocale: (locale) => shell.setLocale(locale),
    openDataPage: () => deps.openDataPage(),
  };
}
