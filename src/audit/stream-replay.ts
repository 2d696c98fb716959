import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { appealCaseMachines, commissionMachines, type CaseEffect, type TermKind } from '../../workflows';
import { machineEventOf } from '../events/event-catalogue';
import { Stepper, anyStepper } from '../workflow-runtime/stepper';

/**
 * Replay of one stream from its first event (SPEC §6): the opening event (CASE.OPENED, COMMISSION.OPENED)
 * carries `payload.input`, every later event is the machine event its fields describe (event-catalogue.ts).
 * The machine is the workflow version the stream was opened with. Incremental, so verification can feed
 * events as it reads them. The effects the machine emits are collected: a replay reproduces them.
 */
export interface ReplayableEvent {
  seq: number;
  type: string;
  payload: object;
}

export function machineFor(streamType: string, workflowVersion: number): AnyStateMachine | undefined {
  const machines: Readonly<Record<number, AnyStateMachine>> =
    streamType === 'commission' ? commissionMachines : appealCaseMachines;
  return machines[workflowVersion];
}

export class StreamReplay {
  private snapshot: SnapshotFrom<AnyStateMachine> | null = null;
  private readonly stepper: Stepper<AnyStateMachine, CaseEffect>;
  /** Every effect emitted so far, in order (workflows/effects.ts). */
  readonly effects: CaseEffect[] = [];

  constructor(readonly machine: AnyStateMachine) {
    this.stepper = anyStepper(machine);
  }

  /**
   * Feeds the next event in seq order, with the same pure step the runtime used to write it (one inert scope
   * per machine; bench/replay). An event the machine would not have accepted is a broken history.
   */
  apply(event: ReplayableEvent): void {
    if (event.seq === 1) {
      this.effects.length = 0;
      const { snapshot, effects } = this.stepper.initial((event.payload as { input?: unknown }).input);
      this.snapshot = snapshot;
      this.effects.push(...effects);
    } else {
      if (!this.snapshot) throw new Error('the stream has no opening event');
      const machineEvent = machineEventOf(event);
      if (this.snapshot.status !== 'active' || !this.snapshot.can(machineEvent)) {
        throw new Error(
          `seq ${event.seq}: the machine does not accept ${event.type} in state ${JSON.stringify(this.snapshot.value)}`,
        );
      }
      const { snapshot, effects } = this.stepper.step(this.snapshot, machineEvent);
      this.snapshot = snapshot;
      this.effects.push(...effects);
    }
    if (this.snapshot.status === 'error')
      throw this.snapshot.error instanceof Error ? this.snapshot.error : new Error(String(this.snapshot.error));
  }

  get current(): SnapshotFrom<AnyStateMachine> {
    if (!this.snapshot) throw new Error('nothing replayed');
    return this.snapshot;
  }

  persisted(): Record<string, unknown> {
    if (!this.snapshot) throw new Error('nothing replayed');
    return this.machine.getPersistedSnapshot(this.snapshot);
  }

  /** Nothing to release (kept for the callers that stop a replay when done). */
  stop(): void {}
}

/** The workflow version a stream was opened with: recorded in its (hashed) opening event. */
export function openingWorkflowVersion(opening: ReplayableEvent, fallback: number): number {
  const v = (opening.payload as { workflowVersion?: unknown }).workflowVersion;
  return typeof v === 'number' ? v : fallback;
}

/** A term as the replayed effects say it should be: its due time and whether it runs, fired or stopped. */
export interface ExpectedTerm {
  kind: TermKind;
  due: string;
  status: 'open' | 'fired' | 'closed';
}

/** The terms of a case as its effects open, move, fire and close them, in opening order per kind. */
export function termsFromEffects(effects: readonly CaseEffect[]): ExpectedTerm[] {
  const terms: ExpectedTerm[] = [];
  const openOf = (kind: TermKind) => [...terms].reverse().find((t) => t.kind === kind && t.status === 'open');
  for (const e of effects) {
    if (e.type === 'term.open') terms.push({ kind: e.kind, due: e.due, status: 'open' });
    else if (e.type === 'term.move') {
      const t = openOf(e.kind);
      if (t) t.due = e.due;
    } else if (e.type === 'term.fire' || e.type === 'term.close') {
      const t = openOf(e.kind);
      if (t) t.status = e.type === 'term.fire' ? 'fired' : 'closed';
    }
  }
  return terms;
}
