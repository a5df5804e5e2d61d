import { parseJsonText, parseWith } from '../referential/load.ts';
import type { LoadIssue } from '../referential/issue.ts';
import { migrateDocument } from '../referential/migrations.ts';
import type { Result } from '../util/result.ts';
import { GRAPH_FORMAT_VERSION, GraphDocumentSchema, type GraphDocument } from './schema.ts';

/**
 * Numbered ledger of graph format migrations: entry `n` turns a version-`n` document into version `n + 1`.
 * 1 → 2: format 2 only added optional fields (`comments`, `base`), so a version-1 document is already
 * a valid version-2 one; the version still went up so that an older Logigramme refuses a file with
 * comments as newer, instead of rejecting an unknown field.
 */
export const GRAPH_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: (doc) => doc,
};

/** Unknown data → logigramme, or located French issues; never throws on user data. */
export function loadGraph(data: unknown): Result<GraphDocument, LoadIssue> {
  const migrated = migrateDocument(data, GRAPH_FORMAT_VERSION, GRAPH_MIGRATIONS, 'graph');
  return migrated.ok ? parseWith(GraphDocumentSchema, migrated.value) : migrated;
}

export function loadGraphText(text: string): Result<GraphDocument, LoadIssue> {
  const json = parseJsonText(text);
  return json.ok ? loadGraph(json.value) : json;
}
