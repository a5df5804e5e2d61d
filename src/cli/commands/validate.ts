import { parseArgs } from 'node:util';
import { contentHash, regulationById, type Referential } from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile } from '../command.ts';
import { formatDate as frenchDate, plural } from '../../present/fr.ts';
import { STATUS_LABELS } from '../../present/diff-text.ts';
import { VALIDATE_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, UsageError } from '../io.ts';

export const validateCommand = defineCommand('validate', VALIDATE_HELP, (args, io) => {
  const { positionals } = parseOrUsage(() => parseArgs({ args, options: {}, allowPositionals: true, strict: true }));
  if (positionals.length === 0) throw new UsageError('fichier du référentiel manquant');
  let code = EXIT_OK;
  for (const path of positionals) {
    const referential = loadReferentialFile(io, path);
    if (referential) io.stdout(`${path} : valide\n${summary(referential)}`);
    else code = EXIT_INPUT;
  }
  return code;
});

/** The identity of a referential in a few indented lines. */
export function summary(r: Referential): string {
  const id = r.identity;
  const regulation = regulationById(r.regulation);
  const tasks = r.jobs.reduce((n, j) => n + j.tasks.length, 0);
  const factorLabel = (code: string) => regulation?.factors.find((f) => f.code === code)?.label ?? code;
  const hash = contentHash(r);
  const lines = [
    id.title,
    `Branche : ${id.branch}${id.idcc ? ` (IDCC ${id.idcc})` : ''}`,
    `Identifiant ${r.id}, version ${id.version}, statut ${STATUS_LABELS[id.status] ?? id.status}`,
    id.homologation
      ? `Homologation : arrêté du ${frenchDate(id.homologation.arreteDate)} (${id.homologation.arreteReference})${id.homologation.expires ? `, jusqu’au ${frenchDate(id.homologation.expires)}` : ''}`
      : 'Homologation : aucune',
    `Réglementation visée : ${r.regulation}${regulation ? ` (${regulation.label})` : ''}`,
    `Contenu : ${plural(r.jobs.length, 'poste', 'postes')}, ${plural(tasks, 'tâche', 'tâches')}, ${plural(r.questions.length, 'critère', 'critères')}, ${plural(r.measures.length, 'mesure', 'mesures')}, ${plural(r.situations.length, 'situation', 'situations')}, ${plural(r.scenarios.length, 'scénario', 'scénarios')}`,
    `Facteurs retenus : ${r.factors.retained.length > 0 ? r.factors.retained.map(factorLabel).join(', ') : 'aucun'}`,
    `Empreinte : ${hash} (${r.contentHash ? 'déclarée et vérifiée' : 'non déclarée dans le fichier'})`,
  ];
  return lines.map((l) => `  ${l}`).join('\n');
}
