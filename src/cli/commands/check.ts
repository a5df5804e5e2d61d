import { parseArgs } from 'node:util';
import {
  checkGraph,
  checkReferential,
  compile,
  loadGraph,
  migrateReferential,
  parseJsonText,
  parseWith,
  REGULATION_VERSIONS,
  ReferentialSchema,
  regulationById,
  resolveRegulation,
  type CheckOptions,
  type CheckReport,
  type Finding,
  type RegulationVersion,
  type SituationVerdict,
  type WhatIfReport,
  UNIT_LABELS,
} from '../../core/index.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, isGraphDocument, oneFile } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { formatNumber, plural } from '../../present/fr.ts';
import { VERDICT_LABELS } from '../../present/diff-text.ts';
import { CHECK_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, readJsonInput, UsageError } from '../io.ts';
import { graphLocation } from '../locate.ts';
import { findingMessage, withFindingMessages } from '../../present/findings.ts';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  regulation: { type: 'string' },
  against: { type: 'string' },
  format: { type: 'string' },
} as const;

const SEVERITY_LABELS: Record<Finding['severity'], string> = { error: 'erreur', warning: 'avertissement', info: 'info' };

/**
 * Consistency check of a logigramme or of a referential. A referential is read with its schema only
 * (not the loader's integrity checks), so that broken references come out as located findings of the
 * checker, with everything else, instead of refusing the file.
 */
export const checkCommand = defineCommand('check', CHECK_HELP, (args, io) => {
  // 1. The command line, entirely checked before the file is read.
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  const path = oneFile(positionals, 'du logigramme ou du référentiel');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`format « ${values.format} » inconnu : attendu ${FORMATS.join(', ')}`);
  const regulation = version(values.regulation);
  const against = version(values.against);
  const options: CheckOptions = {};
  if (regulation) options.regulation = regulation.id;
  if (against) options.against = against.id;

  // 2. The document: a logigramme (`"kind": "logigramme"`) or a referential, schema only.
  const text = readJsonInput(io, path, 'le fichier');
  if (text === undefined) return EXIT_INPUT;
  const json = text.ok ? parseJsonText(text.value) : text;
  if (!json.ok) {
    io.stderr(`${formatJsonIssues(path, json.issues)}\n${path} : vérification impossible, le fichier n’est pas du JSON valide`);
    return EXIT_INPUT;
  }
  let report: CheckReport;
  let locate: (f: Finding) => string;
  let situation: (id: string, path: string) => string;
  let what: string;
  if (isGraphDocument(json.value)) {
    const graph = loadGraph(json.value);
    if (!graph.ok) {
      io.stderr(`${formatJsonIssues(path, graph.issues)}\n${path} : logigramme non valide (${plural(graph.issues.length, 'problème', 'problèmes')}), vérification impossible`);
      return EXIT_INPUT;
    }
    report = checkGraph(graph.value, options);
    const { referential } = compile(graph.value);
    locate = (f) => graphLocation(graph.value, referential, f);
    situation = (id) => `nœud ${id}`;
    what = `logigramme du référentiel « ${graph.value.referential.id} »`;
  } else {
    const migrated = migrateReferential(json.value);
    const parsed = migrated.ok ? parseWith(ReferentialSchema, migrated.value) : migrated;
    if (!parsed.ok) {
      io.stderr(`${formatJsonIssues(path, parsed.issues)}\n${path} : référentiel non valide (${plural(parsed.issues.length, 'problème', 'problèmes')}), vérification impossible`);
      return EXIT_INPUT;
    }
    report = checkReferential(parsed.value, options);
    locate = (f) => f.path ?? (f.element !== undefined ? `élément ${f.element}` : '$');
    situation = (id, at) => `${at} (${id})`;
    what = `référentiel « ${parsed.value.id} »`;
  }

  // 3. The report.
  if (format === 'json') {
    io.stdout(JSON.stringify(withFindingMessages(report), null, 2));
  } else {
    const checked = regulationById(report.regulation);
    const lines = [`Vérification de ${path} (${what}) sous la version réglementaire ${report.regulation}${checked ? ` — ${checked.label}` : ''}`];
    for (const f of report.findings) lines.push(`${path} ${locate(f)} [${SEVERITY_LABELS[f.severity]} ${f.code}] ${findingMessage(f)}`);
    if (report.whatIf) lines.push('', ...whatIfSection(report.whatIf, situation), '');
    const { error, warning, info } = report.counts;
    lines.push(`${plural(error, 'erreur', 'erreurs')}, ${plural(warning, 'avertissement', 'avertissements')}, ${plural(info, 'info', 'infos')}`);
    io.stdout(lines.join('\n'));
  }
  return report.counts.error > 0 ? EXIT_INPUT : EXIT_OK;
});

function version(value: string | undefined): RegulationVersion | undefined {
  if (value === undefined) return undefined;
  const found = resolveRegulation(value);
  if (!found) {
    throw new UsageError(`version réglementaire « ${value} » inconnue : attendu l’une de ${REGULATION_VERSIONS.map((v) => v.id).join(', ')}, ou une date AAAA-MM-JJ à partir du 2015-01-01`);
  }
  return found;
}

/** What changes under the other version: each situation whose verdict flips, with its figures, and each factor whose status changes. */
function whatIfSection(w: WhatIfReport, situation: (id: string, path: string) => string): string[] {
  const lines = [`Simulation sous la version ${w.to} (référentiel vérifié sous la version ${w.from}) :`];
  if (w.flips.length === 0) lines.push('  Aucune situation ne change de verdict.');
  else {
    lines.push(`  ${plural(w.flips.length, 'situation change', 'situations changent')} de verdict :`);
    for (const f of w.flips) {
      lines.push(
        `    ${situation(f.situation, f.path)} « ${f.situationLabel} » — ${f.factorLabel} : ${VERDICT_LABELS[f.from.verdict]} → ${VERDICT_LABELS[f.to.verdict]} ; ${w.from} : ${figures(f.from)} ; ${w.to} : ${figures(f.to)}`,
      );
    }
  }
  if (w.factorChanges.length === 0) lines.push('  Aucun facteur ne change de statut.');
  else {
    lines.push(`  ${plural(w.factorChanges.length, 'facteur change', 'facteurs changent')} de statut :`);
    for (const c of w.factorChanges) {
      const changes: string[] = [];
      if (c.inForce[0] !== c.inForce[1]) changes.push(c.inForce[1] ? 'entre en vigueur' : 'n’est plus en vigueur');
      if (c.earnsPoints[0] !== c.earnsPoints[1]) changes.push(c.earnsPoints[1] ? 'ouvre des points' : 'n’ouvre plus de points');
      lines.push(`    ${c.label} (${c.factor}, ${c.retained ? 'retenu' : 'non retenu'} par le référentiel) : ${changes.join(' et ')}`);
    }
  }
  return lines;
}

/** A situation's figures under one version: value at 100 % time against the threshold. */
function figures(v: SituationVerdict): string {
  const notInForce = v.inForce ? '' : ', facteur pas en vigueur';
  if (v.threshold === null) return `${v.verdict === 'to_analyse' ? 'grille de l’arrêté, pas de seuil chiffré' : 'pas de seuil chiffré'}${notInForce}`;
  const unit = v.unit === null ? '' : ` ${UNIT_LABELS[v.unit]}`;
  if (v.verdict === 'no_legal_threshold') return `${formatNumber(v.value, 2)}${unit}, aucun seuil légal (ancien seuil ${formatNumber(v.threshold, 2)}${unit} à titre indicatif)`;
  return `${formatNumber(v.value, 2)}${unit} pour un seuil de ${formatNumber(v.threshold, 2)}${unit}${notInForce}`;
}
