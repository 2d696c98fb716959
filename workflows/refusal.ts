/** Why a workflow refuses an event: a stable problem type of SPEC §7, the point of law, the guard. */

export type RefusalType =
  | 'deadline-passed'
  | 'supporting-documents-required'
  | 'commission-not-constituted'
  | 'member-conflict-of-interest'
  | 'quorum-not-met'
  | 'final-at-authority'
  | 'validation-failed'
  | 'invalid-transition';

export interface Refusal {
  type: RefusalType;
  /** The point of the methodology, e.g. `p.99`, when a rule of the law refuses. */
  law?: string;
  /** The named guard that failed, when one did. */
  guard?: string;
  /** For `invalid-transition`: the stage the stream is in (a SPEC §4 state name), so the answer can say what must happen first. */
  stage?: string;
}

/** How a failing guard is reported. `law` may depend on the context (p.100 vs p.101 by direction). */
export interface GuardRule<TContext> {
  type: RefusalType;
  law?: string | ((context: TContext) => string);
}

export function resolveLaw<TContext>(rule: GuardRule<TContext>, context: TContext): string | undefined {
  return typeof rule.law === 'function' ? rule.law(context) : rule.law;
}
