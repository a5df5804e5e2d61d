import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { loadGraph, type GraphDocument, type GraphNode, type Question, type Scenario } from '../../src/core/index.ts';
import { connectCommand, copyNodes, type GraphCommand } from '../../src/core/graph/commands/index.ts';
import { EditorStore } from '../../src/ui/editor/store.ts';
import { fixture } from '../commands/fixture.ts';

/*
 * Random editor sessions (as tldraw fuzzes its editor): a sequence of steps, each read against the graph
 * of the moment (which node, which edge, which catalogue entry it names is an index into what exists),
 * so that most commands are meaningful and some are refused. Undo, redo, gestures and merged nudges are
 * steps too. `runSession` replays one sequence on an EditorStore and returns what went wrong, if anything:
 *   - every document the store holds after a step, and during the final undo and redo, loads;
 *   - undoing everything gives back the starting document, redoing everything the last one (the one
 *     the session's own redo stack leads to, when it ended after some undos);
 *   - a refused command changes nothing.
 * The same seed gives the same sequences (fast-check's seed and path replay a failure).
 */

/** One step: what to do (`op`) and a few numbers it reads as indexes or values. */
export interface Step {
  op: number;
  a: number;
  b: number;
  c: number;
  x: number;
}

const OPS = 28;

export const stepArbitrary: fc.Arbitrary<Step> = fc.noBias(fc.record({
  op: fc.nat({ max: OPS - 1 }),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
  c: fc.nat({ max: 1000 }),
  x: fc.integer({ min: -2000, max: 2000 }),
}));

// Without bias: fast-check favours small numbers, which would name the first node and edge most of the time.
export const sessionArbitrary = (maxSteps: number) => fc.array(stepArbitrary, { minLength: 1, maxLength: maxSteps, size: 'max' });

const LABELS = ['Poste', 'Tâche', 'Critère', '', '  ', 'Situation « bruit »', 'constructor', '__proto__'];
const NODE_KINDS: GraphNode['kind'][] = ['job', 'task', 'question', 'measure', 'situation', 'note', 'group'];

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

/** The commands a step means on `graph` (empty: the step does nothing), with a fresh id counter. */
function commandsFor(graph: GraphDocument, step: Step, fresh: () => string): GraphCommand[] {
  const { a, b, c, x } = step;
  const node = pick(graph.nodes, a);
  const other = pick(graph.nodes, b);
  const edge = pick(graph.edges, a);
  const question = pick(graph.referential.questions, b);
  const measure = pick(graph.referential.measures, b);
  const scenario = pick(graph.referential.scenarios, a);
  const label = LABELS[c % LABELS.length]!;
  switch (step.op) {
    case 0: {
      const kind = NODE_KINDS[a % NODE_KINDS.length]!;
      const id = fresh();
      const added: GraphNode =
        kind === 'question'
          ? { id, kind, question: question?.id ?? 'absent' }
          : kind === 'measure'
            ? { id, kind, measure: measure?.id ?? 'absent' }
            : kind === 'situation'
              ? { id, kind, label, exposures: [] }
              : kind === 'note'
                ? { id, kind, text: label }
                : kind === 'group'
                  ? { id, kind, label, members: node ? [node.id] : [] }
                  : { id, kind, label };
      return [{ type: 'node/add', node: added, position: { x, y: b } }];
    }
    case 1:
      return node ? [{ type: 'node/remove', ids: [node.id] }] : [];
    case 2:
      return node ? [{ type: 'node/remove-subtree', id: node.id }] : [];
    case 3:
      return node ? [{ type: 'node/update', id: node.id, changes: node.kind === 'note' ? { text: label } : { label } }] : [];
    case 4:
      return node ? [{ type: 'node/move', positions: { [node.id]: { x, y: x - b } } }] : [];
    case 5:
      return node ? [{ type: 'node/collapse', id: node.id, collapsed: c % 2 === 0 }] : [];
    case 6: {
      const anyNode = pick(graph.nodes, a);
      const sources = graph.nodes.filter((n) => ['job', 'task', 'question', 'measure'].includes(n.kind));
      const node = c % 2 === 0 ? (pick(sources, a) ?? anyNode) : anyNode;
      if (!node || !other) return [];
      // Mostly a target of the kind the source links to (so that some connections are accepted).
      const fits = (n: GraphNode) => (node.kind === 'job' ? n.kind === 'task' : ['question', 'measure', 'situation'].includes(n.kind));
      const free = graph.nodes.filter((n) => fits(n) && !graph.edges.some((e) => e.target === n.id));
      const fitting = free.length > 0 && c % 2 === 0 ? free : graph.nodes.filter(fits);
      const target = c % 4 === 3 ? other : (pick(fitting, b) ?? other);
      const connection = { source: node.id, target: target.id, sourceHandle: c % 3 === 0 ? 'applied' : c % 3 === 1 ? 'notApplied' : null };
      const made = connectCommand(graph, connection, fresh());
      // A refused connection is tried anyway as a raw edge: the store must refuse it and change nothing.
      return made.ok ? [made.command] : [{ type: 'edge/add', edge: { id: fresh(), kind: 'weighting', source: node.id, target: target.id, share: c % 120 } }];
    }
    case 7:
      return edge ? [{ type: 'edge/remove', ids: [edge.id] }] : [];
    case 8:
      if (!edge) return [];
      return [{ type: 'edge/update', id: edge.id, changes: edge.kind === 'weighting' && c % 2 === 0 ? { share: c % 110 } : { target: other?.id ?? 'absent' } }];
    case 9:
      return [{ type: 'question/add', question: newQuestion(fresh(), label, c) }];
    case 10:
      return question ? [{ type: 'question/update', id: question.id, question: { ...question, label } }] : [];
    case 11:
      return question ? [{ type: 'question/remove', id: question.id }] : [];
    case 12:
      return [{ type: 'measure/add', measure: { id: fresh(), label, kind: c % 2 === 0 ? 'collective' : 'individual' } }];
    case 13:
      return measure ? [{ type: 'measure/update', id: measure.id, measure: { ...measure, label } }] : [];
    case 14:
      return measure ? [{ type: 'measure/remove', id: measure.id }] : [];
    case 15:
      return [
        c % 2 === 0
          ? { type: 'referential/update', changes: { identity: { ...graph.referential.identity, title: label } } }
          : { type: 'referential/update', changes: { regulation: ['2015-01-01', '2017-10-01', '2023-09-01', '2099-01-01'][c % 4]! } },
      ];
    case 16: {
      const job = pick(
        graph.nodes.filter((n) => n.kind === 'job'),
        b,
      );
      return [{ type: 'scenario/add', scenario: newScenario(fresh(), label, job?.id ?? 'absent', c) }];
    }
    case 17:
      return scenario ? [{ type: 'scenario/update', id: scenario.id, scenario: { ...scenario, label: c % 3 === 0 ? label : `${scenario.label} (${c})`, year: 2015 + (c % 12) } }] : [];
    case 18:
      return scenario ? [{ type: 'scenario/remove', id: scenario.id }] : [];
    case 19:
      return node ? [{ type: 'layout/apply', positions: { [node.id]: { x: b, y: x } }, ...(c % 2 === 0 ? { direction: 'DOWN' as const } : {}) }] : [];
    case 20: {
      if (!node) return [];
      const clip = copyNodes(graph, other ? [node.id, other.id] : [node.id]);
      const ids = Object.fromEntries(clip.nodes.map((n) => [n.id, fresh()]));
      const edgeIds = Object.fromEntries(clip.edges.map((e) => [e.id, fresh()]));
      return [{ type: 'nodes/paste', clip, ids, edgeIds, offset: { x: 40, y: 40 } }];
    }
    case 21:
      return node ? [{ type: 'id/rename', from: node.id, to: c % 5 === 0 && other ? other.id : fresh() }] : [];
    case 27: {
      // A new node and its link in one step (executeAll: all or nothing), as the canvas's drop on a handle does.
      const source = pick(
        graph.nodes.filter((n) => ['job', 'task', 'question', 'measure'].includes(n.kind)),
        a,
      );
      if (!source) return [];
      const added: GraphNode = source.kind === 'job' ? { id: fresh(), kind: 'task', label: 'Tâche' } : { id: fresh(), kind: 'situation', label: 'Situation', exposures: [] };
      const made = connectCommand({ ...graph, nodes: [...graph.nodes, added] }, { source: source.id, target: added.id, sourceHandle: c % 2 === 0 ? 'applied' : 'notApplied' }, fresh());
      const add: GraphCommand = { type: 'node/add', node: added, position: { x, y: b } };
      return made.ok ? [add, made.command] : [add, { type: 'edge/add', edge: { id: fresh(), kind: 'entry', source: source.id, target: added.id } }];
    }
    default:
      return [];
  }
}

function newQuestion(id: string, label: string, c: number): Question {
  const scope = c % 2 === 0 ? 'company' : 'employee';
  switch (c % 3) {
    case 0:
      return { id, label, scope, type: 'boolean' };
    case 1:
      return { id, label, scope, type: 'choice', choices: [{ id: 'oui', label: 'Oui' }, { id: 'non', label: 'Non' }] };
    default:
      return { id, label, scope, type: 'number', unit: 'kg', min: 0 };
  }
}

function newScenario(id: string, label: string, job: string, c: number): Scenario {
  return {
    id,
    label: label.trim() === '' ? 'Cas' : label,
    year: 2020 + (c % 6),
    answers: {},
    measures: [],
    employee: { id: 'salarie', annualHours: 1607, contract: {}, jobs: [{ job, share: 100 }] },
    expected: { factors: c % 2 === 0 ? { noise: 'exposed' } : {} },
  };
}

export interface SessionOutcome {
  problems: string[];
  /** How many steps the store accepted and refused (to show that the run was not vacuous). */
  applied: number;
  refused: number;
  /** The command types the store accepted at least once. */
  types: Set<string>;
}

// Key order aside (undo puts a removed layout entry back last): canonical JSON (RFC 8785).
const json = (g: GraphDocument) => canonicalize(g) ?? '';

/**
 * Replays `steps` on a store holding `start`, then undoes everything and redoes everything. Returns
 * the problems found (empty when the session is sound).
 */
export function runSession(start: GraphDocument, steps: readonly Step[]): SessionOutcome {
  let clock = 0;
  const store = new EditorStore(start, { now: () => clock, mergeWindowMs: 1000 });
  let counter = 0;
  const fresh = () => `fz-${++counter}`;
  const problems: string[] = [];
  let applied = 0;
  let refused = 0;
  const types = new Set<string>();
  const loads = (where: string) => {
    const loaded = loadGraph(JSON.parse(json(store.graph)));
    if (!loaded.ok) problems.push(`${where}: the document does not load: ${loaded.issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
  };

  steps.forEach((step, k) => {
    clock += step.op === 26 ? 100 : 5000;
    const before = store.graph;
    if (step.op === 22) store.undo();
    else if (step.op === 23) store.redo();
    else if (step.op === 24) store.beginGesture('geste');
    else if (step.op === 25) store.endGesture();
    else if (step.op === 26) {
      const node = pick(store.graph.nodes, step.a);
      if (node) store.execute({ type: 'node/move', positions: { [node.id]: { x: step.x, y: step.b } } }, 'déplacer', { mergeKey: `nudge:${node.id}` });
    } else {
      const commands = commandsFor(store.graph, step, fresh);
      if (commands.length === 0) return;
      const outcome = commands.length === 1 ? store.execute(commands[0]!, `pas ${k}`) : store.executeAll(commands, `pas ${k}`);
      if (outcome.ok) {
        applied++;
        for (const command of commands) types.add(command.type);
      }
      else {
        refused++;
        if (store.graph !== before) problems.push(`step ${k} (${commands[0]!.type}): refused (${outcome.code}) but the graph changed`);
      }
    }
    loads(`step ${k}`);
  });

  store.endGesture();
  // A session may end after some undos: its end is then the state its redo stack leads to.
  const redoAll = (what: string) => {
    let n = 0;
    while (store.getSnapshot().canRedo && n < steps.length + 5) {
      store.redo();
      loads(`${what} ${++n}`);
    }
    return n;
  };
  redoAll('redo pending');
  const end = json(store.graph);
  let undone = 0;
  while (store.getSnapshot().canUndo && undone < steps.length + 5) {
    store.undo();
    loads(`undo ${++undone}`);
  }
  if (json(store.graph) !== json(start)) problems.push('undo all: the graph is not the starting one');
  const redone = redoAll('redo');
  if (redone !== undone) problems.push(`undid ${undone} steps but redid ${redone}`);
  if (json(store.graph) !== end) problems.push('redo all: the graph is not the last one');
  return { problems, applied, refused, types };
}

/** The documents sessions start from: the command tests' fixture and a sample logigramme. */
export function fuzzStarts(): Array<[string, GraphDocument]> {
  const text = readFileSync(new URL('../../referentials/exemple-droit-actuel.graph.json', import.meta.url), 'utf8');
  const sample = loadGraph(JSON.parse(text));
  if (!sample.ok) throw new Error('exemple-droit-actuel.graph.json does not load');
  return [
    ['the command fixture', fixture()],
    ['the sample logigramme exemple-droit-actuel', sample.value],
  ];
}
