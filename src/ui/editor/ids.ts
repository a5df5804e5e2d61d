import type { GraphDocument, GraphNodeKind } from '../../core/index.ts';
import { slugId, takenIds } from '../../core/graph/commands/index.ts';

/** Id prefixes, in the style of the samples (`n-…` for decision nodes, `s-…` for situations). */
export const ID_PREFIX: Record<GraphNodeKind | 'questionEntry' | 'measureEntry' | 'scenario', string> = {
  job: 'poste',
  task: 'tache',
  question: 'n-critere',
  measure: 'n-mesure',
  situation: 's',
  note: 'note',
  group: 'groupe',
  questionEntry: 'q',
  measureEntry: 'm',
  scenario: 'sc',
};

/**
 * Hands out fresh ids for one edit: readable ones made from labels (`nouveau-poste`, `soudeur-2`), or
 * `sc-1`, `sc-2`… for scenarios, skipping every id the graph (or this generator) already gave. The
 * core never makes ids up; the UI does, here.
 */
export class IdMaker {
  readonly #taken: Set<string>;
  constructor(graph: GraphDocument) {
    this.#taken = takenIds(graph);
    this.#taken.add(graph.referential.id);
  }

  get taken(): ReadonlySet<string> {
    return this.#taken;
  }

  /** An id made from a label (`Réception des marchandises` → `reception-des-marchandises`), unique. */
  fromLabel(label: string, fallback: string): string {
    return this.#take(slugId(label, this.#taken, fallback));
  }

  /** Reserves an id chosen elsewhere. */
  take(id: string): string {
    return this.#take(id);
  }

  next(prefix: string): string {
    for (let n = 1; ; n++) {
      const id = `${prefix}-${n}`;
      if (!this.#taken.has(id)) {
        this.#taken.add(id);
        return id;
      }
    }
  }

  /** Edge ids follow decompile's: `<task>.weighting`, `<task>.entry`, `<node>.branch.<k>`, `<node>.applied`. */
  edge(edge: { kind: 'weighting' | 'entry' | 'branch' | 'measure'; source: string; target: string; applied?: boolean }): string {
    const base =
      edge.kind === 'weighting' ? `${edge.target}.weighting` : edge.kind === 'entry' ? `${edge.source}.entry` : edge.kind === 'measure' ? `${edge.source}.${edge.applied ? 'applied' : 'not-applied'}` : `${edge.source}.branch`;
    if (edge.kind === 'branch') {
      for (let k = 0; ; k++) {
        const id = `${base}.${k}`;
        if (!this.#taken.has(id)) return this.#take(id);
      }
    }
    if (!this.#taken.has(base)) return this.#take(base);
    return this.next(base);
  }

  #take(id: string): string {
    this.#taken.add(id);
    return id;
  }
}
