import { useId, useState } from 'react';
import { useDb } from '../context.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { hrefFor } from '../route.ts';
import { companyFileText } from './companyFile.ts';
import { downloadText } from './download.ts';
import { safeFileName } from './exports.ts';
import { deleteCompanyData, exportCompany } from './storage.ts';

const t = frCompany.data;

/** The company's whole file, exported; and everything the app holds about it, deleted after confirmation. */
export function DataPanel({ companyId, name, flush }: { companyId: string; name: string; flush: () => Promise<void> }) {
  const db = useDb();
  const id = useId();
  const [confirming, setConfirming] = useState(false);

  const exportJson = async () => {
    await flush();
    const file = await exportCompany(db, companyId);
    if (file) downloadText(`entreprise-${safeFileName(name)}.json`, companyFileText(file), 'application/json');
  };
  const remove = async () => {
    // Writes still queued would bring records back after the deletion: let them land first.
    await flush();
    await deleteCompanyData(db, companyId);
    window.location.hash = hrefFor({ screen: 'companies' });
  };

  return (
    <section className="panel data-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.heading}</h2>
      <p className="help">{t.exportHelp}</p>
      <p>
        <button type="button" onClick={() => void exportJson()}>
          {t.exportJson}
        </button>
      </p>
      {!confirming ? (
        <p>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t.delete}
          </button>
        </p>
      ) : (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="error-box confirm-delete">
          <p id={`${id}-confirm`}>{t.confirmText(name)}</p>
          {/* An alert dialog takes the focus when it opens (WAI-ARIA alertdialog pattern). */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <button type="button" className="danger" onClick={() => void remove()} autoFocus>
            {t.confirm}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </div>
      )}
    </section>
  );
}
