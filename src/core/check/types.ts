import type { FindingParams, RuleCode, Severity } from './codes.ts';

export type { Severity };

/**
 * One finding of the consistency checker. `code` is stable (tests and programs match on it) and comes
 * from the one catalogue (`RULES`, codes.ts); `params` holds its ids, labels and figures (numbers stay
 * numbers): the presentation layer writes the French message (`findingMessage`, src/present/findings.ts).
 * On a graph, `element` is the node (or edge) id; on a referential, `path` is the JSON path — both are
 * filled whenever they are known, since compiled elements keep their node ids.
 */
export interface Finding {
  code: RuleCode;
  severity: Severity;
  element?: string;
  path?: string;
  params: FindingParams;
}

/** A finding before its severity is looked up. */
export type RawFinding = Omit<Finding, 'severity'>;
