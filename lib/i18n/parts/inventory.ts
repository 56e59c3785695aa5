/** Strings of one feature (see ./define.ts): existing and potential touchpoints (the inventory). */
import { defineWords } from './define';

export const inventoryWords = defineWords({
  en: {
    invTitle: 'Existing and potential touchpoints',
    invHelp:
      'Which touchpoints of the catalogue each brand has (Aaker, step 1: those in use and those that could be added). A type walked in any wave counts as walked; for the others, say whether the brand has it. Hidden types are left out.',
    invNoBrands:
      'No brands yet: add the own brand and its competitors in the side panel, then say here which touchpoints each has.',
    invNoTypes: 'The catalogue has no visible touchpoint types.',
    invLoading: 'Reading the brands and their walks…',
    invType: 'Touchpoint type',
    invCellOf: '{brand} — {type}',
    invState_walked: 'walked',
    invState_exists: 'exists, not walked',
    invState_absent: 'absent',
    invState_unchecked: 'not checked',
    invChoice_unchecked: 'Not checked',
    invChoice_exists: 'Exists',
    invChoice_absent: 'Absent',
    invWalked: 'Walked',
    invSaved: '{cell}: {state}',
    invCountsCaption: 'Types per state',
    invShown: 'Showing {shown} of {total} types.',
    invShowMore: 'Show {n} more types',
    invCategoryCount: '{n} types',
    invMarks: 'Marks: ● walked, ○ exists but not walked, ✕ absent, ? not checked.',
    invReportExplained:
      'Every type of the audit’s catalogue (hidden ones left out), per brand: walked in this wave, exists but not walked (as the auditor checked it), absent, or not checked.',
    invNoWalk: 'no walk in this wave',
    invHaveWho: '{brand} ({state})',
    findingInventoryAbsent: '{brand} lacks touchpoints other brands have: {list}.',
    findingInventoryUnchecked: 'Not checked for {brand}, though other brands have them: {list}.',
    invListMore: '{list} and {n} more (see “Existing and potential touchpoints”)',
    invCoverageNote:
      'Every type of the catalogue has a row (hidden ones left out): “missing” means not walked in this wave; whether a brand has it is said under “Existing and potential touchpoints”.',
    invCoverageNobody: 'walked by no brand in this wave',
    invSlideTitle: 'Touchpoints others have and we lack',
    invSlideNote: 'The own brand: {brand}. “Not checked”: nobody has said yet whether it has them.',
    invSlideWho: 'Who has it',
  },
  ru: {
    invTitle: 'Существующие и потенциальные точки контакта',
    invHelp:
      'Какие точки контакта из каталога есть у каждого бренда (Аакер, шаг 1: те, что уже используются, и те, что можно добавить). Тип, пройденный в любой волне, считается пройденным; для остальных укажите, есть ли он у бренда. Скрытые типы не показаны.',
    invNoBrands:
      'Брендов пока нет: добавьте свой бренд и конкурентов в боковой панели, а затем отметьте здесь, какие точки контакта есть у каждого.',
    invNoTypes: 'В каталоге нет видимых типов точек контакта.',
    invLoading: 'Читаем бренды и их проходы…',
    invType: 'Тип точки контакта',
    invCellOf: '{brand} — {type}',
    invState_walked: 'пройдена',
    invState_exists: 'есть, не пройдена',
    invState_absent: 'нет',
    invState_unchecked: 'не проверено',
    invChoice_unchecked: 'Не проверено',
    invChoice_exists: 'Есть',
    invChoice_absent: 'Нет',
    invWalked: 'Пройдена',
    invSaved: '{cell}: {state}',
    invCountsCaption: 'Типов в каждом состоянии',
    invShown: 'Показано типов: {shown} из {total}.',
    invShowMore: 'Показать ещё {n}',
    invCategoryCount: 'типов: {n}',
    invMarks: 'Обозначения: ● пройдена, ○ есть, но не пройдена, ✕ нет, ? не проверено.',
    invReportExplained:
      'Все типы каталога аудита (кроме скрытых) по каждому бренду: пройдена в этой волне, есть, но не пройдена (по проверке аудитора), нет или не проверено.',
    invNoWalk: 'в этой волне не проходили',
    invHaveWho: '{brand} ({state})',
    findingInventoryAbsent: 'У бренда {brand} нет точек контакта, которые есть у других: {list}.',
    findingInventoryUnchecked:
      'Не проверено для бренда {brand}, хотя у других брендов это есть: {list}.',
    invListMore: '{list} и ещё {n} (см. «Существующие и потенциальные точки контакта»)',
    invCoverageNote:
      'Строка есть у каждого типа каталога (кроме скрытых): «нет» значит «не пройдена в этой волне»; есть ли такая точка у бренда, сказано в разделе «Существующие и потенциальные точки контакта».',
    invCoverageNobody: 'в этой волне не пройдена ни одним брендом',
    invSlideTitle: 'Что есть у других и нет у нас',
    invSlideNote: 'Свой бренд: {brand}. «Не проверено»: пока никто не указал, есть ли это у него.',
    invSlideWho: 'У кого есть',
  },
});
