import { fail, ok, type Result } from '../util/result.ts';
import { issueOf, type DocumentKind, type LoadIssue } from './issue.ts';
import { valueLimitIssues } from './json.ts';
import { REFERENTIAL_FORMAT_VERSION } from './schema.ts';

/**
 * Numbered ledger of format migrations: entry `n` turns a version-`n` document into version `n + 1`.
 * Each is pure and works on a copy; a newer file is refused, not guessed.
 *
 * 1 → 2: nothing to rewrite. Format 2 adds optional content (the branch's list of particularly exposed
 * jobs, L4163-2-1; employees' long absences and temporary work in scenarios; the verdict
 * `no_legal_threshold` in expectations) that a format-1 reader would refuse, and a content hash that
 * leaves out the lifecycle fields. A format-1 document's stated hash is checked by the loader against
 * the format-1 definition (`legacyContentHash`), so files published before stay verifiable.
 */
export const REFERENTIAL_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: (doc) => doc,
};

export function migrateReferential(data: unknown): Result<unknown, LoadIssue> {
  return migrateDocument(data, REFERENTIAL_FORMAT_VERSION, REFERENTIAL_MIGRATIONS, 'referential');
}

/** Shared by every versioned document of the project (referential, company file, graph). */
export function migrateDocument(
  data: unknown,
  current: number,
  ledger: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>,
  document: DocumentKind,
): Result<unknown, LoadIssue> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail([issueOf('format.not_object', [], { document })]);
  }
  const version = (data as Record<string, unknown>).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail([issueOf('format.version_missing', ['formatVersion'], { document })]);
  }
  if (version > current) {
    return fail([issueOf('format.version_newer', ['formatVersion'], { document, version, current })]);
  }
  // Data that did not come through parseJsonText (a stored record, a program's object) meets the same
  // limits before the recursive copy below: a cycle or 10 000 levels would overflow it.
  const limits = valueLimitIssues(data);
  if (limits.length > 0) return fail(limits);
  // A JSON round trip is enough to copy a document that came from JSON, and needs no DOM or Node API.
  let doc = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  for (let v = version; v < current; v++) {
    const step = ledger[v];
    if (!step) return fail([issueOf('format.no_migration', ['formatVersion'], { from: v, to: v + 1 })]);
    doc = { ...step(doc), formatVersion: v + 1 };
  }
  return ok(doc);
}
