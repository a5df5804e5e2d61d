import { checkGraph } from '../check/index.ts';
import type { Finding } from '../check/types.ts';
import { compile } from '../compile/compile.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { runScenario } from '../scenarios/index.ts';

/** Whether a logigramme may go to review or be submitted for homologation, and why not. */
export interface Readiness {
  ok: boolean;
  /** Error-level findings of the consistency checker. */
  errors: Finding[];
  scenarios: number;
  /** Reference cases that fail (or cannot be evaluated) on the compiled referential. */
  failingScenarios: Array<{ id: string; label: string }>;
}

const cache = new WeakMap<GraphDocument, Readiness>();

/**
 * The consistency check of the logigramme (error-level findings only) and the referential's own
 * scenarios run on what it compiles to. Memoized per graph object: documents are immutable, and a guard
 * asks the same question for every button it enables.
 */
export function readiness(graph: GraphDocument): Readiness {
  const known = cache.get(graph);
  if (known) return known;
  const errors = checkGraph(graph).findings.filter((f) => f.severity === 'error');
  const { referential } = compile(graph);
  const failingScenarios: Readiness['failingScenarios'] = [];
  for (const scenario of referential.scenarios) {
    let passed = false;
    try {
      passed = runScenario(referential, scenario).passed;
    } catch {
      // A referential with broken references may not evaluate at all: the scenario counts as failing.
    }
    if (!passed) failingScenarios.push({ id: scenario.id, label: scenario.label });
  }
  const result: Readiness = { ok: errors.length === 0 && failingScenarios.length === 0, errors, scenarios: referential.scenarios.length, failingScenarios };
  cache.set(graph, result);
  return result;
}
