/*
 * The comparison report exported from the screen: the presentation layer's French Markdown report
 * (the same as `logigramme diff --format md`), with the staff file's columns to locate errors.
 */
import type { DiffResult, ImpactResult, Referential } from '../../core/index.ts';
import { columnForField } from '../../io/staff-csv.ts';
import { reviewMarkdown as report, type ImpactFiles } from '../../present/diff-report.ts';

export { causesText, impactMarkdown, type ImpactFiles } from '../../present/diff-report.ts';

/** The whole report: the diff, then the impact section when there is one. */
export function reviewMarkdown(result: DiffResult, a: Referential, b: Referential, impact?: { effect: ImpactResult; files: ImpactFiles }): string {
  return report(result, a, b, impact ? { ...impact, files: { columnOf: columnForField, ...impact.files } } : undefined);
}
