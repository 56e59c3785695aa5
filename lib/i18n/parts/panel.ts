/** Strings of one feature (see ./define.ts): the side panel's step list by stage, and its small gaps. */
import { defineWords } from './define';

export const panelWords = defineWords({
  en: {
    /** A stage's group header: the stage met again later in the walk. */
    stageAgain: '{stage} (again)',
    stageGroupScore: 'experience {score}',
    stageGroupUnscored: 'not scored',
    stageGroupUnscoredHint: 'No step of this group has an experience score yet.',
    collapseAllStages: 'Collapse all stages',
    expandAllStages: 'Expand all stages',
    stepMoved: 'Step {from} is now step {to}: {stage}, {position} of {count} in this group.',
    stepsLoading: 'Reading the steps…',
    stepsCountLoading: 'reading steps…',
    undoHow: 'To undo it, use the Undo button after this message, or Recently deleted.',
    spacesTrimmed: 'Spaces at the start and end are not kept.',
  },
  ru: {
    stageAgain: '{stage} (снова)',
    stageGroupScore: 'впечатление {score}',
    stageGroupUnscored: 'без оценок',
    stageGroupUnscoredHint: 'Ни у одного шага этой группы пока нет оценки впечатления.',
    collapseAllStages: 'Свернуть все этапы',
    expandAllStages: 'Развернуть все этапы',
    stepMoved: 'Шаг {from} теперь шаг {to}: «{stage}», {position}-й из {count} в этой группе.',
    stepsLoading: 'Шаги загружаются…',
    stepsCountLoading: 'шаги загружаются…',
    undoHow:
      'Чтобы отменить, нажмите «Отменить» сразу после этого сообщения или откройте «Недавно удалённые».',
    spacesTrimmed: 'Пробелы в начале и в конце не сохраняются.',
  },
});
