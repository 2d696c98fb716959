import { AnyStateMachine, initialTransition, transition } from 'xstate';

/**
 * Runs the pure machines of workflows/ (STYLE): restore a persisted snapshot with the machine's own
 * resolveState, ask `snapshot.can(event)`, step with the pure `transition()`, persist the result.
 * Nothing here knows the law; it only moves snapshots.
 */
export type Persisted = Record<string, unknown>;

export function initialPersisted(machine: AnyStateMachine, input: unknown): { persisted: Persisted; snapshot: any } {
  const [snapshot] = initialTransition(machine, input);
  return { persisted: machine.getPersistedSnapshot(snapshot) as Persisted, snapshot };
}

export function restore(machine: AnyStateMachine, persisted: Persisted): any {
  return machine.resolveState(persisted as any);
}

/** Steps one event; returns null when the machine does not accept it in this state. */
export function step(machine: AnyStateMachine, snapshot: any, event: { type: string }): { persisted: Persisted; snapshot: any } | null {
  if (!snapshot.can(event)) return null;
  const [next] = transition(machine, snapshot, event as any);
  return { persisted: machine.getPersistedSnapshot(next) as Persisted, snapshot: next };
}

/**
 * Replays a stream from its opening input through its events. A started-once loop over the pure
 * transition keeps replay deterministic; for very long replays a started actor is faster (bench/replay).
 */
export function replay(machine: AnyStateMachine, input: unknown, events: { type: string }[]): any {
  let { snapshot } = initialPersisted(machine, input);
  for (const event of events) {
    const [next] = transition(machine, snapshot, event as any);
    snapshot = next;
  }
  return snapshot;
}
