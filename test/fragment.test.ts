import { describe, expect, it } from 'vitest';
import { fragmentOf, loadFragmentText, looksLikeFragment } from '../src/core/index.ts';
import { pasteCommands } from '../src/ui/editor/drawing.ts';
import { focusSet, neighbour } from '../src/ui/editor/navigation.ts';
import { fitReadable, READABLE_MIN_ZOOM, renderedTitlePx } from '../src/ui/editor/viewport.ts';
import { applyCommand, canApply, nodeLabel } from '../src/core/graph/commands/index.ts';
import { fixture } from './commands/fixture.ts';

/*
 * Clipboard fragments (copy in one draft, validated paste in another), keyboard moves on the canvas,
 * and the readable fit of the overview.
 */

describe('graph fragments on the clipboard', () => {
  it('carry the nodes, their edges and the catalogue entries they use, and paste into another draft under new ids', () => {
    const from = fixture();
    const fragment = fragmentOf(from, ['n-q', 'n-m', 's1', 's2']);
    expect(fragment.questions.map((q) => q.id)).toEqual(['q-choice']);
    expect(fragment.measures.map((m) => m.id)).toEqual(['m-1']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['n-q.branch.0', 'n-q.branch.1', 'n-m.applied', 'n-m.not-applied']);
    const text = JSON.stringify(fragment);
    expect(looksLikeFragment(text)).toBe(true);
    const loaded = loadFragmentText(text);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    // Into a draft whose catalogue lacks the question and has another measure under the same id.
    const into = fixture();
    into.referential.questions = [];
    into.referential.measures = [{ id: 'm-1', label: 'Autre chose', kind: 'individual' }];
    into.nodes = into.nodes.filter((n) => n.kind === 'job' || n.kind === 'note');
    into.edges = [];
    const { commands, ids } = pasteCommands(into, loaded.value, { x: 40, y: 40 }, (n) => nodeLabel(from, n));
    let graph = into;
    for (const c of commands) {
      expect(canApply(graph, c)).toEqual({ ok: true });
      graph = structuredClone(graph);
      applyCommand(graph, c);
    }
    expect(graph.referential.questions.map((q) => q.id)).toEqual(['activite']);
    expect(graph.referential.measures.map((m) => m.id)).toEqual(['m-1', 'encoffrement']);
    expect(ids).toEqual({ 'n-q': 'n-activite', 'n-m': 'n-encoffrement', s1: 'bruit-protege', s2: 'bruit' });
    expect(graph.nodes.find((n) => n.id === 'n-encoffrement')).toMatchObject({ kind: 'measure', measure: 'encoffrement' });
    expect(graph.edges.filter((e) => e.source === 'n-encoffrement').map((e) => e.target)).toEqual(['bruit-protege', 'bruit']);
  });

  it('refuse broken text with located issues', () => {
    const broken = (value: unknown) => {
      const r = loadFragmentText(JSON.stringify(value));
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    const base = { kind: 'logigramme-fragment', formatVersion: 1, nodes: [{ id: 'n', kind: 'question', question: 'q' }], edges: [{ id: 'e', kind: 'branch', source: 'n', target: 'x', when: { is: true } }], layout: {}, questions: [], measures: [] };
    expect(broken(base)).toEqual(['$.edges[0].target', '$.nodes[0].question']);
    expect(broken({ ...base, nodes: [{ id: 'n', kind: 'poste' }] })[0]).toMatch(/^\$\.nodes\[0\]/);
    const syntax = loadFragmentText('{"kind": "logigramme-fragment",');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.issues[0]).toMatchObject({ code: 'json.syntax', line: 1 });
    expect(looksLikeFragment('du texte copié ailleurs')).toBe(false);
  });
});

describe('keyboard moves on the canvas', () => {
  const g = fixture();
  it('right to the first following node, left back, up and down between siblings', () => {
    expect(neighbour(g, 'j1', 'ArrowRight', null)).toBe('t1');
    expect(neighbour(g, 't1', 'ArrowDown', null)).toBe('t2');
    expect(neighbour(g, 't2', 'ArrowUp', null)).toBe('t1');
    expect(neighbour(g, 't2', 'ArrowDown', null)).toBeUndefined();
    expect(neighbour(g, 'n-q', 'ArrowLeft', null)).toBe('t1');
    expect(neighbour(g, 's1', 'ArrowLeft', null)).toBe('n-q');
  });
  it('the focus mode keeps a task, its tree and its job; moves stay inside it', () => {
    const shown = focusSet(g, 't2');
    expect([...shown].sort()).toEqual(['j1', 's3', 't2']);
    expect(neighbour(g, 'j1', 'ArrowRight', shown)).toBe('t2');
  });
});

describe('the overview fit', () => {
  it('shows a small drawing whole, at most at its natural size', () => {
    expect(fitReadable({ x: 0, y: 0, width: 400, height: 200 }, { width: 800, height: 600 }).zoom).toBe(1);
  });
  it('never shrinks labels under 11 px: a large drawing scrolls from its top left instead', () => {
    const view = fitReadable({ x: 100, y: 50, width: 2000, height: 6000 }, { width: 800, height: 600 });
    expect(view.zoom).toBe(READABLE_MIN_ZOOM);
    expect(renderedTitlePx(view.zoom)).toBeGreaterThanOrEqual(11);
    // The drawing's top left corner is 24 px in from the canvas's.
    expect(view.x + 100 * view.zoom).toBe(24);
    expect(view.y + 50 * view.zoom).toBe(24);
    for (let zoom = READABLE_MIN_ZOOM; zoom <= 2; zoom += 0.01) expect(renderedTitlePx(zoom)).toBeGreaterThanOrEqual(11);
  });
});
