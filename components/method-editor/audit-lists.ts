/**
 * What the Method page's audit-level sections share (expected experience, the funnel): they edit
 * the audit's own lists rather than its method, each edit a function of the audit as stored right
 * before it is written (one transaction, see lib/controllers/method.ts saveAudit).
 */
import type { Translate } from '../../lib/i18n';
import type { Audit, AuditEdit, AuditMethod, Expectation, Wave } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';

export interface AuditListProps {
  t: Translate;
  locale: Locale;
  audit: Audit;
  /** The method as shown (with edits not yet read back). */
  method: AuditMethod;
  waves: readonly Wave[];
  /** Saves `change` (applied to the audit as stored) and says `saved` once it is stored. */
  save: (change: (audit: Audit) => AuditEdit, saved: string) => void;
  onRefuse: (text: string) => void;
}

/** The select value of a target: "stage:<name>" or "type:<id>". */
export function targetValue(target: Expectation['target']): string {
  return target.kind === 'stage' ? `stage:${target.stage}` : `type:${target.typeId}`;
}

export function parseTarget(value: string): Expectation['target'] {
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const rest = value.slice(at + 1);
  return kind === 'type' ? { kind: 'type', typeId: rest } : { kind: 'stage', stage: rest };
}
