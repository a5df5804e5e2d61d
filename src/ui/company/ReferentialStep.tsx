import { useId, useState, type ChangeEvent } from 'react';
import type { LoadIssue } from '../../core/index.ts';
import { importReferentialText, listReferentials, type ImportOutcome } from '../../storage/index.ts';
import { HashBadge } from '../components/HashBadge.tsx';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { formatDate } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { regulationLabel, statusLabel } from '../labels.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import type { StepProps } from './stepProps.ts';
import { readJsonFile } from '../jsonFile.ts';
import { loadStoredReferential, type LoadedReferential } from './storage.ts';
import { takeChosenFile } from '../files.ts';

const t = frCompany.referential;

type FileState = { status: 'idle' } | { status: 'reading'; file: string } | { status: 'invalid'; file: string; issues: LoadIssue[] } | { status: 'message'; text: string; error: boolean };

/** The referential applied: its identity, and another one chosen from the app or loaded from a file. */
export function ReferentialStep({ snapshot, actor }: StepProps) {
  const db = useDb();
  const id = useId();
  const stored = useLiveQuery(() => listReferentials(db), [db]);
  const current = snapshot.context.referential;
  const [choice, setChoice] = useState(current?.key ?? '');
  const [state, setState] = useState<FileState>({ status: 'idle' });

  const apply = (loaded: LoadedReferential | undefined) => {
    if (!loaded) {
      setState({ status: 'message', text: t.unloadable, error: true });
      return;
    }
    actor.send({ type: 'REFERENTIAL.SET', referential: { key: loaded.key, referential: loaded.referential, contentHash: loaded.contentHash } });
    setChoice(loaded.key);
    setState({ status: 'message', text: t.applied(loaded.referential.identity.title, loaded.referential.identity.version), error: false });
  };

  const applyStored = async () => {
    const record = await db.referentials.get(choice);
    apply(record ? loadStoredReferential(record) : undefined);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    setState({ status: 'reading', file: file.name });
    try {
      // Validated in full (size, UTF-8, schema, references, units, cycles, stated content hash) before anything is stored.
      const text = await readJsonFile(file);
      const outcome: ImportOutcome = text.ok ? await importReferentialText(db, text.value) : { kind: 'invalid', issues: text.issues };
      if (outcome.kind === 'invalid') setState({ status: 'invalid', file: file.name, issues: outcome.issues });
      else if (outcome.kind === 'conflict') setState({ status: 'message', text: t.conflict(outcome.existing.key), error: true });
      else apply(loadStoredReferential(outcome.record));
    } catch {
      setState({ status: 'message', text: t.unreadable(file.name), error: true });
    }
  };

  return (
    <div className="referential-step">
      <h3>{t.current}</h3>
      {current ? <Identity loaded={current} /> : <p>{t.none}</p>}

      <h3>{t.chooseStored}</h3>
      {current && <p className="help">{t.changeWarning}</p>}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-stored`}>{t.storedLabel}</label>
          <select id={`${id}-stored`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">—</option>
            {stored.status === 'ready' &&
              stored.value.map((r) => (
                // A version whose integrity is not verified cannot be applied: listed, not selectable.
                <option key={r.key} value={r.key} disabled={r.quarantine !== undefined}>
                  {r.title} — {r.version} — {statusLabel(r.status)}
                  {r.quarantine ? ` — ${fr.list.integrity}` : ''}
                </option>
              ))}
          </select>
        </div>
        <button type="button" disabled={choice === ''} onClick={() => void applyStored()}>
          {t.use}
        </button>
      </div>

      <h3>{t.fromFile}</h3>
      <p id={`${id}-help`} className="help">
        {t.fileHelp}
      </p>
      <label htmlFor={`${id}-file`}>{t.fileLabel}</label>{' '}
      <input id={`${id}-file`} type="file" accept=".json,application/json" aria-describedby={`${id}-help`} onChange={(e) => void onFile(e)} />
      <div aria-live="polite">
        {state.status === 'reading' && <p role="status">{fr.import.reading}</p>}
        {state.status === 'message' && (
          <p role={state.error ? 'alert' : 'status'} className={state.error ? 'error-text' : 'success-text'}>
            {state.text}
          </p>
        )}
        {state.status === 'invalid' && (
          <div role="alert" className="error-box" data-testid="referential-errors">
            <p className="error-text">{t.refused(state.file, state.issues.length)}</p>
            <IssueTable issues={state.issues} caption={t.issuesCaption} />
          </div>
        )}
      </div>
    </div>
  );
}

function Identity({ loaded }: { loaded: { key: string; referential: LoadedReferential['referential']; contentHash: string } }) {
  const r = loaded.referential;
  const homologated = r.identity.status === 'homologated';
  return (
    <div className="referential-identity" data-testid="referential-identity">
      {!homologated && (
        <p className="warning-box" role="note" data-testid="not-homologated">
          {t.notHomologated(statusLabel(r.identity.status))}
        </p>
      )}
      <dl className="facts">
        <dt>{t.title}</dt>
        <dd>{r.identity.title}</dd>
        <dt>{t.branch}</dt>
        <dd>{r.identity.branch}</dd>
        <dt>{t.id}</dt>
        <dd>
          <code>{loaded.key}</code>
        </dd>
        <dt>{t.status}</dt>
        <dd>
          <span className={homologated ? 'badge badge-ok' : 'badge badge-warn'}>{statusLabel(r.identity.status)}</span>
        </dd>
        {r.identity.homologation && (
          <>
            <dt>{t.homologation}</dt>
            <dd>{t.homologationText(formatDate(r.identity.homologation.arreteDate), r.identity.homologation.arreteReference)}</dd>
          </>
        )}
        <dt>{t.regulation}</dt>
        <dd>{regulationLabel(r.regulation)}</dd>
        <dt>{t.hash}</dt>
        <dd>
          <HashBadge hash={loaded.contentHash} full />
        </dd>
      </dl>
    </div>
  );
}
