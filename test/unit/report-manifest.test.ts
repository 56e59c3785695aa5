/** The exported report's manifest and seal: built from the file, verified, every tampering named. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderReportDocument } from '../../components/report/document';
import { createReportController } from '../../lib/controllers/report';
import type { ReportSection } from '../../lib/model';
import { MASK_LABELS_EN } from '../../lib/privacy';
import {
  createSigningKeyPair,
  fingerprintOf,
  formatFingerprint,
  Manifest,
  MANIFEST_ID,
  reportHash,
  scriptJson,
  signerOf,
  verifyReport,
  type ReportSigner,
  type Verification,
} from '../../lib/report/manifest';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const parse = (html: string) => parseHTML(html).document;
const HOSTILE_TITLE = 'Plans </script><script>alert(1)</script> <!--';

/** A real export (real renderer, real store) of two steps with different images; its bytes. */
async function exported(
  signer: ReportSigner | null = null,
  hidden: ReportSection[] = [],
): Promise<Uint8Array> {
  const { store, clock } = testStore();
  const { audit, own } = await auditWithJourneys(store);
  await store.updateReportSettings(audit.id, (s) => ({ ...s, hidden }));
  await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Home',
    at: clock.now(),
    userAgent: 'SecretBrowser/9.9',
    images: [{ ...fakeImage('home'), sha256: 'b'.repeat(64) }],
  });
  await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/plans',
    title: HOSTILE_TITLE,
    at: clock.now() + 60_000,
    note: 'The price was hidden',
    images: [{ ...fakeImage('plans!'), sha256: 'c'.repeat(64) }],
  });
  const saved: Blob[] = [];
  const { shell } = fakeShell();
  const controller = createReportController({
    shell,
    store,
    save: (_name, blob) => void saved.push(blob),
    renderDocument: renderReportDocument,
    dataUrlOf: async (blob) =>
      `data:${blob.type};base64,${Buffer.from(await blob.arrayBuffer()).toString('base64')}`,
    slideImage: async () => {
      throw new Error('unused');
    },
    now: () => Date.UTC(2026, 2, 4),
    utcOffsetMinutes: () => 0,
    parseHtml: parse,
    signer: async () => signer,
  });
  const snapshot = (await valueOf(controller.snapshot(audit.id)))!;
  const model = controller.buildModel({
    snapshot,
    selection: {},
    identity: null,
    choices: { userAgent: false, fileNames: false },
    labels: MASK_LABELS_EN,
  });
  await controller.exportHtml(model, 'en');
  return new Uint8Array(await saved[0]!.arrayBuffer());
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (html: string) => new TextEncoder().encode(html);

async function verified(bytes: Uint8Array): Promise<Verification> {
  const result = await verifyReport(bytes, parse);
  if (!('manifest' in result)) throw new Error(`not verified: ${result.kind}`);
  return result;
}

function manifestOf(html: string) {
  return Manifest.parse(JSON.parse(parse(html).getElementById(MANIFEST_ID)!.textContent!));
}

describe('report manifest', () => {
  it('a file as exported: every image and record matches, the hash too', async () => {
    const file = await exported();
    const result = await verified(file);
    expect(result.ok).toBe(true);
    expect(result.hashMatches).toBe(true);
    expect(result.images.matching).toHaveLength(2);
    expect(result.records.matching).toHaveLength(2);
    expect(result.signature).toEqual({ state: 'unsigned' });
    // Each image names its step as the report shows it.
    const plans = result.manifest.images.find((i) => i.records[0]!.title === HOSTILE_TITLE)!;
    expect(plans.records[0]).toMatchObject({
      seq: 2,
      url: 'https://brightline.test/plans',
      stage: expect.any(String),
    });
  });

  it('the manifest cannot break out of its script, and carries nothing the report leaves out', async () => {
    const html = text(await exported());
    const open = `id="${MANIFEST_ID}">`;
    const manifestText = html.slice(html.indexOf(open) + open.length);
    const json = manifestText.slice(0, manifestText.indexOf('</script>'));
    expect(json).not.toMatch(/[<>]/); // no raw "<" or ">" inside: \u003c, \u003e
    expect(json).toContain('\\u003c/script\\u003e');
    expect(manifestOf(html).records.map((r) => r.title)).toContain(HOSTILE_TITLE);
    // The user agent was not chosen: neither the report nor its manifest carries it.
    expect(html).not.toContain('SecretBrowser');
    expect(scriptJson({ a: '</script>&\u2028' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}',
    );
  });

  it('an image’s address and time are left out when the report shows neither', async () => {
    const html = text(await exported(null, ['evidence', 'sequences']));
    expect(html).not.toContain('https://brightline.test/plans');
    const manifest = manifestOf(html);
    expect(manifest.images).toHaveLength(2);
    for (const image of manifest.images)
      expect(image.records[0]).toMatchObject({ url: null, capturedAt: null });
    expect((await verified(bytesOf(html))).ok).toBe(true);
  });

  it('an image byte changed: that image (its step) is named, and the hash fails', async () => {
    const html = text(await exported());
    const manifest = manifestOf(html);
    const plans = manifest.images.find((i) => i.records[0]!.title === HOSTILE_TITLE)!;
    // Change one base64 character of the plans image's data URL.
    const at = html.indexOf(`id="${plans.id}" href="data:`);
    const b64 = html.indexOf('base64,', at) + 'base64,'.length + 10;
    const swapped = html[b64] === 'A' ? 'B' : 'A';
    const result = await verified(bytesOf(html.slice(0, b64) + swapped + html.slice(b64 + 1)));
    expect(result.ok).toBe(false);
    expect(result.hashMatches).toBe(false);
    expect(result.images.changed.map((i) => i.records[0]!.title)).toEqual([HOSTILE_TITLE]);
    expect(result.images.matching).toHaveLength(1);
    expect(result.records.changed).toEqual([]);
  });

  it('a record changed (its note edited): that step is named', async () => {
    const html = text(await exported()).replace('The price was hidden', 'The price was clear');
    const result = await verified(bytesOf(html));
    expect(result.ok).toBe(false);
    expect(result.records.changed.map((r) => [r.seq, r.title])).toEqual([[2, HOSTILE_TITLE]]);
    expect(result.images.changed).toEqual([]);
  });

  it('an image removed and another added are named as missing and extra', async () => {
    const html = text(await exported());
    const manifest = manifestOf(html);
    const home = manifest.images.find((i) => i.records[0]!.title === 'Home')!;
    const result = await verified(bytesOf(html.replaceAll(`id="${home.id}"`, 'id="img-other"')));
    expect(result.images.missing.map((i) => i.id)).toEqual([home.id]);
    expect(result.images.extra).toEqual(['img-other']);
  });

  it('any other byte changed: images and records match, the report hash does not', async () => {
    const file = await exported();
    const html = text(file).replace('<meta name="referrer" content="no-referrer">', '');
    const result = await verified(bytesOf(html));
    expect(result.images.changed).toEqual([]);
    expect(result.records.changed).toEqual([]);
    expect(result.hashMatches).toBe(false);
    expect(result.ok).toBe(false);
    // The hash is defined over the bytes with the seal's content left out.
    expect(await reportHash(file)).toMatch(/^[0-9a-f]{64}$/);
    const manifestEdited = text(file).replace('"generator":"', '"generator":"x');
    expect((await verified(bytesOf(manifestEdited))).hashMatches).toBe(false);
  });

  it('a file without a manifest, or with two seals, is said so', async () => {
    expect(await verifyReport(bytesOf('<!doctype html><p>hi</p>'), parse)).toEqual({
      kind: 'no-manifest',
    });
    const html = text(await exported());
    const seal = html.slice(html.indexOf('<script type="application/json" id="tpa-seal">'));
    const twice = html.replace('</body>', `${seal.slice(0, seal.indexOf('</script>') + 9)}</body>`);
    expect(await verifyReport(bytesOf(twice), parse)).toEqual({ kind: 'no-seal' });
  });

  it('signed: valid by the key; a changed signature or a foreign key is not', async () => {
    const key = await createSigningKeyPair();
    const file = await exported(signerOf(key));
    const html = text(file);
    // The method section prints the fingerprint, grouped.
    expect(key.fingerprint).toBe(await fingerprintOf(key.publicKey));
    expect(html).toContain(formatFingerprint(key.fingerprint));
    expect(formatFingerprint(key.fingerprint)).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    const result = await verified(file);
    expect(result.ok).toBe(true);
    expect(result.signature).toEqual({ state: 'valid', fingerprint: key.fingerprint });

    // The signature changed (one character): not valid.
    const at = html.indexOf('"signature":{"algorithm":"ECDSA-P256-SHA256","value":"') + 55;
    const tampered = html.slice(0, at) + (html[at] === 'A' ? 'B' : 'A') + html.slice(at + 1);
    const bad = await verified(bytesOf(tampered));
    expect(bad.signature.state).toBe('invalid');
    expect(bad.ok).toBe(false);
    expect(bad.hashMatches).toBe(true); // the seal is outside the hash

    // A foreign key put in the manifest (with its own fingerprint): the signature is not its.
    const other = await createSigningKeyPair();
    const foreign = html
      .replace(JSON.stringify(key.publicKey.x), JSON.stringify(other.publicKey.x))
      .replace(JSON.stringify(key.publicKey.y), JSON.stringify(other.publicKey.y))
      .replace(`"fingerprint":"${key.fingerprint}"`, `"fingerprint":"${other.fingerprint}"`);
    const byForeign = await verified(bytesOf(foreign));
    expect(byForeign.signature).toEqual({ state: 'invalid', fingerprint: other.fingerprint });

    // A file signed by the other key verifies, and names that key.
    const second = await verified(await exported(signerOf(other)));
    expect(second.signature).toEqual({ state: 'valid', fingerprint: other.fingerprint });

    // Content changed in a signed file: the signature no longer counts.
    const edited = html.replace('The price was hidden', 'The price was clear');
    expect((await verified(bytesOf(edited))).signature.state).toBe('invalid');
  });
});
