import { DOCUMENT_LIMITS, sizeIssue, type JsonLimits, type LoadIssue, type Result } from '../core/index.ts';
import { decodeJsonBytes } from '../io/utf8.ts';
import { readFileBytes } from './files.ts';

/**
 * A JSON file the user chose (referential, logigramme, company file, backup) → its text, decoded as
 * strict UTF-8 like the command line does, or the located issue that says why not: too large (checked
 * on the file's size, before reading it), or not UTF-8 (line, column and byte of the first bad byte).
 * Throws only when the browser cannot read the file at all.
 */
export async function readJsonFile(file: File, limits: JsonLimits = DOCUMENT_LIMITS): Promise<Result<string, LoadIssue>> {
  if (file.size > limits.bytes) return { ok: false, issues: [sizeIssue(file.size, limits)] };
  return decodeJsonBytes(new Uint8Array(await readFileBytes(file)), limits);
}
