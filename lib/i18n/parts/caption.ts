/** Strings of one feature (see ./define.ts): the caption band drawn under captures (per audit). */
import { defineWords } from './define';

export const captionWords = defineWords({
  en: {
    captionOption: 'Caption band under each new capture: page title, address and time',
    captionOptionHint:
      'Drawn into the image, so it is part of the stored bytes and their SHA-256, in the language the extension shows at capture. A title or address too long for the band ends in “…” there; the step keeps it whole.',
    captionCaptured: 'Captured {time}',
    captionNoTitle: '(no title)',
    'error_caption-failed':
      'The caption band could not be drawn ({message}). Nothing was saved; try again, or turn the band off in the audit’s settings.',
  },
  ru: {
    captionOption: 'Подпись под каждым новым снимком: заголовок страницы, адрес и время',
    captionOptionHint:
      'Рисуется в самом изображении, поэтому входит в сохранённые байты и их SHA-256, на языке, который расширение показывает при снимке. Слишком длинные заголовок или адрес обрываются на «…» в подписи; в шаге они сохраняются целиком.',
    captionCaptured: 'Снято {time}',
    captionNoTitle: '(без заголовка)',
    'error_caption-failed':
      'Не удалось нарисовать подпись под снимком ({message}). Ничего не сохранено; попробуйте ещё раз или отключите подпись в настройках аудита.',
  },
});
