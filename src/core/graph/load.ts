import { parseJsonText, parseWith } from '../referential/load.ts';
import type { LoadIssue } from '../referential/issue.ts';
import { migrateDocument } from '../referential/migrations.ts';
import type { Result } from '../util/result.ts';
import { GRAPH_FORMAT_VERSION, GraphDocumentSchema, type GraphDocument } from './schema.ts';

/** Numbered ledger of graph format migrations (none yet: only format 1 exists). */
export const GRAPH_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/** Unknown data → logigramme, or located French issues; never throws on user data. */
export function loadGraph(data: unknown): Result<GraphDocument, LoadIssue> {
  const migrated = migrateDocument(data, GRAPH_FORMAT_VERSION, GRAPH_MIGRATIONS, 'logigramme');
  return migrated.ok ? parseWith(GraphDocumentSchema, migrated.value) : migrated;
}

export function loadGraphText(text: string): Result<GraphDocument, LoadIssue> {
  const json = parseJsonText(text);
  return json.ok ? loadGraph(json.value) : json;
}
