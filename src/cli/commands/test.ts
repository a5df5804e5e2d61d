import { parseArgs } from 'node:util';
import { regulationById, runScenarios, type ScenarioMismatch, type Verdict } from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile, oneReferential } from '../command.ts';
import { plural } from '../../present/fr.ts';
import { VERDICT_LABELS } from '../../present/diff-text.ts';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';
import { TEST_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK } from '../io.ts';

export const testCommand = defineCommand('test', TEST_HELP, (args, io) => {
  const { positionals } = parseOrUsage(() => parseArgs({ args, options: {}, allowPositionals: true, strict: true }));
  const path = oneReferential(positionals);
  const referential = loadReferentialFile(io, path);
  if (!referential) return EXIT_INPUT;
  const regulation = regulationById(referential.regulation);
  const factorLabel = (code: string) => regulation?.factors.find((f) => f.code === code)?.label ?? code;
  const show = (v: Verdict | number) => (typeof v === 'number' ? String(v) : VERDICT_LABELS[v]);
  const mismatch = (m: ScenarioMismatch) =>
    m.what === 'points' ? `points : attendu ${show(m.expected)}, obtenu ${show(m.actual)}` : `${factorLabel(m.what)} (${m.what}) : attendu ${show(m.expected)}, obtenu ${show(m.actual)}`;

  const outcomes = runScenarios(referential);
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`${o.passed ? '✓' : '✗'} ${o.scenario} — ${o.label}`);
    if (o.error) lines.push(`    erreur d’évaluation [${o.error.code}] ${o.error.field} : ${evaluationErrorDetail(o.error, referential)}`);
    for (const m of o.mismatches) lines.push(`    ${mismatch(m)}`);
  }
  const failed = outcomes.filter((o) => !o.passed).length;
  const passed = outcomes.length - failed;
  if (outcomes.length === 0) lines.push('Aucun scénario de référence dans ce référentiel');
  lines.push(`${plural(passed, 'réussi', 'réussis')}, ${plural(failed, 'échoué', 'échoués')}`);
  io.stdout(lines.join('\n'));
  return failed > 0 ? EXIT_INPUT : EXIT_OK;
});
