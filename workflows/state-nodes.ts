/**
 * Reading a machine's definition through XState's public API (`machine.root`, `StateNode.states`,
 * `StateNode.on`) — never `_nodes` or `__unsafe_*` internals.
 */
import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';

/** The state nodes active for a state value, from the root down (ancestors included). */
export function activeStateNodes(machine: AnyStateMachine, value: StateValue): AnyStateNode[] {
  const out: AnyStateNode[] = [machine.root];
  const walk = (node: AnyStateNode, v: StateValue): void => {
    if (typeof v === 'string') {
      const child = node.states[v];
      if (child) out.push(child);
      return;
    }
    for (const [key, sub] of Object.entries(v)) {
      const child = node.states[key];
      if (!child) continue;
      out.push(child);
      if (sub !== undefined) walk(child, sub);
    }
  };
  walk(machine.root, value);
  return out;
}

/** Does any active state node declare a transition for this event type (guards aside)? */
export function declaresEvent(machine: AnyStateMachine, value: StateValue, eventType: string): boolean {
  return activeStateNodes(machine, value).some((node) => Object.prototype.hasOwnProperty.call(node.on, eventType));
}
