/** Strings of checklist answers pre-filled from the page at capture (lib/capture/page-proofs.ts). */
import { defineWords } from './define';

export const proofsWords = defineWords({
  en: {
    fromPage: 'from the page',
    fromPageOf: 'Answered from the page, not confirmed: {evidence}',
    confirmFromPage: 'Confirm (key C)',
    confirmFromPageOf: 'Confirm the answer from the page: {item}',
    checklistKeys: 'Keys: Y yes, N no, A not applicable, C confirm an answer from the page.',
    fromPageUnconfirmed: 'Answers from the page not confirmed: {n}',
    fromPageMark: '(from the page, not confirmed)',
  },
  ru: {
    fromPage: 'со страницы',
    fromPageOf: 'Ответ со страницы, не подтверждён: {evidence}',
    confirmFromPage: 'Подтвердить (клавиша C)',
    confirmFromPageOf: 'Подтвердить ответ со страницы: {item}',
    checklistKeys: 'Клавиши: Y — да, N — нет, A — неприменимо, C — подтвердить ответ со страницы.',
    fromPageUnconfirmed: 'Ответов со страницы не подтверждено: {n}',
    fromPageMark: '(со страницы, не подтверждено)',
  },
});
