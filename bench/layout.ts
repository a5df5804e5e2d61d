import { decompile, type GraphDocument } from '../src/core/index.ts';
import { layoutGraphSync } from '../src/core/graph/layout.ts';
import { placeNewNode } from '../src/core/graph/place.ts';
import { generateReferential } from './generate.ts';

/*
 * Layout benchmark: the automatic layout of generated logigrammes of about 2 000 and 10 000 nodes
 * (targets: under 2 s and under 10 s), and the placement of one new node beside a selected one.
 */

function best(passes: number, run: () => unknown): number {
  run();
  let min = Infinity;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** 8 jobs × 8 tasks (2 056 nodes) and 39 jobs × 8 tasks (10 023 nodes), depth-4 trees. */
export function layoutGraphs(): Array<{ name: string; graph: GraphDocument; target: number }> {
  return [
    { name: '2 000', graph: decompile(generateReferential({ jobs: 8, tasks: 8, seed: 11 })), target: 2000 },
    { name: '10 000', graph: decompile(generateReferential({ jobs: 39, tasks: 8, seed: 7 })), target: 10_000 },
  ];
}

export function runLayoutBench(passes = Number(process.env.BENCH_PASSES ?? 5)): Array<{ label: string; ms: number; target?: number }> {
  const out: Array<{ label: string; ms: number; target?: number }> = [];
  for (const { graph, target } of layoutGraphs()) {
    const n = graph.nodes.length.toLocaleString('en-US');
    out.push({ label: `automatic layout, ${n} nodes`, ms: best(passes, () => layoutGraphSync(graph)), target });
    const laidOut: GraphDocument = { ...graph, layout: { ...graph.layout, nodes: layoutGraphSync(graph) } };
    const job = laidOut.nodes.find((x) => x.kind === 'job')!;
    out.push({ label: `place one new task beside its job, ${n} nodes`, ms: best(passes, () => placeNewNode(laidOut, 'task', job.id)) });
  }
  return out;
}

// `tsx bench/layout.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { label, ms, target } of runLayoutBench()) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms${target ? `  (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
  }
}
