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

/** `sha256:<hex>` of a value's canonical JSON: the one fingerprint of the project (content hash, publication log links). */
export const canonicalSha256 = (value: unknown) => `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(value))))}`;
const sha = canonicalSha256;

/**
 * The fingerprint of a referential's content: `sha256:<hex>` of the canonical JSON of the validated
 * document without `$schema`, `contentHash`, `formatVersion` and the lifecycle fields of its identity
 * (`identity.status`, `identity.homologation`). So the version the ministry homologates has the hash of
 * the version that was submitted, and a format migration that changes no content keeps it. An opaque
 * string for its users (a publication log may chain these hashes).
 *
 * @example contentHash(homologated) === contentHash(submitted) // same content, other status and arrêté
 */
export function contentHash(document: object): string {
  const { contentHash: _ignored, $schema: _schema, formatVersion: _format, ...rest } = document as Record<string, unknown>;
  const identity = rest.identity;
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) return sha(rest);
  const { status: _status, homologation: _homologation, ...content } = identity as Record<string, unknown>;
  return sha({ ...rest, identity: content });
}

/**
 * The content hash as format 1 defined it: the whole validated document (status and homologation
 * included) without `contentHash` and `$schema`, with `formatVersion: 1`. Only to verify the hash a
 * format-1 file states, or one recorded before (stored `legacyHashes`).
 */
export function legacyContentHash(document: object): string {
  const { contentHash: _ignored, $schema: _schema, ...rest } = document as Record<string, unknown>;
  return sha({ ...rest, formatVersion: 1 });
}

/** Short form for display (the first 12 hex digits), as the UI and CLI tables show it. */
export function shortHash(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}
