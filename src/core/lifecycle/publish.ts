import { compile, type CompileIssue } from '../compile/compile.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { contentHash } from '../referential/canonical.ts';
import type { Referential } from '../referential/schema.ts';

/**
 * The compiled referential of a logigramme with its `contentHash` field set, as it is exported and as a
 * published version is stored: a reader can check the hash without trusting whoever sent the file.
 */
export function publishedReferential(graph: GraphDocument): { referential: Referential; issues: CompileIssue[] } {
  const { referential, issues } = compile(graph);
  return { referential: { ...referential, contentHash: contentHash(referential) }, issues };
}

/**
 * Hash of a referential's substance: its content hash with the lifecycle fields of the identity
 * (status, homologation) left out. A submitted version and the same version once homologated share it:
 * the arrêté homologates what was filed, so storage lets the homologated snapshot replace the submitted
 * one only when this hash is the same.
 */
export function substanceHash(referential: Referential): string {
  const { status: _status, homologation: _homologation, ...identity } = referential.identity;
  return contentHash({ ...referential, identity });
}
