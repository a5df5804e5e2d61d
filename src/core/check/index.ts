import { compile, type CompileIssue } from '../compile/compile.ts';
import type { GraphDocument } from '../graph/schema.ts';
import type { Referential } from '../referential/schema.ts';
import { regulationById } from '../regulation/index.ts';
import { checkContext, elementPaths } from './context.ts';
import { ruleSeverity, type FindingParams } from './codes.ts';
import { preventionRules } from './rules/prevention.ts';
import { regulationRules } from './rules/regulation.ts';
import { structureRules } from './rules/structure.ts';
import type { Finding, RawFinding } from './types.ts';
import { whatIf, type WhatIfReport } from './whatif.ts';
import { formatPath } from '../util/path.ts';

export type { Finding, Severity } from './types.ts';
export { RULES, RULE_CODES, isRuleCode, ruleSeverity, type RuleCode, type FindingParams } from './codes.ts';
export { whatIf, whatIfById, situationVerdicts, type WhatIfReport, type VerdictFlip, type FactorChange, type SituationVerdict } from './whatif.ts';
export { NEAR_THRESHOLD } from './rules/regulation.ts';

export interface CheckOptions {
  /** Check against this version instead of the one the referential targets. */
  regulation?: string;
  /** Also list what changes under this other version (what-if). */
  against?: string;
}

export interface CheckReport {
  referential: string;
  regulation: string;
  findings: Finding[];
  whatIf?: WhatIfReport;
  counts: { error: number; warning: number; info: number };
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Consistency check of a compiled referential: structure, regulation and prevention rules, located by
 * JSON path (and element id). Works on schema-valid documents even when references are broken.
 */
export function checkReferential(r: Referential, options: CheckOptions = {}): CheckReport {
  const versionId = options.regulation ?? r.regulation;
  const ctx = checkContext(r, versionId);
  structureRules(ctx);
  if (ctx.version) {
    regulationRules(ctx);
    preventionRules(ctx);
  } else {
    ctx.emit('regulation.unknown_version', { path: ['regulation'] }, { regulation: versionId });
  }
  const raw = [...ctx.findings];
  let report: WhatIfReport | undefined;
  if (options.against !== undefined) {
    const to = regulationById(options.against);
    if (!to) {
      raw.push({ code: 'regulation.unknown_version', params: { regulation: options.against }, path: '$.regulation' });
    } else if (ctx.version) {
      report = whatIf(r, ctx.version, to);
      raw.push(...whatIfFindings(report));
    }
  }
  return finish(r, versionId, raw, report);
}

/**
 * Check of a logigramme: the structural issues of the drawing, then every referential rule on what it
 * compiles to. Findings point at node ids; compiled elements keep their node ids, so a finding on the
 * referential points at the node that produced it.
 */
export function checkGraph(graph: GraphDocument, options: CheckOptions = {}): CheckReport {
  const { referential, issues } = compile(graph);
  const report = checkReferential(referential, options);
  const compileFindings = issues.map(fromCompileIssue);
  // Orphans exist only on a drawing: a node with no link at all (notes and groups aside).
  const linked = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  for (const node of graph.nodes) {
    if (node.kind !== 'note' && node.kind !== 'group' && !linked.has(node.id)) {
      compileFindings.push(fromCompileIssue({ code: 'structure.orphan', element: node.id, params: { node: 'label' in node && node.label ? node.label : node.id } }));
    }
  }
  const findings = [...compileFindings, ...report.findings.filter((f) => !(f.code === 'structure.dead_end' && issues.some((i) => i.code === 'structure.dead_end' && i.element === f.element)))];
  return { ...report, findings: sortFindings(findings), counts: count(findings) };
}

function fromCompileIssue(issue: CompileIssue): Finding {
  return { code: issue.code, severity: ruleSeverity(issue.code), element: issue.element, params: issue.params };
}

function whatIfFindings(report: WhatIfReport): RawFinding[] {
  const out: RawFinding[] = report.flips.map((f) => ({
    code: 'whatif.verdict_flip',
    element: f.situation,
    path: f.path,
    params: {
      situation: f.situationLabel,
      factor: f.factorLabel,
      before: f.from.verdict,
      after: f.to.verdict,
      to: report.to,
      ...flipReason(f),
    },
  }));
  for (const c of report.factorChanges) {
    const params: FindingParams = { factor: c.label, to: report.to };
    if (c.inForce[0] !== c.inForce[1]) params.inForce = c.inForce[1] ? 'enters' : 'leaves';
    if (c.earnsPoints[0] !== c.earnsPoints[1]) params.points = c.earnsPoints[1] ? 'opens' : 'closes';
    out.push({ code: 'whatif.factor_status', path: '$.factors', params });
  }
  return out;
}

/**
 * Why a situation's verdict flips, as a code and its figures: the factor left the account (no legal
 * threshold any more), a threshold appeared, the factor entered or was not yet in force, or the value
 * against the threshold changed.
 */
function flipReason(f: WhatIfReport['flips'][number]): FindingParams {
  if (f.to.verdict === 'no_legal_threshold') return { reason: 'threshold_removed' };
  if (f.from.verdict === 'no_legal_threshold') return { reason: 'threshold_appears', toThreshold: f.to.threshold ?? '' };
  if (f.from.inForce !== f.to.inForce) return { reason: f.to.inForce ? 'enters_force' : 'not_in_force' };
  return { reason: 'values', fromValue: f.from.value ?? '', fromThreshold: f.from.threshold ?? '', toValue: f.to.value ?? '', toThreshold: f.to.threshold ?? '' };
}

function finish(r: Referential, regulation: string, raw: RawFinding[], report: WhatIfReport | undefined): CheckReport {
  const paths = elementPaths(r);
  const findings = raw.map((f): Finding => {
    const finding: Finding = { ...f, severity: ruleSeverity(f.code) };
    if (!finding.path && finding.element && paths.has(finding.element)) finding.path = formatPath(paths.get(finding.element)!);
    return finding;
  });
  const sorted = sortFindings(findings);
  const out: CheckReport = { referential: r.id, regulation, findings: sorted, counts: count(sorted) };
  if (report) out.whatIf = report;
  return out;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

function count(findings: readonly Finding[]): CheckReport['counts'] {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
