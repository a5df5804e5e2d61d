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
