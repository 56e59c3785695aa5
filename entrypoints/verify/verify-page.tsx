/**
 * Verify a report: the auditor (or the client) opens an exported report file; the page says
 * plainly whether every image and record matches the manifest the file carries, which differ,
 * and whether the signature is valid and by which key.
 */
import { useState } from 'preact/hooks';
import { PageShell, useShell } from '../../components/shared/page-shell';
import type { Translate } from '../../lib/i18n';
import type { VerifyController, VerifyOutcome } from '../../lib/controllers/verify';
import {
  formatFingerprint,
  type ImageRecordRef,
  type ManifestRecord,
} from '../../lib/report/manifest';

type Named = Pick<ImageRecordRef, 'walk' | 'seq' | 'title' | 'stage'>;

function stepName(t: Translate, r: Named): string {
  return t('verifyStepName', { walk: r.walk, seq: r.seq, title: r.title || '—', stage: r.stage });
}

function imageName(t: Translate, image: { id: string; records: Named[] }): string {
  return image.records.length ? image.records.map((r) => stepName(t, r)).join('; ') : image.id;
}

function Outcome({ outcome, t }: { outcome: VerifyOutcome; t: Translate }) {
  const { result } = outcome;
  if (!('manifest' in result)) {
    const key = {
      'no-manifest': 'verifyNoManifest',
      'bad-manifest': 'verifyBadManifest',
      'no-seal': 'verifyNoSeal',
    } as const;
    return (
      <section class="card verify-result is-bad" aria-labelledby="verify-result-title">
        <h2 id="verify-result-title">{t('verifyFile', { name: outcome.fileName })}</h2>
        <p role="status">{t(key[result.kind])}</p>
      </section>
    );
  }
  const { images, records, signature } = result;
  const lines: string[] = [
    ...images.changed.map((i) => t('verifyImageChanged', { what: imageName(t, i) })),
    ...images.missing.map((i) => t('verifyImageMissing', { what: imageName(t, i) })),
    ...images.extra.map((id) => t('verifyImageExtra', { id })),
    ...records.changed.map((r: ManifestRecord) =>
      t('verifyRecordChanged', { what: stepName(t, r) }),
    ),
    ...records.missing.map((r: ManifestRecord) =>
      t('verifyRecordMissing', { what: stepName(t, r) }),
    ),
    ...records.extra.map((id) => t('verifyRecordExtra', { id })),
  ];
  const allMatch = lines.length === 0;
  return (
    <section
      class={`card verify-result ${result.ok ? 'is-ok' : 'is-bad'}`}
      aria-labelledby="verify-result-title"
    >
      <h2 id="verify-result-title">{t('verifyFile', { name: outcome.fileName })}</h2>
      <p role="status" class="verify-verdict">
        {allMatch
          ? t('verifyAllMatch', {
              images: result.manifest.images.length,
              records: result.manifest.records.length,
            })
          : t('verifyDiffers')}
      </p>
      {!allMatch && (
        <ul class="verify-differences">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <p class="verify-hash">{t(result.hashMatches ? 'verifyHashOk' : 'verifyHashBad')}</p>
      <p class="verify-signature">
        {signature.state === 'unsigned' && t('verifyUnsigned')}
        {signature.state === 'valid' && (
          <>
            {t('verifySignedValid')} <code>{formatFingerprint(signature.fingerprint)}</code>.{' '}
            {t(outcome.ownKey ? 'verifySignedOwn' : 'verifySignedForeign')}
          </>
        )}
        {signature.state === 'invalid' &&
          t('verifySignedInvalid', { fingerprint: formatFingerprint(signature.fingerprint) })}
      </p>
    </section>
  );
}

export function VerifyPage({ controller }: { controller: VerifyController }) {
  const page = useShell(controller.shell);
  const { t } = page;
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const [failed, setFailed] = useState(false);
  const [over, setOver] = useState(false);

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(file.name);
    setFailed(false);
    setOutcome(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setOutcome(await controller.verify({ name: file.name, bytes }));
    } catch (error) {
      setFailed(true);
      controller.shell.fail('verify a report', error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell
      shell={controller.shell}
      state={page}
      class="panel verify-page"
      title={t('verifyTitle')}
      loading={!page.settings}
    >
      <header class="panel-head">
        <h1>{t('verifyTitle')}</h1>
      </header>
      <p class="muted">{t('verifyIntro')}</p>
      <section
        class={`card verify-drop${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void check(e.dataTransfer?.files[0]);
        }}
      >
        <label class="field">
          <span>{t('verifyChoose')}</span>
          <input
            type="file"
            accept=".html,.htm,text/html"
            onChange={(e) => {
              const input = e.currentTarget;
              void check(input.files?.[0]).then(() => (input.value = ''));
            }}
          />
        </label>
        <p class="muted">{t('verifyDrop')}</p>
      </section>
      {busy && (
        <p role="status" aria-live="polite">
          {t('verifyChecking', { name: busy })}
        </p>
      )}
      {failed && (
        <p class="message error" role="alert">
          {t('verifyNotRead')}
        </p>
      )}
      {outcome && <Outcome outcome={outcome} t={t} />}
    </PageShell>
  );
}
