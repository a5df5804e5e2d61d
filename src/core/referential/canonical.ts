import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Canonical JSON (RFC 8785, JCS): sorted keys, no insignificant whitespace, ES number formatting.
 * Two documents that differ only by key order or whitespace serialize to the same bytes.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be serialized to JSON');
  return text;
}

/** `sha256:<hex>` of the canonical JSON of a document, leaving out its own `contentHash` field. */
export function contentHash(document: object): string {
  const { contentHash: _ignored, $schema: _schema, ...rest } = document as Record<string, unknown>;
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(rest))))}`;
}

/** Short form for display (the first 12 hex digits), as the UI and CLI tables show it. */
export function shortHash(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}
