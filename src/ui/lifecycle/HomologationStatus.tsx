import { homologationStanding } from '../../core/lifecycle/index.ts';
import type { VersionEntry } from '../../storage/index.ts';
import { formatDate } from '../format.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { SubHeading } from './heading.tsx';

/**
 * The homologation of the newest version that has one (homologated, or expired): the arrêté, the end of
 * its five years, the date by which the referential must have been re-evaluated, and a clear warning
 * when that date has come or the homologation has run out.
 */
export function HomologationStatus({
  history,
  today,
  draftHandles,
  onExpireStored,
}: {
  history: readonly VersionEntry[];
  today: string;
  /** The draft is this homologated version: its own "expire" step records the expiry. */
  draftHandles: (version: string) => boolean;
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
  const standing = homologationStanding(h.arreteDate, today);
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
          <time dateTime={standing.expires}>{formatDate(standing.expires)}</time>
        </dd>
        <dt>{t.homologation.reevaluation}</dt>
        <dd>
          <time dateTime={standing.reevaluationDue}>{formatDate(standing.reevaluationDue)}</time>
        </dd>
      </dl>
      {kind === 'valid' && <p className="success-text">{t.homologation.valid(standing.daysToReevaluation)}</p>}
      {kind === 'reevaluation_due' && (
        <p role="alert" className="lifecycle-warning" data-testid="reevaluation-warning">
          {t.homologation.due(standing.expires, standing.daysToExpiry)}
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
    </div>
  );
}
