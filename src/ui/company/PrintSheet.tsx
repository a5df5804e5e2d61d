import { useEffect, useRef } from 'react';
import type { Employee, EmployeeResult, GoodFaithPresumption, Referential } from '../../core/index.ts';
import { EvaluationResult } from '../components/EvaluationResult.tsx';
import { formatDate } from '../format.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { regulationLabel } from '../labels.ts';
import { periodInYear } from './exports.ts';
import type { CompanyProfile } from './profile.ts';
import { PlainExplanation } from './Explanation.tsx';
import { presumptionText } from '../../present/presumption.ts';

const t = frCompany.sheet;

/**
 * The per-employee exposure sheet. On screen it is a preview; printed (or saved as PDF from the print
 * window), it is the only thing on the page: the body carries a class that the print style reads.
 */
export function PrintSheet({
  profile,
  employee,
  result,
  referential: r,
  referentialKey,
  contentHash,
  presumption,
  onClose,
}: {
  profile: CompanyProfile;
  employee: Employee;
  result: EmployeeResult;
  referential: Referential;
  referentialKey: string;
  contentHash: string;
  /** Whether applying the referential for the year gives the presumption of good faith (L4163-2). */
  presumption?: GoodFaithPresumption;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.body.classList.add('print-sheet-active');
    heading.current?.focus();
    return () => document.body.classList.remove('print-sheet-active');
  }, []);
  const period = periodInYear(employee, result.year);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section className="print-sheet" aria-labelledby="sheet-heading" data-testid="print-sheet">
      <div className="no-print sheet-actions">
        <p className="help">{t.help}</p>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.print}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t.close}
        </button>
      </div>
      <h2 id="sheet-heading" ref={heading} tabIndex={-1}>
        {t.heading}
      </h2>
      <dl className="facts">
        <dt>{t.company}</dt>
        <dd>
          {profile.name}
          {profile.siret ? ` — SIRET ${profile.siret}` : ''}
        </dd>
        <dt>{t.employee}</dt>
        <dd>{employee.id}</dd>
        <dt>{t.contract}</dt>
        <dd>
          {employee.contract.reference ? `${employee.contract.reference}, ` : ''}
          {formatDate(period.start)} → {formatDate(period.end)}
        </dd>
        <dt>{t.year}</dt>
        <dd>{result.year}</dd>
        <dt>{t.regulation}</dt>
        <dd>{regulationLabel(result.regulation)}</dd>
        <dt>{t.referential}</dt>
        <dd>
          {r.identity.title} ({referentialKey}, <code>{contentHash}</code>)
        </dd>
        {presumption && (
          <>
            <dt>{t.presumption}</dt>
            <dd data-testid="sheet-presumption">{presumptionText(presumption)}</dd>
          </>
        )}
      </dl>
      <PlainExplanation referential={r} result={result} />
      <EvaluationResult referential={r} result={result} headingId="sheet-result-heading" testId="sheet-result" />
      <p className="help">{t.made(formatDate(today))}</p>
    </section>
  );
}
