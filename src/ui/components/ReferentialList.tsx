import { useEffect, useRef } from 'react';
import { listReferentials } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { fr } from '../i18n/fr.ts';
import { regulationLabel, sourceLabel, statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { HashBadge } from './HashBadge.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { NewReferential } from '../editor/NewReferential.tsx';
import { DataTable } from './DataTable.tsx';

export function ReferentialList({ focusHeading = false }: { focusHeading?: boolean }) {
  const db = useDb();
  const list = useLiveQuery(() => listReferentials(db), [db]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${fr.list.heading} — ${fr.app.name}`;
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {fr.list.heading}
      </h1>
      {list.status === 'loading' && <p role="status">{fr.app.loading}</p>}
      {list.status === 'error' && (
        <p role="alert" className="error-text">
          {fr.app.startFailed}
          {String(list.error)}
        </p>
      )}
      {list.status === 'ready' &&
        (list.value.length === 0 ? (
          <p>{fr.list.empty}</p>
        ) : (
          <DataTable
            className="referentials"
            scroll
            caption={fr.list.caption}
            columns={[fr.list.title, fr.list.branch, fr.list.version, fr.list.status, fr.list.regulation, fr.list.hash, fr.list.source]}
          >
            {list.value.map((r) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row">
                  <a href={hrefFor({ screen: 'referential', key: r.key })}>{r.title}</a>
                </th>
                <td>{r.branch}</td>
                <td>{r.version}</td>
                <td>
                  {statusLabel(r.status)}
                  {r.quarantine && (
                    <>
                      {' '}
                      <strong className="integrity-warning" data-testid="integrity">{fr.list.integrity}</strong>
                    </>
                  )}
                </td>
                <td>{regulationLabel(r.regulation)}</td>
                <td>
                  <HashBadge hash={r.contentHash} />
                </td>
                <td>{sourceLabel(r.source)}</td>
              </tr>
            ))}
          </DataTable>
        ))}
      <NewReferential />
      <ImportPanel />
    </>
  );
}
