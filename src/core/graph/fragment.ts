import * as z from 'zod';
import { parseJsonText, parseWith } from '../referential/load.ts';
import { issueOf, type LoadIssue } from '../referential/issue.ts';
import { MeasureSchema, QuestionSchema, type Measure, type Question } from '../referential/schema.ts';
import type { Result } from '../util/result.ts';
import { copyNodes } from './commands/queries.ts';
import { GraphEdgeSchema, GraphNodeSchema, NodeLayoutSchema, type GraphDocument, type GraphEdge, type GraphNode } from './schema.ts';

/**
 * A piece of a logigramme on the system clipboard: the copied nodes, the edges among them, their
 * positions, and the catalogue questions and measures they use, so it pastes into another draft (or
 * another tab) whole. Plain JSON, validated on paste like any file: each problem with its JSON path.
 */
export const FRAGMENT_KIND = 'logigramme-fragment';

export const GraphFragmentSchema = z.strictObject({
  kind: z.literal(FRAGMENT_KIND),
  formatVersion: z.literal(1),
  nodes: z.array(GraphNodeSchema).min(1),
  edges: z.array(GraphEdgeSchema),
  layout: z.record(z.string(), NodeLayoutSchema),
  questions: z.array(QuestionSchema),
  measures: z.array(MeasureSchema),
});

export type GraphFragment = z.infer<typeof GraphFragmentSchema>;

/** The fragment of the nodes `ids`: edges among them, their layout and the catalogue entries they use. */
export function fragmentOf(graph: GraphDocument, ids: readonly string[]): GraphFragment {
  const clip = copyNodes(graph, ids);
  const asked = new Set(clip.nodes.flatMap((n) => (n.kind === 'question' ? [n.question] : [])));
  const tested = new Set(clip.nodes.flatMap((n) => (n.kind === 'measure' ? [n.measure] : [])));
  const questions: Question[] = graph.referential.questions.filter((q) => asked.has(q.id));
  const measures: Measure[] = graph.referential.measures.filter((m) => tested.has(m.id));
  return JSON.parse(JSON.stringify({ kind: FRAGMENT_KIND, formatVersion: 1, ...clip, questions, measures })) as GraphFragment;
}

/** Whether a clipboard text looks like a fragment at all (other text on the clipboard is not ours). */
export function looksLikeFragment(text: string): boolean {
  return text.includes(`"${FRAGMENT_KIND}"`);
}

/**
 * Clipboard text → fragment, or French issues located by JSON path: syntax, schema, edges leading
 * outside the fragment, question or measure nodes whose catalogue entry is missing, duplicate ids.
 */
export function loadFragmentText(text: string): Result<GraphFragment, LoadIssue> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const parsed = parseWith(GraphFragmentSchema, json.value);
  if (!parsed.ok) return parsed;
  const fragment = parsed.value;
  const issues: LoadIssue[] = [];
  const ids = new Set<string>();
  fragment.nodes.forEach((n: GraphNode, i) => {
    if (ids.has(n.id)) issues.push(issueOf('structure.duplicate_id', ['nodes', i, 'id'], { id: n.id }));
    ids.add(n.id);
  });
  fragment.edges.forEach((e: GraphEdge, i) => {
    for (const end of ['source', 'target'] as const) {
      if (!ids.has(e[end])) issues.push(issueOf('structure.dangling_edge', ['edges', i, end], { target: e[end] }));
    }
  });
  const questions = new Set(fragment.questions.map((q) => q.id));
  const measures = new Set(fragment.measures.map((m) => m.id));
  fragment.nodes.forEach((n: GraphNode, i) => {
    if (n.kind === 'question' && !questions.has(n.question)) issues.push(issueOf('structure.unknown_question', ['nodes', i, 'question'], { question: n.question }));
    if (n.kind === 'measure' && !measures.has(n.measure)) issues.push(issueOf('structure.unknown_measure', ['nodes', i, 'measure'], { measure: n.measure }));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: fragment };
}
