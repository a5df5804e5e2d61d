/*
 * The comparison report in French Markdown, written by the CLI (`diff --format md`) and exported by
 * the comparison screen: the change list grouped by job (the wording of diff-text.ts), then, when a
 * company's staff was evaluated with both versions, the effect on that staff. Every text from the data
 * goes through the one Markdown escaper.
 */
import type { ChangeRef, DiffResult, ImpactResult, Referential } from '../core/index.ts';
import { evaluationErrorDetail } from './evaluation-errors.ts';
import { changeText, countChanges, countsText, groupChanges, impactSide, factorName, causeText, type Escape } from './diff-text.ts';
import { formatNumber, plural } from './fr.ts';
import { mdCode, mdRow, mdTableHead, mdText } from './markdown.ts';

const MD: Escape = { text: mdText };

/**
 * The French report of a diff, grouped by job: what changed in each job's tasks and in the decision
 * trees its tasks reach (a subtree shared by several jobs appears under each of them).
 */
export function diffMarkdown(result: DiffResult, a: Referential, b: Referential): string {
  const out: string[] = [`# Comparaison du référentiel ${mdText(a.identity.title)}`, ''];
  out.push(`- Avant : version ${mdText(result.from.version)}, réglementation ${mdText(result.from.regulation)}, empreinte ${mdCode(result.from.contentHash)}`);
  out.push(`- Après : version ${mdText(result.to.version)}, réglementation ${mdText(result.to.regulation)}, empreinte ${mdCode(result.to.contentHash)}`);
  out.push('');
  if (result.identical) {
    out.push('Les deux versions sont identiques.');
    return `${out.join('\n')}\n`;
  }
  out.push(countsText(countChanges(result)));
  for (const group of groupChanges(result, a, b, MD)) {
    out.push('', `## ${group.title}`, '');
    for (const index of group.items) {
      const change = result.changes[index]!;
      const text = changeText(change, result, a, b, MD);
      // What changes every verdict is said in bold, as the screen marks it.
      out.push(`- ${change.kind === 'regulation' || change.kind === 'referential_id' ? `**${text.head}**` : text.head}`);
      for (const d of text.details) out.push(`    - ${d.flip ? `**${d.text}**` : d.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export interface ImpactFiles {
  staff: string;
  company: string;
  /** File line of each employee id, to locate evaluation errors. */
  rows?: ReadonlyMap<string, number>;
  /** The staff-file column of an evaluator field ('' when none). */
  columnOf?: (field: string) => string;
}

/** The causes of one line, « ; »-separated, or « — ». */
export function causesText(refs: readonly ChangeRef[], result: DiffResult, a?: Referential, b?: Referential, e?: Escape): string {
  return refs.length > 0 ? refs.map((r) => causeText(r, result, a, b, e)).join(' ; ') : '—';
}

const pointsText = (p: { before: number; after: number } | null | undefined) => (p ? `${formatNumber(p.before)} → ${formatNumber(p.after)}` : 'inchangés');

/**
 * The impact section: one table row per employee and factor that changes (or one per employee whose
 * points alone change), then the employees that could not be evaluated.
 */
export function impactMarkdown(effect: ImpactResult, result: DiffResult, a: Referential, b: Referential, files: ImpactFiles, yearNote = ''): string {
  const out = [`## Effet sur le personnel — année ${effect.year}${yearNote}`, ''];
  const changed = effect.changed.length;
  out.push(
    `Personnel de ${mdText(files.staff)} (réponses de l’entreprise : ${mdText(files.company)}), évalué avec la version ${mdText(a.identity.version)} puis la version ${mdText(b.identity.version)} : ${plural(effect.employees, 'salarié', 'salariés')}, dont ${formatNumber(changed)} ${changed > 1 ? 'changent' : 'change'} de verdict ou de points${effect.errors.length > 0 ? `, ${plural(effect.errors.length, 'non évalué', 'non évalués')}` : ''}.`,
  );
  if (changed === 0) out.push('', 'Aucun salarié ne change de verdict ni de points.');
  else {
    out.push('', ...mdTableHead(['Salarié', 'Facteur', 'Avant', 'Après', 'Points', 'Causes']));
    for (const e of effect.changed) {
      const points = pointsText(e.points);
      if (e.factors.length === 0) {
        out.push(mdRow([mdText(e.employee), '—', '—', '—', points, causesText(e.points?.causes ?? [], result, a, b, MD)]));
        continue;
      }
      e.factors.forEach((f, i) => {
        out.push(mdRow([mdText(e.employee), factorName(f.factor), impactSide(f.factor, f.before), impactSide(f.factor, f.after), i === 0 ? points : '〃', causesText(f.causes, result, a, b, MD)]));
      });
    }
  }
  if (effect.errors.length > 0) {
    out.push('', 'Salariés non évalués :', '');
    for (const e of effect.errors) {
      const row = files.rows?.get(e.employee);
      const column = files.columnOf?.(e.error.field) ?? '';
      out.push(`- Salarié ${mdText(e.employee)}, ligne ${row === undefined ? '?' : String(row)}${column ? `, colonne ${mdText(column)}` : ''} : ${mdText(evaluationErrorDetail(e.error, e.side === 'before' ? a : b))} (version ${e.side === 'before' ? 'avant' : 'après'})`);
    }
  }
  return out.join('\n');
}

/** The whole report: the diff, then the impact section when there is one. */
export function reviewMarkdown(result: DiffResult, a: Referential, b: Referential, impact?: { effect: ImpactResult; files: ImpactFiles; yearNote?: string }): string {
  const parts = [diffMarkdown(result, a, b).trimEnd()];
  if (impact) parts.push(impactMarkdown(impact.effect, result, a, b, impact.files, impact.yearNote));
  return `${parts.join('\n\n')}\n`;
}
