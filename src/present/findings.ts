import type { Finding, FindingParams } from '../core/index.ts';
import { formatNumber } from './fr.ts';
import { ruleMessage } from './rules.ts';

/*
 * The checker's findings in French. A finding carries its code, element, JSON path and parameters —
 * figures as numbers; this writes its message from the rule catalogue with every figure through the
 * one French formatter (« 99,5 % », « 1 231,2 h/an », « 4 102 »), for the app, the command line and
 * the exported reports alike.
 */

/** Figures in French (up to four decimals), everything else as given. */
export function frenchParams(params: FindingParams): FindingParams {
  const out: FindingParams = {};
  for (const [key, value] of Object.entries(params)) out[key] = typeof value === 'number' ? formatNumber(value, 4) : value;
  return out;
}

/**
 * A finding's French message. With `labels`, a parameter that is an element id (an orphan node, a
 * dangling edge's end) is written as the element's label.
 */
export function findingMessage(f: Pick<Finding, 'code' | 'params' | 'element'>, labels?: ReadonlyMap<string, string>): string {
  const params: FindingParams = { ...(f.element !== undefined ? { node: f.element } : {}), ...f.params };
  if (labels) {
    for (const [key, value] of Object.entries(params)) {
      const label = typeof value === 'string' ? labels.get(value) : undefined;
      if (label !== undefined) params[key] = label;
    }
  }
  return ruleMessage(f.code, frenchParams(params));
}

/** A report's findings with their French message, for a JSON file read by people as well as programs. */
export function withFindingMessages<R extends { findings: readonly Finding[] }>(report: R): Omit<R, 'findings'> & { findings: Array<Finding & { message: string }> } {
  return { ...report, findings: report.findings.map((f) => ({ ...f, message: findingMessage(f) })) };
}
