/**
 * The Method page (method.html?audit=<id>): the audit's touchpoint types, stages, checklists and
 * service standards, edited over its controller (lib/controllers/method.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { MethodEditor, type MethodChange } from '../../components/method-editor';
import { InventorySection } from '../../components/method-editor/inventory';
import { ExpectationsSection } from '../../components/method-editor/expectations';
import { FunnelSection } from '../../components/method-editor/funnel';
import { describeError } from '../../components/shared/describe-error';
import { useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { PageShell, useShell } from '../../components/shared/page-shell';
import type { InventoryController } from '../../lib/controllers/inventory';
import { NO_USAGE, type MethodController, type MethodUsage } from '../../lib/controllers/method';
import type { Audit, AuditEdit, AuditMethod, Wave } from '../../lib/model';

type Line = { kind: 'status'; text: string; undo?: MethodChange } | { kind: 'error'; text: string };

export function MethodPage({
  controller,
  inventory,
}: {
  controller: MethodController;
  /** The brands' touchpoint inventory (its own controller: it writes brands, not the method). */
  inventory?: InventoryController;
}) {
  const { shell, auditId } = controller;
  const page = useShell(shell);
  const { t, locale } = page;
  // undefined while loading, null when there is no such audit.
  const audit = useSubscription<Audit | null | undefined>(controller.audit, undefined, []);
  const usage = useSubscription<MethodUsage>(controller.usage, NO_USAGE, []);
  const waves = useSubscription<Wave[]>(controller.waves, [], []);
  const [line, setLine] = useState<Line | null>(null);
  // The method with the edits not yet read back, shown at once (a checkbox must not flip back
  // while a busy machine writes and re-reads); any newer read of the audit replaces it.
  const [optimistic, setOptimistic] = useState<{ base: Audit; method: AuditMethod } | null>(null);
  const method = audit && optimistic?.base === audit ? optimistic.method : (audit?.method ?? null);
  // A line said in the other language would stay untranslated: a new language starts clean.
  useEffect(() => setLine(null), [locale]);

  const save = (change: MethodChange) => {
    if (audit && method) {
      try {
        setOptimistic({ base: audit, method: change.apply(method) });
      } catch {
        // The edit refuses this method: the save below says why.
      }
    }
    void controller.save(change).then(
      () => setLine({ kind: 'status', text: change.saved, undo: change.undo }),
      (error: unknown) => {
        setOptimistic(null);
        setLine({ kind: 'error', text: describeError(error, t) });
      },
    );
  };

  /** An edit of the audit's expectations or funnel (applied to the audit as stored). */
  const saveAudit = (change: (stored: Audit) => AuditEdit, saved: string) =>
    void controller.saveAudit(change).then(
      () => setLine({ kind: 'status', text: saved }),
      (error: unknown) => setLine({ kind: 'error', text: describeError(error, t) }),
    );

  const auditProps = (stored: Audit) => ({
    t,
    locale,
    audit: stored,
    method: method ?? stored.method,
    waves,
    save: saveAudit,
    onRefuse: (text: string) => setLine({ kind: 'error', text }),
  });

  const title = audit ? t('mpTitle', { name: audit.name }) : t('openMethod');
  return (
    <PageShell
      shell={shell}
      state={page}
      class="panel wide method-page"
      title={title}
      bare={Boolean(audit)}
      loading={!page.settings || audit === undefined}
    >
      <header class="method-head">
        <div class="panel-head">
          <h1>{title}</h1>
          <LanguageSelect t={t} locale={locale} onChange={(l) => void shell.setLocale(l)} />
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
            method={method ?? audit.method}
            usage={usage}
            onChange={save}
            onRefuse={(text) => setLine({ kind: 'error', text })}
          />
          {inventory && (
            <InventorySection
              t={t}
              locale={locale}
              method={method ?? audit.method}
              controller={inventory}
              onSaved={(text) => setLine({ kind: 'status', text })}
              onRefuse={(text) => setLine({ kind: 'error', text })}
            />
          )}
          <ExpectationsSection {...auditProps(audit)} />
          <FunnelSection {...auditProps(audit)} />
        </>
      ) : (
        <p class="card">{t(auditId ? 'mpAuditGone' : 'mpNoAudit')}</p>
      )}
    </PageShell>
  );
}
