import { createActor, type ActorScope, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { emittedEffects, type AppealCaseMachine, type CaseEffect, type CommissionMachine } from '../../workflows';

/**
 * Steps a machine purely, like XState's `transition()` / `initialTransition()`, but through ONE inert actor
 * scope per machine instead of a new actor for every call (which is what makes `transition()` cost
 * ~100 µs). The scope executes nothing: it records the actions the machine wants run, and the runtime
 * keeps the emitted effects (workflows/effects.ts). Uses only the machine's public ActorLogic interface
 * (`getInitialSnapshot`, `transition`, `resolveState`) — never `_nodes` or other internals. bench/replay
 * measures it.
 */
export class Stepper<M extends AnyStateMachine, TEffect extends { type: string } = { type: string }> {
  private scope: ActorScope<SnapshotFrom<M>, EventFromLogic<M>> | undefined;
  private readonly actions: { type: string; params?: unknown }[] = [];

  constructor(readonly machine: M) {}

  initial(input: unknown): { snapshot: SnapshotFrom<M>; effects: TEffect[] } {
    const scope = this.scopeFor({ input });
    this.actions.length = 0;
    const snapshot = this.machine.getInitialSnapshot(scope, input) as SnapshotFrom<M>;
    return { snapshot, effects: emittedEffects<TEffect>(this.actions) };
  }

  /** The next snapshot and the effects of one event (the caller asks `snapshot.can(event)` first). */
  step(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): { snapshot: SnapshotFrom<M>; effects: TEffect[] } {
    const scope = this.scopeFor({ snapshot });
    this.actions.length = 0;
    const next = this.machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
    return { snapshot: next, effects: emittedEffects<TEffect>(this.actions) };
  }

  /** The snapshot as stored in a projection row (the machine's own `getPersistedSnapshot`). */
  persist(snapshot: SnapshotFrom<M>): unknown {
    const machine: AnyStateMachine = this.machine;
    return machine.getPersistedSnapshot(snapshot);
  }

  /** A persisted snapshot (a projection row's JSON) back into a live snapshot of this machine. */
  restore(persisted: unknown): SnapshotFrom<M> {
    return this.machine.resolveState(persisted as Parameters<M['resolveState']>[0]) as SnapshotFrom<M>;
  }

  private scopeFor(from: {
    snapshot?: SnapshotFrom<M>;
    input?: unknown;
  }): ActorScope<SnapshotFrom<M>, EventFromLogic<M>> {
    if (this.scope) return this.scope;
    // An actor that is never started: it only lends the scope a `self` and a `system`, as XState's own inert
    // scope does. The scope records actions instead of executing them.
    const machine: AnyStateMachine = this.machine;
    const self = from.snapshot
      ? createActor(machine, { snapshot: from.snapshot })
      : createActor(machine, { input: from.input });
    const record = (action: { type: string; params?: unknown }) => void this.actions.push(action);
    const scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => undefined,
      defer: () => undefined,
      emit: () => undefined,
      stopChild: () => undefined,
      system: self.system,
      actionExecutor: record,
    };
    this.scope = scope as unknown as ActorScope<SnapshotFrom<M>, EventFromLogic<M>>;
    return this.scope;
  }
}

/** One stepper per machine (they hold no state between calls). */
const steppers = new WeakMap<AnyStateMachine, Stepper<AnyStateMachine>>();

function stepperOf<M extends AnyStateMachine, TEffect extends { type: string }>(machine: M): Stepper<M, TEffect> {
  let stepper = steppers.get(machine);
  if (!stepper) steppers.set(machine, (stepper = new Stepper(machine)));
  return stepper as unknown as Stepper<M, TEffect>;
}

/** The stepper of an appeal case machine version: its effects are CaseEffects (workflows/effects.ts). */
export const caseStepper = (machine: AppealCaseMachine): Stepper<AppealCaseMachine, CaseEffect> => stepperOf(machine);

/** A stepper for a machine chosen at run time (replay of any stream: the stream type and version pick it). */
export const anyStepper = (machine: AnyStateMachine): Stepper<AnyStateMachine, CaseEffect> => stepperOf(machine);

/** The stepper of a special commission machine version (it declares no effect outside its stream). */
export const commissionStepper = (machine: CommissionMachine): Stepper<CommissionMachine, never> => stepperOf(machine);
