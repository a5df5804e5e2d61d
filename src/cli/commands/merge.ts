import { parseArgs } from 'node:util';
import {
  compile,
  decompile,
  diff,
  loadGraph,
  loadReferential,
  mergeGraphs,
  mergeReferentials,
  type GraphDocument,
  type LoadIssue,
  type MergeConflict,
  type MergeNotice,
  type MergeResult,
  type Referential,
  type Side,
} from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, isGraphDocument } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { formatNumber, plural } from '../../present/fr.ts';
import { MERGE_HELP } from '../help.ts';
import { conflictTitle, describeSide, describeValue, noticeMessage } from '../../present/merge.ts';
import { emitJson, readJsonDocument, UsageError, type CliIo } from '../io.ts';
import { issuesWithMessages } from '../../present/issues.ts';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  choose: { type: 'string', multiple: true },
  layout: { type: 'string' },
} as const;

/** Exit codes of `merge`, those of a git merge driver: 0 merged, 1 conflicts left, 2 bad input or misuse. */
export const MERGE_CLEAN = 0;
export const MERGE_CONFLICTS = 1;
export const MERGE_TROUBLE = 2;

const ROLES = ['la base', 'notre version', 'leur version'] as const;

type Loaded = { kind: 'graph'; graph: GraphDocument } | { kind: 'referential'; referential: Referential };

/**
 * Three-way merge of logigrammes or referentials (`base`, `ours`, `theirs`), usable as a git merge
 * driver: the merged document is written (to `-o`, else stdout) with our side taken in every conflict
 * not decided by `--choose`, so the file always loads; the conflicts are reported in French.
 */
export const mergeCommand = defineCommand('merge', MERGE_HELP, (args, io) => {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length !== 3) throw new UsageError(`trois fichiers attendus (base, notre version, leur version), reçu ${positionals.length}${positionals.length > 0 ? ` : ${positionals.join(' ')}` : ''}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`format « ${format} » inconnu : attendu text ou json`);
  if (format === 'json' && values.output === undefined) throw new UsageError('--format json écrit le rapport sur la sortie standard : donnez le fichier fusionné avec -o');
  if (values.output === '') throw new UsageError('l’option -o attend un nom de fichier');
  const layout = values.layout ?? 'ours';
  if (layout !== 'ours' && layout !== 'theirs') throw new UsageError(`--layout « ${layout} » inconnu : attendu ours ou theirs`);
  const choices: Record<string, Side> = {};
  for (const choice of values.choose ?? []) {
    const m = /^(.+)=(ours|theirs)$/.exec(choice);
    if (!m) throw new UsageError(`--choose « ${choice} » : attendu <conflit>=ours ou <conflit>=theirs`);
    choices[m[1]!] = m[2] as Side;
  }

  const paths = positionals as [string, string, string];
  const loaded = paths.map((path, i) => load(io, path, ROLES[i]!));
  if (loaded.some((x) => x === undefined)) return MERGE_TROUBLE;
  const [base, ours, theirs] = loaded as [Loaded, Loaded, Loaded];
  if (ours.kind !== theirs.kind) {
    io.stderr(`${paths[1]} est un ${ours.kind === 'graph' ? 'logigramme' : 'référentiel'} et ${paths[2]} un ${theirs.kind === 'graph' ? 'logigramme' : 'référentiel'} : les deux versions à fusionner doivent être de même nature`);
    return MERGE_TROUBLE;
  }

  const options = { choices, layout: layout as Side };
  const asGraph = (x: Loaded) => (x.kind === 'graph' ? x.graph : decompile(x.referential));
  const asReferential = (x: Loaded) => (x.kind === 'referential' ? x.referential : compile(x.graph).referential);
  const result: MergeResult<GraphDocument | Referential> & { problems?: LoadIssue[] } =
    ours.kind === 'graph' ? mergeGraphs(asGraph(base), asGraph(ours), asGraph(theirs), options) : mergeReferentials(asReferential(base), asReferential(ours), asReferential(theirs), options);
  const unknown = Object.keys(choices).filter((id) => !result.conflicts.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new UsageError(`--choose : ${unknown.map((id) => `« ${id} »`).join(', ')} ${unknown.length > 1 ? 'ne sont pas des conflits' : 'n’est pas un conflit'} de cette fusion${result.conflicts.length > 0 ? ` (conflits : ${result.conflicts.map((c) => c.id).join(', ')})` : ''}`);
  }

  if (!emitJson(io, values.output, result.document, 'le fichier fusionné')) return MERGE_TROUBLE;
  const problems = result.problems ?? [];
  const clean = result.pending.length === 0 && problems.length === 0;
  if (format === 'json') {
    io.stdout(JSON.stringify(jsonReport(result, problems, values.output!, clean), null, 2));
  } else {
    io.stderr(textReport(result, problems, paths, values.output, [asReferential(base), asReferential(ours), asReferential(theirs)]));
  }
  return clean ? MERGE_CLEAN : MERGE_CONFLICTS;
});

/** Reads a logigramme or a referential; `undefined` after reporting every problem. A stale stated hash only warns. */
function load(io: CliIo, path: string, role: string): Loaded | undefined {
  const json = readJsonDocument(io, path, role);
  if (json === undefined) return undefined;
  if (json.ok && isGraphDocument(json.value)) {
    const graph = loadGraph(json.value);
    if (graph.ok) return { kind: 'graph', graph: graph.value };
    io.stderr(`${formatJsonIssues(path, graph.issues)}\n${path} : logigramme non valide (${role}, ${plural(graph.issues.length, 'problème', 'problèmes')})`);
    return undefined;
  }
  const referential = json.ok ? loadReferential(json.value) : json;
  if (referential.ok) return { kind: 'referential', referential: referential.value };
  if (referential.issues.every((i) => i.code === 'hash.mismatch') && json.ok) {
    // The content is sound; the stated fingerprint is simply no longer that of the content.
    io.stderr(`Attention : ${path} : empreinte déclarée (contentHash) différente du contenu ; elle est ignorée pour la fusion`);
    const { contentHash: _stale, ...rest } = json.value as Record<string, unknown>;
    const again = loadReferential(rest);
    if (again.ok) return { kind: 'referential', referential: again.value };
  }
  io.stderr(`${formatJsonIssues(path, referential.issues)}\n${path} : référentiel non valide (${role}, ${plural(referential.issues.length, 'problème', 'problèmes')})`);
  return undefined;
}

const conflictLines = (c: MergeConflict) => ({
  title: conflictTitle(c),
  base: c.base === undefined ? undefined : describeValue(c.base, c.field?.path.split('.').at(-1)),
  ours: describeSide(c.ours, c),
  theirs: describeSide(c.theirs, c),
});

/** The French report: what each side changed, then each conflict with both sides and how to decide it. */
function textReport(result: MergeResult<unknown>, problems: LoadIssue[], paths: readonly string[], output: string | undefined, versions: Referential[]): string {
  const [b, o, t] = versions as [Referential, Referential, Referential];
  const changes = (x: Referential) => diff(b, x).changes.length;
  const out = [
    `Fusion de « ${o.identity.title} » (${o.id}) — base ${paths[0]}, notre version ${paths[1]}, leur version ${paths[2]}`,
    `Changements du contenu depuis la base : ${formatNumber(changes(o), 0)} de notre côté, ${formatNumber(changes(t), 0)} du leur (disposition et commentaires non comptés).`,
  ];
  const where = output === undefined ? 'sur la sortie standard' : `dans ${output}`;
  const decided = result.conflicts.filter((c) => !result.pending.includes(c));
  if (result.pending.length === 0) out.push(`Fusion sans conflit restant${decided.length > 0 ? ` (${plural(decided.length, 'conflit décidé', 'conflits décidés')} par --choose)` : ''}, écrite ${where}.`);
  else out.push(`${plural(result.pending.length, 'conflit', 'conflits')} à décider : la fusion écrite ${where} garde notre version pour ${result.pending.length > 1 ? 'chacun' : 'celui-ci'}.`);
  result.conflicts.forEach((c, i) => {
    const lines = conflictLines(c);
    out.push('', `${i + 1}. ${lines.title}`);
    if (lines.base !== undefined) out.push(`   base  : ${lines.base}`);
    out.push(`   nous  : ${lines.ours}`, `   eux   : ${lines.theirs}`);
    const other = c.chosen === 'ours' ? 'theirs' : 'ours';
    out.push(`   gardé : ${c.chosen === 'ours' ? 'notre version' : 'leur version'}${result.pending.includes(c) ? ` — pour garder ${other === 'theirs' ? 'la leur' : 'la nôtre'} : --choose '${c.id}=${other}'` : ' (--choose)'}`);
  });
  if (result.notices.length > 0) out.push('', 'Remarques :', ...result.notices.map((n: MergeNotice) => `- ${noticeMessage(n)}${n.code === 'structure.new_issue' ? '' : ` (${n.ids.join(', ')})`}`));
  if (problems.length > 0) out.push('', 'Le référentiel fusionné ne se charge pas :', formatJsonIssues(output ?? '(sortie)', problems));
  return out.join('\n');
}

/** The JSON report (`--format json`): every conflict with its French texts, for other tools. */
function jsonReport(result: MergeResult<unknown>, problems: LoadIssue[], output: string, clean: boolean) {
  return {
    formatVersion: 1,
    kind: 'logigramme-merge-report',
    clean,
    output,
    conflicts: result.conflicts.map((c) => ({ ...c, pending: result.pending.includes(c), text: conflictLines(c) })),
    notices: result.notices.map((n) => ({ ...n, message: noticeMessage(n) })),
    problems: issuesWithMessages(problems),
  };
}

