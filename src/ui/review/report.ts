/*
 * The comparison report exported from the screen: the core's French Markdown report of the diff
 * (diffMarkdown, grouped by job) followed, when a staff was loaded, by the effect on that staff.
 * Pure: the screen turns the text into a download.
 */
import { diffMarkdown, type ChangeRef, type DiffResult, type ImpactResult, type Referential } from '../../core/index.ts';
import { columnForField } from '../../io/staff-csv.ts';
import { frReview } from '../i18n/fr-review.ts';
import { causeText, factorName, impactSide } from './changes.ts';

export interface ImpactFiles {
  staff: string;
  company: string;
  /** File line of each employee id, to locate evaluation errors. */
  rows?: ReadonlyMap<string, number>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The causes of one line, « ; »-separated, or « — ». */
export function causesText(refs: readonly ChangeRef[], result: DiffResult): string {
  return refs.length > 0 ? refs.map((r) => causeText(r, result)).join(' ; ') : frReview.impact.noCause;
}

/**
 * The impact section: one table row per employee and factor that changes (or one per employee whose
 * points alone change), then the employees that could not be evaluated.
 */
export function impactMarkdown(effect: ImpactResult, result: DiffResult, a: Referential, b: Referential, files: ImpactFiles): string {
  const t = frReview.export;
  const out = [t.impactHeading(effect.year), ''];
  out.push(t.impactIntro(files.staff, files.company, a.identity.version, b.identity.version, effect.employees, effect.changed.length, effect.errors.length));
  if (effect.changed.length === 0) out.push('', frReview.impact.none);
  else {
    out.push('', t.tableHeader, '|---|---|---|---|---|---|');
    for (const e of effect.changed) {
      const points = e.points ? `${e.points.before} → ${e.points.after}` : frReview.impact.pointsUnchanged;
      if (e.factors.length === 0) {
        out.push(`| ${cell(e.employee)} | — | — | — | ${points} | ${cell(causesText(e.points?.causes ?? [], result))} |`);
        continue;
      }
      e.factors.forEach((f, i) => {
        out.push(`| ${cell(e.employee)} | ${cell(factorName(f.factor))} | ${cell(impactSide(f.factor, f.before))} | ${cell(impactSide(f.factor, f.after))} | ${i === 0 ? points : '〃'} | ${cell(causesText(f.causes, result))} |`);
      });
    }
  }
  if (effect.errors.length > 0) {
    out.push('', t.notEvaluated, '');
    for (const e of effect.errors) {
      const row = files.rows?.get(e.employee);
      out.push(`- ${frReview.impact.error(e.employee, row === undefined ? '?' : String(row), columnForField(e.error.field), e.error.detail, e.side)}`);
    }
  }
  return out.join('\n');
}

/** The whole report: the diff, then the impact section when there is one. */
export function reviewMarkdown(result: DiffResult, a: Referential, b: Referential, impact?: { effect: ImpactResult; files: ImpactFiles }): string {
  const parts = [diffMarkdown(result, a, b).trimEnd()];
  if (impact) parts.push(impactMarkdown(impact.effect, result, a, b, impact.files));
  return `${parts.join('\n\n')}\n`;
}
