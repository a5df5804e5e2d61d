export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding of the consistency checker. `code` is stable (tests and programs match on it); the
 * French `message` is produced from the code and `params` by the one catalogue in messages.ts.
 * On a graph, `element` is the node (or edge) id; on a referential, `path` is the JSON path — both are
 * filled whenever they are known, since compiled elements keep their node ids.
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  element?: string;
  path?: string;
  params: Record<string, string | number>;
}

/** A finding before its message is rendered. */
export type RawFinding = Omit<Finding, 'message' | 'severity'>;
