/**
 * What a step of a workflow causes outside its own snapshot — declared by the machines as emitted
 * events (XState `emit`), never performed by them. The service's stream runtime applies them in the
 * transaction that appends the event; a replay of the stream emits the same effects again, so the
 * audit can check the deadline rows and other consequences against the log.
 *
 * Pure descriptions: no I/O, no clock. Instants are the ones the events carried.
 */

/** The legal terms of a case: D1 (p.98/p.99), D2 (p.102), D3 (p.106), D4 (p.108). */
export type TermKind = 'objection' | 'table' | 'result' | 'escalation';

export const TERM_KINDS: readonly TermKind[] = ['objection', 'table', 'result', 'escalation'];

/** The point of the law each term comes from. */
export const TERM_LAW: Readonly<Record<TermKind, string>> = {
  objection: 'p.99',
  table: 'p.102',
  result: 'p.106',
  escalation: 'p.108',
};

export type CaseEffect =
  /** A term starts running; `due` is its last valid instant (computed by the calendar, carried by the event). */
  | { type: 'term.open'; kind: TermKind; due: string }
  /** The act that answers a term came in time (or the case moved on): the term stops running. */
  | { type: 'term.close'; kind: TermKind }
  /** The scheduler's deadline event: the term ran out unanswered. */
  | { type: 'term.fire'; kind: TermKind }
  /** A calendar change moved a running term. */
  | { type: 'term.move'; kind: TermKind; due: string }
  /** p.106: the results went to the working body and the evaluated body. */
  | { type: 'notify.resultsDispatched' }
  /** p.100/p.101: a body objected; the special commission recuses whoever evaluated it. */
  | { type: 'commission.objection'; bodyCode: string }
  /** p.107 (correction) / p.108 (the Presidential Administration revised it): a new version of the conclusion. */
  | { type: 'conclusion.version'; version: number; by: 'correction' | 'escalation' }
  /**
   * v2, p.92/p.94/p.96: the appeal procedure ended; the final conclusion (its last version) goes to the
   * informatization authority (`to`); p.97 (its own IT conclusions): recorded in its register.
   */
  | { type: 'conclusion.transmit'; to: string; law: 'p.92' | 'p.94' | 'p.96' | 'p.97'; version: number };

export type CaseEffectType = CaseEffect['type'];

/** The special commission declares no effect outside its own stream (recusals live in its context). */
export type CommissionEffect = never;

/** The effects among the actions the pure `transition()` / `initialTransition()` returned. */
export function emittedEffects<T extends { type: string }>(
  actions: readonly { type: string; params?: unknown }[],
): T[] {
  return actions.filter((a) => a.type === 'xstate.emit').map((a) => (a.params as { event: T }).event);
}
