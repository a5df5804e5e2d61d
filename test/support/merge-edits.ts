import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  addThread,
  applyCommand,
  canApply,
  connectCommand,
  decompile,
  loadReferential,
  replyToThread,
  type GraphCommand,
  type GraphDocument,
} from '../../src/core/index.ts';

/*
 * Edits of a logigramme as a working-group member makes them: random intents turned into the editor's
 * own commands (src/core/graph/commands), each applied only when `canApply` accepts it, so a generated
 * edit sequence is one the editor could have produced. Comments are added with the comments API.
 */

/** The sample referential as a logigramme with positions, a note, a comment thread and a recorded base. */
export function mergeBase(): GraphDocument {
  const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'referentials', 'exemple-atelier.json'), 'utf8')));
  if (!loaded.ok) throw new Error('sample does not load');
  const g = decompile(loaded.value);
  g.nodes.forEach((n, i) => (g.layout.nodes[n.id] = { x: 200 * (i % 5), y: 120 * Math.floor(i / 5) }));
  g.nodes.push({ id: 'note-1', kind: 'note', text: 'À relire en groupe de travail' });
  g.layout.nodes['note-1'] = { x: 0, y: 900 };
  g.comments = [{ id: 'c-0', anchor: { on: 'node', node: 'carrosserie' }, author: 'INRS', date: '2026-01-05T10:00:00Z', text: 'Préciser les durées.', replies: [], history: [] }];
  g.base = { id: g.referential.id, version: g.referential.identity.version, contentHash: 'sha256:0000' };
  return g;
}

/** One intended edit: what to do (`op`), on which elements (`a`, `b`, taken modulo what exists), with which values. */
export interface Intent {
  op: number;
  a: number;
  b: number;
  n: number;
  text: string;
}

export const OPS = 16;

export const intent: fc.Arbitrary<Intent> = fc.record({
  op: fc.nat(OPS - 1),
  a: fc.nat(1000),
  b: fc.nat(1000),
  n: fc.integer({ min: 1, max: 12 }),
  text: fc.constantFrom('Soudure', 'Peinture', 'Nuit', 'Contrôle', 'Atelier', 'Chantier'),
});

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

/** The command(s) an intent means on the graph as it stands; `newId` makes fresh ids. */
function commands(g: GraphDocument, x: Intent, newId: () => string): GraphCommand[] {
  const node = at(g.nodes, x.a);
  const situations = g.nodes.filter((n) => n.kind === 'situation');
  switch (x.op) {
    case 0:
      return node && node.kind !== 'note' ? [{ type: 'node/update', id: node.id, changes: { label: `${x.text} ${x.n}` } }] : [];
    case 1: {
      const s = at(situations, x.a);
      if (!s || s.kind !== 'situation' || s.exposures.length === 0) return [];
      const k = x.b % s.exposures.length;
      return [{ type: 'node/update', id: s.id, changes: { exposures: s.exposures.map((e, i) => (i === k && e.duration ? { ...e, duration: { ...e.duration, value: x.n } } : e)) } }];
    }
    case 2:
      return [{ type: 'node/add', node: { id: newId(), kind: 'situation', label: `${x.text} ${x.n}`, exposures: [] }, position: { x: 40 * x.n, y: 30 * x.n } }];
    case 3:
      return node ? [{ type: 'node/remove', ids: [node.id] }] : [];
    case 4:
      return node ? [{ type: 'node/remove-subtree', id: node.id }] : [];
    case 5:
      return node ? [{ type: 'node/move', positions: { [node.id]: { x: 13 * x.n, y: 7 * x.b } } }] : [];
    case 6: {
      const e = at(g.edges.filter((y) => y.kind === 'weighting'), x.b);
      return e ? [{ type: 'edge/update', id: e.id, changes: { share: 5 * x.n } }] : [];
    }
    case 7: {
      const e = at(g.edges, x.b);
      return e ? [{ type: 'edge/remove', ids: [e.id] }] : [];
    }
    case 8: {
      const target = at(g.nodes, x.b);
      if (!node || !target) return [];
      const c = connectCommand(g, { source: node.id, target: target.id }, newId());
      return c.ok ? [c.command] : [];
    }
    case 9: {
      const q = at(g.referential.questions, x.a);
      return q ? [{ type: 'question/update', id: q.id, question: { ...q, label: `${x.text} ?` } }] : [];
    }
    case 10:
      return [{ type: 'referential/update', changes: x.b % 2 === 0 ? { identity: { ...g.referential.identity, title: `Référentiel ${x.text}` } } : { workingYear: { ...g.referential.workingYear, annualHours: 1500 + x.n } } }];
    case 11:
      return node ? [{ type: 'node/collapse', id: node.id, collapsed: x.b % 2 === 0 }] : [];
    case 12: {
      const e = at(g.edges, x.a);
      const target = at(g.nodes, x.b);
      return e && target ? [{ type: 'edge/update', id: e.id, changes: { target: target.id } }] : [];
    }
    case 13: {
      const m = at(g.referential.measures, x.a);
      return m ? [{ type: 'measure/update', id: m.id, measure: { ...m, label: `Mesure ${x.text}` } }] : [];
    }
    case 14: {
      const id = newId();
      return [
        { type: 'question/add', question: { id: `q-${id}`, label: `${x.text} ?`, scope: 'company', type: 'boolean' } },
        { type: 'node/add', node: { id, kind: 'question', question: `q-${id}` }, position: { x: 11 * x.n, y: 5 } },
      ];
    }
    default:
      return [];
  }
}

/**
 * Applies a sequence of intents to a copy of `base`: commands refused by `canApply` are skipped.
 * Op 15 comments: a new thread on a node, or a reply to an existing thread.
 */
export function edited(base: GraphDocument, intents: readonly Intent[], prefix: string): GraphDocument {
  const g = structuredClone(base);
  let counter = 0;
  const newId = () => `${prefix}-${++counter}`;
  intents.forEach((x, step) => {
    if (x.op === 15) {
      const date = `2026-02-${String(1 + (step % 28)).padStart(2, '0')}T10:00:00Z`;
      const thread = at(g.comments ?? [], x.b);
      const outcome = thread && x.a % 2 === 0
        ? replyToThread(g.comments ?? [], thread.id, { id: newId(), author: prefix, date, text: x.text })
        : addThread(g.comments ?? [], { id: newId(), anchor: { on: 'node', node: at(g.nodes, x.a)?.id ?? 'x' }, author: prefix, date, text: x.text });
      if (outcome.ok) g.comments = outcome.value;
      return;
    }
    for (const command of commands(g, x, newId)) {
      if (canApply(g, command).ok) applyCommand(g, command);
    }
  });
  return g;
}
