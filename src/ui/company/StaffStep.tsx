import { useCallback, useDeferredValue, useId, useMemo, useState, type ChangeEvent } from 'react';
import type { Employee, Referential } from '../../core/index.ts';
import { COLUMN_LABELS, STAFF_COLUMNS } from '../../io/staff-columns.ts';
import { formatStaffCsv, type CsvIssue } from '../../io/staff-csv.ts';
import { formatDate, formatNumber } from '../../present/fr.ts';
import { useDb } from '../context.ts';
import { frCompany } from '../i18n/fr-company.ts';
import type { StepProps } from './stepProps.ts';
import { downloadText } from './download.ts';
import { EmployeeEditor } from './EmployeeEditor.tsx';
import { safeFileName } from './exports.ts';
import { Pager } from './Pager.tsx';
import { isoNow, previousStaff } from './storage.ts';
import { DataTable, numeric } from '../components/DataTable.tsx';
import { ColumnMappingForm, needsMapping } from '../components/ColumnMappingForm.tsx';
import { takeChosenFile } from '../files.ts';

const t = frCompany.staff;
/** Employees per page of the staff table: a page is laid out in the task that draws it. */
const PAGE = 25;
const ISSUES_PAGE = 100;

/** The staff of the year: a CSV file imported whole (or refused whole), or edited line by line. */
export function StaffStep({ snapshot, actor, workspace }: StepProps) {
  const db = useDb();
  const id = useId();
  const context = snapshot.context;
  const r = context.referential!.referential;
  const csv = context.csv;
  const importing = snapshot.matches({ staff: 'importing' });
  const [editing, setEditing] = useState<{ employee: Employee | null } | null>(null);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    // The file itself, not its text: read as bytes where it is parsed (in the worker, not on the page),
    // its encoding detected (and said), a workbook read as one.
    actor.send({ type: 'CSV.IMPORT', file: file.name, blob: file, at: isoNow() });
  };

  const copyPrevious = async () => {
    const employees = await previousStaff(db, context.companyId, context.year);
    if (employees.length > 0) actor.send({ type: 'STAFF.REPLACE', employees, source: { file: `${frCompany.staff.heading} ${context.year - 1}`, importedAt: isoNow() } });
  };

  // A deferred copy: a new staff of 100 000 is drawn in a transition, in slices.
  const staff = useDeferredValue(context.employees);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f === '' ? staff : staff.filter((e) => e.id.toLowerCase().includes(f));
  }, [staff, filter]);
  const pageRows = useMemo(() => shown.slice(page * PAGE, (page + 1) * PAGE), [shown, page]);
  // Built only while an employee is edited: a set of 100 000 ids is not free.
  const takenIds = useMemo(() => (editing ? new Set(context.employees.map((e) => e.id).filter((x) => x !== editing.employee?.id)) : new Set<string>()), [context.employees, editing]);
  const jobLabel = useCallback((job: string) => r.jobs.find((j) => j.id === job)?.label ?? job, [r]);
  // The table is kept while a file is read: the progress of a 100 000-line import redraws only the bar.
  const table = useMemo(
    () => (
            <DataTable className="staff" scroll caption={t.caption} columns={[t.id, numeric(t.hours), t.contract, t.birth, t.mission, t.answers, t.actions]}>
              {pageRows.map((e) => (
                <tr key={e.id} data-employee={e.id}>
                  <th scope="row">{e.id}</th>
                  <td className="num">{formatNumber(e.annualHours)}</td>
                  <td>{contractText(e)}</td>
                  <td>{e.birth ?? '—'}</td>
                  <td>
                    {e.jobs.map((j) => `${jobLabel(j.job)} ${formatNumber(j.share)} %`).join(', ')}
                    {e.jobs.some((j) => j.tasks) && <span className="tag">{t.customTasks}</span>}
                  </td>
                  <td>{answersText(r, e)}</td>
                  <td className="actions">
                    <button type="button" className="small" aria-label={t.edit(e.id)} disabled={importing} onClick={() => setEditing({ employee: e })}>
                      {t.editShort}
                    </button>{' '}
                    <button type="button" className="small" aria-label={t.remove(e.id)} disabled={importing} onClick={() => actor.send({ type: 'STAFF.REMOVE', id: e.id })}>
                      {t.removeShort}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
    ),
    // The handlers depend on these only.
    [pageRows, importing, r, actor, jobLabel],
  );

  return (
    <div className="staff-step">
      <p className="help">{t.intro(context.year)}</p>

      <section className="import-staff" aria-labelledby={`${id}-import`}>
        <h3 id={`${id}-import`}>{t.importHeading}</h3>
        <p id={`${id}-help`} className="help">
          {t.fileHelp}
        </p>
        <label htmlFor={`${id}-file`}>{t.fileLabel}</label>{' '}
         <input id={`${id}-file`} type="file" accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${id}-help`} disabled={importing} onChange={onFile} data-testid="staff-file" />
        <div aria-live="polite" className="import-status">
          {csv.status === 'parsing' && (
            <div role="status" data-testid="csv-progress">
              <p>{t.reading(csv.file)}</p>
              <progress aria-label={t.progressLabel} max={csv.total || 1} value={csv.done} />{' '}
              {csv.total > 0 && <span>{t.progressText(csv.done, csv.total)}</span>}{' '}
              <button type="button" className="small" onClick={() => actor.send({ type: 'CSV.CANCEL' })}>
                {t.cancel}
              </button>
            </div>
          )}
          {csv.status === 'accepted' && (
            <p role="status" className="success-text" data-testid="csv-accepted">
              {t.accepted(csv.file, csv.count)}
              {csv.source && <span className="sub" data-testid="csv-source"> {t.source(csv.source)}</span>}
            </p>
          )}
          {csv.status === 'failed' && (
            <p role="alert" className="error-text">
              {t.failed(csv.file, csv.message)}
            </p>
          )}
        </div>
        {csv.status === 'rejected' && csv.headers && needsMapping(csv.headers, csv.issues) && (
          <ColumnMappingForm headers={csv.headers} referential={r} onApply={(mapping) => actor.send({ type: 'CSV.REMAP', mapping })} />
        )}
        {csv.status === 'rejected' && <CsvIssues file={csv.file} issues={csv.issues} source={csv.source} />}
        <ColumnsHelp referential={r} />
      </section>

      <section aria-labelledby={`${id}-table`}>
        <h3 id={`${id}-table`}>{t.tableHeading(context.employees.length)}</h3>
        {context.employees.length === 0 && workspace.previousStaffCount > 0 && (
          <p>
            <button type="button" onClick={() => void copyPrevious()}>
              {t.copyPrevious(context.year - 1, workspace.previousStaffCount)}
            </button>
          </p>
        )}
        <div className="toolbar">
          <button type="button" onClick={() => setEditing({ employee: null })} disabled={importing}>
            {t.add}
          </button>
          {context.employees.length > 0 && (
            <>
              <div className="field inline">
                <label htmlFor={`${id}-filter`}>{t.filter}</label>{' '}
                <input
                  id={`${id}-filter`}
                  type="search"
                  value={filter}
                  onChange={(e) => {
                    setFilter(e.target.value);
                    setPage(0);
                  }}
                />
              </div>
              <button type="button" onClick={() => downloadText(`personnel-${safeFileName(context.profile.name)}-${context.year}.csv`, formatStaffCsv(context.employees, r, { delimiter: ';', bom: true }), 'text/csv;charset=utf-8')}>
                {t.download}
              </button>
            </>
          )}
        </div>
        {editing && (
          <EmployeeEditor
            key={editing.employee?.id ?? '+'}
            referential={r}
            employee={editing.employee}
            takenIds={takenIds}
            onCancel={() => setEditing(null)}
            onSave={(employee, replaces) => {
              actor.send({ type: 'STAFF.PUT', employee, ...(replaces !== undefined ? { replaces } : {}) });
              setEditing(null);
            }}
          />
        )}
        {context.employees.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <>
            {table}
            <Pager page={page} pageSize={PAGE} total={shown.length} onPage={setPage} label={t.caption} />
          </>
        )}
      </section>

      <div className="step-nav">
        <button type="button" onClick={() => actor.send({ type: 'BACK' })}>
          {frCompany.workspace.previous}
        </button>
        <button type="button" className="primary" disabled={!snapshot.can({ type: 'EVALUATE' })} onClick={() => actor.send({ type: 'EVALUATE' })} aria-describedby={`${id}-evaluate-help`} data-testid="evaluate-staff">
          {t.evaluate}
        </button>
        <span id={`${id}-evaluate-help`} className="help">
          {t.evaluateHelp}
        </span>
      </div>
    </div>
  );
}

function contractText(e: Employee): string {
  const parts = [e.contract.start ? t.contractFrom(formatDate(e.contract.start)) : '', e.contract.end ? t.contractTo(formatDate(e.contract.end)) : ''].filter(Boolean);
  const period = parts.length > 0 ? parts.join(' ') : t.wholeYear;
  return e.contract.reference ? `${e.contract.reference}, ${period}` : period;
}

function answersText(r: Referential, e: Employee): string {
  const entries = Object.entries(e.answers ?? {});
  if (entries.length === 0) return '—';
  return entries
    .map(([k, v]) => {
      const q = r.questions.find((x) => x.id === k);
      const value = typeof v === 'boolean' ? (v ? frCompany.answers.yes : frCompany.answers.no) : q?.type === 'choice' ? (q.choices.find((c) => c.id === v)?.label ?? String(v)) : String(v);
      return `${q?.label ?? k} : ${value}`;
    })
    .join(' ; ');
}

/** Every problem of a refused file, by line and column, a page at a time. */
function CsvIssues({ file, issues, source }: { file: string; issues: readonly CsvIssue[]; source?: string | undefined }) {
  const [page, setPage] = useState(0);
  const rows = issues.slice(page * ISSUES_PAGE, (page + 1) * ISSUES_PAGE);
  return (
    <div role="alert" className="error-box" data-testid="csv-errors">
      <p className="error-text">{t.rejected(file, issues.length)}</p>
      {source && <p className="help">{t.source(source)}</p>}
      <DataTable className="issues" scroll caption={t.issuesCaption} columns={[numeric(t.row), t.column, t.message]}>
        {rows.map((i, k) => (
          <tr key={`${page}-${k}`} data-row={i.row} data-column={i.column}>
            <td className="num">{i.row}</td>
            <td>{i.column ? <code>{i.column}</code> : t.wholeLine}</td>
            <td>{i.message}</td>
          </tr>
        ))}
      </DataTable>
      <Pager page={page} pageSize={ISSUES_PAGE} total={issues.length} onPage={setPage} label={t.issuesCaption} />
    </div>
  );
}

/** The accepted columns, in French, where the file is chosen. */
function ColumnsHelp({ referential }: { referential: Referential }) {
  const questions = referential.questions.filter((q) => q.scope === 'employee');
  return (
    <details className="columns-help">
      <summary>{t.columnsSummary}</summary>
      <DataTable className="issues" caption={t.columnsCaption} columns={[t.columnName, t.columnOther, t.columnContent]}>
        {STAFF_COLUMNS.map((c) => (
          <tr key={c}>
            <th scope="row">{COLUMN_LABELS[c]}</th>
            <td>
              <code>{c}</code>
            </td>
            <td>{t.columnDocs[c]}</td>
          </tr>
        ))}
        {questions.map((q) => (
          <tr key={q.id}>
            <th scope="row">{q.label}</th>
            <td>
              <code>q:{q.id}</code>
            </td>
            <td>{t.questionDoc(q.type)}</td>
          </tr>
        ))}
      </DataTable>
    </details>
  );
}
