import { checkGraph, decompile, regulationById, whatIf, compile, type GraphDocument } from '../src/core/index.ts';
import { generateReferential } from './generate.ts';

/*
 * Logigramme benchmarks: compile + full check of a generated graph of about 10 000 nodes (target under
 * 200 ms), and its what-if against another regulation version (target under 200 ms).
 */

const PASSES = Number(process.env.BENCH_PASSES ?? 5);

function best(run: () => unknown): number {
  run();
  let min = Infinity;
  for (let p = 0; p < PASSES; p++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** 39 jobs × 8 tasks × (task + 15 decision nodes + 16 situations) + 39 jobs = 10 023 nodes. */
export function generatedGraph(): GraphDocument {
  return decompile(generateReferential({ jobs: 39, tasks: 8, seed: 7 }));
}

export function runLogigrammeBench(): Array<{ label: string; ms: number; target: number }> {
  const graph = generatedGraph();
  const compiled = compile(graph).referential;
  const from = regulationById('2015-01-01')!;
  const to = regulationById('2023-09-01')!;
  console.log(`Generated logigramme: ${graph.nodes.length.toLocaleString('en-US')} nodes, ${graph.edges.length.toLocaleString('en-US')} edges`);
  let findings = 0;
  const check = best(() => {
    findings = checkGraph(graph).findings.length;
  });
  let flips = 0;
  const whatif = best(() => {
    flips = whatIf(compiled, from, to).flips.length;
  });
  console.log(`(${findings.toLocaleString('en-US')} findings; ${flips.toLocaleString('en-US')} verdict flips from 2015-01-01 to 2023-09-01)`);
  return [
    { label: 'compile + full check of the graph', ms: check, target: 200 },
    { label: 'what-if 2015-01-01 → 2023-09-01 of the compiled graph', ms: whatif, target: 200 },
  ];
}
