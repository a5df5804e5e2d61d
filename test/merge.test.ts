import { describe, expect, it } from 'vitest';
import {
  addThread,
  applyCommand,
  applyResolutions,
  canApply,
  checkGraph,
  compile,
  diff,
  loadGraph,
  mergeGraphs,
  replyToThread,
  threadStatus,
  resolveThread,
  type Exposure,
  type GraphCommand,
  type GraphDocument,
  type MergeConflict,
} from '../src/core/index.ts';
import { conflictTitle, describeSide } from '../src/present/merge.ts';
import { mergeBase } from './support/merge-edits.ts';

/*
 * The three-way merge of logigrammes, case by case: what merges silently, what is a conflict and how
 * it reads, how a choice is applied, and what the merged document looks like structurally.
 */

const BASE = mergeBase();

/** A copy of the base edited with editor commands, each checked first as the editor would. */
function edit(commands: GraphCommand[], from: GraphDocument = BASE): GraphDocument {
  const g = structuredClone(from);
  for (const c of commands) {
    const verdict = canApply(g, c);
    if (!verdict.ok) throw new Error(`${c.type}: ${verdict.code} ${JSON.stringify(verdict.params)}`);
    applyCommand(g, c);
  }
  return g;
}

const node = (g: GraphDocument, id: string) => g.nodes.find((n) => n.id === id);
const exposures = (g: GraphDocument, id: string): Exposure[] => {
  const n = node(g, id);
  if (n?.kind !== 'situation') throw new Error(`${id} is not a situation`);
  return n.exposures;
};
/** The exposures of a situation with one duration changed. */
const withDuration = (g: GraphDocument, situation: string, index: number, value: number): GraphCommand => ({
  type: 'node/update',
  id: situation,
  changes: { exposures: exposures(g, situation).map((e, i) => (i === index ? { ...e, duration: { value, unit: e.duration!.unit } } : e)) },
});
/** A conflict in the French of the merge dialog and the CLI (src/present/merge.ts). */
const texts = (conflict: MergeConflict) => ({ title: conflictTitle(conflict), ours: describeSide(conflict.ours, conflict), theirs: describeSide(conflict.theirs, conflict) });

describe('changes to different elements or fields merge silently', () => {
  // The issue's case: one member renames a task and adds a situation; the other changes a duration
  // and deletes a question (the night-shift question: the task now leads straight to the fixed-night situation).
  const ours = edit([
    { type: 'node/update', id: 'moteurs-thermiques', changes: { label: 'Moteurs thermiques et hybrides' } },
    { type: 'node/add', node: { id: 's-hybrides', kind: 'situation', label: 'Batteries de traction', exposures: [] }, position: { x: 900, y: 400 } },
    { type: 'edge/remove', ids: ['n-activite.branch.1'] },
    { type: 'edge/add', edge: { id: 'e-hybrides', kind: 'branch', source: 'n-activite', target: 's-hybrides', when: { oneOf: ['chantier'] } } },
  ]);
  const theirs = edit([
    withDuration(BASE, 's-moteurs-bruit', 0, 6),
    { type: 'node/remove', ids: ['n-equipes'] },
    { type: 'edge/add', edge: { id: 'e-nuit', kind: 'entry', source: 'maintenance-nuit', target: 's-nuit-fixe' } },
  ]);

  it('keeps all four changes, with no conflict, in both directions', () => {
    for (const merged of [mergeGraphs(BASE, ours, theirs), mergeGraphs(BASE, theirs, ours)]) {
      expect(merged.conflicts).toEqual([]);
      const g = merged.document;
      expect(node(g, 'moteurs-thermiques')).toMatchObject({ label: 'Moteurs thermiques et hybrides' });
      expect(node(g, 's-hybrides')).toMatchObject({ label: 'Batteries de traction' });
      expect(exposures(g, 's-moteurs-bruit')[0]!.duration).toEqual({ value: 6, unit: 'h/day' });
      expect(node(g, 'n-equipes')).toBeUndefined();
      expect(g.edges.filter((e) => e.source === 'n-equipes' || e.target === 'n-equipes')).toEqual([]);
      expect(g.edges.find((e) => e.id === 'e-nuit')).toMatchObject({ source: 'maintenance-nuit', target: 's-nuit-fixe' });
      expect(loadGraph(JSON.parse(JSON.stringify(g))).ok).toBe(true);
      expect(compile(g).issues).toEqual([]);
    }
    expect(mergeGraphs(BASE, ours, theirs).document).toStrictEqual(mergeGraphs(BASE, theirs, ours, { layout: 'theirs' }).document);
  });

  it('the semantic diff of the merge against the base holds exactly the changes of both sides', () => {
    const before = compile(BASE).referential;
    const merged = compile(mergeGraphs(BASE, ours, theirs).document).referential;
    const ids = (changes: ReturnType<typeof diff>['changes']) => changes.flatMap((c) => ('id' in c ? [`${c.kind}:${c.op}:${c.id}`] : [c.kind])).sort();
    const expected = [...ids(diff(before, compile(ours).referential).changes), ...ids(diff(before, compile(theirs).referential).changes)].sort();
    expect(ids(diff(before, merged).changes)).toEqual(expected);
  });

  it('different fields of one element, and different exposures of one situation, merge', () => {
    const a = edit([{ type: 'node/update', id: 's-carrosserie', changes: { label: 'Ponçage' } }, withDuration(BASE, 's-carrosserie', 0, 5)]);
    const b = edit([{ type: 'node/update', id: 's-carrosserie', changes: { description: 'Cabine ventilée' } }, withDuration(BASE, 's-carrosserie', 1, 3)]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    expect(node(merged.document, 's-carrosserie')).toMatchObject({ label: 'Ponçage', description: 'Cabine ventilée' });
    expect(exposures(merged.document, 's-carrosserie').map((e) => e.duration!.value)).toEqual([5, 3]);
  });

  it('identity fields, the working year and factors merge field by field', () => {
    const a = edit([{ type: 'referential/update', changes: { identity: { ...BASE.referential.identity, title: 'Nouveau titre' } } }]);
    const b = edit([
      { type: 'referential/update', changes: { identity: { ...BASE.referential.identity, version: '1.1.0' }, workingYear: { annualHours: 1600, workingDays: 228 } } },
      { type: 'referential/update', changes: { factors: { ...BASE.referential.factors, retained: [...BASE.referential.factors.retained, 'repetitive_work'], excluded: BASE.referential.factors.excluded.filter((e) => e.factor !== 'repetitive_work') } } },
    ]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    expect(merged.document.referential.identity).toMatchObject({ title: 'Nouveau titre', version: '1.1.0' });
    expect(merged.document.referential.workingYear.annualHours).toBe(1600);
    expect(merged.document.referential.factors.retained).toContain('repetitive_work');
    expect(merged.document.referential.factors.excluded.map((e) => e.factor)).not.toContain('repetitive_work');
  });

  it('layout changes never conflict with content changes', () => {
    const a = edit([{ type: 'node/move', positions: { carrosserie: { x: 5, y: 5 } } }, { type: 'node/collapse', id: 'mecanicien', collapsed: true }]);
    const b = edit([{ type: 'node/update', id: 'carrosserie', changes: { label: 'Carrosserie' } }]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    expect(merged.document.layout.nodes.carrosserie).toEqual({ x: 5, y: 5 });
    expect(merged.document.layout.nodes.mecanicien).toMatchObject({ collapsed: true });
    expect(node(merged.document, 'carrosserie')).toMatchObject({ label: 'Carrosserie' });
  });

  it('the same node moved both ways: the preferred side’s position, told in a notice, never a conflict', () => {
    const a = edit([{ type: 'node/move', positions: { carrosserie: { x: 5, y: 5 } } }]);
    const b = edit([{ type: 'node/move', positions: { carrosserie: { x: 9, y: 9 } } }, { type: 'node/collapse', id: 'carrosserie', collapsed: true }]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    expect(merged.document.layout.nodes.carrosserie).toEqual({ x: 5, y: 5, collapsed: true });
    expect(merged.notices.map((n) => [n.code, n.ids])).toEqual([['layout.both_changed', ['carrosserie']]]);
    expect(mergeGraphs(BASE, a, b, { layout: 'theirs' }).document.layout.nodes.carrosserie).toEqual({ x: 9, y: 9, collapsed: true });
  });

  it('comments merge by id: threads of both sides, replies and resolutions of one thread together', () => {
    const a = structuredClone(BASE);
    const b = structuredClone(BASE);
    const ok = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : (() => { throw new Error('refused'); })());
    a.comments = ok(replyToThread(a.comments!, 'c-0', { id: 'r-a', author: 'Fédération', date: '2026-02-01T09:00:00Z', text: 'Durées revues.' }));
    a.comments = ok(addThread(a.comments, { id: 'c-a', anchor: { on: 'referential' }, author: 'Fédération', date: '2026-02-01T10:00:00Z', text: 'Calendrier ?' }));
    b.comments = ok(resolveThread(b.comments!, 'c-0', { id: 'e-b', author: 'INRS', date: '2026-02-03T09:00:00Z', note: 'Vu.' }));
    b.comments = ok(addThread(b.comments, { id: 'c-b', anchor: { on: 'node', node: 's-carrosserie' }, author: 'INRS', date: '2026-02-02T10:00:00Z', text: 'Mesurage ?' }));
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    const threads = merged.document.comments!;
    expect(threads.map((t) => t.id).sort()).toEqual(['c-0', 'c-a', 'c-b']);
    expect(threads.find((t) => t.id === 'c-0')!.replies.map((r) => r.id)).toEqual(['r-a']);
    expect(threadStatus(threads.find((t) => t.id === 'c-0')!)).toBe('resolved');
    expect(compile(merged.document).referential).toEqual(compile(mergeGraphs(BASE, { ...a, comments: BASE.comments! }, { ...b, comments: BASE.comments! }).document).referential);
  });
});

describe('conflicts', () => {
  it('the same duration changed two ways: a conflict naming the situation, the exposure and both values; one side chosen', () => {
    const a = edit([withDuration(BASE, 's-moteurs-bruit', 0, 5)]);
    const b = edit([withDuration(BASE, 's-moteurs-bruit', 0, 6.5)]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts.map((c) => c.id)).toEqual(['node:s-moteurs-bruit:exposures[noise/daily_level]:duration']);
    const [conflict] = merged.conflicts;
    expect(conflict).toMatchObject({ kind: 'field', chosen: 'ours', element: { collection: 'node', id: 's-moteurs-bruit', label: 'Moteurs thermiques en atelier, sans réduction du bruit' }, base: { value: 7, unit: 'h/day' } });
    expect(texts(conflict!)).toEqual({
      title: 'Situation d’exposition « Moteurs thermiques en atelier, sans réduction du bruit » : durée de l’exposition Bruit — Niveau d’exposition Lex,8h',
      ours: '5 h/jour',
      theirs: '6,5 h/jour',
    });
    expect(exposures(merged.document, 's-moteurs-bruit')[0]!.duration!.value).toBe(5);
    expect(merged.pending).toHaveLength(1);
    const resolved = applyResolutions(merged, { [conflict!.id]: 'theirs' });
    expect(exposures(resolved.document, 's-moteurs-bruit')[0]!.duration!.value).toBe(6.5);
    expect(resolved.pending).toEqual([]);
    expect(resolved.conflicts.map((c) => c.chosen)).toEqual(['theirs']);
    expect(() => applyResolutions(merged, { 'node:nope:label': 'theirs' })).toThrow(RangeError);
  });

  it('an identity field and a factor changed two ways', () => {
    const identity = (version: string): GraphCommand => ({ type: 'referential/update', changes: { identity: { ...BASE.referential.identity, version } } });
    const factors = (justification: string): GraphCommand => ({
      type: 'referential/update',
      changes: { factors: { ...BASE.referential.factors, excluded: BASE.referential.factors.excluded.map((e) => (e.factor === 'hyperbaric' ? { ...e, justification } : e)) } },
    });
    const retained = (): GraphCommand => ({
      type: 'referential/update',
      changes: { factors: { retained: [...BASE.referential.factors.retained, 'hyperbaric'], excluded: BASE.referential.factors.excluded.filter((e) => e.factor !== 'hyperbaric') } },
    });
    const merged = mergeGraphs(BASE, edit([identity('1.1.0'), factors('Pas de plongée.')]), edit([identity('2.0.0'), retained()]));
    expect(merged.conflicts.map((c) => [c.id, texts(c)])).toEqual([
      ['identity:version', { title: 'Identité du référentiel « Atelier de maintenance — référentiel d’exemple » : version', ours: '« 1.1.0 »', theirs: '« 2.0.0 »' }],
      ['factor:hyperbaric', { title: 'Facteur « Activités en milieu hyperbare » : retenu ou écarté', ours: 'écarté : « Pas de plongée. »', theirs: 'retenu' }],
    ]);
    expect(merged.document.referential.factors.retained).not.toContain('hyperbaric');
    const theirs = applyResolutions(merged, { 'factor:hyperbaric': 'theirs' }).document.referential.factors;
    expect(theirs.retained).toContain('hyperbaric');
    expect(theirs.excluded.map((e) => e.factor)).not.toContain('hyperbaric');
  });

  it('a label changed two ways', () => {
    const merged = mergeGraphs(BASE, edit([{ type: 'node/update', id: 'carrosserie', changes: { label: 'A' } }]), edit([{ type: 'node/update', id: 'carrosserie', changes: { label: 'B' } }]));
    expect(merged.conflicts.map((c) => [c.id, texts(c)])).toEqual([['node:carrosserie:label', { title: 'Tâche « A » : libellé', ours: '« A »', theirs: '« B »' }]]);
    // The core's conflict: the element by kind and label, the field by path, each side's value.
    expect(merged.conflicts[0]).toMatchObject({ kind: 'field', element: { collection: 'node', id: 'carrosserie', nodeKind: 'task', label: 'A' }, field: { path: 'label' }, ours: { change: 'changed', value: 'A' }, theirs: { change: 'changed', value: 'B' } });
  });

  it('edited on one side, deleted on the other: keeping it brings back its links; deleting it drops them', () => {
    const a = edit([{ type: 'node/update', id: 's-carrosserie', changes: { label: 'Ponçage' } }]);
    const b = edit([{ type: 'node/remove', ids: ['s-carrosserie'] }]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts.map((c) => [c.id, c.kind, c.ours.change, c.theirs.change])).toEqual([['node:s-carrosserie', 'edit_delete', 'changed', 'deleted']]);
    expect(texts(merged.conflicts[0]!).title).toBe('Situation d’exposition « Ponçage » : supprimé d’un côté, modifié de l’autre');
    expect(node(merged.document, 's-carrosserie')).toMatchObject({ label: 'Ponçage' });
    expect(merged.document.edges.find((e) => e.id === 'carrosserie.entry')).toBeDefined();
    expect(compile(merged.document).issues).toEqual([]);
    const deleted = applyResolutions(merged, { 'node:s-carrosserie': 'theirs' }).document;
    expect(node(deleted, 's-carrosserie')).toBeUndefined();
    expect(deleted.edges.some((e) => e.target === 's-carrosserie')).toBe(false);
    expect(deleted.layout.nodes['s-carrosserie']).toBeUndefined();
    expect(deleted).toStrictEqual(b);
  });

  it('deleted on one side, linked by a new edge on the other: a conflict; the deletion drops the link', () => {
    const a = edit([{ type: 'node/remove', ids: ['s-nuit-fixe'] }]);
    const b = edit([
      { type: 'node/add', node: { id: 't-astreinte', kind: 'task', label: 'Astreinte' }, position: { x: 0, y: 600 } },
      { type: 'edge/add', edge: { id: 'e-w', kind: 'weighting', source: 'agent-nuit', target: 't-astreinte', share: 0 } },
      { type: 'edge/add', edge: { id: 'e-astreinte', kind: 'entry', source: 't-astreinte', target: 's-nuit-fixe' } },
    ]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts.map((c) => [c.id, c.kind, c.ours.change, c.theirs.change, c.theirs.ids])).toEqual([['node:s-nuit-fixe', 'delete_use', 'deleted', 'uses', ['e-astreinte']]]);
    expect(texts(merged.conflicts[0]!).theirs).toBe('conservé et utilisé par la liaison e-astreinte');
    expect(node(merged.document, 's-nuit-fixe')).toBeUndefined();
    expect(merged.document.edges.some((e) => e.id === 'e-astreinte')).toBe(false);
    expect(merged.notices.map((n) => n.code)).toContain('structure.new_issue');
    const kept = applyResolutions(merged, { 'node:s-nuit-fixe': 'theirs' }).document;
    expect(node(kept, 's-nuit-fixe')).toBeDefined();
    expect(kept.edges.map((e) => e.id)).toEqual(expect.arrayContaining(['e-astreinte', 'n-equipes.branch.1']));
    expect(compile(kept).issues).toEqual([]);
  });

  it('one edge edited on one side and removed on the other', () => {
    const merged = mergeGraphs(BASE, edit([{ type: 'edge/update', id: 'carrosserie.weighting', changes: { share: 30 } }]), edit([{ type: 'edge/remove', ids: ['carrosserie.weighting'] }]));
    expect(merged.conflicts.map((c) => [c.id, c.kind, texts(c).title])).toEqual([['edge:carrosserie.weighting', 'edit_delete', 'Liaison (pondération) « Mécanicien → Peinture et carrosserie » : supprimé d’un côté, modifié de l’autre']]);
    expect(merged.conflicts[0]?.element).toEqual({ collection: 'edge', id: 'carrosserie.weighting', edgeKind: 'weighting', label: 'Mécanicien → Peinture et carrosserie' });
    expect(texts({ ...merged.conflicts[0]!, ours: { change: 'changed', value: 30.25 } }).ours).toBe('modifié : 30,25');
  });

  it('both sides give one task its entry by different edges: a slot conflict; the side not chosen loses its edge', () => {
    const start = edit([{ type: 'edge/remove', ids: ['carrosserie.entry'] }]);
    const a = edit([{ type: 'edge/add', edge: { id: 'e-a', kind: 'entry', source: 'carrosserie', target: 's-carrosserie' } }], start);
    const b = edit([{ type: 'edge/add', edge: { id: 'e-b', kind: 'entry', source: 'carrosserie', target: 's-moteurs-chantier' } }], start);
    const merged = mergeGraphs(start, a, b);
    expect(merged.conflicts.map((c) => [c.id, texts(c)])).toEqual([
      ['slot:entry:carrosserie', { title: 'Tâche « Peinture et carrosserie » : relié différemment des deux côtés', ours: 'ajoute une liaison vers « Ponçage et peinture en cabine »', theirs: 'ajoute une liaison vers « Moteurs thermiques, interventions majoritairement sur chantier »' }],
    ]);
    expect(merged.document.edges.filter((e) => e.source === 'carrosserie' && e.kind === 'entry').map((e) => e.id)).toEqual(['e-a']);
    const theirs = applyResolutions(merged, { 'slot:entry:carrosserie': 'theirs' }).document;
    expect(theirs.edges.filter((e) => e.source === 'carrosserie' && e.kind === 'entry').map((e) => e.id)).toEqual(['e-b']);
    expect(compile(theirs).issues).toEqual([]);
  });

  it('the same link drawn on both sides under two ids is kept once, whichever side is ours', () => {
    const start = edit([{ type: 'edge/remove', ids: ['carrosserie.entry'] }]);
    const a = edit([{ type: 'edge/add', edge: { id: 'e-a', kind: 'entry', source: 'carrosserie', target: 's-carrosserie' } }], start);
    const b = edit([{ type: 'edge/add', edge: { id: 'e-b', kind: 'entry', source: 'carrosserie', target: 's-carrosserie' } }], start);
    for (const merged of [mergeGraphs(start, a, b), mergeGraphs(start, b, a)]) {
      expect(merged.conflicts).toEqual([]);
      expect(merged.document.edges.filter((e) => e.source === 'carrosserie' && e.kind === 'entry').map((e) => e.id)).toEqual(['e-a']);
    }
  });

  it('the same id added on both sides with different contents', () => {
    const add = (label: string): GraphCommand => ({ type: 'node/add', node: { id: 's-x', kind: 'situation', label, exposures: [] }, position: { x: 0, y: 0 } });
    const merged = mergeGraphs(BASE, edit([add('X')]), edit([add('Y')]));
    expect(merged.conflicts.map((c) => [c.id, c.kind, texts(c).ours, texts(c).theirs])).toEqual([['node:s-x', 'add_add', 'ajouté : situation d’exposition « X »', 'ajouté : situation d’exposition « Y »']]);
    expect(mergeGraphs(BASE, edit([add('X')]), edit([add('X')])).conflicts).toEqual([]);
  });

  it('changes that cannot stand together in one element: a whole-element conflict, which a choice can bring', () => {
    const start = edit([{ type: 'question/add', question: { id: 'q-outil', label: 'Outil', scope: 'company', type: 'choice', choices: [{ id: 'meuleuse', label: 'Meuleuse' }, { id: 'disqueuse', label: 'Disqueuse' }] } }]);
    const a = edit([{ type: 'question/update', id: 'q-outil', question: { id: 'q-outil', label: 'Outil', scope: 'company', type: 'number', unit: 'h' } }], start);
    const b = edit([{ type: 'question/update', id: 'q-outil', question: { id: 'q-outil', label: 'Outil', scope: 'company', type: 'choice', choices: [{ id: 'meuleuse', label: 'Meuleuse' }, { id: 'disqueuse', label: 'Disqueuse' }, { id: 'ponceuse', label: 'Ponceuse' }] } }], start);
    const merged = mergeGraphs(start, a, b);
    expect(merged.conflicts.map((c) => [c.id, c.kind, c.ours.change, c.theirs.change])).toEqual([['question:q-outil:choices', 'field', 'removed', 'changed']]);
    expect(texts(merged.conflicts[0]!)).toMatchObject({ title: 'Critère « Outil » : réponses possibles', ours: 'effacé' });
    // A number question with choices would not load: taking their choices puts the whole question in conflict.
    const next = applyResolutions(merged, { 'question:q-outil:choices': 'theirs' });
    expect(next.conflicts.map((c) => [c.id, c.kind, c.chosen])).toEqual([['question:q-outil', 'incompatible', 'ours']]);
    expect(next.pending.map((c) => c.id)).toEqual(['question:q-outil']);
    expect(next.document.referential.questions.find((x) => x.id === 'q-outil')).toEqual(a.referential.questions.find((x) => x.id === 'q-outil'));
    expect(applyResolutions(next, { 'question:q-outil': 'theirs' }).document.referential.questions.find((x) => x.id === 'q-outil')).toEqual(b.referential.questions.find((x) => x.id === 'q-outil'));
  });

  it('a catalogue question deleted on one side is kept when the other side asks it again', () => {
    const a = edit([{ type: 'node/remove-subtree', id: 'n-equipes' }, { type: 'question/remove', id: 'q-equipes-alternantes' }]);
    const b = edit([{ type: 'node/add', node: { id: 'n-equipes-2', kind: 'question', question: 'q-equipes-alternantes' }, position: { x: 0, y: 0 } }]);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts).toEqual([]);
    expect(merged.document.referential.questions.map((x) => x.id)).toContain('q-equipes-alternantes');
    expect(merged.notices.find((n) => n.code === 'catalogue.kept')?.ids).toEqual(['q-equipes-alternantes']);
  });

  it('both sides reordering one list differently is an order conflict', () => {
    const a = structuredClone(BASE);
    const b = structuredClone(BASE);
    a.referential.scenarios.reverse();
    b.referential.scenarios.push(b.referential.scenarios.shift()!);
    const merged = mergeGraphs(BASE, a, b);
    expect(merged.conflicts.map((c) => [c.id, c.kind, texts(c).title])).toEqual([['order:scenarios', 'order', 'Ordre « scénarios » : réordonné différemment des deux côtés']]);
    expect(merged.document.referential.scenarios.map((s) => s.id)).toEqual(a.referential.scenarios.map((s) => s.id));
    expect(applyResolutions(merged, { 'order:scenarios': 'theirs' }).document.referential.scenarios.map((s) => s.id)).toEqual(b.referential.scenarios.map((s) => s.id));
    // One side reordering while the other adds: no conflict, the addition follows its neighbour.
    const c = edit([{ type: 'node/add', node: { id: 'note-2', kind: 'note', text: 'x' }, position: { x: 0, y: 0 } }]);
    expect(mergeGraphs(BASE, a, c).conflicts).toEqual([]);
  });

  it('after a merge with every conflict on either side, the checker runs and the document loads', () => {
    const a = edit([withDuration(BASE, 's-moteurs-bruit', 0, 5), { type: 'node/update', id: 's-carrosserie', changes: { label: 'Ponçage' } }]);
    const b = edit([withDuration(BASE, 's-moteurs-bruit', 0, 6), { type: 'node/remove', ids: ['s-carrosserie'] }]);
    const merged = mergeGraphs(BASE, a, b);
    for (const side of ['ours', 'theirs'] as const) {
      const doc = applyResolutions(merged, Object.fromEntries(merged.conflicts.map((c) => [c.id, side]))).document;
      expect(loadGraph(JSON.parse(JSON.stringify(doc))).ok).toBe(true);
      expect(() => checkGraph(doc)).not.toThrow();
    }
  });
});
