import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addThread,
  commentedVersion,
  commentsAnnex,
  compile,
  contentHash,
  decompile,
  editComment,
  exportComments,
  exposureAnchors,
  findAnchor,
  importComments,
  labelledAnchor,
  loadGraph,
  loadReferential,
  mergeThreads,
  reopenThread,
  replyToThread,
  resolveThread,
  threadStatus,
  type CommentOutcome,
  type CommentThread,
  type GraphDocument,
  type Referential,
} from '../src/core/index.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * Comment threads on a logigramme: the pure operations (open, reply, resolve, reopen, edit), comments
 * kept in the graph without touching the compiled referential or its hash, the comments-only file
 * (export by author, import by ids: idempotent, detached threads kept, bad threads refused with their
 * JSON path) and the dossier annex.
 */

const SAMPLE = (() => {
  const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')));
  if (!loaded.ok) throw new Error('sample does not load');
  return loaded.value as Referential;
})();
const graph = (): GraphDocument => structuredClone(decompile(SAMPLE));

function value(outcome: CommentOutcome): CommentThread[] {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.value;
}
const refusedCode = (outcome: CommentOutcome) => (outcome.ok ? 'accepted' : outcome.issues[0]!.code);

const T0 = '2026-03-02T09:00:00Z';
const T1 = '2026-03-02T10:00:00Z';
const T2 = '2026-03-03T08:15:00Z';
const T3 = '2026-03-04T16:40:00Z';

/** A reviewer's two remarks and the author's answer, on the sample. */
function reviewed(): CommentThread[] {
  let threads = value(addThread([], { id: 'c-duree', anchor: { on: 'exposure', node: 's-moteurs-bruit', factor: 'noise', criterion: 'daily_level' }, author: 'INRS', date: T0, text: 'Durée de 7 h/jour à justifier par un mesurage.' }));
  threads = value(addThread(threads, { id: 'c-tache', anchor: { on: 'node', node: 'carrosserie', label: 'Peinture et carrosserie' }, author: 'INRS', date: T1, text: 'Distinguer ponçage et peinture ?' }));
  threads = value(replyToThread(threads, 'c-duree', { id: 'r-1', author: 'Fédération', date: T2, text: 'Mesurage joint au dossier.' }));
  return threads;
}

describe('threads', () => {
  it('open, reply, resolve with a note, reopen: the status is the last event, the list is never changed in place', () => {
    const before = reviewed();
    const frozen = structuredClone(before);
    const resolved = value(resolveThread(before, 'c-duree', { id: 'e-1', author: 'Fédération', date: T2, note: 'Mesurage ajouté en annexe 3.' }));
    expect(before).toEqual(frozen);
    expect(threadStatus(resolved.find((t) => t.id === 'c-duree')!)).toBe('resolved');
    const reopened = value(reopenThread(resolved, 'c-duree', { id: 'e-2', author: 'INRS', date: T3, note: 'Le mesurage date de 2019.' }));
    const thread = reopened.find((t) => t.id === 'c-duree')!;
    expect(threadStatus(thread)).toBe('open');
    expect(thread.history.map((e) => [e.action, e.author])).toEqual([['resolved', 'Fédération'], ['reopened', 'INRS']]);
    expect(thread.replies.map((r) => r.text)).toEqual(['Mesurage joint au dossier.']);
  });

  it('replies are kept in date order whatever order they arrive in', () => {
    let threads = reviewed();
    threads = value(replyToThread(threads, 'c-duree', { id: 'r-0', author: 'CFDT', date: T1, text: 'Avant la réponse de la fédération.' }));
    expect(threads.find((t) => t.id === 'c-duree')!.replies.map((r) => r.id)).toEqual(['r-0', 'r-1']);
  });

  it('refuses, with a code and the id or path at fault: a used id, an unknown thread, a double resolution, a late-dated change, bad input', () => {
    const threads = reviewed();
    const used = addThread(threads, { id: 'r-1', anchor: { on: 'referential' }, author: 'X', date: T3, text: 'x' });
    expect(used.ok ? [] : used.issues).toEqual([{ code: 'comments.duplicate_id', id: 'r-1' }]);
    expect(refusedCode(replyToThread(threads, 'absent', { id: 'r-9', author: 'X', date: T3, text: 'x' }))).toBe('comments.thread_not_found');
    const resolved = value(resolveThread(threads, 'c-tache', { id: 'e-1', author: 'X', date: T3 }));
    expect(refusedCode(resolveThread(resolved, 'c-tache', { id: 'e-2', author: 'X', date: T3 }))).toBe('comments.already_resolved');
    expect(refusedCode(reopenThread(threads, 'c-tache', { id: 'e-2', author: 'X', date: T3 }))).toBe('comments.already_open');
    expect(refusedCode(reopenThread(resolved, 'c-tache', { id: 'e-2', author: 'X', date: T0 }))).toBe('comments.out_of_order');
    const blank = addThread(threads, { id: 'c-3', anchor: { on: 'referential' }, author: 'X', date: T3, text: '   ' });
    expect(refusedCode(blank)).toBe('comments.invalid');
    expect(blank.ok ? undefined : blank.issues[0]).toMatchObject({ path: '$.text', detail: expect.stringMatching(/^Texte non vide attendu/) });
    expect(refusedCode(addThread(threads, { id: 'c-3', anchor: { on: 'referential' }, author: 'X', date: '2026-03-02 09:00', text: 'x' }))).toBe('comments.invalid');
    expect(refusedCode(addThread(threads, { id: 'c 3', anchor: { on: 'referential' }, author: 'X', date: T3, text: 'x' }))).toBe('comments.invalid');
  });

  it('editing a comment records its edit date', () => {
    const edited = value(editComment(reviewed(), 'r-1', { text: 'Mesurage de 2025 joint.', date: T3 }));
    expect(edited.find((t) => t.id === 'c-duree')!.replies[0]).toMatchObject({ id: 'r-1', text: 'Mesurage de 2025 joint.', edited: T3, date: T2 });
    expect(refusedCode(editComment(reviewed(), 'nope', { text: 'x', date: T3 }))).toBe('comments.comment_not_found');
  });

  it('mergeThreads: union by id, the later edit wins, a tie is broken the same way whichever side comes first', () => {
    const [a] = reviewed();
    const b = { ...a!, text: 'Texte B', edited: T3, replies: [...a!.replies, { id: 'r-b', author: 'CGT', date: T3, text: 'Réponse B' }] };
    const c = { ...a!, text: 'Texte C', edited: T2, history: [{ id: 'e-c', action: 'resolved' as const, author: 'F', date: T2 }] };
    const bc = mergeThreads(b, c);
    expect(bc).toEqual(mergeThreads(c, b));
    expect(bc.text).toBe('Texte B');
    expect(bc.replies.map((r) => r.id)).toEqual(['r-1', 'r-b']);
    expect(threadStatus(bc)).toBe('resolved');
    const tie1 = { ...a!, text: 'Zèbre', edited: T3 };
    const tie2 = { ...a!, text: 'Abeille', edited: T3 };
    expect(mergeThreads(tie1, tie2).text).toBe('Abeille');
    expect(mergeThreads(tie2, tie1).text).toBe('Abeille');
    // A state that already holds everything of the other comes back as it is.
    expect(mergeThreads(b, a!)).toBe(b);
  });
});

describe('comments in the logigramme', () => {
  it('travel in the graph document, load back, and change neither the compiled referential nor its hash', () => {
    const plain = graph();
    const commented = { ...graph(), comments: reviewed() };
    const loaded = loadGraph(JSON.parse(JSON.stringify(commented)));
    expect(loaded.ok && loaded.value.comments?.map((t) => t.id)).toEqual(['c-duree', 'c-tache']);
    expect(compile(commented).referential).toEqual(compile(plain).referential);
    expect(contentHash(compile(commented).referential)).toBe(contentHash(compile(plain).referential));
  });

  it('a version-1 logigramme (before comments) still loads, migrated to the current format', () => {
    const old = { ...JSON.parse(JSON.stringify(graph())), formatVersion: 1 };
    const loaded = loadGraph(old);
    expect(loaded.ok && loaded.value.formatVersion).toBe(2);
  });

  it('a bad thread in a graph is refused with its JSON path', () => {
    const bad = JSON.parse(JSON.stringify({ ...graph(), comments: reviewed() }));
    bad.comments[1].anchor = { on: 'node' };
    const loaded = loadGraph(bad);
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.path)).toEqual(['$.comments[1].anchor.node']);
  });

  it('anchors resolve to the element, named for people; one anchor per exposure of a situation', () => {
    const g = graph();
    expect(findAnchor(g, { on: 'node', node: 'moteurs-thermiques' })).toEqual({ exists: true, kind: 'task', label: 'Moteurs thermiques', node: 'moteurs-thermiques' });
    expect(findAnchor(g, { on: 'exposure', node: 's-moteurs-bruit', factor: 'noise', criterion: 'daily_level' })).toMatchObject({ exists: true, kind: 'exposure', label: 'Moteurs thermiques en atelier, sans réduction du bruit', node: 's-moteurs-bruit', detail: { of: 'exposure', factor: 'noise', criterion: 'daily_level', regulation: SAMPLE.regulation } });
    expect(findAnchor(g, { on: 'exposure', node: 's-moteurs-bruit', factor: 'noise', criterion: 'peak' }).exists).toBe(false);
    expect(findAnchor(g, { on: 'edge', edge: 'moteurs-thermiques.entry' })).toMatchObject({ exists: true, kind: 'edge', detail: { of: 'edge', kind: 'entry' } });
    expect(findAnchor(g, { on: 'node', node: 'disparu', label: 'Ancienne tâche' })).toEqual({ exists: false, kind: 'element', label: 'Ancienne tâche' });
    expect(labelledAnchor(g, { on: 'question', question: 'q-activite' })).toEqual({ on: 'question', question: 'q-activite', label: SAMPLE.questions[0]!.label });
    const situation = g.nodes.find((n) => n.id === 's-nuit-alternante')!;
    if (situation.kind !== 'situation') throw new Error('not a situation');
    expect(exposureAnchors(situation).map((a) => a.on === 'exposure' && `${a.factor}/${a.criterion}`)).toEqual(['alternating_shifts/alternating_shift_night', 'night_work/night']);
  });
});

describe('the comments-only file', () => {
  const version = () => commentedVersion(graph());

  it('names the commented version by id, version and the content hash of the compiled referential', () => {
    expect(version()).toEqual({ id: 'exemple-atelier', version: SAMPLE.identity.version, contentHash: contentHash(compile(graph()).referential) });
  });

  it('exports only the threads an author took part in', () => {
    let threads = reviewed();
    threads = value(addThread(threads, { id: 'c-cgt', anchor: { on: 'referential' }, author: 'CGT', date: T3, text: 'Calendrier de la consultation ?' }));
    const file = exportComments(threads, version(), { author: 'Fédération' });
    expect(file).toMatchObject({ formatVersion: 1, kind: 'logigramme-comments', author: 'Fédération', referential: { id: 'exemple-atelier' } });
    expect(file.comments.map((t) => t.id)).toEqual(['c-duree']);
    expect(exportComments(threads, version()).comments).toHaveLength(3);
  });

  it('imports onto the same version; importing twice changes nothing', () => {
    const file = JSON.parse(JSON.stringify(exportComments(reviewed(), version(), { author: 'INRS' })));
    const target = { graph: graph(), version: version(), comments: [] };
    const first = importComments(target, file);
    expect(first).toMatchObject({ added: ['c-duree', 'c-tache'], updated: [], refused: [], detached: [], version: 'same' });
    const second = importComments({ ...target, comments: first.comments }, file);
    expect(second).toMatchObject({ added: [], updated: [], unchanged: ['c-duree', 'c-tache'], refused: [] });
    expect(second.comments).toEqual(first.comments);
  });

  it('merges new replies and resolutions into threads already there', () => {
    const mine = value(resolveThread(reviewed(), 'c-tache', { id: 'e-1', author: 'Fédération', date: T2, note: 'Deux tâches distinctes.' }));
    const theirs = value(replyToThread(reviewed(), 'c-duree', { id: 'r-inrs', author: 'INRS', date: T3, text: 'Merci.' }));
    const result = importComments({ graph: graph(), version: version(), comments: mine }, exportComments(theirs, version()));
    expect(result.updated).toEqual(['c-duree']);
    expect(result.unchanged).toEqual(['c-tache']);
    const duree = result.comments.find((t) => t.id === 'c-duree')!;
    expect(duree.replies.map((r) => r.id)).toEqual(['r-1', 'r-inrs']);
    expect(threadStatus(result.comments.find((t) => t.id === 'c-tache')!)).toBe('resolved');
  });

  it('keeps a thread whose element was removed, as detached', () => {
    const edited = graph();
    edited.nodes = edited.nodes.filter((n) => n.id !== 'carrosserie');
    edited.edges = edited.edges.filter((e) => e.source !== 'carrosserie' && e.target !== 'carrosserie');
    const result = importComments({ graph: edited, version: commentedVersion(edited), comments: [] }, exportComments(reviewed(), version()));
    expect(result.added).toEqual(['c-duree', 'c-tache']);
    expect(result.detached).toEqual(['c-tache']);
    expect(result.version).toBe('content_changed');
  });

  it('refuses a file of another referential or another version whole, with the JSON path', () => {
    const target = { graph: graph(), version: version(), comments: reviewed() };
    const other = exportComments(reviewed(), { ...version(), id: 'autre' });
    const r1 = importComments(target, other);
    expect(r1.refused.map((i) => [i.code, i.path])).toEqual([['comments.other_referential', '$.referential.id']]);
    expect(r1.comments).toEqual(target.comments);
    const later = exportComments(reviewed(), { ...version(), version: '9.0.0' });
    expect(importComments(target, later).refused.map((i) => [i.code, i.path])).toEqual([['comments.other_version', '$.referential.version']]);
    expect(importComments(target, later, { acceptOtherVersion: true })).toMatchObject({ refused: [], version: 'other_version' });
    expect(importComments(target, { ...other, formatVersion: 2 }).refused.map((i) => i.code)).toEqual(['format.version_newer']);
    expect(importComments(target, { kind: 'logigramme-comments' }).refused.map((i) => i.code)).toEqual(['format.version_missing']);
  });

  it('refuses a bad thread or a reused id with its JSON path, and imports the others', () => {
    const file = JSON.parse(JSON.stringify(exportComments(reviewed(), version())));
    file.comments.push({ ...file.comments[1], id: 'c-neuf', replies: [{ id: 'r-1', author: 'X', date: T3, text: 'id pris' }] });
    file.comments.push({ ...file.comments[1], id: 'c-vide', text: '' });
    file.comments.push({ ...file.comments[1], author: 'Quelqu’un d’autre' });
    const result = importComments({ graph: graph(), version: version(), comments: [] }, file);
    expect(result.added).toEqual(['c-duree', 'c-tache']);
    expect(result.refused.map((i) => [i.code, i.path])).toEqual([
      ['comments.id_clash', '$.comments[2].replies[0].id'],
      ['schema.too_small', '$.comments[3].text'],
      ['comments.id_clash', '$.comments[4].id'],
    ]);
    expect(result.refused.every((i) => /[éèàùç]|discussion|attendu/.test(issueMessage(i)))).toBe(true);
  });

  it('two different edits of one comment end the same whichever file is imported onto which', () => {
    const base = reviewed();
    const a = value(editComment(base, 'c-tache', { text: 'Version A', date: T2 }));
    const b = value(editComment(base, 'c-tache', { text: 'Version B', date: T3 }));
    const ab = importComments({ graph: graph(), version: version(), comments: a }, exportComments(b, version())).comments;
    const ba = importComments({ graph: graph(), version: version(), comments: b }, exportComments(a, version())).comments;
    expect(ab.find((t) => t.id === 'c-tache')!.text).toBe('Version B');
    expect(ab).toEqual(ba);
  });
});

describe('the dossier annex', () => {
  it('lists the remarks by element label, the referential first, with how each was addressed; detached ones kept', () => {
    let threads = reviewed();
    threads = value(addThread(threads, { id: 'c-ref', anchor: { on: 'referential' }, author: 'DGT', date: T3, text: 'Préciser la méthode de recensement.' }));
    threads = value(addThread(threads, { id: 'c-ancien', anchor: { on: 'node', node: 'disparu', label: 'Atelier de ponçage' }, author: 'INRS', date: T3, text: 'Tâche supprimée ?' }));
    threads = value(resolveThread(threads, 'c-duree', { id: 'e-1', author: 'Fédération', date: T3, note: 'Mesurage de 2025 en annexe 3.' }));
    const rows = commentsAnnex(graph(), threads);
    expect(rows.map((r) => [r.kind, r.label, r.status, r.detached])).toEqual([
      ['referential', SAMPLE.identity.title, 'open', false],
      ['element', 'Atelier de ponçage', 'open', true],
      ['exposure', 'Moteurs thermiques en atelier, sans réduction du bruit', 'resolved', false],
      ['task', 'Peinture et carrosserie', 'open', false],
    ]);
    const duree = rows.find((r) => r.thread === 'c-duree')!;
    expect(duree.resolution?.note).toBe('Mesurage de 2025 en annexe 3.');
    expect(duree.detail).toEqual({ of: 'exposure', factor: 'noise', criterion: 'daily_level', regulation: SAMPLE.regulation });
    expect(duree.replies.map((r) => r.author)).toEqual(['Fédération']);
  });
});
