import { useEffect, useState } from 'react';
import { useDb } from '../context.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { hrefFor } from '../route.ts';
import { CompanyWorkspace } from './CompanyWorkspace.tsx';
import { loadWorkspace, type Workspace } from './storage.ts';
import './company.css';

type LoadState = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; workspace: Workspace; serial: number } | { status: 'failed'; message: string };

/**
 * `#/entreprise/<id>`: one company's workspace for its current year. The records are read once here;
 * from then on the machine holds the data and every change is written back as it is made. Changing
 * the year reads the records of the other year.
 */
export function CompanyScreen({ companyId }: { companyId: string }) {
  const db = useDb();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    loadWorkspace(db, companyId).then(
      (workspace) => {
        if (live) setState((previous) => (workspace ? { status: 'ready', workspace, serial: previous.status === 'ready' ? previous.serial + 1 : 0 } : { status: 'missing' }));
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [db, companyId, generation]);

  const back = (
    <p>
      <a href={hrefFor({ screen: 'companies' })}>{frCompany.workspace.back}</a>
    </p>
  );
  switch (state.status) {
    case 'loading':
      return <p role="status">{frCompany.workspace.loading}</p>;
    case 'missing':
      return (
        <>
          {back}
          <p role="alert">{frCompany.workspace.notFound}</p>
        </>
      );
    case 'failed':
      return (
        <>
          {back}
          <p role="alert" className="error-text">
            {state.message}
          </p>
        </>
      );
    case 'ready':
      return (
        <div className="company-area">
          {back}
          <CompanyWorkspace key={state.serial} workspace={state.workspace} onReload={() => setGeneration((g) => g + 1)} />
        </div>
      );
  }
}
