import type { GraphDocument } from '../../core/index.ts';

/*
 * Keyboard moves on the canvas (its one Tab stop, then the arrows): right to a node's first
 * following node, left back to the node before it, up and down between the nodes that follow the
 * same one (tasks of a job, branches of a question), or between jobs.
 */

export type NavigationKey = 'ArrowRight' | 'ArrowLeft' | 'ArrowUp' | 'ArrowDown';

export function neighbour(graph: GraphDocument, from: string, key: NavigationKey, visible: ReadonlySet<string> | null): string | undefined {
  const shown = (id: string) => !visible || visible.has(id);
  const children = (id: string) => graph.edges.filter((e) => e.source === id && shown(e.target)).map((e) => e.target);
  const parents = (id: string) => graph.edges.filter((e) => e.target === id && shown(e.source)).map((e) => e.source);
  switch (key) {
    case 'ArrowRight':
      return children(from)[0];
    case 'ArrowLeft':
      return parents(from)[0];
    default: {
      const [parent] = parents(from);
      const node = graph.nodes.find((n) => n.id === from);
      const siblings = parent !== undefined ? children(parent) : graph.nodes.filter((n) => n.kind === node?.kind && shown(n.id) && !graph.edges.some((e) => e.target === n.id)).map((n) => n.id);
      const i = siblings.indexOf(from);
      return key === 'ArrowDown' ? siblings[i + 1] : i > 0 ? siblings[i - 1] : undefined;
    }
  }
}

/** What the focus mode shows for a job or a task: it, everything it leads to, and a task's job. */
export function focusSet(graph: GraphDocument, root: string): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
  const seen = new Set<string>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const next of out.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  for (const e of graph.edges) if (e.kind === 'weighting' && e.target === root) seen.add(e.source);
  return seen;
}
