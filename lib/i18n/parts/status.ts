/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const statusWords = defineWords({
  en: {
    statusSubtotal: 'Subtotal: {status}',
    statusSubtotalNote:
      'Stages are grouped by the customer’s status: potential, current, former. “Subtotal” pools every step of the status’s stages (each walk’s mean of its steps there, then the mean of the walks), so it is not the mean of the rows above it.',
    statusOfStage: 'Customer status of “{name}”',
    statusChartGroups: 'Stages by customer status: {groups}.',
    statusSlideStage: '{stage} · {status}',
    statusFollows: 'As the stage before: {status}',
    statusSaved: 'customer status at stage “{name}”: {status}',
  },
  ru: {
    statusSubtotal: 'Подытог: {status}',
    statusSubtotalNote:
      'Этапы сгруппированы по статусу клиента: потенциальный, действующий, бывший. «Подытог» считается по всем шагам этапов этого статуса (сначала среднее каждого прохода по его шагам, затем среднее проходов), поэтому это не среднее строк выше.',
    statusOfStage: 'Статус клиента на этапе «{name}»',
    statusChartGroups: 'Этапы по статусу клиента: {groups}.',
    statusSlideStage: '{stage} · {status}',
    statusFollows: 'Как у предыдущего этапа: {status}',
    statusSaved: 'статус клиента на этапе «{name}» — {status}',
  },
});
