import { parseArgs } from 'node:util';
import { contentHash, integrityIssues, migrateReferential, parseWith, ReferentialSchema } from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, oneReferential } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { plural } from '../../present/fr.ts';
import { HASH_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, readJsonDocument } from '../io.ts';

/**
 * The hash is computed on the document as the loader reads it (defaults applied), so it is the one
 * `validate` checks. A referential whose references are broken still gets its hash, with its problems.
 */
export const hashCommand = defineCommand('hash', HASH_HELP, (args, io) => {
  const { positionals } = parseOrUsage(() => parseArgs({ args, options: {}, allowPositionals: true, strict: true }));
  const path = oneReferential(positionals);
  const json = readJsonDocument(io, path, 'le référentiel');
  if (json === undefined) return EXIT_INPUT;
  const migrated = json.ok ? migrateReferential(json.value) : json;
  const parsed = migrated.ok ? parseWith(ReferentialSchema, migrated.value) : migrated;
  if (!parsed.ok) {
    io.stderr(`${formatJsonIssues(path, parsed.issues)}\n${path} : empreinte non calculée, le fichier n’est pas un référentiel au format attendu`);
    return EXIT_INPUT;
  }
  const referential = parsed.value;
  const computed = contentHash(referential);
  io.stdout(computed);
  let code = EXIT_OK;
  if (referential.contentHash === undefined) {
    io.stdout('Aucune empreinte déclarée dans le fichier (champ contentHash absent)');
  } else if (referential.contentHash === computed) {
    io.stdout('Empreinte déclarée identique : le contenu n’a pas changé depuis');
  } else {
    io.stderr(`${path} $.contentHash : empreinte déclarée ${referential.contentHash} différente de l’empreinte calculée : le contenu a été modifié depuis`);
    code = EXIT_INPUT;
  }
  const issues = integrityIssues(referential);
  if (issues.length > 0) {
    io.stderr(`${formatJsonIssues(path, issues)}\n${path} : référentiel non valide (${plural(issues.length, 'problème', 'problèmes')})`);
    code = EXIT_INPUT;
  }
  return code;
});
