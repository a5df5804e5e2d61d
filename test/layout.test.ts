import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decompile, loadReferential, type GraphDocument, type NodeLayout, type Referential } from '../src/core/index.ts';
import { laneStructure, lanes, nodeSize } from '../src/core/graph/lanes.ts';
import { layoutGraphSync } from '../src/core/graph/layout.ts';
import { placeNewNode } from '../src/core/graph/place.ts';
import { generateReferential } from '../bench/generate.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * The automatic layout (lanes per job, tidy trees, columns by longest path) and the incremental
 * placement of a new node: graph order kept, nothing overlapping, neighbours never moved.
 */

function sample(name: string): Referential {
  const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', name), 'utf8')));
  if (!loaded.ok) throw new Error((loaded.issues[0] ? issueMessage(loaded.issues[0]) : ''));
  return loaded.value;
}

function laidOut(graph: GraphDocument): GraphDocument {
  return { ...graph, layout: { ...graph.layout, nodes: layoutGraphSync(graph) } };
}

function overlaps(graph: GraphDocument, positions: Record<string, NodeLayout>): string[] {
  const boxes = graph.nodes.filter((n) => positions[n.id] && n.kind !== 'note' && n.kind !== 'group').map((n) => ({ id: n.id, at: positions[n.id]!, size: nodeSize(graph, n) }));
  const out: string[] = [];
  boxes.sort((a, b) => a.at.x - b.at.x);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.at.x < a.at.x + a.size.width; j++) {
      const b = boxes[j]!;
      if (a.at.y < b.at.y + b.size.height && b.at.y < a.at.y + a.size.height) out.push(`${a.id} × ${b.id}`);
    }
  }
  return out;
}

describe('automatic layout', () => {
  for (const name of ['sedima-machinisme-agricole.json', 'fp2e-eau.json', 'exemple-atelier.json']) {
    it(`${name}: one lane per job in graph order, tasks in order, no overlap, every edge forward`, () => {
      const r = sample(name);
      const graph = decompile(r);
      const positions = layoutGraphSync(graph);
      expect(overlaps(graph, positions)).toEqual([]);
      for (const e of graph.edges) expect(positions[e.source]!.x, e.id).toBeLessThan(positions[e.target]!.x);
      // Jobs top to bottom in the referential's order, each job's tasks top to bottom in theirs.
      const jobYs = r.jobs.map((j) => positions[j.id]!.y);
      expect(jobYs).toEqual([...jobYs].sort((a, b) => a - b));
      for (const job of r.jobs) {
        const ys = job.tasks.map((t) => positions[t.id]!.y);
        expect(ys, job.id).toEqual([...ys].sort((a, b) => a - b));
        expect(new Set(ys).size).toBe(ys.length);
      }
      // Lanes do not overlap: each job's band lies wholly below the previous one.
      const bands = lanes(laidOut(graph)).filter((l) => r.jobs.some((j) => j.id === l.root));
      for (let i = 1; i < bands.length; i++) expect(bands[i]!.box.y).toBeGreaterThan(bands[i - 1]!.box.y + bands[i - 1]!.box.height);
    });
  }

  it('a subtree shared by two tasks is drawn once, in the lane of its first task', () => {
    const r = generateReferential({ jobs: 2, tasks: 2, seed: 5 });
    // The second job's first task enters the first job's first tree.
    const firstEntry = r.jobs[0]!.tasks[0]!.entry;
    r.jobs[1]!.tasks[0]!.entry = firstEntry;
    const graph = decompile(r);
    const structure = laneStructure(graph);
    expect(structure.lane.get(firstEntry)).toBe(r.jobs[0]!.id);
    const positions = layoutGraphSync(graph);
    expect(overlaps(graph, positions)).toEqual([]);
    for (const e of graph.edges) expect(positions[e.source]!.x).toBeLessThan(positions[e.target]!.x);
  });

  it('10 000 nodes: every node placed, nothing overlapping', () => {
    const graph = decompile(generateReferential({ jobs: 39, tasks: 8, seed: 7 }));
    const positions = layoutGraphSync(graph);
    expect(Object.keys(positions).length).toBe(graph.nodes.length);
    expect(overlaps(graph, positions)).toEqual([]);
  });
});

describe('placing one new node', () => {
  const graph = laidOut(decompile(sample('sedima-machinisme-agricole.json')));

  it('a task goes right of its job, below the job’s last task, on a free spot; no other node moves', () => {
    const before = structuredClone(graph.layout.nodes);
    const at = placeNewNode(graph, 'task', 'magasinier');
    const job = graph.layout.nodes['magasinier']!;
    expect(at.x).toBeGreaterThan(job.x + 200);
    const lastTask = Math.max(...graph.edges.filter((e) => e.source === 'magasinier').map((e) => graph.layout.nodes[e.target]!.y));
    expect(at.y).toBeGreaterThan(lastTask);
    const withNew: GraphDocument = { ...graph, nodes: [...graph.nodes, { id: 'nouvelle-tache', kind: 'task', label: 'Nouvelle tâche' }], layout: { ...graph.layout, nodes: { ...graph.layout.nodes, 'nouvelle-tache': at } } };
    expect(overlaps(withNew, withNew.layout.nodes)).toEqual([]);
    expect(graph.layout.nodes).toEqual(before);
  });

  it('without a selected node, the spot asked for, or the first free one below it', () => {
    const empty: GraphDocument = { ...graph, nodes: [], edges: [], layout: { ...graph.layout, nodes: {} } };
    expect(placeNewNode(empty, 'job', undefined, { x: 10, y: 20 })).toEqual({ x: 10, y: 20 });
    const job = graph.layout.nodes['magasinier']!;
    const spot = placeNewNode(graph, 'job', undefined, { x: job.x, y: job.y });
    expect(spot.y).toBeGreaterThanOrEqual(job.y + 56);
  });
});
