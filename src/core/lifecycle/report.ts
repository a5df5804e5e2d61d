import { checkGraph, type CheckReport } from '../check/index.ts';
import type { Finding } from '../check/types.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { contentHash } from '../referential/canonical.ts';
import { REGULATION_VERSIONS, regulationById } from '../regulation/index.ts';
import type { EvaluationErrorCode, EvaluationErrorParams } from '../evaluate/errors.ts';
import { runScenario } from '../scenarios/index.ts';
import { publishedReferential } from './publish.ts';

/** The latest regulation version: the what-if of every report and dossier is made against it. */
export const LATEST_REGULATION = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.id;

export interface ScenarioLine {
  id: string;
  label: string;
  passed: boolean;
  mismatches: Array<{ what: string; expected: string | number; actual: string | number }>;
  /** The evaluation error that stopped the scenario: code, field and parameters (worded by src/present). */
  error?: { code: EvaluationErrorCode; field: string; params: EvaluationErrorParams[EvaluationErrorCode] };
}

/** The check report of a logigramme as exported (JSON): what the Markdown report is written from. */
export interface CheckExport {
  kind: 'logigramme-check-report';
  formatVersion: 1;
  referential: { id: string; title: string; branch: string; version: string; status: string; regulation: string; contentHash: string };
  /** Given by the caller (the core never reads the clock). */
  generatedAt: string;
  counts: CheckReport['counts'];
  findings: Finding[];
  scenarios: ScenarioLine[];
  whatIf?: CheckReport['whatIf'];
}

/**
 * Checks a logigramme — with the what-if against the latest regulation version when it targets an older
 * one — and runs its scenarios on what it compiles to.
 */
export function checkExport(graph: GraphDocument, generatedAt: string): CheckExport {
  const r = graph.referential;
  const against = r.regulation !== LATEST_REGULATION && regulationById(r.regulation) ? LATEST_REGULATION : undefined;
  const report = checkGraph(graph, against ? { against } : {});
  const { referential } = publishedReferential(graph);
  // runScenario answers an EvaluationError with a failed outcome; anything else is a fault and propagates.
  const scenarios = referential.scenarios.map((s): ScenarioLine => {
    const outcome = runScenario(referential, s);
    const error = outcome.error;
    return {
      id: s.id,
      label: s.label,
      passed: outcome.passed,
      mismatches: outcome.mismatches.map((m) => ({ what: m.what, expected: m.expected, actual: m.actual })),
      ...(error ? { error: { code: error.code, field: error.field, params: error.params } } : {}),
    };
  });
  const out: CheckExport = {
    kind: 'logigramme-check-report',
    formatVersion: 1,
    referential: {
      id: r.id,
      title: r.identity.title,
      branch: r.identity.branch,
      version: r.identity.version,
      status: r.identity.status,
      regulation: r.regulation,
      contentHash: contentHash(referential),
    },
    generatedAt,
    counts: report.counts,
    findings: report.findings,
    scenarios,
  };
  if (report.whatIf) out.whatIf = report.whatIf;
  return out;
}
