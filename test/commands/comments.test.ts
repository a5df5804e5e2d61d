import { applyPatches, enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { applyCommand, canApply, compile, contentHash, mergeGraphs, threadStatus, type CommentThread, type GraphCommand, type GraphDocument } from '../../src/core/index.ts';
import { refusalMessage } from '../../src/present/commands.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

enablePatches();

/*
 * The comment commands (comment/add, reply, resolve, reopen, edit, comments/merge) and graph/replace,
 * the one-step application of a merge: apply, undo, redo, like every editor command.
 */

const AT = '2026-03-02T09:30:00Z';
const open = (g: GraphDocument, id = 'c-1'): GraphDocument => {
  const [next] = produceWithPatches(g, (d) => {
    applyCommand(d, { type: 'comment/add', thread: { id, anchor: { on: 'node', node: 't1', label: 'Moteurs' }, author: 'INRS', date: AT, text: 'Durée à justifier.' } });
  });
  return next;
};
const hash = (g: GraphDocument) => contentHash(compile(g).referential);

describe('comment/add', () => {
  it('opens a thread in the graph’s comments, never changing the compiled referential', () => {
    const g = fixture();
    applyUndoRedo(g, { type: 'comment/add', thread: { id: 'c-1', anchor: { on: 'node', node: 't1', label: 'Moteurs' }, author: 'INRS', date: AT, text: 'Durée à justifier.' } }, (next) => {
      expect(next.comments).toEqual([{ id: 'c-1', anchor: { on: 'node', node: 't1', label: 'Moteurs' }, author: 'INRS', date: AT, text: 'Durée à justifier.', replies: [], history: [] }]);
      expect(hash(next)).toBe(hash(g));
    });
  });

  it('refuses an id already used, an empty text or a date that is not UTC, with the comments’ own message', () => {
    const g = open(fixture());
    const again = refusal(g, { type: 'comment/add', thread: { id: 'c-1', anchor: { on: 'referential' }, author: 'INRS', date: AT, text: 'Autre' } });
    expect(again.code).toBe('comments.duplicate_id');
    expect(refusalMessage(again)).toContain('« c-1 » est déjà utilisé');
    const blank = refusal(g, { type: 'comment/add', thread: { id: 'c-2', anchor: { on: 'referential' }, author: 'INRS', date: AT, text: '   ' } });
    expect(blank).toMatchObject({ code: 'comments.invalid', refusals: [{ path: '$.text', detail: expect.stringContaining('Texte non vide attendu') }] });
    expect(refusalMessage(blank)).toContain('Texte non vide attendu');
    expect(refusal(g, { type: 'comment/add', thread: { id: 'c-2', anchor: { on: 'referential' }, author: 'INRS', date: '02/03/2026', text: 'x' } })).toMatchObject({ refusals: [{ path: '$.date', detail: expect.stringContaining('Date et heure UTC attendues') }] });
  });
});

describe('comment/reply, comment/resolve, comment/reopen, comment/edit', () => {
  it('each changes only its thread, and undoes back to the exact graph', () => {
    let g = open(open(fixture()), 'c-2');
    const other = g.comments![1];
    g = applyUndoRedo(g, { type: 'comment/reply', thread: 'c-1', reply: { id: 'r-1', author: 'Branche', date: '2026-03-03T08:00:00Z', text: 'Mesures de 2025 jointes.' } }, (next) => {
      expect(next.comments![0]!.replies.map((r) => r.text)).toEqual(['Mesures de 2025 jointes.']);
      expect(next.comments![1]).toBe(other);
    });
    g = applyUndoRedo(g, { type: 'comment/resolve', thread: 'c-1', event: { id: 'e-1', author: 'Branche', date: '2026-03-04T08:00:00Z', note: 'Durée ramenée à 4 h/jour.' } }, (next) => {
      expect(threadStatus(next.comments![0]!)).toBe('resolved');
      expect(next.comments![0]!.history[0]!.note).toBe('Durée ramenée à 4 h/jour.');
    });
    expect(refusal(g, { type: 'comment/resolve', thread: 'c-1', event: { id: 'e-2', author: 'Branche', date: '2026-03-05T08:00:00Z' } }).code).toBe('comments.already_resolved');
    g = applyUndoRedo(g, { type: 'comment/reopen', thread: 'c-1', event: { id: 'e-2', author: 'INRS', date: '2026-03-05T08:00:00Z', note: 'Mesures incomplètes.' } }, (next) => {
      expect(threadStatus(next.comments![0]!)).toBe('open');
    });
    applyUndoRedo(g, { type: 'comment/edit', id: 'r-1', text: 'Mesures de 2025 et 2026 jointes.', date: '2026-03-06T08:00:00Z' }, (next) => {
      expect(next.comments![0]!.replies[0]).toMatchObject({ text: 'Mesures de 2025 et 2026 jointes.', edited: '2026-03-06T08:00:00Z' });
    });
    expect(refusal(g, { type: 'comment/reply', thread: 'c-9', reply: { id: 'r-9', author: 'x', date: AT, text: 'y' } }).code).toBe('comments.thread_not_found');
  });
});

describe('comments/merge', () => {
  it('adds new threads and merges known ones by id, never losing a reply; twice changes nothing', () => {
    const g = open(fixture());
    const incoming: CommentThread[] = [
      { ...g.comments![0]!, replies: [{ id: 'r-7', author: 'INRS', date: '2026-03-03T08:00:00Z', text: 'Voir aussi la carrosserie.' }] },
      { id: 'c-8', anchor: { on: 'referential' }, author: 'DGT', date: AT, text: 'Justifier l’exclusion des vibrations.', replies: [], history: [] },
    ];
    const next = applyUndoRedo(g, { type: 'comments/merge', threads: incoming }, (n) => {
      expect(n.comments!.map((t) => t.id)).toEqual(['c-1', 'c-8']);
      expect(n.comments![0]!.replies.map((r) => r.id)).toEqual(['r-7']);
    });
    const [again, patches] = produceWithPatches(next, (d) => {
      applyCommand(d, { type: 'comments/merge', threads: incoming });
    });
    expect(patches).toEqual([]);
    expect(again).toBe(next);
  });

  it('refuses a thread that is not one, with its place', () => {
    const verdict = refusal(fixture(), { type: 'comments/merge', threads: [{ id: 'c-1' } as CommentThread] });
    expect(verdict.code).toBe('comments.invalid');
    expect(refusalMessage(verdict)).toMatch(/^comments\[0\]/);
  });
});

describe('graph/replace', () => {
  const edited = (g: GraphDocument, commands: GraphCommand[]) => {
    const copy = structuredClone(g);
    for (const c of commands) {
      expect(canApply(copy, c)).toEqual({ ok: true });
      applyCommand(copy, c);
    }
    return copy;
  };

  it('takes a merge result as one step, writing only what differs', () => {
    const base = fixture();
    const ours = edited(base, [{ type: 'node/update', id: 't1', changes: { label: 'Moteurs thermiques' } }]);
    const theirs = edited(base, [{ type: 'edge/update', id: 't2.weighting', changes: { share: 45 } }, { type: 'edge/update', id: 't1.weighting', changes: { share: 55 } }]);
    const merged = mergeGraphs(base, ours, theirs).document;
    const [next, patches, inverse] = produceWithPatches(ours, (d) => {
      applyCommand(d, { type: 'graph/replace', graph: merged });
    });
    expect(next.nodes.find((n) => n.id === 't1')).toMatchObject({ label: 'Moteurs thermiques' });
    expect(next.edges.filter((e) => e.kind === 'weighting').map((e) => (e.kind === 'weighting' ? e.share : 0))).toEqual([55, 45]);
    // Two shares changed: two patches, not the whole document.
    expect(patches.map((p) => p.path.join('.')).sort()).toEqual(['edges.0.share', 'edges.1.share']);
    // Unchanged nodes are the same objects.
    expect(next.nodes[0]).toBe(ours.nodes[0]);
    expect(applyPatches(next, inverse)).toEqual(ours);
  });

  it('keeps the draft’s status and homologation, and refuses another referential or an invalid document', () => {
    const g = fixture();
    const other = structuredClone(g);
    other.referential.identity = { ...other.referential.identity, status: 'homologated', homologation: { arreteDate: '2026-01-01', arreteReference: 'NOR X' } };
    other.nodes[1] = { id: 't1', kind: 'task', label: 'Moteurs électriques' };
    applyUndoRedo(g, { type: 'graph/replace', graph: other }, (next) => {
      expect(next.referential.identity.status).toBe('draft');
      expect(next.referential.identity.homologation).toBeUndefined();
      expect(next.nodes[1]).toMatchObject({ label: 'Moteurs électriques' });
    });
    const foreign = structuredClone(g);
    foreign.referential.id = 'autre';
    expect(refusal(g, { type: 'graph/replace', graph: foreign })).toMatchObject({ code: 'command.other_referential', params: { id: 'autre', current: g.referential.id } });
    const broken = structuredClone(g) as unknown as { nodes: unknown[] };
    broken.nodes.push({ id: 'x', kind: 'bogus' });
    expect(refusal(g, { type: 'graph/replace', graph: broken as unknown as GraphDocument }).code).toBe('command.invalid_value');
  });
});
