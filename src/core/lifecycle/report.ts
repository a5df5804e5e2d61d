import { checkGraph, type CheckReport } from '../check/index.ts';
import type { Finding } from '../check/types.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { contentHash } from '../referential/canonical.ts';
import { REGULATION_VERSIONS, regulationById } from '../regulation/index.ts';
import { runScenario } from '../scenarios/index.ts';
import { publishedReferential } from './publish.ts';

/** The latest regulation version: the what-if of every report and dossier is made against it. */
export const LATEST_REGULATION = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.id;

export interface ScenarioLine {
  id: string;
  label: string;
  passed: boolean;
  mismatches: Array<{ what: string; expected: string | number; actual: string | number }>;
  error?: string;
}

/** The check report of a logigramme as exported (JSON): what the Markdown report is written from. */
export interface CheckExport {
  kind: 'logigramme-check-report';
  formatVersion: 1;
  referential: { id: string; title: string; branch: string; version: string; status: string; regulation: string; contentHash: string };
  /** Given by the caller (the core never reads the clock). */
  generatedAt: string;
  counts: CheckReport['counts'];
  findings: Finding[];
  scenarios: ScenarioLine[];
  whatIf?: CheckReport['whatIf'];
}

/**
 * Checks a logigramme — with the what-if against the latest regulation version when it targets an older
 * one — and runs its scenarios on what it compiles to.
 */
export function checkExport(graph: GraphDocument, generatedAt: string): CheckExport {
  const r = graph.referential;
  const against = r.regulation !== LATEST_REGULATION && regulationById(r.regulation) ? LATEST_REGULATION : undefined;
  const report = checkGraph(graph, against ? { against } : {});
  const { referential } = publishedReferential(graph);
  const scenarios = referential.scenarios.map((s): ScenarioLine => {
    try {
      const outcome = runScenario(referential, s);
      return {
        id: s.id,
        label: s.label,
        passed: outcome.passed,
        mismatches: outcome.mismatches.map((m) => ({ what: m.what, expected: m.expected, actual: m.actual })),
        ...(outcome.error ? { error: outcome.error.message } : {}),
      };
    } catch (error) {
      return { id: s.id, label: s.label, passed: false, mismatches: [], error: error instanceof Error ? error.message : String(error) };
    }
  });
  const out: CheckExport = {
    kind: 'logigramme-check-report',
    formatVersion: 1,
    referential: {
      id: r.id,
      title: r.identity.title,
      branch: r.identity.branch,
      version: r.identity.version,
      status: r.identity.status,
      regulation: r.regulation,
      contentHash: contentHash(referential),
    },
    generatedAt,
    counts: report.counts,
    findings: report.findings,
    scenarios,
  };
  if (report.whatIf) out.whatIf = report.whatIf;
  return out;
}

const SEVERITY_HEADINGS = { error: 'Erreurs', warning: 'Avertissements', info: 'Informations' } as const;
const STATUS: Record<string, string> = {
  draft: 'brouillon',
  in_review: 'en relecture',
  submitted: 'déposé pour homologation',
  homologated: 'homologué',
  expired: 'expiré',
  superseded: 'remplacé',
};

/** A table cell: no pipe or line break may end the cell early. */
const cell = (text: string | number) => String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The check report in French Markdown, for a file attached to a review or a dossier. */
export function checkReportMarkdown(report: CheckExport): string {
  const r = report.referential;
  const lines: string[] = [
    `# Rapport de vérification — ${r.title}`,
    '',
    `- Branche : ${r.branch}`,
    `- Référentiel : \`${r.id}\`, version ${r.version} (${STATUS[r.status] ?? r.status})`,
    `- Version réglementaire : ${regulationById(r.regulation)?.label ?? r.regulation}`,
    `- Empreinte du contenu : \`${r.contentHash}\``,
    `- Établi le : ${report.generatedAt}`,
    '',
    `**Bilan : ${plural(report.counts.error, 'erreur', 'erreurs')}, ${plural(report.counts.warning, 'avertissement', 'avertissements')}, ${plural(report.counts.info, 'information', 'informations')}.**`,
    '',
  ];
  if (report.counts.error > 0) lines.push('Le référentiel ne peut être ni mis en relecture ni déposé tant que des erreurs subsistent.', '');
  for (const severity of ['error', 'warning', 'info'] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`## ${SEVERITY_HEADINGS[severity]} (${findings.length})`, '', '| Élément | Emplacement | Constat | Code |', '|---|---|---|---|');
    for (const f of findings) lines.push(`| ${f.element ? `\`${cell(f.element)}\`` : '—'} | ${f.path ? `\`${cell(f.path)}\`` : '—'} | ${cell(f.message)} | \`${f.code}\` |`);
    lines.push('');
  }
  lines.push('## Scénarios de contrôle', '');
  if (report.scenarios.length === 0) {
    lines.push('Le référentiel ne contient aucun scénario de contrôle.', '');
  } else {
    const passed = report.scenarios.filter((s) => s.passed).length;
    lines.push(`${passed} sur ${report.scenarios.length} réussis.`, '', '| Scénario | Résultat | Écarts |', '|---|---|---|');
    for (const s of report.scenarios) {
      const details = [...s.mismatches.map((m) => `${m.what} : attendu ${m.expected}, obtenu ${m.actual}`), ...(s.error ? [s.error] : [])].join(' ; ');
      lines.push(`| ${cell(s.label)} (\`${s.id}\`) | ${s.passed ? 'réussi' : '**échoué**'} | ${cell(details || '—')} |`);
    }
    lines.push('');
  }
  if (report.whatIf) {
    const w = report.whatIf;
    lines.push(`## Comparaison avec la version réglementaire ${regulationById(w.to)?.label ?? w.to}`, '');
    if (w.flips.length === 0 && w.factorChanges.length === 0) lines.push('Aucune situation ne change de conclusion.', '');
    if (w.flips.length > 0) {
      lines.push('| Situation | Facteur | Avant | Après |', '|---|---|---|---|');
      for (const f of w.flips) lines.push(`| ${cell(f.situationLabel)} (\`${f.situation}\`) | ${cell(f.factorLabel)} | ${STATUS_VERDICT[f.from.verdict]} (${f.from.value}) | ${STATUS_VERDICT[f.to.verdict]} (${f.to.value}) |`);
      lines.push('');
    }
    for (const c of w.factorChanges) {
      const what = [c.inForce[0] !== c.inForce[1] ? (c.inForce[1] ? 'entre en vigueur' : 'n’est plus en vigueur') : '', c.earnsPoints[0] !== c.earnsPoints[1] ? (c.earnsPoints[1] ? 'ouvre des points' : 'n’ouvre plus de points') : '']
        .filter(Boolean)
        .join(' et ');
      lines.push(`- ${c.label} ${what}${c.retained ? ' (facteur retenu)' : ''}.`);
    }
    if (w.factorChanges.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const STATUS_VERDICT = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser', no_legal_threshold: 'hors déclaration (aucun seuil légal)' } as const;
