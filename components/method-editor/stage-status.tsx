/** The customer's status at a custom stage (potential, current, former customer), or "as the stage it follows". */
import type { CustomStage } from '../../lib/model';
import { stageStatus, statusLabel, STATUS_ORDER, type StatusGroup } from '../../lib/taxonomy';
import { savedText, type EditorProps } from './changes';
import { Select, type Choice } from './controls';

/** The value of "like the stage it follows". */
const FOLLOWS = '';

export function StageStatusSelect(props: EditorProps & { stage: CustomStage }) {
  const { t, locale, onChange, stage } = props;
  const followed = stageStatus(stage.name, { stages: [{ ...stage, status: undefined }] });
  const choices: Choice<StatusGroup | typeof FOLLOWS>[] = [
    { value: FOLLOWS, label: t('statusFollows', { status: statusLabel(followed, locale) }) },
    ...STATUS_ORDER.map((status) => ({ value: status, label: statusLabel(status, locale) })),
  ];
  return (
    <Select
      label={t('statusOfStage', { name: stage.name })}
      value={stage.status ?? FOLLOWS}
      options={choices}
      onChange={(value) => {
        const status = value === FOLLOWS ? undefined : value;
        onChange({
          saved: savedText(
            t,
            t('statusSaved', {
              name: stage.name,
              status: statusLabel(status ?? followed, locale),
            }),
          ),
          apply: (m) => ({
            ...m,
            stages: m.stages.map((entry) => {
              if (entry.name !== stage.name) return entry;
              const rest = { ...entry };
              delete rest.status;
              return status ? { ...rest, status } : rest;
            }),
          }),
        });
      }}
    />
  );
}
