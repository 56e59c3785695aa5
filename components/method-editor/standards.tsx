/** Service standards: a target time, what is measured and (between contacts) answer channels. */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { TimeUnit, type Standard } from '../../lib/model';
import { channelLabel, formatTarget, resolveChannels, resolveStandards } from '../../lib/taxonomy';
import { addition, entryActions, STANDARDS, type EditorProps } from './changes';
import {
  Check,
  Dropdown,
  LabelledSelect,
  NumberField,
  NumberInput,
  Select,
  shortList,
  type Choice,
} from './controls';
import { isTarget, TARGET_MAX } from './limits';
import { AddForm, EntryRow, MethodTable, Section } from './shared';

const unitChoices = (t: Translate): Choice<TimeUnit>[] =>
  TimeUnit.options.map((unit) => ({ value: unit, label: t(`mpUnit_${unit}`) }));

const measureChoices = (t: Translate): Choice<Standard['measure']>[] =>
  (['between', 'duration'] as const).map((measure) => ({
    value: measure,
    label: t(`mpMeasure_${measure}`),
  }));

/** A target's input: more than 0, at most TARGET_MAX, any fraction. */
const TARGET = { min: 0, max: TARGET_MAX, step: 'any' } as const;

export function StandardsSection(props: EditorProps) {
  const { t, method } = props;
  return (
    <Section id="method-standards" title={t('standards')} help={t('mpStandardsHelp')}>
      <MethodTable
        t={t}
        class="standards"
        caption={t('standards')}
        hiddenCaption
        columns={[
          [t('mpName'), 'col-name'],
          [t('mpTarget'), 'col-target'],
          [t('mpMeasure')],
          [t('mpAnswerChannels'), 'col-channels'],
          [t('mpHidden'), 'col-flag'],
        ]}
      >
        {resolveStandards(method).map((standard) => (
          <StandardRow key={standard.id} {...props} standard={standard} />
        ))}
      </MethodTable>
      <AddStandard {...props} />
    </Section>
  );
}

function StandardRow(props: EditorProps & { standard: Standard }) {
  const { t, locale, usage, standard, onRefuse } = props;
  const entry = entryActions(props, STANDARDS, standard);
  const { name, field } = entry;
  const none = t('mpNone');
  const { method } = props;
  const channelNames = standard.answerChannels.map((id) => channelLabel(id, locale, method));
  // Channels to answer in: those not hidden, and any the standard already names.
  const channels = resolveChannels(method).filter(
    (c) => !c.hidden || standard.answerChannels.includes(c.id),
  );
  const channelIds = channels.map((c) => c.id);
  const target = (next: Pick<Standard, 'target'> | Pick<Standard, 'unit'>) =>
    entry.set(next, field(t('mpTarget'), formatTarget({ ...standard, ...next }, locale)));
  const answerBy = (id: string, on: boolean) => {
    const answerChannels = on
      ? channelIds.filter((c) => c === id || standard.answerChannels.includes(c))
      : standard.answerChannels.filter((c) => c !== id);
    const names = answerChannels.map((c) => channelLabel(c, locale, method));
    entry.set({ answerChannels }, field(t('mpAnswerChannels'), shortList(names, none)));
  };
  const inUse = () => {
    const user = usage.measurements.find((m) => m.standardId === standard.id);
    return user && t('mpInUseJourney', { name, journey: user.journey });
  };
  return (
    <EntryRow t={t} locale={locale} entry={entry} stored={standard} inUse={inUse}>
      <td class="col-target">
        <div class="target">
          <span aria-hidden="true">≤</span>
          <NumberInput
            label={t('mpTargetOf', { name })}
            value={standard.target}
            {...TARGET}
            onCommit={(value) =>
              isTarget(value) ? target({ target: value }) : onRefuse(t('mpTargetRange'))
            }
          />
          <Select
            label={t('mpUnitOf', { name })}
            value={standard.unit}
            options={unitChoices(t)}
            onChange={(unit) => target({ unit })}
          />
        </div>
      </td>
      <td>
        <Select
          label={t('mpMeasureOf', { name })}
          value={standard.measure}
          options={measureChoices(t)}
          onChange={(measure) =>
            entry.set({ measure }, field(t('mpMeasure'), t(`mpMeasure_${measure}`)))
          }
        />
      </td>
      <td class="col-channels">
        {standard.measure === 'between' ? (
          <Dropdown
            label={t('mpAnswerChannelsOf', { name, list: shortList(channelNames, none) })}
            summary={shortList(channelNames, none)}
          >
            {channelIds.map((id) => (
              <Check
                key={id}
                label={channelLabel(id, locale, method)}
                checked={standard.answerChannels.includes(id)}
                onChange={(on) => answerBy(id, on)}
              />
            ))}
          </Dropdown>
        ) : (
          <span class="muted">{t('mpNotForDuration')}</span>
        )}
      </td>
    </EntryRow>
  );
}

function AddStandard(props: EditorProps) {
  const { t } = props;
  const [target, setTarget] = useState(1);
  const [unit, setUnit] = useState<TimeUnit>('hours');
  const [measure, setMeasure] = useState<Standard['measure']>('between');
  const add = (name: string) =>
    isTarget(target)
      ? addition(
          t,
          STANDARDS,
          {
            id: crypto.randomUUID(),
            name,
            target,
            unit,
            measure,
            answerChannels: [],
            hidden: false,
          },
          name,
        )
      : t('mpTargetRange');
  return (
    <AddForm {...props} title={t('mpAddStandard')} nameLabel={t('mpName')} onAdd={add}>
      <NumberField label={t('mpTarget')} value={target} {...TARGET} onInput={setTarget} />
      <LabelledSelect
        label={t('mpUnit')}
        value={unit}
        options={unitChoices(t)}
        onChange={setUnit}
      />
      <LabelledSelect
        label={t('mpMeasure')}
        value={measure}
        options={measureChoices(t)}
        onChange={setMeasure}
      />
    </AddForm>
  );
}
