import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { UNIT_LABELS, regulationById, type FactorCode, type Referential } from '../../core/index.ts';
import { decisionTree, dossierData, situationsOf, type DossierData, type TreeNode } from '../../core/lifecycle/index.ts';
import { openStored, publicationOverview, versionHistory, type PublicationOverview, type StoredReferential, type VersionEntry } from '../../storage/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { formatDate, formatNumber } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frLifecycle } from '../i18n/fr-lifecycle.ts';
import { criterionLabel, factorLabel, regulationLabel, statusLabel } from '../labels.ts';
import { localDate } from '../lifecycle/browser.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { ConditionText } from './ConditionText.tsx';
import { entryText } from '../../present/publication-log.ts';
import { EstimatePanel } from '../review/EstimatePanel.tsx';
import './dossier.css';
import { ExcludedFactorsTable } from '../components/ExcludedFactorsTable.tsx';
import { CommentsAnnexRow } from './CommentsAnnex.tsx';
import { DataTable, numeric } from '../components/DataTable.tsx';
import { ProvenanceFacts } from '../components/ProvenanceFacts.tsx';
import { findingMessage } from '../../present/findings.ts';

const t = frLifecycle.dossier;
type HeadingRef = RefObject<HTMLHeadingElement | null>;

/**
 * The homologation dossier of one stored version, laid out for print: identity, regulation version,
 * reference working year, factors retained and the justification of those left out, prevention
 * measures, the checker's summary and the what-if against the latest regulation version, then one page
 * per job with its tasks, decision trees and situations (values and verdict). Every printed page
 * carries the content hash in a running header and footer (a table header and footer, which Chromium
 * repeats on every page).
 */
function Headcount({ r }: { r: Referential }) {
  // The last complete calendar year by default: the one a branch has staff figures for.
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  return (
    <section className="dossier-section dossier-estimate" aria-labelledby="dossier-headcount">
      <h2 id="dossier-headcount">{t.headcount}</h2>
      <p>{t.headcountMissing}</p>
      <p className="no-print">
        <label htmlFor="dossier-headcount-year">{t.headcountYear}</label>{' '}
        <input id="dossier-headcount-year" type="number" min={2015} max={2100} value={year} onChange={(e) => setYear(Number(e.currentTarget.value))} />
      </p>
      <EstimatePanel a={r} b={r} year={Number.isInteger(year) && year >= 2015 && year <= 2100 ? year : undefined} single embedded />
    </section>
  );
}

export function DossierScreen({ recordKey }: { recordKey: string }) {
  const db = useDb();
  const record = useLiveQuery(() => db.referentials.get(recordKey), [db, recordKey]);
  const stored = record.status === 'ready' ? record.value : undefined;
  const history = useLiveQuery(async () => (stored ? versionHistory(db, stored.id) : []), [db, stored?.id]);
  // The chain head printed on the dossier anchors the publication log outside the browser.
  const overview = useLiveQuery(() => publicationOverview(db), [db]);
  const head = overview.status === 'ready' ? overview.value.head : null;
  const loaded = useMemo(() => (stored ? openStored(stored) : null), [stored]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The title is the PDF's default file name.
    if (stored) document.title = `${t.link} — ${stored.title} — ${stored.version}`;
    heading.current?.focus();
  }, [stored]);

  const back = (
    <p className="no-print">
      <a href={hrefFor({ screen: 'referential', key: recordKey })}>{t.back}</a>
    </p>
  );
  if (record.status === 'loading') return <p role="status">{fr.app.loading}</p>;
  if (record.status === 'error' || !stored) {
    return (
      <>
        {back}
        <p role="alert">{t.notFound}</p>
      </>
    );
  }
  if (loaded && !loaded.ok) {
    return (
      <>
        {back}
        <div role="alert" className="error-box">
          <p>{t.unreadable}</p>
          <IssueTable issues={loaded.issues} caption={t.unreadable} />
        </div>
      </>
    );
  }
  if (!loaded) return null;
  // Not drawn before the publication log is read: a dossier printed without its log lines would be incomplete.
  if (history.status === 'loading' || overview.status === 'loading') return <p role="status">{fr.app.loading}</p>;
  const entry = history.status === 'ready' ? history.value.find((v) => v.key === stored.key) : undefined;
  return (
    <article className="dossier" data-testid="dossier" data-hash={stored.contentHash}>
      <div className="dossier-toolbar no-print">
        {back}
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.print}
        </button>
      </div>
      <Dossier stored={stored} r={loaded.value} entry={entry} head={head} headingRef={heading} />
    </article>
  );
}

type Head = PublicationOverview['head'];

function Dossier({ stored, r, entry, head, headingRef }: { stored: StoredReferential; r: Referential; entry: VersionEntry | undefined; head: Head; headingRef: HeadingRef }) {
  const data = useMemo(() => dossierData(r), [r]);
  const running = (
    <div className="dossier-running">
      <span>{t.running(r.identity.title, r.identity.version)}</span>
      <span className="dossier-hash">
        {t.hash} : <code>{stored.contentHash}</code>
      </span>
    </div>
  );
  return (
    <table className="dossier-pages" role="presentation">
      <thead>
        <tr>
          <td>{running}</td>
        </tr>
      </thead>
      <tfoot>
        <tr>
          <td>{running}</td>
        </tr>
      </tfoot>
      <tbody>
        <tr>
          <td>
            <Cover stored={stored} r={r} entry={entry} head={head} headingRef={headingRef} />
            <Factors r={r} />
            <ParticularlyExposed r={r} />
            <Measures r={r} data={data} />
            <Questions r={r} />
            <CheckSummary r={r} data={data} />
            <Headcount r={r} />
          </td>
        </tr>
        {r.jobs.map((job) => (
          <tr key={job.id} className="dossier-job-row">
            <td>
              <JobPage r={r} jobId={job.id} data={data} />
            </td>
          </tr>
        ))}
        <CommentsAnnexRow stored={stored} r={r} />
      </tbody>
    </table>
  );
}

function Cover({ stored, r, entry, head, headingRef }: { stored: StoredReferential; r: Referential; entry: VersionEntry | undefined; head: Head; headingRef: HeadingRef }) {
  const id = r.identity;
  // Since the content hash leaves out status and homologation, the filed and the homologated hashes agree.
  const submitted = entry?.publications.find((p) => p.to === 'submitted' && p.action === 'publish');
  const logged = entry?.publications.at(-1);
  return (
    <section className="dossier-cover" aria-labelledby="dossier-title">
      <p className="dossier-kicker">{t.title}</p>
      <h1 id="dossier-title" ref={headingRef} tabIndex={-1}>
        {id.title}
      </h1>
      <p className="dossier-subtitle">{t.subtitle}</p>
      <h2>{t.identity}</h2>
      <dl className="facts">
        <dt>{fr.detail.branch}</dt>
        <dd>{id.branch}</dd>
        {id.idcc && (
          <>
            <dt>{fr.detail.idcc}</dt>
            <dd>{id.idcc}</dd>
          </>
        )}
        <dt>{fr.detail.id}</dt>
        <dd>
          <code>{r.id}</code>
        </dd>
        <dt>{fr.detail.version}</dt>
        <dd>{id.version}</dd>
        <dt>{fr.detail.status}</dt>
        <dd>{statusLabel(stored.status)}</dd>
        <ProvenanceFacts identity={id} />
        <dt>{t.regulation}</dt>
        <dd>{regulationLabel(r.regulation)}</dd>
        <dt>{t.workingYear}</dt>
        <dd>{fr.detail.workingYearText(formatNumber(r.workingYear.annualHours), formatNumber(r.workingYear.workingDays))}</dd>
        <dt>{t.hash}</dt>
        <dd>
          <code className="hash-full">{stored.contentHash}</code>
        </dd>
        {submitted?.contentHash && (
          <>
            <dt>{t.submittedHash}</dt>
            <dd>
              <code className="hash-full">{submitted.contentHash}</code>
              {submitted.contentHash === stored.contentHash && stored.status !== 'submitted' && <span data-testid="same-hash"> {t.sameHash}</span>}
            </dd>
          </>
        )}
        {logged && (
          <>
            <dt>{t.logEntry}</dt>
            <dd>
              {frLifecycle.versions.entryText(logged.seq, entryText(logged))}
              <br />
              <code className="hash-full">{logged.hash}</code>
            </dd>
          </>
        )}
        {head && (
          <>
            <dt>{t.logHead}</dt>
            <dd data-testid="log-head" data-hash={head.hash}>
              {t.logHeadText(head.seq + 1)}
              <br />
              <code className="hash-full">{head.hash}</code>
            </dd>
          </>
        )}
      </dl>
      <p className="help">{t.generated(formatDate(localDate()))}</p>
    </section>
  );
}

function Factors({ r }: { r: Referential }) {
  return (
    <section className="dossier-section" aria-labelledby="dossier-factors">
      <h2 id="dossier-factors">{t.factors}</h2>
      <h3>{t.retained}</h3>
      {r.factors.retained.length === 0 ? (
        <p>{fr.detail.noneRetained}</p>
      ) : (
        <ul>
          {r.factors.retained.map((f) => (
            <li key={f}>{factorLabel(r.regulation, f)}</li>
          ))}
        </ul>
      )}
      <h3>{t.excluded}</h3>
      {r.factors.excluded.length === 0 ? (
        <p>—</p>
      ) : (
        <ExcludedFactorsTable r={r} />
      )}
    </section>
  );
}

/** The branch's list of jobs and activities particularly exposed to the ergonomic factors (L4163-2-1). */
function ParticularlyExposed({ r }: { r: Referential }) {
  const list = r.particularlyExposed;
  const jobs = new Map(r.jobs.map((j) => [j.id, j]));
  return (
    <section className="dossier-section" aria-labelledby="dossier-listed" data-testid="dossier-listed">
      <h2 id="dossier-listed">{t.listed}</h2>
      <p className="help">{t.listedHelp}</p>
      {!list || list.entries.length === 0 ? (
        <p>{t.listedNone}</p>
      ) : (
        <>
          {list.agreement && <p>{t.listedAgreement(list.agreement)}</p>}
          <DataTable caption={t.listedCaption} columns={[t.listedJob, t.listedActivities, t.listedFactors]}>
            {list.entries.map((e, i) => {
              const job = jobs.get(e.job);
              return (
                <tr key={i} data-job={e.job}>
                  <th scope="row">{job?.label ?? e.job}</th>
                  <td>{e.tasks ? e.tasks.map((id) => job?.tasks.find((task) => task.id === id)?.label ?? id).join(', ') : t.listedWholeJob}</td>
                  <td>
                    {e.factors.map((f) => factorLabel(r.regulation, f)).join(', ')}
                    {e.note ? ` — ${e.note}` : ''}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </>
      )}
    </section>
  );
}

function Measures({ r, data }: { r: Referential; data: DossierData }) {
  return (
    <section className="dossier-section" aria-labelledby="dossier-measures">
      <h2 id="dossier-measures">{t.measures}</h2>
      {r.measures.length === 0 ? (
        <p>{fr.form.noMeasures}</p>
      ) : (
        <DataTable columns={[t.measures, t.measureUsed]}>
          {r.measures.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.label} <span className="tag">{t.measureKind[m.kind]}</span>
                {m.description && <span className="sub">{m.description}</span>}
              </th>
              <td>{data.measureUse.get(m.id)?.join(', ') ?? t.notUsed}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Questions({ r }: { r: Referential }) {
  if (r.questions.length === 0) return null;
  return (
    <section className="dossier-section" aria-labelledby="dossier-questions">
      <h2 id="dossier-questions">{t.questions}</h2>
      <ul>
        {r.questions.map((q) => (
          <li key={q.id}>
            {q.label} <span className="tag">{t.scope[q.scope]}</span>
            {q.type === 'choice' && <span className="sub">{q.choices.map((c) => c.label).join(' ; ')}</span>}
            {q.type === 'number' && <span className="sub">{q.unit}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CheckSummary({ r, data }: { r: Referential; data: DossierData }) {
  const { counts, findings, whatIf } = data.check;
  const listed = findings.filter((f) => !f.code.startsWith('whatif.'));
  const passed = data.scenarios.filter((s) => s.passed).length;
  const latest = regulationById(data.whatIfAgainst ?? r.regulation);
  return (
    <section className="dossier-section" aria-labelledby="dossier-check">
      <h2 id="dossier-check">{t.check}</h2>
      <p data-testid="dossier-check-counts">{t.checkCounts(counts.error, counts.warning, counts.info)}</p>
      {counts.error === 0 && <p>{t.checkClean}</p>}
      {listed.length > 0 && (
        <ul className="dossier-findings">
          {listed.map((f, i) => (
            <li key={i} data-severity={f.severity}>
              <strong>{t.severity[f.severity]}</strong> — {findingMessage(f)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t.scenarios}</h3>
      {data.scenarios.length === 0 ? (
        <p>{t.noScenario}</p>
      ) : (
        <>
          <p>{t.scenariosSummary(passed, data.scenarios.length)}</p>
          <ul>
            {data.scenarios.map((s) => (
              <li key={s.scenario}>
                {s.label} — {s.passed ? fr.scenarios.passed : fr.scenarios.failed}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.whatIfAgainst ? (
        <div data-testid="dossier-whatif">
          <h3>{t.whatIf(latest?.label ?? data.whatIfAgainst)}</h3>
          {whatIf && whatIf.flips.length === 0 && whatIf.factorChanges.length === 0 && <p>{t.whatIfNone}</p>}
          {whatIf && whatIf.flips.length > 0 && (
            <DataTable columns={[t.situations, t.factor, regulationLabel(whatIf.from), regulationLabel(whatIf.to)]}>
              {whatIf.flips.map((f) => (
                <tr key={`${f.situation}/${f.factor}`}>
                  <th scope="row">{f.situationLabel}</th>
                  <td>{f.factorLabel}</td>
                  <td>
                    {fr.verdict[f.from.verdict]} ({formatNumber(f.from.value)}
                    {f.from.threshold !== null ? ` / ${formatNumber(f.from.threshold)}` : ''})
                  </td>
                  <td>
                    {fr.verdict[f.to.verdict]} ({formatNumber(f.to.value)}
                    {f.to.threshold !== null ? ` / ${formatNumber(f.to.threshold)}` : ''})
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {whatIf && whatIf.factorChanges.length > 0 && (
            <ul>
              {findings
                .filter((f) => f.code === 'whatif.factor_status')
                .map((f, i) => (
                  <li key={i}>{findingMessage(f)}</li>
                ))}
            </ul>
          )}
        </div>
      ) : (
        <p data-testid="dossier-whatif">{t.whatIfLatest(regulationLabel(r.regulation))}</p>
      )}
    </section>
  );
}

function JobPage({ r, jobId, data }: { r: Referential; jobId: string; data: DossierData }) {
  const job = r.jobs.find((j) => j.id === jobId)!;
  return (
    <section className="dossier-job" aria-labelledby={`job-${job.id}`} data-job={job.id}>
      <h2 id={`job-${job.id}`}>{t.job(job.label)}</h2>
      {job.description && <p>{job.description}</p>}
      <DataTable className="dossier-tasks" caption={t.tasks} columns={[t.task, numeric(t.share)]}>
        {job.tasks.map((task) => (
          <tr key={task.id}>
            <th scope="row">{task.label}</th>
            <td className="num">{formatNumber(task.defaultShare)} %</td>
          </tr>
        ))}
      </DataTable>
      {job.tasks.map((task) => {
        const tree = decisionTree(r, task.entry);
        return (
          <div key={task.id} className="dossier-task">
            <h3>
              {t.task} : {task.label}
            </h3>
            {task.description && <p>{task.description}</p>}
            {tree.kind !== 'situation' && (
              <>
                <h4>{t.tree}</h4>
                <ul className="tree">
                  <Tree node={tree} />
                </ul>
              </>
            )}
            <h4>{t.situations}</h4>
            <SituationTable r={r} situations={situationsOf(tree)} data={data} caption={t.situationsCaption(task.label)} />
          </div>
        );
      })}
    </section>
  );
}

function Tree({ node }: { node: TreeNode }) {
  switch (node.kind) {
    case 'situation':
      return <li>{t.situationLeaf(node.situation.label)}</li>;
    case 'missing':
      return <li className="error-text">{t.missing(node.id)}</li>;
    case 'cycle':
      return <li className="error-text">{t.cycle(node.id)}</li>;
    case 'question':
      return (
        <li>
          <strong>{node.label ?? node.question?.label ?? node.id}</strong>
          <ul>
            {node.branches.map((b, i) => (
              <li key={i}>
                <span className="tree-when">
                  <ConditionText when={b.when} question={node.question} /> →
                </span>
                <ul>
                  <Tree node={b.child} />
                </ul>
              </li>
            ))}
          </ul>
        </li>
      );
    case 'measure':
      return (
        <li>
          <strong>{t.measureNode(node.label ?? node.measure?.label ?? node.id)}</strong>
          <ul>
            <li>
              <span className="tree-when">{t.applied} →</span>
              <ul>
                <Tree node={node.applied} />
              </ul>
            </li>
            <li>
              <span className="tree-when">{t.notApplied} →</span>
              <ul>
                <Tree node={node.notApplied} />
              </ul>
            </li>
          </ul>
        </li>
      );
  }
}

function SituationTable({ r, situations, data, caption }: { r: Referential; situations: Referential['situations']; data: DossierData; caption: string }) {
  return (
    <DataTable className="dossier-situations" caption={caption} captionHidden columns={[t.situations, t.factor, t.criterion, t.intensity, t.duration, t.stated, t.computed]} rowGroups>
      {situations.map((s) => (
        // One body per situation: a page break never splits a situation's rows.
        <tbody key={s.id} data-situation={s.id}>
          {s.exposures.length === 0 ? (
            <tr>
              <th scope="row">{s.label}</th>
              <td colSpan={6}>{t.noExposure}</td>
            </tr>
          ) : (
            s.exposures.map((e, i) => {
              const verdict = data.verdicts.get(s.id)?.get(e.factor as FactorCode);
              return (
                <tr key={i}>
                  {i === 0 && (
                    <th scope="row" rowSpan={s.exposures.length}>
                      {s.label}
                      {s.description && <span className="sub">{s.description}</span>}
                    </th>
                  )}
                  <td>{factorLabel(r.regulation, e.factor)}</td>
                  <td>{criterionLabel(r.regulation, e.factor, e.criterion)}</td>
                  <td>{e.intensity.map((m) => `${formatNumber(m.value)} ${m.unit}`).join(', ') || '—'}</td>
                  <td>{e.duration ? `${formatNumber(e.duration.value)} ${UNIT_LABELS[e.duration.unit]}` : t.grid}</td>
                  <td>
                    <span className={`badge verdict-${e.conclusion}`}>{fr.verdict[e.conclusion]}</span>
                  </td>
                  <td>
                    {verdict ? (
                      <>
                        <span className={`badge verdict-${verdict.verdict}`} data-verdict={verdict.verdict}>
                          {fr.verdict[verdict.verdict]}
                        </span>
                        {verdict.threshold !== null && verdict.unit && (
                          <span className="sub">{t.versus(`${formatNumber(verdict.value)} ${UNIT_LABELS[verdict.unit as keyof typeof UNIT_LABELS] ?? verdict.unit}`, formatNumber(verdict.threshold))}</span>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      ))}
    </DataTable>
  );
}
