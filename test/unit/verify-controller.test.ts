/** The signing key (its own small database, fake-indexeddb) and the Verify page's controller. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createSigningController } from '../../lib/controllers/signing';
import { createVerifyController } from '../../lib/controllers/verify';
import { openKeyStore } from '../../lib/db';
import { sealReport } from '../../lib/report/manifest';
import { fakeShell, valueOf } from './controller-fakes';

const parse = (html: string) => parseHTML(html).document;
let dbCount = 0;

async function sealed(signing: ReturnType<typeof createSigningController>) {
  const html = await sealReport(
    '<!doctype html><html><body><article data-record="s1">Step one</article></body></html>',
    parse,
    {
      generator: 'test',
      createdAt: 0,
      auditId: 'a1',
      imageRecords: new Map(),
      recordNames: new Map(),
      signer: await signing.signer(),
    },
  );
  return new TextEncoder().encode(html);
}

describe('signing key and verification', () => {
  it('none by default; made, kept non-extractable, named as this profile’s, deleted', async () => {
    const keys = openKeyStore(`keys-test-${++dbCount}`);
    const signing = createSigningController({ keys, now: () => 1000 });
    expect(await valueOf(signing.key)).toBeNull();
    expect(await signing.signer()).toBeNull();

    const seen: unknown[] = [];
    const stop = signing.key(
      (v) => seen.push(v),
      () => {},
    );
    const made = await signing.create();
    expect(made.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.at(-1)).toEqual({ fingerprint: made.fingerprint, createdAt: 1000 });
    const stored = (await keys.read())!;
    expect(stored.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', stored.privateKey)).rejects.toThrow();

    const verify = createVerifyController({ shell: fakeShell().shell, parseHtml: parse, keys });
    const own = await verify.verify({ name: 'r.html', bytes: await sealed(signing) });
    expect(own.ownKey).toBe(true);
    expect('manifest' in own.result && own.result.signature).toEqual({
      state: 'valid',
      fingerprint: made.fingerprint,
    });

    // Another profile's key: valid, but not this profile's.
    const other = createSigningController({
      keys: openKeyStore(`keys-test-${++dbCount}`),
      now: () => 0,
    });
    await other.create();
    const foreign = await verify.verify({ name: 'f.html', bytes: await sealed(other) });
    expect(foreign.ownKey).toBe(false);
    expect('manifest' in foreign.result && foreign.result.signature.state).toBe('valid');

    await signing.remove();
    expect(seen.at(-1)).toBeNull();
    expect(await signing.signer()).toBeNull();
    const unsigned = await verify.verify({ name: 'u.html', bytes: await sealed(signing) });
    expect(unsigned.ownKey).toBe(false);
    expect('manifest' in unsigned.result && unsigned.result.signature).toEqual({
      state: 'unsigned',
    });
    stop();
  });

  it('a file that is no report is said so', async () => {
    const verify = createVerifyController({
      shell: fakeShell().shell,
      parseHtml: parse,
      keys: { read: async () => null },
    });
    const outcome = await verify.verify({
      name: 'x.html',
      bytes: new TextEncoder().encode('<p>hello</p>'),
    });
    expect(outcome).toEqual({ fileName: 'x.html', result: { kind: 'no-manifest' }, ownKey: false });
  });
});
