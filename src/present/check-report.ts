/*
 * The check report of a logigramme (core checkExport) in French Markdown, for a file attached to a
 * review or a dossier. Every text from the data (titles, labels, messages quoting them, ids, paths)
 * goes through the one Markdown escaper; counts through the French formatter.
 */
import { regulationById, type CheckExport } from '../core/index.ts';
import { STATUS_LABELS, VERDICT_LABELS } from './diff-text.ts';
import { evaluationErrorMessage } from './evaluation-errors.ts';
import { findingMessage, withFindingMessages } from './findings.ts';
import { formatNumber, plural } from './fr.ts';
import { mdCode, mdRow, mdTableHead, mdText } from './markdown.ts';

const SEVERITY_HEADINGS = { error: 'Erreurs', warning: 'Avertissements', info: 'Informations' } as const;

const value = (v: string | number) => (typeof v === 'number' ? formatNumber(v, 4) : mdText(v));

/** The check report in French Markdown. */
export function checkReportMarkdown(report: CheckExport): string {
  const r = report.referential;
  const lines: string[] = [
    `# Rapport de vérification — ${mdText(r.title)}`,
    '',
    `- Branche : ${mdText(r.branch)}`,
    `- Référentiel : ${mdCode(r.id)}, version ${mdText(r.version)} (${STATUS_LABELS[r.status] ?? mdText(r.status)})`,
    `- Version réglementaire : ${mdText(regulationById(r.regulation)?.label ?? r.regulation)}`,
    `- Empreinte du contenu : ${mdCode(r.contentHash)}`,
    `- Établi le : ${mdText(report.generatedAt)}`,
    '',
    `**Bilan : ${plural(report.counts.error, 'erreur', 'erreurs')}, ${plural(report.counts.warning, 'avertissement', 'avertissements')}, ${plural(report.counts.info, 'information', 'informations')}.**`,
    '',
  ];
  if (report.counts.error > 0) lines.push('Le référentiel ne peut être ni mis en relecture ni déposé tant que des erreurs subsistent.', '');
  for (const severity of ['error', 'warning', 'info'] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`## ${SEVERITY_HEADINGS[severity]} (${formatNumber(findings.length)})`, '', ...mdTableHead(['Élément', 'Emplacement', 'Constat', 'Code']));
    for (const f of findings) lines.push(mdRow([f.element ? mdCode(f.element) : '—', f.path ? mdCode(f.path) : '—', mdText(findingMessage(f)), mdCode(f.code)]));
    lines.push('');
  }
  lines.push('## Scénarios de contrôle', '');
  if (report.scenarios.length === 0) {
    lines.push('Le référentiel ne contient aucun scénario de contrôle.', '');
  } else {
    const passed = report.scenarios.filter((s) => s.passed).length;
    lines.push(`${formatNumber(passed)} sur ${formatNumber(report.scenarios.length)} réussis.`, '', ...mdTableHead(['Scénario', 'Résultat', 'Écarts']));
    for (const s of report.scenarios) {
      const details = [...s.mismatches.map((m) => `${mdText(m.what)} : attendu ${value(m.expected)}, obtenu ${value(m.actual)}`), ...(s.error ? [mdText(evaluationErrorMessage(s.error))] : [])].join(' ; ');
      lines.push(mdRow([`${mdText(s.label)} (${mdCode(s.id)})`, s.passed ? 'réussi' : '**échoué**', details || '—']));
    }
    lines.push('');
  }
  if (report.whatIf) {
    const w = report.whatIf;
    lines.push(`## Comparaison avec la version réglementaire ${mdText(regulationById(w.to)?.label ?? w.to)}`, '');
    if (w.flips.length === 0 && w.factorChanges.length === 0) lines.push('Aucune situation ne change de conclusion.', '');
    if (w.flips.length > 0) {
      lines.push(...mdTableHead(['Situation', 'Facteur', 'Avant', 'Après']));
      for (const f of w.flips) {
        lines.push(mdRow([`${mdText(f.situationLabel)} (${mdCode(f.situation)})`, mdText(f.factorLabel), `${VERDICT_LABELS[f.from.verdict]} (${formatNumber(f.from.value)})`, `${VERDICT_LABELS[f.to.verdict]} (${formatNumber(f.to.value)})`]));
      }
      lines.push('');
    }
    for (const c of w.factorChanges) {
      const what = [c.inForce[0] !== c.inForce[1] ? (c.inForce[1] ? 'entre en vigueur' : 'n’est plus en vigueur') : '', c.earnsPoints[0] !== c.earnsPoints[1] ? (c.earnsPoints[1] ? 'ouvre des points' : 'n’ouvre plus de points') : '']
        .filter(Boolean)
        .join(' et ');
      lines.push(`- ${mdText(c.label)} ${what}${c.retained ? ' (facteur retenu)' : ''}.`);
    }
    if (w.factorChanges.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The check report as a JSON file read by people as well as programs: every finding and scenario error with its French message. */
export function checkExportWithMessages(report: CheckExport) {
  const withFindings = withFindingMessages(report);
  return { ...withFindings, scenarios: report.scenarios.map((s) => (s.error ? { ...s, error: { ...s.error, message: evaluationErrorMessage(s.error) } } : s)) };
}
