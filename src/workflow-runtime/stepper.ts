import { createActor, type ActorScope, type AnyStateMachine, type EventObject, type MachineSnapshot } from 'xstate';
import { emittedEffects } from '../../workflows';

type AnySnapshot = MachineSnapshot<any, any, any, any, any, any, any, any>;

/**
 * Steps a machine purely, like XState's `transition()` / `initialTransition()`, but through ONE inert actor
 * scope per machine instead of a new actor for every call (which is what makes `transition()` cost
 * ~100 µs). The scope executes nothing: it records the actions the machine wants run, and the runtime
 * keeps the emitted effects (workflows/effects.ts). Uses only the machine's public ActorLogic interface
 * (`getInitialSnapshot`, `transition`) — never `_nodes` or other internals. bench/replay measures it.
 */
export class Stepper<TEffect extends { type: string } = { type: string }> {
  private scope: ActorScope<AnySnapshot, EventObject> | undefined;
  private readonly actions: { type: string; params?: unknown }[] = [];

  constructor(readonly machine: AnyStateMachine) {}

  initial(input: unknown): { snapshot: AnySnapshot; effects: TEffect[] } {
    const scope = this.scopeFor(undefined, input);
    this.actions.length = 0;
    const snapshot = this.machine.getInitialSnapshot(scope as never, input) as AnySnapshot;
    return { snapshot, effects: emittedEffects<TEffect>(this.actions) };
  }

  /** The next snapshot and the effects of one event (the caller asks `snapshot.can(event)` first). */
  step(snapshot: AnySnapshot, event: EventObject): { snapshot: AnySnapshot; effects: TEffect[] } {
    const scope = this.scopeFor(snapshot);
    this.actions.length = 0;
    const next = this.machine.transition(snapshot as never, event, scope as never) as AnySnapshot;
    return { snapshot: next, effects: emittedEffects<TEffect>(this.actions) };
  }

  private scopeFor(snapshot: AnySnapshot | undefined, input?: unknown): ActorScope<AnySnapshot, EventObject> {
    if (this.scope) return this.scope;
    // An actor that is never started: it only lends the scope a `self` and a `system`, as XState's own
    // inert scope does.
    const self = snapshot ? createActor(this.machine, { snapshot }) : createActor(this.machine, { input });
    const record = (action: { type: string; params?: unknown }) => void this.actions.push(action);
    this.scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => undefined,
      defer: () => undefined,
      emit: () => undefined,
      stopChild: () => undefined,
      system: self.system,
      actionExecutor: record,
    } as unknown as ActorScope<AnySnapshot, EventObject>;
    return this.scope;
  }
}

/** One stepper per machine (they hold no state between calls). */
const steppers = new WeakMap<AnyStateMachine, Stepper>();

export function stepperOf<TEffect extends { type: string } = { type: string }>(machine: AnyStateMachine): Stepper<TEffect> {
  let stepper = steppers.get(machine);
  if (!stepper) steppers.set(machine, (stepper = new Stepper(machine)));
  return stepper as Stepper<TEffect>;
}
