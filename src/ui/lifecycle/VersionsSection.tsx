import { useId } from 'react';
import { versionHistory, type PublicationEntry } from '../../storage/index.ts';
import { entryText } from '../../present/publication-log.ts';
import { HashBadge } from '../components/HashBadge.tsx';
import { useDb } from '../context.ts';
import { formatDate } from '../format.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { LifecyclePanel } from './LifecyclePanel.tsx';
import './lifecycle.css';
import { DataTable } from '../components/DataTable.tsx';

/**
 * Every stored version of a referential, newest first, with its status, content hash, homologation,
 * publication events and a link to its homologation dossier; then, folded, the working draft's
 * lifecycle panel.
 */
export function VersionsSection({ referentialId, currentKey, title }: { referentialId: string; currentKey: string; title: string }) {
  const db = useDb();
  const headingId = useId();
  const history = useLiveQuery(() => versionHistory(db, referentialId), [db, referentialId]);
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="versions">
      <h2 id={headingId}>{t.versions.heading}</h2>
      {history.status === 'ready' && history.value.length === 0 && <p>{t.versions.none}</p>}
      {history.status === 'ready' && history.value.length > 0 && (
        <DataTable
          className="versions"
          scroll
          caption={t.versions.caption(title)}
          captionHidden
          columns={[t.versions.version, t.versions.status, t.versions.hash, t.versions.homologation, t.versions.events, t.versions.dossier]}
        >
          {history.value.map((v) => (
            <tr key={v.key} data-key={v.key} className={v.key === currentKey ? 'current' : undefined}>
              <th scope="row">
                {v.key === currentKey ? (
                  <>
                    {v.version} <span className="help">{t.versions.current}</span>
                  </>
                ) : (
                  <a href={hrefFor({ screen: 'referential', key: v.key })}>{v.version}</a>
                )}
              </th>
              <td>
                {statusLabel(v.status)}
                {v.quarantine && (
                  <>
                    {' '}
                    <strong className="integrity-warning" data-testid="integrity">{t.versions.integrity}</strong>
                  </>
                )}
              </td>
              <td>
                <HashBadge hash={v.contentHash} />
              </td>
              <td>{v.homologation ? `${t.homologation.arreteText(v.homologation.arreteDate, v.homologation.arreteReference)} ; ${t.homologation.expires.toLowerCase()} : ${formatDate(v.homologation.expires)}` : '—'}</td>
              <td>
                <Events events={v.publications} />
              </td>
              <td>
                <a href={hrefFor({ screen: 'dossier', key: v.key })} aria-label={t.versions.dossierLink(v.version)}>
                  {t.dossier.link}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <details className="lifecycle-details">
        <summary>{t.versions.lifecycle}</summary>
        <LifecyclePanel referentialId={referentialId} headingLevel={3} />
      </details>
    </section>
  );
}

function Events({ events }: { events: readonly PublicationEntry[] }) {
  if (events.length === 0) return <>—</>;
  return (
    <ul>
      {events.map((e) => (
        <li key={e.seq}>
          {t.versions.entryText(e.seq, entryText(e))}{' '}
          (<code title={e.contentHash}>{e.contentHash.replace(/^sha256:/, '').slice(0, 12)}</code>)
        </li>
      ))}
    </ul>
  );
}
