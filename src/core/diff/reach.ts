import type { Referential } from '../referential/schema.ts';

/** Elements reachable from each job's tasks (decision nodes and situations): where a tree change is reported. */
export function reachByJob(r: Referential): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const n of r.nodes) next.set(n.id, n.kind === 'measure' ? [n.applied, n.notApplied] : n.branches.map((b) => b.next));
  const out = new Map<string, Set<string>>();
  for (const job of r.jobs) {
    const seen = new Set<string>();
    const stack = job.tasks.map((t) => t.entry);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    out.set(job.id, seen);
  }
  return out;
}
