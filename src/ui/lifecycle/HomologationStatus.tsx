import { homologationStanding } from '../../core/lifecycle/index.ts';
import type { VersionEntry } from '../../storage/index.ts';
import { formatDate } from '../format.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { SubHeading } from './heading.tsx';

/**
 * The homologation of the newest version that has one (homologated, or expired): the arrêté, the last
 * day it is homologated (five years under décret 2025-277, 27 March 2026 for the earlier arrêtés its
 * article 2 deems homologated or extends), the renewal deadline, and the warnings — a year before expiry
 * « préparer la réévaluation », after the deadline « échéance de demande de renouvellement dépassée »,
 * the renewal request when it is recorded, the expiry.
 */
export function HomologationStatus({
  history,
  today,
  draftHandles,
  renewalRequestedOn,
  onExpireStored,
}: {
  history: readonly VersionEntry[];
  today: string;
  /** The draft is this homologated version: its own "expire" step records the expiry. */
  draftHandles: (version: string) => boolean;
  /** The date of the recorded renewal request of this version, if any. */
  renewalRequestedOn?: (version: string) => string | undefined;
  onExpireStored: (version: string) => void;
}) {
  const entry = history.find((v) => v.homologation && (v.status === 'homologated' || v.status === 'expired'));
  if (!entry?.homologation) {
    return (
      <div className="homologation" data-testid="homologation">
        <SubHeading>{t.homologation.heading}</SubHeading>
        <p>{t.homologation.none}</p>
      </div>
    );
  }
  const h = entry.homologation;
  const requested = renewalRequestedOn?.(entry.version);
  const standing = homologationStanding(h.arreteDate, today, { ...(h.arreteDate < '2025-03-28' ? { statedTerm: h.expires } : {}), ...(requested ? { renewalRequestedOn: requested } : {}) });
  // A version marked expired is expired whatever the dates say.
  const kind = entry.status === 'expired' ? 'expired' : standing.kind;
  return (
    <div className="homologation" data-testid="homologation" data-standing={kind}>
      <SubHeading>
        {t.homologation.heading} — {t.homologation.version(entry.version)}
      </SubHeading>
      <dl className="facts">
        <dt>{t.homologation.arrete}</dt>
        <dd>{t.homologation.arreteText(h.arreteDate, h.arreteReference)}</dd>
        <dt>{t.homologation.expires}</dt>
        <dd>
          <time dateTime={standing.lastDay}>{formatDate(standing.lastDay)}</time>
        </dd>
        <dt>{t.homologation.renewalDeadline}</dt>
        <dd>
          <time dateTime={standing.renewalDeadline}>{formatDate(standing.renewalDeadline)}</time>
        </dd>
        {standing.beforeDecree && (
          <>
            <dt>{t.homologation.reevaluation}</dt>
            <dd>
              <time dateTime={standing.reevaluationDue}>{formatDate(standing.reevaluationDue)}</time>
            </dd>
          </>
        )}
      </dl>
      {kind === 'valid' && <p className="success-text">{t.homologation.valid(standing.daysToRenewalDeadline)}</p>}
      {kind === 'reevaluation_overdue' && (
        <p role="status" className="lifecycle-warning" data-testid="reevaluation-warning">
          {t.homologation.overdue(standing.reevaluationDue)}
        </p>
      )}
      {kind === 'prepare_reevaluation' && (
        <p role="status" className="lifecycle-warning" data-testid="reevaluation-warning">
          {t.homologation.prepare(standing.renewalDeadline, standing.lastDay)}
        </p>
      )}
      {kind === 'renewal_requested' && standing.renewal && (
        <p role="status" className={standing.renewal.late ? 'lifecycle-warning' : 'success-text'} data-testid="renewal-requested">
          {t.homologation.requested(standing.renewal.requestedOn, standing.renewal.late, standing.lastDay)}
        </p>
      )}
      {kind === 'renewal_deadline_passed' && (
        <p role="alert" className="lifecycle-alert" data-testid="renewal-deadline-passed">
          {t.homologation.deadlinePassed(standing.renewalDeadline, standing.lastDay)}
        </p>
      )}
      {kind === 'expired' && (
        <p role="alert" className="lifecycle-alert" data-testid="expiry-warning">
          {t.homologation.expired(standing.expires)}
        </p>
      )}
      {kind === 'expired' && entry.status === 'homologated' && !draftHandles(entry.version) && (
        <p>
          <button type="button" onClick={() => onExpireStored(entry.version)}>
            {t.homologation.expireStored(entry.version)}
          </button>
        </p>
      )}
      {standing.beforeDecree && <p className="help">{t.homologation.beforeDecree}</p>}
      {standing.transitional && <p className="help">{t.homologation.transitional(standing.transitional)}</p>}
    </div>
  );
}
