/** Strings of full-page capture: a capture cut off, and scrolling areas (see ./define.ts). */
import { defineWords } from './define';

export const fullPageWords = defineWords({
  en: {
    'error_full-page-stopped':
      'The full-page capture of “{title}” stopped before it finished (the extension’s background worker was stopped). The page was restored; nothing was saved. Capture it again.',
  },
  ru: {
    'error_full-page-stopped':
      'Снимок всей страницы «{title}» прервался, не закончившись (фоновый процесс расширения был остановлен). Страница возвращена в прежний вид; ничего не сохранено. Снимите её ещё раз.',
  },
});
