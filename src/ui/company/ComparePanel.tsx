import { useId, useMemo } from 'react';
import type { FactorCode } from '../../core/index.ts';
import type { EvaluationRecord } from '../../storage/index.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { readStoredEvaluation, type CompanyEvaluation } from './evaluation.ts';
import { useComparison } from './useComparison.ts';
import { ChangeTable, FactorCountTable } from './WhatIfPanel.tsx';

const t = frCompany.compare;

/** This year's evaluation against the one stored for the year before (employees matched by id). */
export function ComparePanel({ current, previous, contentHash, factors }: { current: CompanyEvaluation; previous: EvaluationRecord | undefined; contentHash: string; factors: readonly FactorCode[] }) {
  const id = useId();
  const before = useMemo(() => (previous ? readStoredEvaluation(previous.results) : undefined), [previous]);
  const comparison = useComparison(before, current);
  const year = current.year;
  const regulation = current.summaries[0]?.regulation ?? '';
  return (
    <section aria-labelledby={`${id}-h`} className="compare" data-testid="compare-previous">
      <h3 id={`${id}-h`}>{t.heading(year - 1)}</h3>
      {!before ? (
        <p>{t.none(year - 1)}</p>
      ) : !comparison ? (
        <p role="status">{t.computing(year - 1)}</p>
      ) : (
        <>
          <p>{t.summary(year - 1, year, comparison.exposedBefore, comparison.exposedAfter, comparison.pointsBefore, comparison.pointsAfter)}</p>
          {previous && previous.contentHash !== contentHash && <p className="warning-text">{t.hashChanged}</p>}
          <FactorCountTable
            factors={comparison.factors.filter((f) => factors.includes(f.factor) || f.exposedBefore > 0 || f.exposedAfter > 0)}
            regulation={regulation}
            caption={t.caption(year - 1, year)}
            before={year - 1}
            after={year}
          />
          {comparison.changes.length > 0 && <ChangeTable comparison={comparison} regulation={regulation} caption={t.changesCaption(year - 1, year)} />}
        </>
      )}
    </section>
  );
}
