import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkReferential,
  compile,
  loadGraphText,
  regulationById,
  runScenarios,
  type CheckReport,
  type GraphDocument,
  type NodeLayout,
  type Referential,
  type RegulationVersion,
  type WhatIfReport,
} from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { formatIssues } from '../src/present/issues.ts';
import { findingMessage } from '../src/present/findings.ts';

/*
 * The sample logigrammes of referentials/ are the source: each `<name>.graph.json` compiles to
 * `<name>.json` (exactly `compile(graph)`, 2-space JSON and a final newline), and the samples listed in
 * WHAT_IF also get their what-if report against a later regulation version, as JSON (the WhatIfReport)
 * and as French Markdown. test/samples.test.ts fails when a committed file differs from what this
 * script writes.
 *
 *   npx tsx scripts/build-samples.ts            compile every graph, write the referentials and reports
 *   npx tsx scripts/build-samples.ts --layout   first lay every graph out again (left to right)
 */

export const SAMPLES_DIR = join(import.meta.dirname, '..', 'referentials');

/** Sample → regulation versions its what-if report is written against. */
export const WHAT_IF: Record<string, string[]> = {
  'sedima-machinisme-agricole': ['2023-09-01'],
};

const GRAPH_SUFFIX = '.graph.json';

/** Names of the sample logigrammes (`<name>.graph.json`), sorted. */
export function graphSampleNames(dir = SAMPLES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(GRAPH_SUFFIX))
    .map((f) => f.slice(0, -GRAPH_SUFFIX.length))
    .sort();
}

export function graphPath(name: string, dir = SAMPLES_DIR): string {
  return join(dir, `${name}${GRAPH_SUFFIX}`);
}

/** The logigramme of a sample, validated; throws with the located issues when it does not load. */
export function readGraph(name: string, dir = SAMPLES_DIR): GraphDocument {
  const loaded = loadGraphText(readFileSync(graphPath(name, dir), 'utf8'));
  if (!loaded.ok) throw new Error(`${name}${GRAPH_SUFFIX} ne se charge pas :\n${formatIssues(loaded.issues)}`);
  return loaded.value;
}

/** The compiled referential of a graph; throws when the drawing has a structural issue. */
export function compileSample(name: string, graph: GraphDocument): Referential {
  const { referential, issues } = compile(graph);
  if (issues.length > 0) {
    const lines = issues.map((i) => `  ${i.element} : ${findingMessage(i)}`);
    throw new Error(`${name}${GRAPH_SUFFIX} ne compile pas :\n${lines.join('\n')}`);
  }
  return referential;
}

/** The committed form of a JSON document: 2-space indentation and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function whatIfBase(name: string, against: string): string {
  return `${name}.whatif-${against}`;
}

/** The what-if report of a referential against another version, as the checker gives it. */
export function whatIfReport(r: Referential, against: string): WhatIfReport {
  const report = checkReferential(r, { against }).whatIf;
  if (!report) throw new Error(`${r.id} : version réglementaire inconnue (${r.regulation} ou ${against})`);
  return report;
}

/** Every file this script writes, by file name in referentials/, with its exact text. */
export function expectedOutputs(dir = SAMPLES_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of graphSampleNames(dir)) {
    const referential = compileSample(name, readGraph(name, dir));
    out.set(`${name}.json`, jsonText(referential));
    for (const against of WHAT_IF[name] ?? []) {
      const report = whatIfReport(referential, against);
      out.set(`${whatIfBase(name, against)}.json`, jsonText(report));
      out.set(`${whatIfBase(name, against)}.md`, whatIfMarkdown(referential, report));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// French Markdown rendering of a what-if report.

const VERDICTS: Record<string, string> = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser', no_legal_threshold: 'hors déclaration' };
const UNITS: Record<string, string> = { 'h/year': 'h/an', 'days/year': 'jours/an', 'nights/year': 'nuits/an', 'events/year': 'fois/an' };

/** French number: space as thousands separator, decimal comma, at most 2 decimals. */
export function frNumber(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  const [int, dec] = Math.abs(rounded).toString().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${rounded < 0 ? '−' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

const yesNo = (b: boolean) => (b ? 'oui' : 'non');
const cell = (text: string) => text.replace(/\|/g, '\\|');

function verdictCell(v: WhatIfReport['flips'][number]['from']): string {
  const verdict = VERDICTS[v.verdict] ?? v.verdict;
  if (v.threshold === null) return `${verdict}${v.inForce ? '' : ' (facteur pas en vigueur)'} — grille de l’arrêté`;
  const unit = UNITS[v.unit ?? ''] ?? v.unit ?? '';
  if (v.verdict === 'no_legal_threshold') return `${verdict} — ${frNumber(v.value)} ${unit}, aucun seuil légal (ancien seuil ${frNumber(v.threshold)} ${unit}, repère indicatif)`;
  const comparison = v.value >= v.threshold ? '≥' : '<';
  return `${verdict} — ${frNumber(v.value)} ${unit} ${comparison} ${frNumber(v.threshold)} ${unit}${v.inForce ? '' : ', facteur pas en vigueur'}`;
}

function flipReason(f: WhatIfReport['flips'][number]): string {
  if (f.to.verdict === 'no_legal_threshold') return 'hors compte de prévention depuis le 1er octobre 2017 : aucun seuil légal';
  if (f.from.inForce !== f.to.inForce) return f.to.inForce ? 'facteur entré en vigueur' : 'facteur plus en vigueur';
  if (f.from.threshold !== f.to.threshold) return `seuil ${frNumber(f.from.threshold ?? 0)} → ${frNumber(f.to.threshold ?? 0)} ${UNITS[f.to.unit ?? ''] ?? ''}`;
  return 'intensité du seuil modifiée';
}

/** Differences between the threshold groups of two versions, factor by factor, in French. */
export function thresholdChanges(from: RegulationVersion, to: RegulationVersion): Array<{ factor: string; label: string; change: string }> {
  const out: Array<{ factor: string; label: string; change: string }> = [];
  from.factors.forEach((f) => {
    const g = to.factors.find((x) => x.code === f.code)!;
    for (const a of f.groups) {
      const b = g.groups.find((x) => x.code === a.code);
      if (!b) continue;
      if (a.minimum && b.minimum && a.minimum.value !== b.minimum.value) {
        out.push({ factor: f.code, label: f.label, change: `${a.label} : durée minimale ${frNumber(a.minimum.value)} → ${frNumber(b.minimum.value)} ${UNITS[b.minimum.unit]}` });
      }
      for (const c of a.criteria) {
        const d = b.criteria.find((x) => x.code === c.code);
        if (d && d.intensityLabel !== c.intensityLabel) out.push({ factor: f.code, label: f.label, change: `${c.label} : ${c.intensityLabel} → ${d.intensityLabel}` });
      }
    }
  });
  return out;
}

export function whatIfMarkdown(r: Referential, report: WhatIfReport): string {
  const from = regulationById(report.from)!;
  const to = regulationById(report.to)!;
  const retained = new Set<string>(r.factors.retained);
  const lines: string[] = [];
  const flippedSituations = new Set(report.flips.map((f) => f.situation));
  lines.push(`# Rapport « et si » : ${r.identity.title}`);
  lines.push('');
  lines.push(`Référentiel \`${r.id}\` (version ${r.identity.version}), construit pour la version réglementaire **${from.id}** (${from.label}), vérifié contre **${to.id}** (${to.label}).`);
  lines.push('');
  lines.push(`Fichier généré par \`npx tsx scripts/build-samples.ts\` à partir de \`checkReferential(r, { against: '${to.id}' })\` ; ne pas le modifier à la main. Rapport brut : [\`${whatIfBase(r.id, to.id)}.json\`](${whatIfBase(r.id, to.id)}.json).`);
  lines.push('');
  lines.push(`Chaque situation est jugée à 100 % du temps sur l’année de référence du référentiel (${frNumber(r.workingYear.annualHours)} h, ${frNumber(r.workingYear.workingDays)} jours) : h/jour × ${frNumber(r.workingYear.workingDays)} jours. Un facteur pas encore en vigueur ne rend jamais exposé.`);
  lines.push('');
  lines.push('## Synthèse');
  lines.push('');
  lines.push(`- ${report.flips.length} changements de verdict, sur ${flippedSituations.size} des ${r.situations.length} situations.`);
  const byFactor = new Map<string, { label: string; count: number; after: Map<string, number> }>();
  for (const f of report.flips) {
    const entry = byFactor.get(f.factor) ?? { label: f.factorLabel, count: 0, after: new Map<string, number>() };
    entry.count++;
    entry.after.set(f.to.verdict, (entry.after.get(f.to.verdict) ?? 0) + 1);
    byFactor.set(f.factor, entry);
  }
  for (const [, e] of byFactor) {
    const after = [...e.after].map(([v, n]) => `${n} → ${VERDICTS[v]}`).join(', ');
    lines.push(`- ${e.label} : ${e.count} situation${e.count > 1 ? 's' : ''} (${after}).`);
  }
  lines.push(`- ${report.factorChanges.length} facteurs changent de statut (en vigueur, ouverture de points).`);
  const noPoints = report.factorChanges.filter((c) => c.retained && c.inForce[1] && !c.earnsPoints[1]);
  if (noPoints.length > 0) {
    lines.push(`- Sous ${to.id}, ${noPoints.map((c) => c.label.toLowerCase()).join(', ')} n’ont plus de seuil légal (D4163-2) et n’ouvrent pas de points sur le compte professionnel de prévention : leurs situations sont « hors déclaration », conservées pour la prévention (accord de prévention, liste des métiers exposés de L4163-2-1).`);
  }
  lines.push('');
  lines.push('## Facteurs dont le statut change');
  lines.push('');
  lines.push(`| Facteur | Retenu par le référentiel | En vigueur (${from.id} → ${to.id}) | Ouvre des points (${from.id} → ${to.id}) |`);
  lines.push('|---|---|---|---|');
  for (const c of report.factorChanges) {
    lines.push(`| ${cell(c.label)} | ${yesNo(c.retained)} | ${yesNo(c.inForce[0])} → ${yesNo(c.inForce[1])} | ${yesNo(c.earnsPoints[0])} → ${yesNo(c.earnsPoints[1])} |`);
  }
  lines.push('');
  const thresholds = thresholdChanges(from, to);
  lines.push('## Seuils modifiés entre les deux versions');
  lines.push('');
  if (thresholds.length === 0) lines.push('Aucun.');
  else {
    lines.push('| Facteur | Retenu | Changement |');
    lines.push('|---|---|---|');
    for (const t of thresholds) lines.push(`| ${cell(t.label)} | ${yesNo(retained.has(t.factor))} | ${cell(t.change)} |`);
  }
  lines.push('');
  lines.push('## Situations dont le verdict change');
  lines.push('');
  if (report.flips.length === 0) lines.push('Aucune.');
  else {
    lines.push(`| Situation | Facteur | ${from.id} | ${to.id} | Motif |`);
    lines.push('|---|---|---|---|---|');
    for (const f of report.flips) {
      lines.push(`| ${cell(f.situationLabel)} (\`${f.situation}\`) | ${cell(f.factorLabel)} | ${cell(verdictCell(f.from))} | ${cell(verdictCell(f.to))} | ${flipReason(f)} |`);
    }
  }
  const unchanged = r.situations.filter((s) => !flippedSituations.has(s.id));
  lines.push('');
  lines.push('## Situations sans changement de verdict');
  lines.push('');
  lines.push(unchanged.length === 0 ? 'Aucune.' : unchanged.map((s) => `- ${s.label} (\`${s.id}\`)`).join('\n'));
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------

/** A copy of the graph laid out again, notes placed in a row under the drawing. */
export async function relayout(graph: GraphDocument): Promise<GraphDocument> {
  const positions: Record<string, NodeLayout> = await layoutGraph(graph, 'RIGHT');
  let bottom = 0;
  for (const node of graph.nodes) {
    const p = positions[node.id];
    if (!p || node.kind === 'note' || node.kind === 'group') continue;
    bottom = Math.max(bottom, p.y + (p.height ?? (node.kind === 'situation' ? 88 : 64)));
  }
  graph.nodes
    .filter((n) => n.kind === 'note')
    .forEach((note, i) => {
      const { x: _x, y: _y, ...drawn } = graph.layout.nodes[note.id] ?? { x: 0, y: 0 };
      positions[note.id] = { x: 12 + i * 340, y: bottom + 80, width: 320, height: 140, ...drawn };
    });
  return { ...graph, layout: { direction: 'RIGHT', nodes: positions } };
}

function summary(name: string, r: Referential, report: CheckReport): string[] {
  const lines = [`${name} : ${r.jobs.length} postes, ${r.situations.length} situations, ${r.scenarios.length} scénarios — ${report.counts.error} erreur(s), ${report.counts.warning} avertissement(s), ${report.counts.info} information(s) (version ${r.regulation})`];
  for (const f of report.findings) if (f.severity !== 'info') lines.push(`  ${f.severity} ${f.code} ${f.element ?? f.path ?? ''}`);
  return lines;
}

async function main(): Promise<void> {
  const layout = process.argv.includes('--layout');
  let failed = false;
  if (layout) {
    for (const name of graphSampleNames()) {
      const graph = await relayout(readGraph(name));
      writeFileSync(graphPath(name), jsonText(graph));
      console.log(`${name}${GRAPH_SUFFIX} : mis en page`);
    }
  }
  const outputs = expectedOutputs();
  for (const [file, text] of outputs) {
    writeFileSync(join(SAMPLES_DIR, file), text);
    console.log(`referentials/${file}`);
  }
  for (const name of graphSampleNames()) {
    const r = JSON.parse(outputs.get(`${name}.json`)!) as Referential;
    const report = checkReferential(r);
    for (const line of summary(name, r, report)) console.log(line);
    if (report.counts.error > 0) failed = true;
    for (const outcome of runScenarios(r)) {
      if (outcome.passed) continue;
      failed = true;
      console.log(`  scénario en échec ${outcome.scenario} : ${outcome.error?.message ?? JSON.stringify(outcome.mismatches)}`);
    }
  }
  if (failed) process.exitCode = 1;
}

// Run only as a script (`npx tsx scripts/build-samples.ts`), not when a test imports the helpers.
if (/build-samples\.ts$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
