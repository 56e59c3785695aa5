/**
 * The ids of Mann's touchpoint categories and of the channels: part of the data model (records
 * store them); their labels live in lib/taxonomy. Order is the order the UI lists them in.
 */
export const CATEGORY_IDS = [
  'communications',
  'premises',
  'product',
  'technology',
  'staff',
  'materials',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CHANNEL_IDS = [
  'website',
  'online-ad',
  'search',
  'marketplace',
  'social',
  'mobile-app',
  'web-chat',
  'phone',
  'email',
  'messenger',
  'sms',
  'office',
  'document',
  'delivery',
  'print',
  'other',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** The languages of the UI and the report. */
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
