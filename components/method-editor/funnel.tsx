/**
 * "The client's funnel": how many customers reached each stage, for a wave or for the audit as a
 * whole (Audit.funnel), typed per stage or imported from a CSV file (stage,count). A file with a
 * bad line changes nothing and every bad line is named (lib/report/funnel.ts parseFunnelCsv).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  conversionText,
  countText,
  funnelEntries,
  funnelRows,
  FUNNEL_CSV_MAX,
  parseCount,
  parseFunnelCsv,
  replaceFunnel,
  type FunnelLineProblem,
} from '../../lib/report/funnel';
import type { Translate } from '../../lib/i18n';
import { formatNumber } from '../../lib/i18n';
import { stageOptions } from '../../lib/taxonomy';
import { Field } from '../shared/fields';
import type { AuditListProps } from './audit-lists';
import { LabelledSelect, type Choice } from './controls';
import { MethodTable, RowButton, Section } from './shared';

/** The select value of "the audit as a whole". */
const WHOLE = '';

export function FunnelSection(props: AuditListProps) {
  const { t, locale, audit, method, waves, save, onRefuse } = props;
  const [scope, setScope] = useState<string>(WHOLE);
  const [problems, setProblems] = useState<FunnelLineProblem[]>([]);
  const waveId = scope === WHOLE ? null : scope;
  const scopes: Choice<string>[] = [
    { value: WHOLE, label: t('fuWhole') },
    ...waves.map((wave) => ({ value: wave.id, label: wave.name })),
  ];
  const scopeName = scopes.find((s) => s.value === scope)?.label ?? t('fuWhole');
  const entries = funnelEntries(audit.funnel, waveId);
  const rows = new Map(funnelRows(entries, method).map((row) => [row.stage, row]));
  const stages = stageOptions(method, locale);

  const setCount = (stage: string, label: string, count: number | null) =>
    save(
      (stored) => ({
        funnel: replaceFunnel(stored.funnel, waveId, [
          ...funnelEntries(stored.funnel, waveId).filter((e) => e.stage !== stage),
          ...(count === null ? [] : [{ stage, count }]),
        ]),
      }),
      count === null
        ? t('fuCleared', { stage: label, scope: scopeName })
        : t('fuSaved', { stage: label, count: countText(count, locale), scope: scopeName }),
    );

  const importFile = async (file: File) => {
    setProblems([]);
    const name = file.name;
    let text: string;
    try {
      if (file.size > FUNNEL_CSV_MAX * 4) throw new RangeError('too large');
      text = await file.text();
    } catch (error) {
      return onRefuse(
        error instanceof RangeError
          ? t('fuFileTooLarge', { file: name, max: formatNumber(FUNNEL_CSV_MAX, locale, 0) })
          : t('fuFileUnread', { file: name, why: String(error) }),
      );
    }
    const result = parseFunnelCsv(text, method);
    if (!result.ok) {
      setProblems(result.problems);
      return onRefuse(
        result.tooLarge
          ? t('fuFileTooLarge', { file: name, max: formatNumber(FUNNEL_CSV_MAX, locale, 0) })
          : result.empty
            ? t('fuFileEmpty', { file: name })
            : t('fuFileBad', { file: name, n: result.problems.length }),
      );
    }
    save(
      (stored) => ({ funnel: replaceFunnel(stored.funnel, waveId, result.entries) }),
      t('fuImported', { file: name, n: result.entries.length, scope: scopeName }),
    );
  };

  return (
    <Section id="method-funnel" title={t('fuTitle')} help={t('fuHelp')}>
      <div class="row">
        <LabelledSelect
          label={t('fuScope')}
          value={scope}
          options={scopes}
          onChange={(value) => {
            setScope(value);
            setProblems([]);
          }}
        />
      </div>
      <MethodTable
        t={t}
        class="funnel"
        caption={t('fuCaption', { scope: scopeName })}
        columns={[
          [t('stage'), 'col-name'],
          [t('fuReached')],
          [t('fuFromPrevious')],
          [t('fuFromFirst')],
        ]}
      >
        {stages.map((option) => {
          const row = rows.get(option.value);
          return (
            <tr key={`${scope}\u0000${option.value}`} data-stage={option.value}>
              <td>{option.label}</td>
              <td>
                <CountInput
                  t={t}
                  label={t('fuCountOf', { stage: option.label, scope: scopeName })}
                  value={row?.count ?? null}
                  display={row ? String(row.count) : ''}
                  onRefuse={onRefuse}
                  onCommit={(count) => setCount(option.value, option.label, count)}
                />
              </td>
              <td>{row ? conversionText(row.fromPrevious, locale) : ''}</td>
              <td>{row ? conversionText(row.fromFirst, locale) : ''}</td>
              <td class="col-actions" />
            </tr>
          );
        })}
      </MethodTable>
      <div class="method-add funnel-import">
        <h3>{t('fuImport')}</h3>
        <p class="muted">{t('fuImportHelp', { scope: scopeName })}</p>
        <div class="row">
          <Field label={t('fuImportFile', { scope: scopeName })}>
            {(id) => (
              <input
                id={id}
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(e) => {
                  const input = e.currentTarget;
                  const file = input.files?.[0];
                  input.value = '';
                  if (file) void importFile(file);
                }}
              />
            )}
          </Field>
          {entries.length > 0 && (
            <RowButton
              label={t('fuClear', { scope: scopeName })}
              text={t('fuClear', { scope: scopeName })}
              danger
              onClick={() =>
                save(
                  (stored) => ({ funnel: replaceFunnel(stored.funnel, waveId, []) }),
                  t('fuClearedAll', { scope: scopeName }),
                )
              }
            />
          )}
        </div>
        {problems.length > 0 && (
          <ul class="funnel-problems message error">
            {problems.map((p) => (
              <li key={`${p.line}-${p.kind}`}>{problemText(p, t)}</li>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}

/** One bad line of a funnel file, in words. */
export function problemText(p: FunnelLineProblem, t: Translate): string {
  switch (p.kind) {
    case 'columns':
      return t('fuLineColumns', { line: p.line, found: p.found });
    case 'stage':
      return t('fuLineStage', { line: p.line, value: p.value });
    case 'count':
      return t('fuLineCount', { line: p.line, value: p.value });
    case 'duplicate':
      return t('fuLineDuplicate', { line: p.line, value: p.value, first: p.first });
  }
}

/** A count typed and saved on blur or Enter; empty clears it; a bad one is refused and kept. */
function CountInput(props: {
  t: Translate;
  label: string;
  value: number | null;
  display: string;
  onCommit: (count: number | null) => void;
  onRefuse: (text: string) => void;
}) {
  const [draft, setDraft] = useState(props.display);
  const [bad, setBad] = useState(false);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(props.display);
  }, [props.display]);
  /** Reads the field itself (the typed text, even before a re-render). */
  const commit = (value: string) => {
    focused.current = false;
    const text = value.trim();
    if (text === '') {
      setBad(false);
      if (props.value !== null) props.onCommit(null);
      return;
    }
    const count = parseCount(text);
    if (count === null) {
      setBad(true);
      return props.onRefuse(props.t('fuCountBad', { value: text }));
    }
    setBad(false);
    if (count !== props.value) props.onCommit(count);
  };
  return (
    <input
      type="text"
      inputMode="numeric"
      class="funnel-count"
      aria-label={props.label}
      aria-invalid={bad}
      value={draft}
      onFocus={() => (focused.current = true)}
      onInput={(e) => setDraft(e.currentTarget.value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
    />
  );
}
