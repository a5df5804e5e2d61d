import type { GraphDocument, Referential } from '../core/index.ts';

type Segment = string | number;

/** `$.jobs[0].tasks[1].entry` or `$.answers["q-x"]` (the form of `formatPath`) → its segments; `undefined` if it is not one. */
export function parsePath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  const token = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 1;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (!m) return undefined;
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    at = token.lastIndex;
  }
  return segments;
}

const formatSegments = (segments: readonly Segment[]) =>
  segments.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');

/** The drawn element (job, task, decision node, situation) that a JSON path of the compiled referential points into. */
function drawnElementAt(r: Referential, segments: readonly Segment[]): string | undefined {
  const [top, i, sub, k] = segments;
  if (typeof i !== 'number') return undefined;
  if (top === 'jobs') {
    const job = r.jobs[i];
    if (sub === 'tasks' && typeof k === 'number') return job?.tasks[k]?.id ?? job?.id;
    return job?.id;
  }
  if (top === 'nodes') return r.nodes[i]?.id;
  if (top === 'situations') return r.situations[i]?.id;
  return undefined;
}

/**
 * Where, in a logigramme, is a problem found on the referential it compiles to. Jobs, tasks, decision
 * nodes and situations keep their node ids (`nœud <id>`; `liaison <id>` for an edge); what is not drawn
 * (identity, regulation, factors, questions, measures, scenarios) lives under `$.referential` of the
 * graph file, so a path there is moved under it. Anything else keeps the compiled referential's path.
 */
export function graphLocation(graph: GraphDocument, compiled: Referential, where: { element?: string | undefined; path?: string | undefined }): string {
  const { element, path } = where;
  if (element !== undefined) {
    if (graph.nodes.some((n) => n.id === element)) return `nœud ${element}`;
    if (graph.edges.some((e) => e.id === element)) return `liaison ${element}`;
  }
  const segments = path === undefined ? undefined : parsePath(path);
  if (segments) {
    const drawn = drawnElementAt(compiled, segments);
    if (drawn !== undefined && graph.nodes.some((n) => n.id === drawn)) return `nœud ${drawn}`;
    const [top] = segments;
    if (typeof top === 'string' && Object.hasOwn(graph.referential, top)) return `$.referential${formatSegments(segments)}`;
  }
  return path ?? (element !== undefined ? `élément ${element}` : '$');
}
