/** Strings of auto-capture's wait for the page to settle and of capturing each click (issue #17). */
import { defineWords } from './define';

export const captureStepsWords = defineWords({
  en: {
    settleUnsettled: 'Captured after {s} s without the page settling.',
    clickCapture: 'Capture each click on a link, button or form control as a step',
    clickCaptureOn:
      'Click capture is on for “{title}”: each click on a link, button or form control becomes a step, its element boxed.',
    clickNote: 'Clicked {role} “{name}”',
    clickNoteUnnamed: 'Clicked {role} (it has no accessible name)',
    clickNameCut: '(name shortened from {length} characters)',
    clickRole_link: 'link',
    clickRole_button: 'button',
    clickRole_control: 'form control',
    capturedClick: 'Step {n} captured: a click on “{name}”.',
  },
  ru: {
    settleUnsettled: 'Снимок сделан через {s} с: страница так и не перестала меняться.',
    clickCapture: 'Снимать каждый щелчок по ссылке, кнопке или полю формы как шаг',
    clickCaptureOn:
      'Снимки щелчков включены для «{title}»: каждый щелчок по ссылке, кнопке или полю формы станет шагом, элемент будет обведён рамкой.',
    clickNote: 'Щелчок: {role} «{name}»',
    clickNoteUnnamed: 'Щелчок: {role} (без доступного имени)',
    clickNameCut: '(имя сокращено, было символов: {length})',
    clickRole_link: 'ссылка',
    clickRole_button: 'кнопка',
    clickRole_control: 'поле формы',
    capturedClick: 'Шаг {n} сохранён: щелчок по «{name}».',
  },
});
