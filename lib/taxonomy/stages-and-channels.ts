/** The audit taxonomy (DESIGN.md): lifecycle stages, Mann's touchpoint categories, channels. Pure data. */

import {
  CATEGORY_IDS,
  CHANNEL_IDS,
  LOCALES,
  type CategoryId,
  type ChannelId,
  type Locale,
} from '../model/ids';

export { LOCALES, type Locale };
export type Labels = Record<Locale, string>;

export const STATUS_GROUPS = {
  prospect: { en: 'Potential customer', ru: 'Потенциальный клиент' },
  customer: { en: 'Current customer', ru: 'Действующий клиент' },
  former: { en: 'Former customer', ru: 'Бывший клиент' },
} as const satisfies Record<string, Labels>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

/** Lifecycle stages in customer order; the report aligns journeys on this order. */
export const STAGES = {
  'first-mention': { group: 'prospect', en: 'First mention', ru: 'Первое упоминание' },
  information: { group: 'prospect', en: 'Information gathering', ru: 'Сбор информации' },
  contact: { group: 'prospect', en: 'Contact / communication', ru: 'Контакт / коммуникация' },
  offer: { group: 'prospect', en: 'Offer', ru: 'Коммерческое предложение' },
  contract: { group: 'prospect', en: 'Contract', ru: 'Договор' },
  payment: { group: 'prospect', en: 'Payment', ru: 'Оплата' },
  delivery: { group: 'prospect', en: 'Delivery', ru: 'Доставка' },
  onboarding: { group: 'customer', en: 'Onboarding / setup', ru: 'Подключение / настройка' },
  support: { group: 'customer', en: 'Support', ru: 'Поддержка' },
  'repeat-purchase': { group: 'customer', en: 'Repeat purchase', ru: 'Повторная покупка' },
  feedback: { group: 'customer', en: 'Feedback / NPS', ru: 'Обратная связь / NPS' },
  cancellation: { group: 'former', en: 'Cancellation', ru: 'Расторжение' },
  documents: { group: 'former', en: 'Closing documents', ru: 'Закрывающие документы' },
  settlement: { group: 'former', en: 'Settlement', ru: 'Взаиморасчёты' },
} as const satisfies Record<string, Labels & { group: StatusGroup }>;
export type StageId = keyof typeof STAGES;
export const STAGE_IDS = Object.keys(STAGES) as [StageId, ...StageId[]];

/** Mann's categories of touchpoints. */
export const CATEGORIES = {
  communications: { en: 'Communications & advertising', ru: 'Коммуникации и реклама' },
  premises: { en: 'Office & premises', ru: 'Офис и помещения' },
  product: { en: 'Product (design, price, packaging)', ru: 'Товар (дизайн, цена, упаковка)' },
  technology: { en: 'Technology (site, chat, phone line)', ru: 'Технологии (сайт, чат, телефон)' },
  staff: { en: 'Staff', ru: 'Сотрудники' },
  materials: { en: 'Materials & documents', ru: 'Материалы и документы' },
} as const satisfies Record<CategoryId, Labels>;
export { CATEGORY_IDS, type CategoryId };

/** Channels: where an interaction happens (not the same thing as the touchpoint). */
export const CHANNELS = {
  website: { offline: false, en: 'Website', ru: 'Сайт' },
  'online-ad': { offline: false, en: 'Online advertising', ru: 'Интернет-реклама' },
  search: { offline: false, en: 'Search engine', ru: 'Поисковая система' },
  marketplace: { offline: false, en: 'Marketplace / review site', ru: 'Маркетплейс / отзовик' },
  social: { offline: false, en: 'Social network', ru: 'Социальная сеть' },
  'mobile-app': { offline: false, en: 'Mobile app', ru: 'Мобильное приложение' },
  'web-chat': { offline: false, en: 'Web chat', ru: 'Чат на сайте' },
  phone: { offline: true, en: 'Phone call', ru: 'Телефонный звонок' },
  email: { offline: true, en: 'Email', ru: 'Электронная почта' },
  messenger: { offline: true, en: 'Messenger / chat', ru: 'Мессенджер' },
  sms: { offline: true, en: 'SMS', ru: 'СМС' },
  office: { offline: true, en: 'Office visit', ru: 'Визит в офис' },
  document: { offline: true, en: 'Document / letter', ru: 'Документ / письмо' },
  delivery: { offline: true, en: 'Delivery / courier', ru: 'Доставка / курьер' },
  print: { offline: true, en: 'Print / outdoor', ru: 'Печатная / наружная реклама' },
  other: { offline: true, en: 'Other', ru: 'Другое' },
} as const satisfies Record<ChannelId, Labels & { offline: boolean }>;
export { CHANNEL_IDS, type ChannelId };
export const OFFLINE_CHANNEL_IDS = CHANNEL_IDS.filter((id) => CHANNELS[id].offline);

/**
 * The stage a new step starts in: the previous step's (a walk moves forward), else information
 * gathering for a page and contact for an offline contact (a call, a letter).
 */
export function defaultStage(kind: 'page' | 'offline', previous: string | undefined): string {
  return previous ?? (kind === 'offline' ? 'contact' : 'information');
}

export function isStageId(id: string): id is StageId {
  return Object.hasOwn(STAGES, id);
}

/** Label of a stage; a custom stage (any other string) is shown as the auditor typed it. */
export function stageLabel(stage: string, locale: Locale): string {
  return isStageId(stage) ? STAGES[stage][locale] : stage;
}

/** Sort key of a stage: built-in stages in lifecycle order, custom stages after them. */
export function stageOrder(stage: string): number {
  const index = STAGE_IDS.indexOf(stage as StageId);
  return index === -1 ? STAGE_IDS.length : index;
}
