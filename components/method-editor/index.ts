/**
 * The audit's method, edited (method.html): touchpoint types, stages, checklists and service
 * standards. Props in, changes out: every edit is one MethodChange, which the page saves at once
 * (one transaction). An audit keeps only what differs from the built-in method
 * (lib/taxonomy/method-overrides.ts), so a built-in edited back to its built-in form leaves the
 * audit's lists. Names are rendered as text, never as HTML. One file a section in
 * method-editor/, the shared pieces in shared.tsx, controls.tsx and changes.ts, the limits of
 * names, weights and targets in limits.ts.
 */
export type { MethodChange, MethodUsage } from './changes';
export { MethodEditor } from './editor';
