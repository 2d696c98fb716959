/**
 * Turns a machine definition into a Mermaid `stateDiagram-v2`, with event and guard names on the
 * edges. Pure: reads the public state-node API (`machine.root`, `states`, `transitions`, `always`).
 *
 * Mermaid cannot draw an edge into a state nested in another composite, so an edge is drawn
 * between the outermost distinct ancestors of its source and target, and its label names the
 * nested target (`→ correction.owed`). Targetless transitions (they only assign) are self-loops;
 * a self-loop that every non-final top-level state declares alike is drawn once, as a note.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

type GuardLike = string | { type?: unknown } | ((...args: never[]) => unknown) | undefined;

/** Names a guard: `name`, `a && b` for `and([...])`, `a || b` for `or`, `!a` for `not`. */
export function guardLabel(guard: GuardLike): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: GuardLike[] }).guards;
    if (Array.isArray(inner)) {
      const parts = inner.map((x) => guardLabel(x) ?? '?');
      if (guard.name === 'not') return `!${parts[0]}`;
      return parts.join(guard.name === 'or' ? ' || ' : ' && ');
    }
    return guard.name || 'inline';
  }
  return typeof guard.type === 'string' ? guard.type : 'inline';
}

function eventLabel(eventType: string): string {
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  return eventType;
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyStateNode))];
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

interface Edge {
  from: string;
  to: string;
  label: string;
}

export function toMermaid(machine: AnyStateMachine): string {
  const nodes = allNodes(machine.root).slice(1);
  const keyCount = new Map<string, number>();
  for (const n of nodes) keyCount.set(n.key, (keyCount.get(n.key) ?? 0) + 1);
  const idOf = (n: AnyStateNode): string => (keyCount.get(n.key) === 1 ? n.key : n.path.join('_'));
  const byPath = new Map(nodes.map((n) => [n.path.join('.'), n] as const));
  const nodeAt = (path: readonly string[]): AnyStateNode =>
    path.length === 0 ? machine.root : byPath.get(path.join('.'))!;

  const edgesIn = new Map<string, Edge[]>(); // keyed by the path of the block that holds them
  const notes: string[] = [];

  for (const source of [machine.root, ...nodes]) {
    for (const t of transitionsOf(source)) {
      const guard = guardLabel(t.guard);
      const base = eventLabel(String(t.eventType)) + (guard ? ` [${guard}]` : '');
      const targets = t.target && t.target.length > 0 ? (t.target as AnyStateNode[]) : [source];
      for (const target of targets) {
        if (source.path.length === 0) {
          notes.push(`${base}${target === source ? '' : ` → ${target.path.join('.')}`}`);
          continue;
        }
        const max = Math.min(source.path.length, target.path.length) - 1;
        let common = 0;
        while (common < max && source.path[common] === target.path[common]) common++;
        const from = nodeAt(source.path.slice(0, common + 1));
        const to = nodeAt(target.path.slice(0, common + 1));
        const nested = target.path.slice(common + 1);
        const label = base + (nested.length > 0 && to !== target ? ` → ${nested.join('.')}` : '');
        const block = source.path.slice(0, common).join('.');
        const list = edgesIn.get(block) ?? [];
        list.push({ from: idOf(from), to: idOf(to), label });
        edgesIn.set(block, list);
      }
    }
  }

  // A self-loop declared alike on every non-final top-level state is drawn once, as a note.
  const topLevel = (Object.values(machine.root.states) as AnyStateNode[]).filter((n) => n.type !== 'final').map(idOf);
  const rootEdges = edgesIn.get('') ?? [];
  const everywhere = [...new Set(rootEdges.filter((e) => e.from === e.to).map((e) => e.label))].filter(
    (label) =>
      topLevel.length > 1 &&
      topLevel.every((id) => rootEdges.some((e) => e.from === id && e.to === id && e.label === label)),
  );
  if (everywhere.length > 0) {
    edgesIn.set(
      '',
      rootEdges.filter((e) => !(e.from === e.to && everywhere.includes(e.label))),
    );
    notes.push(...everywhere);
  }

  const lines: string[] = ['stateDiagram-v2'];
  const emit = (parent: AnyStateNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const children = Object.values(parent.states) as AnyStateNode[];
    if (parent.type === 'parallel') {
      children.forEach((child, i) => {
        if (i > 0) lines.push(`${pad}--`);
        emitNode(child, depth);
      });
    } else {
      const initial = parent.initial?.target?.[0] as AnyStateNode | undefined;
      if (initial) lines.push(`${pad}[*] --> ${idOf(initial)}`);
      children.forEach((child) => emitNode(child, depth));
    }
    for (const e of edgesIn.get(parent.path.join('.')) ?? []) lines.push(`${pad}${e.from} --> ${e.to} : ${e.label}`);
    for (const child of children) if (child.type === 'final') lines.push(`${pad}${idOf(child)} --> [*]`);
  };
  const emitNode = (node: AnyStateNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (Object.keys(node.states).length === 0) {
      if (idOf(node) !== node.key) lines.push(`${pad}state "${node.key}" as ${idOf(node)}`);
      return;
    }
    lines.push(`${pad}state ${idOf(node)} {`);
    emit(node, depth + 1);
    lines.push(`${pad}}`);
  };
  emit(machine.root, 1);

  const first = machine.root.initial?.target?.[0] as AnyStateNode | undefined;
  if (notes.length > 0 && first) {
    lines.push(`  note right of ${idOf(first)}`);
    lines.push('    In every state until the case is closed:');
    for (const n of notes) lines.push(`    ${n}`);
    lines.push('  end note');
  }
  return lines.join('\n') + '\n';
}

/** The Markdown page of a workflow diagram, as committed under `docs/workflows/`. */
export function diagramPage(title: string, sentence: string, machine: AnyStateMachine): string {
  return [
    `# ${title}`,
    '',
    sentence,
    '',
    '<!-- Generated by `npm run diagrams` from the machine in workflows/. Do not edit by hand. -->',
    '',
    '```mermaid',
    toMermaid(machine).trimEnd(),
    '```',
    '',
  ].join('\n');
}
