import { GraphDocumentSchema, type GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/**
 * Replaces the document's content by another state of the same referential — the result of a
 * three-way merge — as one command, hence one undoable step. The status and the homologation stay the
 * draft's (the lifecycle manages them). Only what differs is written: unchanged nodes, fields and
 * layout entries produce no patch.
 */
export interface GraphReplaceCommand {
  type: 'graph/replace';
  graph: GraphDocument;
}

export function canReplaceGraph(graph: GraphDocument, command: GraphReplaceCommand): CanApply {
  const parsed = GraphDocumentSchema.safeParse(command.graph);
  if (!parsed.success) return schemaRefusal(parsed.error, 'graph');
  if (command.graph.referential.id !== graph.referential.id) return refuse('command.other_referential', { id: command.graph.referential.id, current: graph.referential.id });
  return OK;
}

export function replaceGraph(draft: Draft, command: GraphReplaceCommand): void {
  const { status, homologation } = draft.referential.identity;
  const { homologation: _ignored, ...identity } = command.graph.referential.identity;
  const target: GraphDocument = {
    ...command.graph,
    referential: { ...command.graph.referential, identity: { ...identity, status, ...(homologation ? { homologation } : {}) } },
  };
  assignDeep(draft as unknown as Record<string, unknown>, target as unknown as Record<string, unknown>, ['referential', 'nodes', 'edges', 'layout', 'comments', 'base']);
}

type Json = Record<string, unknown> | unknown[];
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null;

/**
 * Makes `draft` equal to `target` by writing only where they differ: objects key by key, arrays of
 * the same length index by index, anything else (a value, an array that grew or shrank) as a whole.
 */
function assignDeep(draft: Record<string, unknown>, target: Record<string, unknown>, keys?: readonly string[]): void {
  for (const key of keys ?? new Set([...Object.keys(draft), ...Object.keys(target)])) {
    const want = Object.hasOwn(target, key) ? target[key] : undefined;
    const have = Object.hasOwn(draft, key) ? draft[key] : undefined;
    if (want === undefined) {
      if (Object.hasOwn(draft, key)) delete draft[key];
    } else if (isObject(have) && isObject(want) && Array.isArray(have) === Array.isArray(want) && (!Array.isArray(have) || have.length === (want as unknown[]).length)) {
      if (Array.isArray(have)) {
        const w = want as unknown[];
        for (let i = 0; i < have.length; i++) {
          const [h, x] = [have[i], w[i]];
          if (isObject(h) && isObject(x) && Array.isArray(h) === Array.isArray(x) && (!Array.isArray(h) || h.length === (x as unknown[]).length)) assignDeep(h as Record<string, unknown>, x as Record<string, unknown>);
          else if (h !== x) have[i] = x;
        }
      } else {
        assignDeep(have as Record<string, unknown>, want as Record<string, unknown>);
      }
    } else if (have !== want) {
      draft[key] = want;
    }
  }
}
