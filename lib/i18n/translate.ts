/** UI and report strings in English and Russian; switchable at run time (so not browser.i18n). */
import type { Locale } from '../taxonomy';
import { en } from './en';
import { ru } from './ru';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export const MESSAGES: Record<Locale, Messages> = { en, ru };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns a translator; `{name}` placeholders are filled from params (as text, never HTML). */
export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** The UI language for a browser language tag: Russian for ru*, English otherwise. */
export function localeFor(languageTag: string | null | undefined): Locale {
  return languageTag?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

/** One formatter per language and format (making one costs more than formatting: long lists). */
function formatterOf(
  cache: Partial<Record<Locale, Intl.DateTimeFormat>>,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return (cache[locale] ??= new Intl.DateTimeFormat(INTL_TAGS[locale], options));
}
const dateTimeFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};
const timeFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

export function formatDateTime(ms: number, locale: Locale): string {
  return formatterOf(dateTimeFormats, locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

const stampFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/** A moment to the second with its time zone, e.g. "8 Dec 2026, 01:45:12 UTC" (caption bands). */
export function formatTimestamp(ms: number, locale: Locale): string {
  return formatterOf(stampFormats, locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

const dateFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/** A day, e.g. "26 Dec 2026" (due dates). */
export function formatDate(ms: number, locale: Locale): string {
  return formatterOf(dateFormats, locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(ms);
}

export function formatTime(ms: number, locale: Locale): string {
  return formatterOf(timeFormats, locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Number formats by locale and digits: made once (a new one costs far more than formatting). */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, digits = 1): string {
  const key = `${locale}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAGS[locale], {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** "1 h 5 min", "4 min 10 s", "12 s". */
export function formatDuration(ms: number, locale: Locale): string {
  const t = translator(locale);
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h} ${t('unitHour')} ${m} ${t('unitMinute')}`;
  if (m) return `${m} ${t('unitMinute')} ${s} ${t('unitSecond')}`;
  return `${s} ${t('unitSecond')}`;
}

const BYTE_UNITS: Record<Locale, string[]> = {
  en: ['bytes', 'KB', 'MB', 'GB'],
  ru: ['байт', 'КБ', 'МБ', 'ГБ'],
};

/** "812 bytes", "4.2 MB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = BYTE_UNITS[locale];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${bytes.toLocaleString(INTL_TAGS[locale])} ${units[0]}`
    : `${formatNumber(value, locale)} ${units[unit]}`;
}

/** What replaces the auditor's name, email and phone in what is shown or exported, in `t`'s language. */
export function maskLabels(t: Translate): { name: string; email: string; phone: string } {
  return { name: t('maskName'), email: t('maskEmail'), phone: t('maskPhone') };
}
