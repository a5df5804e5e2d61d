import { useId } from 'react';
import { chainBreakText, versionName } from '../../present/publication-log.ts';
import { publicationOverview } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { fr } from '../i18n/fr.ts';
import { statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';

const t = fr.integrity;

/**
 * Shown on every screen while the publication log does not vouch for everything this browser holds
 * (found by the check at start, after a restore or a repair): the versions whose integrity is not
 * verified, each with a link to where it can be resolved, the breaks of the log, the versions gone.
 */
export function IntegrityBanner() {
  const db = useDb();
  const headingId = useId();
  const overview = useLiveQuery(() => publicationOverview(db), [db]);
  if (overview.status !== 'ready') return null;
  const { quarantined, breaks, missing } = overview.value;
  if (quarantined.length === 0 && breaks.length === 0 && missing.length === 0) return null;
  return (
    <section role="alert" className="error-box integrity-banner" aria-labelledby={headingId} data-testid="integrity-banner">
      {/* Not a heading: the banner sits above each screen's own h1. */}
      <p id={headingId}>
        <strong>{t.heading}</strong>
      </p>
      {quarantined.length > 0 && (
        <>
          <p>{t.intro(quarantined.length)}</p>
          <ul>
            {quarantined.map((q) => (
              <li key={q.key} data-key={q.key}>
                {versionName(q)} — {statusLabel(q.status)} — <a href={hrefFor({ screen: 'referential', key: q.key })}>{t.open}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {breaks.length > 0 && (
        <>
          <p>{t.chain}</p>
          <ul>
            {breaks.map((b, i) => (
              <li key={i}>{chainBreakText(b)}</li>
            ))}
          </ul>
        </>
      )}
      {missing.length > 0 && (
        <ul>
          {missing.map((e) => (
            <li key={e.key}>{t.missing(e.key)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
