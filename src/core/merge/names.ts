import { nodeLabel } from '../graph/commands/index.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { REGULATION_VERSIONS } from '../regulation/index.ts';
import type { Namer } from './context.ts';
import type { MergeCollection, MergedElement } from './types.ts';

/*
 * How a merge names the elements of its conflicts: by their labels, never in French words of the core's
 * own (src/present/merge.ts says the kinds).
 */

const LATEST = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
const factorLabel = (code: string) => LATEST.factors.find((f) => f.code === code)?.label ?? code;

/** Names elements from the first version that has them: ours, then theirs, then the base. */
export function graphNamer(...graphs: GraphDocument[]): Namer {
  return (collection: MergeCollection, id: string) => {
    for (const g of graphs) {
      const named = nameIn(g, collection, id);
      if (named) return named;
    }
    return { label: id };
  };
}

type Name = Omit<MergedElement, 'collection' | 'id'>;

function nameIn(g: GraphDocument, collection: MergeCollection, id: string): Name | undefined {
  const r = g.referential;
  switch (collection) {
    case 'node': {
      const n = g.nodes.find((x) => x.id === id);
      return n && { nodeKind: n.kind, label: nodeLabel(g, n) };
    }
    case 'edge': {
      const e = g.edges.find((x) => x.id === id);
      if (!e) return undefined;
      const end = (nodeId: string) => {
        const n = g.nodes.find((x) => x.id === nodeId);
        return n ? nodeLabel(g, n) : nodeId;
      };
      return { edgeKind: e.kind, label: `${end(e.source)} → ${end(e.target)}` };
    }
    case 'question':
    case 'measure':
    case 'scenario': {
      const list: ReadonlyArray<{ id: string; label: string }> = collection === 'question' ? r.questions : collection === 'measure' ? r.measures : r.scenarios;
      const found = list.find((x) => x.id === id);
      return found && { label: found.label };
    }
    case 'factor':
      return { label: factorLabel(id) };
    case 'order':
      // The list reordered (`nodes`, `retained`, `comments`…), from the conflict's name `order:<list>`.
      return { label: id.split(':').at(-1)! };
    case 'referential':
    case 'identity':
    case 'workingYear':
      return { label: r.identity.title };
  }
}
