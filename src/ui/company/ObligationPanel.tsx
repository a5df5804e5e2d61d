import { useId } from 'react';
import { formatNumber, formatPercent } from '../format.ts';
import { obligationLegalBasis } from '../../present/obligation.ts';
import { frCompany } from '../i18n/fr-company.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { companyObligation } from './obligation.ts';
import type { CompanyProfile } from './profile.ts';

const t = frCompany.obligation;

/**
 * Whether the company must negotiate a prevention agreement, with the rule of the year and the figures
 * that decide it (core/obligation). The share is over the whole workforce: the profile's headcount, or
 * the staff entered when the headcount is not given (said so).
 */
export function ObligationPanel({ profile, evaluation }: { profile: CompanyProfile; evaluation: CompanyEvaluation }) {
  const id = useId();
  const { assessment: a, declared, headcount } = companyObligation(profile, evaluation);
  const mark = (reached: boolean) => <span className={reached ? 'badge verdict-exposed' : 'badge verdict-not_exposed'}>{reached ? t.reached : t.notReached}</span>;

  return (
    <section aria-labelledby={`${id}-h`} className={`obligation obligation-${a.outcome}`} data-testid="obligation" data-outcome={a.outcome}>
      <h3 id={`${id}-h`}>{t.heading}</h3>
      <p className={a.applies ? 'obligation-verdict applies' : 'obligation-verdict'}>
        <strong>{t.outcome[a.outcome]}</strong>
      </p>
      <h4>{t.rule}</h4>
      <p>{obligationLegalBasis(a.rule)}.</p>
      <h4>{t.figures}</h4>
      <ul>
        <li>
          {t.size(headcount, profile.groupHeadcount)} {a.rule.exposedShare !== null && mark(a.sizeConcerned)}
        </li>
        {profile.headcount === undefined && <li className="warning-text">{t.sizeFromStaff(headcount)}</li>}
        {a.rule.exposedShare !== null && (
          <li data-testid="obligation-share">
            {t.share(declared, headcount, formatPercent(a.exposedShare), formatPercent(a.rule.exposedShare))} {mark(a.exposedTriggered)}
          </li>
        )}
        {a.rule.claimsIndexAbove === null ? (
          <li>{t.claimsNotUsed}</li>
        ) : profile.claimsIndex === undefined ? (
          <li>{t.claimsUnknown}</li>
        ) : (
          <li>
            {t.claims(formatNumber(profile.claimsIndex, 3))} {mark(a.claimsTriggered === true)}
          </li>
        )}
        <li>{t.agreement(profile.extendedBranchAgreement === true, a.exemptionPossible)}</li>
        {a.headcountInconsistent && <li className="warning-text">{t.inconsistent}</li>}
      </ul>
      <p className="help">{t.legal}</p>
    </section>
  );
}
