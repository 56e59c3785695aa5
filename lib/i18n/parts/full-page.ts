/** Strings of full-page capture: a capture cut off, and scrolling areas (see ./define.ts). */
import { defineWords } from './define';

export const fullPageWords = defineWords({
  en: {
    'error_full-page-stopped':
      'The full-page capture of “{title}” stopped before it finished (the extension’s background worker was stopped). The page was restored; nothing was saved. Capture it again.',
    capturedAreaWhole:
      'Step {n} captured: the page itself does not scroll, so its scrolling area {label} was taken whole ({index} of {count}), with what surrounds it once.',
    capturedArea:
      'Step {n} captured: the page itself does not scroll, so its scrolling area {label} was taken ({index} of {count}), with what surrounds it once.',
    capturedAreaParts: 'It is in {parts} images (taller than one image can be).',
    capturedAreaVirtualised:
      'This list renders only the rows on screen: it was captured screen by screen, {rows} rows seen.',
    capturedAreaGrew:
      'It kept growing while it was captured: its first {height} px were taken, not all of it.',
    capturedAreaChoose:
      'To take another area, choose it under “Scrolling area” and press Full page.',
    fullPageArea: 'Scrolling area',
    fullPageAreaOption: '{n}. {label}',
  },
  ru: {
    'error_full-page-stopped':
      'Снимок всей страницы «{title}» прервался, не закончившись (фоновый процесс расширения был остановлен). Страница возвращена в прежний вид; ничего не сохранено. Снимите её ещё раз.',
    capturedAreaWhole:
      'Шаг {n} снят: сама страница не прокручивается, поэтому целиком снята её прокручиваемая область {label} ({index} из {count}), а то, что вокруг неё, — один раз.',
    capturedArea:
      'Шаг {n} снят: сама страница не прокручивается, поэтому снята её прокручиваемая область {label} ({index} из {count}), а то, что вокруг неё, — один раз.',
    capturedAreaParts: 'Снимок разбит на {parts} изображения (он выше, чем помещается в одно).',
    capturedAreaVirtualised:
      'Этот список показывает только строки на экране: он снят экран за экраном, увидено строк: {rows}.',
    capturedAreaGrew: 'Область росла, пока её снимали: сняты её первые {height} px, а не вся она.',
    capturedAreaChoose:
      'Чтобы снять другую область, выберите её в поле «Прокручиваемая область» и нажмите «Вся страница».',
    fullPageArea: 'Прокручиваемая область',
    fullPageAreaOption: '{n}. {label}',
  },
});
