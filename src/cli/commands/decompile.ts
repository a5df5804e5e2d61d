import { parseArgs } from 'node:util';
import { decompile, loadReferential } from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { checkOutput, defineCommand, isGraphDocument, oneFile } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { plural } from '../../present/fr.ts';
import { DECOMPILE_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, emitJson, readJsonDocument } from '../io.ts';

const OPTIONS = { output: { type: 'string', short: 'o' } } as const;

/**
 * Portable referential → logigramme, laid out automatically (layered, left to right). Asynchronous:
 * the layout engine answers with a promise. Only a referential the loader accepts is drawn.
 */
export const decompileCommand = defineCommand('decompile', DECOMPILE_HELP, async (args, io) => {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  const path = oneFile(positionals, 'du référentiel');
  const output = values.output;
  checkOutput(path, output);

  const json = readJsonDocument(io, path, 'le référentiel');
  if (json === undefined) return EXIT_INPUT;
  if (json.ok && isGraphDocument(json.value)) {
    io.stderr(`${path} : ce fichier est déjà un logigramme ; « logigramme compile » en fait un référentiel`);
    return EXIT_INPUT;
  }
  const loaded = json.ok ? loadReferential(json.value) : json;
  if (!loaded.ok) {
    io.stderr(`${formatJsonIssues(path, loaded.issues)}\n${path} : référentiel non valide (${plural(loaded.issues.length, 'problème', 'problèmes')})`);
    return EXIT_INPUT;
  }

  // Loaded on demand: the layout engine (~1.5 MB of JavaScript) would slow every other command's start.
  const { withLayout } = await import('../../core/layout.ts');
  const graph = await withLayout(decompile(loaded.value));
  if (!emitJson(io, output, graph, 'le logigramme')) return EXIT_INPUT;
  io.stderr(`${path} : décompilé${output === undefined ? '' : ` dans ${output}`} — ${plural(graph.nodes.length, 'nœud', 'nœuds')}, ${plural(graph.edges.length, 'liaison', 'liaisons')}, disposition automatique de gauche à droite`);
  return EXIT_OK;
});
