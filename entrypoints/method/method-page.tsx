/**
 * The Method page (method.html?audit=<id>): the audit's touchpoint types, stages, checklists and
 * service standards. Every edit is saved at once (one updateMethod call, one transaction), one
 * after another, each applied to the method as stored right before it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../components/shared/describe-error';
import { useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { MethodEditor, type MethodChange, type MethodUsage } from '../../components/method-editor';
import {
  retryStorage,
  StorageBanner,
  useStorageState,
} from '../../components/shared/storage-banner';
import {
  browserLanguage,
  subscribeSettings,
  writeSettings,
  type Settings,
} from '../../lib/browser';
import { watchQuery, type AuditStore } from '../../lib/db';
import { localeFor, translator } from '../../lib/i18n';
import type { Audit } from '../../lib/model';

const NO_USAGE: MethodUsage = { steps: [], measurements: [] };

/** What the audit's journeys and steps use of the method (an entry in use is not deleted). */
async function readUsage(store: AuditStore, auditId: string): Promise<MethodUsage> {
  const journeys = await store.listJourneys(auditId);
  const steps = await Promise.all(journeys.map((journey) => store.listSteps(journey.id)));
  return {
    steps: journeys.flatMap((journey, i) =>
      steps[i]!.map((step) => ({
        seq: step.seq,
        journey: journey.brandName,
        typeId: step.typeId,
        checklists: step.checklists,
        checks: step.checks,
      })),
    ),
    measurements: journeys.flatMap((journey) =>
      journey.measurements.map((m) => ({ journey: journey.brandName, standardId: m.standardId })),
    ),
  };
}

type Line = { kind: 'status'; text: string; undo?: MethodChange } | { kind: 'error'; text: string };

export function MethodPage({ store, auditId }: { store: AuditStore; auditId: string | null }) {
  const settings = useSubscription<Settings | null>(subscribeSettings, null, []);
  // undefined while loading, null when there is no such audit.
  const audit = useSubscription<Audit | null | undefined>(
    (v, e) =>
      auditId
        ? watchQuery(async () => (await store.getAudit(auditId)) ?? null, v, e)
        : (v(null), () => {}),
    undefined,
    [auditId],
  );
  const usage = useSubscription<MethodUsage>(
    (v, e) => (auditId ? watchQuery(() => readUsage(store, auditId), v, e) : () => {}),
    NO_USAGE,
    [auditId],
  );
  const storage = useStorageState(store.storage);
  const locale = settings?.locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  const [line, setLine] = useState<Line | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // A line said in the other language would stay untranslated: a new language starts clean.
  useEffect(() => setLine(null), [locale]);

  const title = audit ? t('mpTitle', { name: audit.name }) : t('openMethod');
  useEffect(() => {
    document.title = audit ? title : `${title} — ${t('appName')}`;
    document.documentElement.lang = locale;
  }, [title, locale]);

  /** Saves one edit after those before it, on the method as it is stored now. */
  const save = (change: MethodChange) => {
    if (!auditId) return;
    queue.current = queue.current.then(async () => {
      try {
        // Applied to the method as stored, inside the write's transaction: an edit made in the
        // side panel meanwhile is never overwritten.
        await store.updateMethod(auditId, change.apply, change.renamedStages);
        setLine({ kind: 'status', text: change.saved, undo: change.undo });
      } catch (error) {
        setLine({ kind: 'error', text: describeError(error, t) });
      }
    });
  };

  const banner = <StorageBanner t={t} state={storage} onRetry={() => retryStorage(store)} />;
  if (!settings || audit === undefined)
    return (
      <main class="panel wide method-page" aria-busy={storage.kind !== 'halted'}>
        {banner}
      </main>
    );

  return (
    <main class="panel wide method-page">
      {banner}
      <header class="method-head">
        <div class="panel-head">
          <h1>{title}</h1>
          <LanguageSelect
            t={t}
            locale={locale}
            onChange={(l) => void writeSettings({ locale: l })}
          />
        </div>
        <div class="method-lines">
          {line?.kind === 'error' && (
            <p class="message error" role="alert">
              {line.text}
            </p>
          )}
          <div class="method-status">
            <p class="message status" role="status">
              {line?.kind === 'status' ? line.text : ''}
            </p>
            {line?.kind === 'status' && line.undo && (
              <button type="button" onClick={() => line.undo && save(line.undo)}>
                {t('undo')}
              </button>
            )}
          </div>
        </div>
      </header>
      {audit ? (
        <>
          <p class="muted">{t('mpIntro')}</p>
          <MethodEditor
            t={t}
            locale={locale}
            method={audit.method}
            usage={usage}
            onChange={save}
            onRefuse={(text) => setLine({ kind: 'error', text })}
          />
        </>
      ) : (
        <p class="card">{t(auditId ? 'mpAuditGone' : 'mpNoAudit')}</p>
      )}
    </main>
  );
}
