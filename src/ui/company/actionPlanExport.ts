import { penaltyEstimate, themeRule, validateActionPlan, type ActionPlan } from '../../core/index.ts';
import { formatCount, formatDate, formatNumber } from '../../present/fr.ts';
import { mdRow, mdTableHead, mdText } from '../../present/markdown.ts';
import { penaltyRuleText, themeName, themeRuleText } from '../../present/obligation.ts';
import { frPlan, issueText } from '../i18n/fr-plan.ts';
import type { PlanPenalty } from './actionPlanMachine.ts';

/*
 * The agreement or action plan as a Markdown document the company can print, edit or attach to the
 * DREETS filing: status and dates, the diagnosis, the themes with measures, objectives and indicators,
 * the measures for using points, what remains to correct, and the penalty at stake. Every text from the
 * data goes through the one Markdown escaper, every number through the one French formatter.
 */

const t = frPlan;

export function planMarkdown(plan: ActionPlan, company: string, penalty?: PlanPenalty): string {
  const out: string[] = [];
  out.push(`# ${mdText(`${t.kinds[plan.kind]} de prévention des effets de l’exposition aux facteurs de risques professionnels — ${company}`)}`, '');
  out.push(mdText(t.statusLine(plan.kind, plan.status, plan.start, plan.end)), '');
  const rule = themeRule(plan.start);
  if (rule) out.push(mdText(t.themesRule(themeRuleText(rule))), '');
  const d = plan.diagnosis;
  if (d) {
    out.push(`## ${mdText(`${t.diagnosisHeading} ${d.year}`)}`, '', mdText(t.diagnosisSummary(d.employees, d.declaredExposed, d.polyExposed)), '');
    if (d.byFactor.length > 0) {
      out.push(...mdTableHead(['Facteur', 'Salariés déclarés exposés'], [1]));
      for (const f of d.byFactor) out.push(mdRow([mdText(f.label), formatCount(f.exposed)]));
      out.push('');
    }
    if (d.byJob.length > 0) {
      const factors = d.byFactor.map((f) => f.factor);
      out.push(...mdTableHead([t.job, t.employees, ...d.byFactor.map((f) => f.label)], [1, ...factors.map((_, i) => i + 2)]));
      for (const j of d.byJob) out.push(mdRow([mdText(j.label), formatCount(j.employees), ...factors.map((f) => formatCount(j.exposed[f] ?? 0))]));
      out.push('');
    }
    for (const o of d.outsideDeclaration) out.push(`- ${mdText(t.outside(o.label, o.employees))}`);
    for (const l of d.particularlyExposed) out.push(`- ${mdText(t.listed(l.label, l.employees))}`);
    for (const n of d.notes) out.push(`- ${mdText(n)}`);
    out.push('');
  }
  out.push(`## ${mdText(t.themesHeading)}`, '');
  for (const theme of plan.themes) {
    out.push(`### ${mdText(themeName(theme.theme))}`, '');
    for (const m of theme.measures) out.push(`- ${mdText(m)}`);
    if (theme.measures.length > 0) out.push('');
    out.push(...mdTableHead(['Objectif', 'Situation au diagnostic', 'Cible', 'Unité', 'Indicateur'], [1, 2]));
    for (const o of theme.objectives) {
      out.push(mdRow([mdText(t.objective(o.text)), o.baseline === undefined ? '' : formatNumber(o.baseline), o.target === undefined ? 'à chiffrer' : formatNumber(o.target), mdText(o.unit), mdText(o.indicator)]));
    }
    out.push('');
  }
  if (plan.pointUseMeasures) {
    out.push(`## ${mdText(t.pointUseHeading)}`, '', `- ${mdText(`${t.training} : ${plan.pointUseMeasures.training || 'à préciser'}`)}`, `- ${mdText(`${t.partTime} : ${plan.pointUseMeasures.partTime || 'à préciser'}`)}`, '');
  }
  out.push(`## ${mdText(t.lifecycleHeading)}`, '');
  if (plan.disagreementRecord) out.push(`- ${t.recorded.disagreement} ${formatDate(plan.disagreementRecord.date)}`);
  if (plan.signature) out.push(`- ${t.recorded.signature} ${formatDate(plan.signature.date)}`);
  if (plan.cseConsultation) out.push(`- ${t.recorded.consultation} ${formatDate(plan.cseConsultation.date)} (${t.opinions[plan.cseConsultation.opinion]})`);
  if (plan.filing) out.push(`- ${t.recorded.filing} ${formatDate(plan.filing.date)}${plan.filing.reference ? ` (${mdText(plan.filing.reference)})` : ''}`);
  const issues = validateActionPlan(plan);
  out.push(`- ${mdText(t.issuesHeading(issues.length))}`);
  for (const i of issues) out.push(`  - ${mdText(issueText(i))}`);
  out.push('');
  if (penalty) {
    const p = penaltyEstimate({ remuneration: penalty.remuneration, months: penalty.months });
    out.push(`## ${mdText(t.penaltyHeading)}`, '', mdText(t.penalty(formatNumber(p.maximum), formatNumber(p.base), penalty.months)), '', mdText(penaltyRuleText(p)), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
