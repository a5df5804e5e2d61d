import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { LoadIssue } from '../../core/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { formatTimestamp } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { loadCompanyFileText } from './companyFile.ts';
import { readJsonFile } from '../jsonFile.ts';
import { createCompany, importCompany, listCompanies } from './storage.ts';
import './company.css';
import { DataTable, numeric } from '../components/DataTable.tsx';
import { takeChosenFile } from '../files.ts';

const t = frCompany.list;

/** `#/entreprises`: the companies of this browser, a new one, or a company file imported. */
export function CompaniesScreen() {
  const db = useDb();
  const companies = useLiveQuery(() => listCompanies(db), [db]);

  useEffect(() => {
    document.title = `${t.heading} — ${fr.app.name}`;
  }, []);

  return (
    <div className="company-area">
      <h1 tabIndex={-1}>
        {t.heading}
      </h1>
      <p className="help">{t.intro}</p>
      {companies.status === 'loading' && <p role="status">{fr.app.loading}</p>}
      {companies.status === 'ready' &&
        (companies.value.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <DataTable className="companies" scroll caption={t.caption} columns={[t.name, t.siret, numeric(t.year), t.updated]}>
            {companies.value.map((c) => (
              <tr key={c.id} data-company={c.id}>
                <th scope="row">
                  <a href={hrefFor({ screen: 'company', id: c.id })}>{c.profile.name}</a>
                </th>
                <td>{c.profile.siret ?? '—'}</td>
                <td className="num">{c.year}</td>
                <td>{formatTimestamp(c.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        ))}
      <div className="company-columns">
        <NewCompany />
        <ImportCompany />
      </div>
    </div>
  );
}

function NewCompany() {
  const db = useDb();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t.nameMissing);
      return;
    }
    // The year being classified: the one just ended until June, the current one after.
    const now = new Date();
    const year = now.getMonth() < 6 ? now.getFullYear() - 1 : now.getFullYear();
    const record = await createCompany(db, name.trim(), year);
    window.location.hash = hrefFor({ screen: 'company', id: record.id });
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.createHeading}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={error ? 'field field-error' : 'field'}>
          <label htmlFor={`${id}-name`}>{t.createName}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            autoComplete="organization"
            onChange={(e) => {
              setName(e.target.value);
              setError('');
            }}
            {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
          />
          {error && (
            <p id={`${id}-error`} className="error-text">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="primary">
          {t.create}
        </button>
      </form>
    </section>
  );
}

type ImportState = { status: 'idle' } | { status: 'invalid'; file: string; issues: LoadIssue[] } | { status: 'failed'; file: string } | { status: 'done'; name: string; id: string };

function ImportCompany() {
  const db = useDb();
  const id = useId();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    try {
      const text = await readJsonFile(file);
      const loaded = text.ok ? loadCompanyFileText(text.value) : text;
      if (!loaded.ok) {
        setState({ status: 'invalid', file: file.name, issues: loaded.issues });
        return;
      }
      const companyId = await importCompany(db, loaded.value);
      setState({ status: 'done', name: loaded.value.company.profile.name, id: companyId });
    } catch {
      setState({ status: 'failed', file: file.name });
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.importHeading}</h2>
      <p id={`${id}-help`} className="help">
        {t.importHelp}
      </p>
      <label htmlFor={`${id}-file`}>{t.importLabel}</label>{' '}
      <input id={`${id}-file`} type="file" accept=".json,application/json" aria-describedby={`${id}-help`} onChange={(e) => void onChange(e)} />
      <div aria-live="polite">
        {state.status === 'invalid' && (
          <div role="alert" className="error-box" data-testid="company-import-errors">
            <p className="error-text">{t.importInvalid(state.file, state.issues.length)}</p>
            <IssueTable issues={state.issues} caption={t.issuesCaption} />
          </div>
        )}
        {state.status === 'failed' && (
          <p role="alert" className="error-text">
            {t.unreadable(state.file)}
          </p>
        )}
        {state.status === 'done' && (
          <p role="status" className="success-text">
            {t.imported(state.name)} <a href={hrefFor({ screen: 'company', id: state.id })}>{state.name}</a>
          </p>
        )}
      </div>
    </section>
  );
}
