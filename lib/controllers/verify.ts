/**
 * The Verify a report page's controller: checks a report file's exact bytes against the manifest
 * and seal it carries (lib/report/manifest.ts), the file read as data (never run), and says
 * whether the key that signed it is this profile's.
 */
import type { KeyStore } from '../db';
import {
  verifyReport,
  type ParsedReport,
  type Verification,
  type VerifyProblem,
} from '../report/manifest';
import type { ShellController } from './shell';

export interface VerifyOutcome {
  fileName: string;
  result: Verification | VerifyProblem;
  /** The signing key is this profile's own. */
  ownKey: boolean;
}

export interface VerifyController {
  readonly shell: ShellController;
  verify(file: { name: string; bytes: Uint8Array }): Promise<VerifyOutcome>;
}

export function createVerifyController(deps: {
  shell: ShellController;
  /** Parses HTML as data (DOMParser: no script runs, nothing loads). */
  parseHtml(html: string): ParsedReport;
  keys: Pick<KeyStore, 'read'>;
}): VerifyController {
  return {
    shell: deps.shell,
    async verify({ name, bytes }) {
      const result = await verifyReport(bytes, deps.parseHtml);
      const own = 'manifest' in result && result.signature.state !== 'unsigned';
      const key = own ? await deps.keys.read() : null;
      return {
        fileName: name,
        result,
        ownKey:
          !!key && 'manifest' in result && key.fingerprint === result.manifest.signer?.fingerprint,
      };
    },
  };
}
