/**
 * "Expected experience" (Aaker, step 2): what the client's managers expect a customer to
 * experience (1–5) at a stage or a touchpoint type, one row per answer (several managers may
 * answer for the same target). Stored in Audit.expectations; the report's blind-spot matrix sets
 * them against what the walks found (lib/report/blind-spots.ts).
 */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { Expectation } from '../../lib/model';
import { LIMITS } from '../../lib/model';
import { targetName } from '../../lib/report/blind-spots';
import { resolveTypes, stageOptions, typeName } from '../../lib/taxonomy';
import { CommitText, isTooLong, TextField } from '../shared/fields';
import { parseTarget, targetValue, type AuditListProps } from './audit-lists';
import { LabelledSelect, Select, type Choice } from './controls';
import { MethodTable, RowButton, Section } from './shared';

const SCORES = ['1', '2', '3', '4', '5'] as const;
type Score = (typeof SCORES)[number];

export function ExpectationsSection(props: AuditListProps) {
  const { t, locale, audit, method, save, onRefuse } = props;
  const list = audit.expectations ?? [];
  const types = resolveTypes(method);
  const targets: Choice<string>[] = [
    ...stageOptions(method, locale).map((option) => ({
      value: `stage:${option.value}`,
      label: t('exStageOption', { name: option.label }),
    })),
    ...types
      .filter((type) => !type.hidden)
      .map((type) => ({
        value: `type:${type.id}`,
        label: t('exTypeOption', { name: typeName(type, locale) }),
      })),
  ];
  const scores: Choice<Score>[] = SCORES.map((value) => ({
    value,
    label: t(`exScore${value}`),
  }));
  const nameOf = (target: Expectation['target']) => targetName(target, types, locale, t);

  /** Changes expectation `id` as stored (nothing when it is gone meanwhile). */
  const change = (
    id: string,
    n: number,
    next: Partial<Expectation>,
    target = next.target,
    also = '',
  ) => {
    const current = list.find((e) => e.id === id);
    if (!current) return onRefuse(t('exGone'));
    save(
      (stored) => ({
        expectations: (stored.expectations ?? []).map((e) => (e.id === id ? { ...e, ...next } : e)),
      }),
      t('exSavedChanged', { n, target: nameOf(target ?? current.target) }) + also,
    );
  };

  return (
    <Section id="method-expected" title={t('exTitle')} help={t('exHelp')}>
      {list.length === 0 ? (
        <p class="muted">{t('exNone')}</p>
      ) : (
        <MethodTable
          t={t}
          class="expectations"
          caption={t('exCaption')}
          hiddenCaption
          columns={[
            ['#', 'col-no'],
            [t('exTarget')],
            [t('exExpected')],
            [t('exBy')],
            [t('exNote')],
          ]}
        >
          {list.map((e, i) => {
            const n = i + 1;
            return (
              <tr key={e.id} data-expectation={e.id}>
                <td class="col-no">{n}</td>
                <td>
                  <Select
                    label={t('exTargetOf', { n })}
                    value={targetValue(e.target)}
                    options={targets}
                    onChange={(value) => {
                      const target = parseTarget(value);
                      change(e.id, n, { target }, target);
                    }}
                  />
                </td>
                <td>
                  <Select
                    label={t('exExpectedOf', { n })}
                    value={String(e.experience) as Score}
                    options={scores}
                    onChange={(value) => change(e.id, n, { experience: Number(value) })}
                  />
                </td>
                <td>
                  <CommitText
                    t={t}
                    label={t('exByOf', { n })}
                    value={e.by}
                    maxLength={LIMITS.name}
                    onCommit={(text) => {
                      const [by, also] = trimmedBy(text, t);
                      change(e.id, n, { by }, undefined, also);
                    }}
                  />
                </td>
                <td>
                  <CommitText
                    t={t}
                    label={t('exNoteOf', { n })}
                    value={e.note}
                    maxLength={LIMITS.text}
                    onCommit={(text) => change(e.id, n, { note: text })}
                  />
                </td>
                <td class="col-actions">
                  <RowButton
                    label={t('exDeleteOf', { n })}
                    text={t('mpDelete')}
                    danger
                    onClick={() =>
                      save(
                        (stored) => ({
                          expectations: (stored.expectations ?? []).filter((x) => x.id !== e.id),
                        }),
                        t('exSavedDeleted', { n, target: nameOf(e.target) }),
                      )
                    }
                  />
                </td>
              </tr>
            );
          })}
        </MethodTable>
      )}
      <AddExpectation {...props} targets={targets} scores={scores} />
    </Section>
  );
}

/** `by` as stored (trimmed) and, when spaces were removed, the words that say so. */
function trimmedBy(text: string, t: Translate): [string, string] {
  const by = text.trim();
  return [by, by === text ? '' : ` ${t('exTrimmed')}`];
}

function AddExpectation(
  props: AuditListProps & {
    targets: Choice<string>[];
    scores: Choice<Score>[];
  },
) {
  const { t, locale, method, save, targets, scores } = props;
  const [target, setTarget] = useState(targets[0]?.value ?? 'stage:first-mention');
  const [score, setScore] = useState<Score>('4');
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (isTooLong(by, LIMITS.name) || isTooLong(note, LIMITS.text)) return;
    const parsed = parseTarget(target);
    const [trimmed, also] = trimmedBy(by, t);
    const entry: Expectation = {
      id: crypto.randomUUID(),
      target: parsed,
      experience: Number(score),
      by: trimmed,
      note,
    };
    save(
      (stored) => ({ expectations: [...(stored.expectations ?? []), entry] }),
      t('exSavedAdded', { target: targetName(parsed, resolveTypes(method), locale, t) }) + also,
    );
    setNote('');
  };
  return (
    <form class="method-add expectation-add" aria-label={t('exAdd')} onSubmit={submit}>
      <h3>{t('exAdd')}</h3>
      <div class="row">
        <LabelledSelect
          label={t('exTarget')}
          value={target}
          options={targets}
          onChange={setTarget}
        />
        <LabelledSelect
          label={t('exExpected')}
          value={score}
          options={scores}
          onChange={setScore}
        />
        <div class="grow-2">
          <TextField t={t} label={t('exBy')} value={by} maxLength={LIMITS.name} onInput={setBy} />
        </div>
      </div>
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={t('exNote')}
            value={note}
            maxLength={LIMITS.text}
            onInput={setNote}
          />
        </div>
        <button type="submit" class="primary">
          {t('exAddButton')}
        </button>
      </div>
    </form>
  );
}
