import { parseArgs } from 'node:util';
import { compile, contentHash, loadGraph, loadReferential } from '../../core/index.ts';
import { findingMessage } from '../../present/findings.ts';
import { parseOrUsage } from '../args.ts';
import { checkOutput, defineCommand, looksLikeReferential, oneFile } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { plural } from '../../present/fr.ts';
import { COMPILE_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, emitJson, readJsonDocument } from '../io.ts';
import { graphLocation } from '../locate.ts';
import { issueMessage } from '../../present/issues.ts';

const OPTIONS = { output: { type: 'string', short: 'o' } } as const;

/**
 * Logigramme → portable referential. Nothing is written unless the drawing compiles without a
 * structural issue and the result passes the referential loader (references, units, cycles): a
 * referential file on disk is always one the evaluator can run. The consistency rules (weightings,
 * thresholds, prevention) are `check`'s business.
 */
export const compileCommand = defineCommand('compile', COMPILE_HELP, (args, io) => {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  const path = oneFile(positionals, 'du logigramme');
  const output = values.output;
  checkOutput(path, output);

  const json = readJsonDocument(io, path, 'le logigramme');
  if (json === undefined) return EXIT_INPUT;
  if (json.ok && looksLikeReferential(json.value)) {
    io.stderr(`${path} : ce fichier est un référentiel, pas un logigramme (pas de champ « kind » valant « logigramme ») ; « logigramme decompile » en fait un logigramme`);
    return EXIT_INPUT;
  }
  const loaded = json.ok ? loadGraph(json.value) : json;
  if (!loaded.ok) {
    io.stderr(`${formatJsonIssues(path, loaded.issues)}\n${path} : logigramme non valide (${plural(loaded.issues.length, 'problème', 'problèmes')})`);
    return EXIT_INPUT;
  }
  const graph = loaded.value;

  const { referential, issues } = compile(graph);
  if (issues.length > 0) {
    const lines = issues.map((i) => `${path} ${graphLocation(graph, referential, { element: i.element })} : ${findingMessage(i)}`);
    io.stderr(`${lines.join('\n')}\n${path} : logigramme non compilé (${plural(issues.length, 'problème', 'problèmes')}), aucun fichier écrit`);
    return EXIT_INPUT;
  }
  const checked = loadReferential(referential);
  if (!checked.ok) {
    const lines = checked.issues.map((i) => `${path} ${graphLocation(graph, referential, { path: i.path })} : ${issueMessage(i)}`);
    io.stderr(`${lines.join('\n')}\n${path} : le référentiel compilé n’est pas valide (${plural(checked.issues.length, 'problème', 'problèmes')}), aucun fichier écrit`);
    return EXIT_INPUT;
  }

  if (!emitJson(io, output, referential, 'le référentiel')) return EXIT_INPUT;
  const tasks = referential.jobs.reduce((n, j) => n + j.tasks.length, 0);
  io.stderr(
    `${path} : compilé${output === undefined ? '' : ` dans ${output}`} — ${plural(referential.jobs.length, 'poste', 'postes')}, ${plural(tasks, 'tâche', 'tâches')}, ${plural(referential.situations.length, 'situation', 'situations')}, empreinte ${contentHash(checked.value)}`,
  );
  return EXIT_OK;
});
