/**
 * What leaves the auditor's browser: their own name, email and phone (set in Options) are masked
 * wherever a visited page put them into a URL, a title or a note; the browser's user agent and
 * the names of uploaded files are left out unless the auditor includes them. Pure. (A masked value
 * is kept within its field's limit: a placeholder longer than the name it hides could exceed it.)
 */
import { fitText, LIMITS, type Identity, type Journey, type Screenshot, type Step } from '../model';

/** What replaces each kind of identity value (translated by the caller). */
export interface MaskLabels {
  name: string;
  email: string;
  phone: string;
}

export const MASK_LABELS_EN: MaskLabels = { name: '[name]', email: '[email]', phone: '[phone]' };

/** Choices made when exporting (report, CSV, bundle). */
export interface ExportChoices {
  /** Keep the auditor's real name, email and phone (a backup does; a client report does not). */
  identity: boolean;
  /** Keep the browser's user agent in each image's evidence record. */
  userAgent: boolean;
  /** Keep the original names of uploaded evidence files. */
  fileNames: boolean;
}

export const SHARE_CHOICES: ExportChoices = { identity: false, userAgent: false, fileNames: false };
export const BACKUP_CHOICES: ExportChoices = { identity: true, userAgent: true, fileNames: true };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Separators between words of a name, as they appear in text and in URLs. */
const WORD_GAP = '(?:\\s|\\+|%20|_|-|\\.|,)+';
/** Separators inside a phone number, as typed and as URL-encoded. */
const PHONE_GAP = '(?:[\\s\\-.()]|%20|%28|%29|%2D)*';

/** The forms a value takes in text and in URLs (percent-encoded). */
function variants(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return encoded === value ? [value] : [value, encoded];
}

interface Rule {
  pattern: RegExp;
  label: keyof MaskLabels;
}

function rulesFor(identity: Identity): Rule[] {
  const rules: Rule[] = [];
  const email = identity.email.trim();
  if (email.length >= 3) {
    rules.push({
      pattern: new RegExp(variants(email).map(escape).join('|'), 'giu'),
      label: 'email',
    });
  }
  const digits = identity.phone.replace(/\D/g, '');
  if (digits.length >= 7) {
    // The last 10 digits with any separators, plus a country/trunk prefix before them (+7, 8).
    const core = digits.slice(-10).split('').join(PHONE_GAP);
    const prefix = `(?:(?:\\+|%2B)?\\d{1,3}${PHONE_GAP})?`;
    rules.push({ pattern: new RegExp(`(?<!\\d)${prefix}${core}(?!\\d)`, 'giu'), label: 'phone' });
  }
  const words = identity.name.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) {
    const full = words.map((w) => variants(w).map(escape).join('|')).map((w) => `(?:${w})`);
    rules.push({ pattern: new RegExp(full.join(WORD_GAP), 'giu'), label: 'name' });
  }
  // Each word of the name on its own too (pages often split first and last name), if long enough
  // not to hit ordinary words.
  for (const word of words.filter((w) => w.length >= 3)) {
    const forms = variants(word).map(escape).join('|');
    rules.push({
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}])`, 'giu'),
      label: 'name',
    });
  }
  return rules;
}

/** A function that masks the auditor's identity in a text (identity: nothing to mask → as is). */
export function identityMasker(
  identity: Identity | null,
  labels: MaskLabels = MASK_LABELS_EN,
): (text: string) => string {
  const rules = identity ? rulesFor(identity) : [];
  if (!rules.length) return (text) => text;
  return (text) => rules.reduce((out, rule) => out.replace(rule.pattern, labels[rule.label]), text);
}

/** Masks a URL after its host (a host name is never the auditor's identity; it stays parseable). */
export function maskUrl(url: string, mask: (text: string) => string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
  return match ? `${match[1]}${mask(match[2] ?? '')}` : mask(url);
}

export interface Maskers {
  text: (text: string) => string;
  url: (url: string) => string;
}

export function maskers(identity: Identity | null, labels?: MaskLabels): Maskers {
  const text = identityMasker(identity, labels);
  return { text, url: (url) => maskUrl(url, text) };
}

/** A step as it may be shown or sent: identity masked in its URL, title and note. */
export function maskStep(step: Step, m: Maskers): Step {
  return {
    ...step,
    url: step.url === null ? null : fitText(m.url(step.url), LIMITS.url),
    title: fitText(m.text(step.title), LIMITS.title),
    note: fitText(m.text(step.note), LIMITS.note),
  };
}

/** A screenshot as it may be sent: identity masked; user agent and upload file name only if chosen. */
export function shareScreenshot(
  shot: Screenshot,
  m: Maskers,
  choices: Pick<ExportChoices, 'userAgent' | 'fileNames'>,
): Screenshot {
  return {
    ...shot,
    url: shot.url === null ? null : fitText(m.url(shot.url), LIMITS.url),
    title: fitText(m.text(shot.title), LIMITS.title),
    fileName: choices.fileNames ? fitText(m.text(shot.fileName), LIMITS.title) : '',
    userAgent: choices.userAgent ? shot.userAgent : '',
    annotations: shot.annotations.map((a) =>
      a.kind === 'text' ? { ...a, text: fitText(m.text(a.text), LIMITS.annotation) } : a,
    ),
  };
}

/** A journey as it may be sent: identity masked in its task and persona. */
export function maskJourney(journey: Journey, m: Maskers): Journey {
  return {
    ...journey,
    task: fitText(m.text(journey.task), LIMITS.text),
    persona: fitText(m.text(journey.persona), LIMITS.text),
  };
}

/** Records prepared for export: masked and stripped according to the auditor's choices. */
export function shareRecords<
  T extends { journeys: Journey[]; touchpoints: Step[]; screenshots: Screenshot[] },
>(records: T, identity: Identity | null, choices: ExportChoices, labels?: MaskLabels): T {
  const m = maskers(choices.identity ? null : identity, labels);
  return {
    ...records,
    journeys: records.journeys.map((j) => maskJourney(j, m)),
    touchpoints: records.touchpoints.map((s) => maskStep(s, m)),
    screenshots: records.screenshots.map((s) => shareScreenshot(s, m, choices)),
  };
}
