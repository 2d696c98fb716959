/**
 * Test support: which states and transitions of a machine definition a traversal exercised.
 * Reads the definition through the public state-node API; used by the model-based specs.
 */
import { adjacencyMapToArray, getAdjacencyMap } from '@xstate/graph';
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition, EventObject, StateValue } from 'xstate';
import { activeStateNodes } from '../state-nodes';

export interface DefinedTransition {
  key: string;
  source: AnyStateNode;
  eventType: string;
  targets: readonly AnyStateNode[];
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((c) => allNodes(c as AnyStateNode))];
}

export function definedStateIds(machine: AnyStateMachine): string[] {
  return allNodes(machine.root)
    .slice(1)
    .map((n) => n.id);
}

/** Every transition of the definition, keyed `source#event#index` (index within that source and event). */
export function definedTransitions(machine: AnyStateMachine): DefinedTransition[] {
  return allNodes(machine.root).flatMap((source) =>
    [...source.transitions.entries()].flatMap(([eventType, list]: [string, AnyTransitionDefinition[]]) =>
      list.map((t, i) => ({
        key: `${source.id}#${eventType}#${i}`,
        source,
        eventType,
        targets: (t.target ?? []) as AnyStateNode[],
      })),
    ),
  );
}

interface Step {
  before: { value: StateValue; json: string };
  event: EventObject;
  after: { value: StateValue; json: string };
}

/** Does this step fit transition `t` (source active before; targets active after, or a self-update)? */
function fits(machine: AnyStateMachine, t: DefinedTransition, step: Step): boolean {
  const isDone = t.eventType.startsWith('xstate.done.state.');
  if (!isDone && step.event.type !== t.eventType) return false;
  if (step.before.json === step.after.json) return false; // refused: nothing happened
  const before = new Set(activeStateNodes(machine, step.before.value).map((n) => n.id));
  const after = new Set(activeStateNodes(machine, step.after.value).map((n) => n.id));
  if (!before.has(t.source.id)) return false;
  // A final target may be left at once when its parallel parent completes (onDone): it was
  // reached when the step leaves its parent behind.
  const reached = (n: AnyStateNode): boolean =>
    after.has(n.id) || (n.type === 'final' && !!n.parent && !after.has(n.parent.id));
  if (t.targets.length > 0) return t.targets.every(reached);
  return JSON.stringify(step.before.value) === JSON.stringify(step.after.value);
}

export interface Coverage<TSnapshot> {
  snapshots: TSnapshot[];
  visitedStates: Set<string>;
  coveredTransitions: Set<string>;
}

/**
 * Traverses the machine from its initial snapshot with the sample events (breadth first, over
 * distinct {value, context}), and attributes every step to the definition transitions XState selects
 * for it (guards evaluated), and to the done transitions that follow.
 */
export function traverse<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: {
    input: unknown;
    events: readonly EventObject[];
    limit?: number;
    /** How snapshots are told apart; default: value and the whole context. */
    serializeState?: (snapshot: { value: StateValue; context: unknown }) => string;
  },
): Coverage<{ value: StateValue; context: unknown; status: string }> {
  const adjacency = getAdjacencyMap(machine as AnyStateMachine, {
    input: options.input,
    events: options.events as EventObject[],
    limit: options.limit ?? 2_000_000,
    serializeState: (s) => {
      const snap = s as unknown as { value: StateValue; context: unknown };
      return options.serializeState
        ? options.serializeState(snap)
        : JSON.stringify({ value: snap.value, context: snap.context });
    },
  });
  const rows = adjacencyMapToArray(adjacency) as {
    state: { value: StateValue; context: unknown };
    event: EventObject;
    nextState: { value: StateValue; context: unknown };
  }[];
  const snapshots = Object.values(adjacency).map(
    (v) => v.state as { value: StateValue; context: unknown; status: string },
  );
  const visitedStates = new Set<string>();
  for (const s of snapshots) for (const n of activeStateNodes(machine, s.value).slice(1)) visitedStates.add(n.id);

  const transitions = definedTransitions(machine);
  const bySourceEvent = new Map<string, DefinedTransition[]>();
  for (const t of transitions) {
    const k = `${t.source.id}#${t.eventType}`;
    bySourceEvent.set(k, [...(bySourceEvent.get(k) ?? []), t]);
  }
  const coveredTransitions = new Set<string>();
  const json = (s: { value: StateValue; context: unknown }) => JSON.stringify({ value: s.value, context: s.context });
  for (const row of rows) {
    const step: Step = {
      before: { value: row.state.value, json: json(row.state) },
      event: row.event,
      after: { value: row.nextState.value, json: json(row.nextState) },
    };
    if (step.before.json === step.after.json) continue; // refused: nothing happened
    // The transitions the machine itself selects for this event, guards evaluated (StateMachine.getTransitionData),
    // so two guarded transitions of one source and event to the same target are told apart.
    const selected = (machine as AnyStateMachine).getTransitionData(
      row.state as never,
      row.event,
    ) as AnyTransitionDefinition[];
    for (const t of selected) {
      const index = ((t.source.transitions.get(t.eventType) ?? []) as AnyTransitionDefinition[]).indexOf(t);
      if (index >= 0) coveredTransitions.add(`${t.source.id}#${t.eventType}#${index}`);
    }
    // Done transitions (onDone) follow within the same step: attributed by the targets they reach.
    for (const list of bySourceEvent.values()) {
      if (!list[0].eventType.startsWith('xstate.done.state.')) continue;
      const hit = list.find((t) => fits(machine, t, step));
      if (hit) coveredTransitions.add(hit.key);
    }
  }
  return { snapshots, visitedStates, coveredTransitions };
}
