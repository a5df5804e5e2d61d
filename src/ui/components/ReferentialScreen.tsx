import { useEffect, useMemo, useRef } from 'react';
import { runScenarios, sharesComplete, type Referential } from '../../core/index.ts';
import { openStored, type StoredReferential } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { formatNumber, formatTimestamp } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel, regulationLabel, sourceLabel, statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { HashBadge } from './HashBadge.tsx';
import { IssueTable } from './IssueTable.tsx';
import { ScenarioResults } from './ScenarioResults.tsx';
import { VersionsSection } from '../lifecycle/VersionsSection.tsx';
import { frLifecycle } from '../i18n/fr-lifecycle.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { ExcludedFactorsTable } from './ExcludedFactorsTable.tsx';
import { QuarantinePanel } from '../integrity/QuarantinePanel.tsx';
import { DataTable, numeric } from './DataTable.tsx';
import { ProvenanceFacts } from './ProvenanceFacts.tsx';

export function ReferentialScreen({ recordKey }: { recordKey: string }) {
  const db = useDb();
  const record = useLiveQuery(() => db.referentials.get(recordKey), [db, recordKey]);
  const loaded = useMemo(() => (record.status === 'ready' && record.value ? openStored(record.value) : null), [record]);
  const heading = useRef<HTMLHeadingElement>(null);
  const title = record.status === 'ready' ? record.value?.title : undefined;

  useEffect(() => {
    if (title) document.title = `${title} — ${fr.app.name}`;
    heading.current?.focus();
  }, [title]);

  const back = (
    <p>
      <a href={hrefFor({ screen: 'list' })}>{fr.detail.back}</a>
    </p>
  );
  if (record.status === 'loading') return <p role="status">{fr.app.loading}</p>;
  if (record.status === 'error' || !record.value) {
    return (
      <>
        {back}
        <p role="alert">{fr.detail.notFound}</p>
      </>
    );
  }
  const stored = record.value;
  return (
    <>
      {back}
      <h1 ref={heading} tabIndex={-1}>
        {stored.title}
      </h1>
      <p>
        <a href={hrefFor({ screen: 'dossier', key: stored.key })}>{frLifecycle.dossier.link}</a>
      </p>
      <p>
        <a href={hrefFor({ screen: 'editor', id: stored.id })}>{frEditor.editLink}</a>
      </p>
      {loaded && !loaded.ok ? (
        <>
          <div role="alert" className="error-box">
            <p>{stored.quarantine ? fr.integrity.heading : fr.detail.unreadable}</p>
            <IssueTable issues={loaded.issues} caption={stored.quarantine ? fr.integrity.heading : fr.detail.unreadable} />
          </div>
          {stored.quarantine && <QuarantinePanel stored={stored} />}
        </>
      ) : (
        loaded && <ReferentialDetail stored={stored} referential={loaded.value} />
      )}
    </>
  );
}

function ReferentialDetail({ stored, referential: r }: { stored: StoredReferential; referential: Referential }) {
  const outcomes = useMemo(() => runScenarios(r), [r]);
  const id = r.identity;
  return (
    <>
      <section aria-labelledby="identity-heading" className="panel">
        <h2 id="identity-heading">{fr.detail.identity}</h2>
        <dl className="facts">
          <dt>{fr.detail.branch}</dt>
          <dd>{id.branch}</dd>
          <dt>{fr.detail.id}</dt>
          <dd>
            <code>{r.id}</code>
          </dd>
          <dt>{fr.detail.version}</dt>
          <dd>{id.version}</dd>
          <dt>{fr.detail.status}</dt>
          <dd>{statusLabel(id.status)}</dd>
          {id.idcc && (
            <>
              <dt>{fr.detail.idcc}</dt>
              <dd>{id.idcc}</dd>
            </>
          )}
          <ProvenanceFacts identity={id} />
          <dt>{fr.detail.regulation}</dt>
          <dd>{regulationLabel(r.regulation)}</dd>
          <dt>{fr.detail.hash}</dt>
          <dd>
            <HashBadge hash={stored.contentHash} full />
          </dd>
          <dt>{fr.detail.source}</dt>
          <dd>
            {sourceLabel(stored.source)} — {fr.detail.storedAt} {formatTimestamp(stored.storedAt)}
          </dd>
          <dt>{fr.detail.workingYear}</dt>
          <dd>{fr.detail.workingYearText(formatNumber(r.workingYear.annualHours), formatNumber(r.workingYear.workingDays))}</dd>
        </dl>
      </section>

      <section aria-labelledby="factors-heading" className="panel">
        <h2 id="factors-heading">{fr.detail.factors}</h2>
        <h3>{fr.detail.retained}</h3>
        {r.factors.retained.length === 0 ? (
          <p>{fr.detail.noneRetained}</p>
        ) : (
          <ul>
            {r.factors.retained.map((f) => (
              <li key={f}>{factorLabel(r.regulation, f)}</li>
            ))}
          </ul>
        )}
        {r.factors.excluded.length > 0 && (
          <>
            <h3>{fr.detail.excluded}</h3>
            <ExcludedFactorsTable r={r} />
          </>
        )}
      </section>

      <section aria-labelledby="jobs-heading" className="panel">
        <h2 id="jobs-heading">{fr.detail.jobs}</h2>
        {r.jobs.length === 0 && <p>{fr.detail.noJobs}</p>}
        {r.jobs.map((job) => {
          const total = job.tasks.reduce((n, t) => n + t.defaultShare, 0);
          return (
            <div key={job.id} className="job">
              <h3>{job.label}</h3>
              {job.description && <p>{job.description}</p>}
              <DataTable caption={fr.detail.jobCaption(job.label)} captionHidden columns={[fr.detail.task, numeric(fr.detail.defaultShare)]} rowGroups>
                <tbody>
                  {job.tasks.map((t) => (
                    <tr key={t.id}>
                      <th scope="row">
                        {t.label}
                        {t.description && <span className="help"> — {t.description}</span>}
                      </th>
                      <td className="num">{formatNumber(t.defaultShare)} %</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{fr.detail.sharesTotal}</th>
                    <td className="num">{formatNumber(total)} %</td>
                  </tr>
                </tfoot>
              </DataTable>
              {!sharesComplete(total) && <p className="warning-text">{fr.detail.sharesWarning}</p>}
            </div>
          );
        })}
      </section>

      <VersionsSection referentialId={r.id} currentKey={stored.key} title={stored.title} />

      <ScenarioResults referential={r} outcomes={outcomes} />
      <EvaluationPanel referential={r} />
    </>
  );
}
