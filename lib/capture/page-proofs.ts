/**
 * What the page itself proves (issue #17): right after a capture, a small script in the tab's
 * isolated world (entrypoints/page-proofs.ts) reads what the top document's DOM shows — a phone
 * in the first screen, a price with a currency, a consent checkbox, the form's fields, a chat
 * widget, the page's language — and the checklist items with a matching `proof` are pre-answered
 * "from the page" until the auditor confirms them. `readProofs` runs in the page; its reply is
 * the page's and is parsed here (`proofChecksOf`) like any other page data. The in-page part is
 * page-proofs-dom.ts.
 *
 * Only what the DOM shows is answered: a found phone, price, consent box or chat is a "yes", but
 * not finding one is no proof of "no" (an image, a lazy widget), so those stay unanswered. The
 * form's counts and the page's language are answered both ways.
 */
import { z } from 'zod';
import type { ChecklistTemplate, CheckResult } from '../model';
import { builtinItem, type ProofId } from '../taxonomy';
import { MAX_FIELDS, MAX_REQUIRED } from './page-proofs-dom';

export {
  MAX_FIELDS,
  MAX_REQUIRED,
  pageView,
  readProofs,
  type ProofView,
  type RawProofs,
} from './page-proofs-dom';

const RawProofsReply = z.object({
  lang: z.string().max(200).nullable(),
  phone: z.string().max(500).nullable(),
  price: z.string().max(500).nullable(),
  fields: z.number().int().nonnegative().max(100_000).nullable(),
  required: z.number().int().nonnegative().max(100_000).nullable(),
  consent: z.string().max(500).nullable(),
  chat: z.string().max(500).nullable(),
});

/** One pre-answer: the answer and what the page showed. */
export interface ProofAnswer {
  answer: 'yes' | 'no';
  evidence: string;
}

const EVIDENCE_MAX = 120;
const cut = (text: string, max = EVIDENCE_MAX) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const LANG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** The answers the page's reply proves, by proof id; a malformed reply proves nothing. */
export function proofAnswersOf(reply: unknown): Map<ProofId, ProofAnswer> {
  const answers = new Map<ProofId, ProofAnswer>();
  const parsed = RawProofsReply.safeParse(reply);
  if (!parsed.success) return answers;
  const raw = parsed.data;
  const yes = (evidence: string): ProofAnswer => ({ answer: 'yes', evidence: cut(evidence) });
  const no = (evidence: string): ProofAnswer => ({ answer: 'no', evidence: cut(evidence) });
  if (raw.phone) answers.set('phone-first-screen', yes(`${raw.phone} in the first screen`));
  if (raw.price) answers.set('price-currency', yes(`“${raw.price}”`));
  if (raw.consent) answers.set('consent-checkbox', yes(`checkbox “${raw.consent}”`));
  if (raw.fields !== null && raw.fields > 0) {
    const counts = `${raw.fields} fields, ${raw.required ?? 0} required`;
    answers.set('form-fields', raw.fields <= MAX_FIELDS ? yes(counts) : no(counts));
    answers.set('required-fields', (raw.required ?? 0) <= MAX_REQUIRED ? yes(counts) : no(counts));
  }
  if (raw.chat) answers.set('chat-widget', yes(`chat: ${raw.chat}`));
  if (raw.lang !== null && LANG.test(raw.lang.trim())) {
    answers.set('page-language', yes(`lang="${raw.lang.trim()}"`));
  } else {
    answers.set(
      'page-language',
      no(raw.lang === null ? 'no lang on <html>' : `lang="${raw.lang}"`),
    );
  }
  return answers;
}

/** The proof of a checklist item: built-in items only (an audit's own items have none). */
export const proofOf = (itemId: string): ProofId | undefined => builtinItem(itemId)?.proof;

/**
 * The step's pre-answers at capture: each item with a proof of the audit's non-hidden checklists
 * that the page answered, marked `source: 'page'`. Stored with every checklist, not only the ones
 * the step shows yet (its type is chosen later); an unconfirmed page answer does not make a
 * checklist show (lib/metrics applicableChecklists).
 */
export function proofChecksOf(
  templates: readonly ChecklistTemplate[],
  answers: ReadonlyMap<ProofId, ProofAnswer>,
): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const template of templates) {
    if (template.hidden) continue;
    for (const item of template.items) {
      const proof = proofOf(item.id);
      const found = proof && answers.get(proof);
      if (!found) continue;
      checks.push({
        templateId: template.id,
        itemId: item.id,
        answer: found.answer,
        comment: '',
        screenshotId: null,
        source: 'page',
        evidence: found.evidence,
      });
    }
  }
  return checks;
}
