import { DOCUMENT_LIMITS, issueOf, sizeIssue, type JsonLimits, type LoadIssue, type Result } from '../core/index.ts';

/*
 * Bytes of a JSON file (referential, logigramme, company file, backup) → text, in the CLI and the app
 * alike. JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1): bytes that are not UTF-8
 * are refused with the place of the first one, never decoded under a guessed encoding, which would
 * change labels and the content hash without a word. A UTF-8 byte order mark is kept for the JSON
 * reader to skip. Staff files, which spreadsheets write in other encodings, have their own reader.
 */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Strict UTF-8 decoding with the size limit checked first (on the bytes, before any text is built).
 *
 * @example decodeJsonBytes(Uint8Array.from([0x7b, 0xe9, 0x7d])) // fails: ligne 1, colonne 2, octet 2 (0xE9)
 */
export function decodeJsonBytes(bytes: Uint8Array, limits: JsonLimits = DOCUMENT_LIMITS): Result<string, LoadIssue> {
  if (bytes.length > limits.bytes) return { ok: false, issues: [sizeIssue(bytes.length, limits)] };
  try {
    return { ok: true, value: strict.decode(bytes) };
  } catch {
    return { ok: false, issues: [invalidUtf8(bytes)] };
  }
}

/**
 * Where the first invalid byte is. The lenient decoder replaces each invalid sequence with U+FFFD and
 * decodes everything before it exactly, so re-encoding that prefix gives the byte offset; a U+FFFD
 * that was really in the file (bytes EF BF BD) is skipped.
 */
function invalidUtf8(bytes: Uint8Array): LoadIssue {
  const text = lenient.decode(bytes);
  let from = 0;
  let offset = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    offset += encoder.encode(text.slice(from, i)).length;
    from = i;
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue;
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const column = i - (before.lastIndexOf('\n') + 1) + 1;
    const byte = bytes[offset] ?? 0;
    const looksLike = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 'utf16' : byte >= 0x80 ? 'latin1' : 'unknown';
    return issueOf('encoding.utf8', [], { offset, byte, looksLike }, { line, column });
  }
  // The strict decoder refused the bytes, so there is an invalid sequence; unreachable in practice.
  return issueOf('encoding.utf8', [], {}, { line: 1, column: 1 });
}
