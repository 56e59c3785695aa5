/** Strings of one feature (see ./define.ts): a full page with its overlays hidden, by choice. */
import { defineWords } from './define';

export const overlaysWords = defineWords({
  en: {
    hideOverlays: 'Full page without overlays (cookie bars, chat buttons, promos)',
    hideOverlaysHint:
      'Overlays are part of the experience and kept by default. Ticked, the next full pages hide every fixed element over the content — all but a header bar across the top — and the step records how many.',
    overlaysHidden: '{n} overlays (cookie bars, chat buttons and the like) were hidden, as chosen.',
    overlaysNoneHidden: 'No overlay was on screen to hide.',
    overlaysHiddenStep: 'Taken without its {n} overlays (cookie bars, chat buttons), as chosen.',
  },
  ru: {
    hideOverlays: 'Вся страница без всплывающих слоёв (cookie-плашки, кнопки чата, промо)',
    hideOverlaysHint:
      'Всплывающие слои — часть опыта клиента, по умолчанию они остаются. Если отметить, следующие снимки всей страницы скрывают все закреплённые элементы поверх содержимого, кроме шапки во всю ширину сверху, а шаг запоминает, сколько их было.',
    overlaysHidden:
      'Скрыто всплывающих слоёв (cookie-плашки, кнопки чата и т. п.): {n}, как выбрано.',
    overlaysNoneHidden: 'На экране не было всплывающих слоёв, скрывать было нечего.',
    overlaysHiddenStep:
      'Снято без всплывающих слоёв ({n}: cookie-плашки, кнопки чата), как выбрано.',
  },
});
