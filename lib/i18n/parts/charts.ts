/** Strings of the touchpoint map (mind map) and the charts' series (see ./define.ts). */
import { defineWords } from './define';

export const chartsWords = defineWords({
  en: {
    mapTitle: 'Touchpoint map',
    mapNote:
      'Mann’s categories and every touchpoint type of the audit’s catalogue (hidden types left out). Beside each type, one mark per brand, left to right: {brands}.',
    mapRoot: 'Touchpoints',
    mapKey: 'Key to the marks',
    mapKey_score: '4.2 — mean experience (1–5) in this wave',
    mapKey_unscored: '? — walked, experience not scored',
    mapKey_exists: '✓ — exists, not walked',
    mapKey_notWalked: '— — not walked (not checked)',
    mapKey_absent: '× — absent (the brand has no such touchpoint)',
    mapMark_score: 'experience {value} (steps: {n})',
    mapMark_unscored: 'walked, not scored (steps: {n})',
    mapMark_exists: 'exists, not walked',
    mapMark_notWalked: 'not walked',
    mapMark_absent: 'absent',
    mapBrandSummary:
      '{brand}: scored {score}, walked but not scored {unscored}, exists but not walked {exists}, not walked {notWalked}, absent {absent}.',
    mapDesc:
      '{title}: {categories} categories, {types} touchpoint types, {brands} brands. The same data is in the table under the map.',
    mapTable: 'The map as a table ({n} types)',
    mapTableCaption: 'Touchpoint map: each type’s mark per brand',
    mapTableType: 'Touchpoint type',
    mapShortened:
      'Names shortened on the map: {n} (shown in full when you point at them, and in the table).',
    mapOffMap: 'Steps not on the map (no type, or a hidden type): {n}.',
    mapNone: 'No touchpoint type to show: every type of the catalogue is hidden.',
    slidesMap: 'Map: {category}',
    slidesMapNote:
      'Marks left to right: {brands}. A number is the mean experience (1–5); ? walked, not scored; ✓ exists, not walked; — not walked; × absent. Types nobody walked or checked: {n}, on the report’s map only.',
  },
  ru: {
    mapTitle: 'Карта точек контакта',
    mapNote:
      'Категории Манна и все типы точек контакта из каталога аудита (скрытые типы не показаны). Рядом с каждым типом — по отметке на бренд, слева направо: {brands}.',
    mapRoot: 'Точки контакта',
    mapKey: 'Обозначения',
    mapKey_score: '4,2 — среднее впечатление (1–5) в этой волне',
    mapKey_unscored: '? — пройдена, впечатление не оценено',
    mapKey_exists: '✓ — есть, но не пройдена',
    mapKey_notWalked: '— — не пройдена (не проверялась)',
    mapKey_absent: '× — отсутствует (у бренда нет такой точки контакта)',
    mapMark_score: 'впечатление {value} (шагов: {n})',
    mapMark_unscored: 'пройдена, без оценки (шагов: {n})',
    mapMark_exists: 'есть, не пройдена',
    mapMark_notWalked: 'не пройдена',
    mapMark_absent: 'отсутствует',
    mapBrandSummary:
      '{brand}: с оценкой — {score}, пройдены без оценки — {unscored}, есть, но не пройдены — {exists}, не пройдены — {notWalked}, отсутствуют — {absent}.',
    mapDesc:
      '{title}: категорий — {categories}, типов точек контакта — {types}, брендов — {brands}. Те же данные — в таблице под картой.',
    mapTable: 'Карта в виде таблицы (типов: {n})',
    mapTableCaption: 'Карта точек контакта: отметка каждого типа по брендам',
    mapTableType: 'Тип точки контакта',
    mapShortened:
      'Сокращённых названий на карте: {n} (полностью — во всплывающей подсказке и в таблице).',
    mapOffMap: 'Шагов не на карте (без типа или со скрытым типом): {n}.',
    mapNone: 'Показать нечего: все типы каталога скрыты.',
    slidesMap: 'Карта: {category}',
    slidesMapNote:
      'Отметки слева направо: {brands}. Число — среднее впечатление (1–5); ? — пройдена без оценки; ✓ — есть, не пройдена; — — не пройдена; × — отсутствует. Типы, которые никто не прошёл и не проверил ({n}), — только на карте в отчёте.',
  },
});
