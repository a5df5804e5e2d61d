import { useId, useState, type ChangeEvent } from 'react';
import { importReferentialText, type ImportOutcome } from '../../storage/index.ts';
import { shortHash, type LoadIssue } from '../../core/index.ts';
import { useDb } from '../context.ts';
import { fr } from '../i18n/fr.ts';
import { readJsonFile } from '../jsonFile.ts';
import { IssueTable } from './IssueTable.tsx';
import { takeChosenFile } from '../files.ts';

type ImportState =
  | { status: 'idle' }
  | { status: 'reading'; file: string }
  | { status: 'done'; file: string; outcome: ImportOutcome }
  | { status: 'failed'; file: string; message: string };

export function ImportPanel() {
  const db = useDb();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const inputId = useId();
  const helpId = useId();

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    setState({ status: 'reading', file: file.name });
    try {
      // Too large or not UTF-8: refused with the reason and the place, like any other invalid file.
      const text = await readJsonFile(file);
      const outcome: ImportOutcome = text.ok ? await importReferentialText(db, text.value) : { kind: 'invalid', issues: text.issues };
      setState({ status: 'done', file: file.name, outcome });
    } catch {
      setState({ status: 'failed', file: file.name, message: fr.import.unreadable(file.name) });
    }
  };

  return (
    <section className="panel" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>{fr.import.heading}</h2>
      <p id={helpId} className="help">
        {fr.import.help}
      </p>
      <label htmlFor={inputId}>{fr.import.label}</label>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        aria-describedby={helpId}
        onChange={(e) => void onChange(e)}
        data-testid="import-file"
      />
      <div aria-live="polite" className="import-result">
        {state.status === 'reading' && <p role="status">{fr.import.reading}</p>}
        {state.status === 'failed' && (
          <p role="alert" className="error-text">
            {state.message}
          </p>
        )}
        {state.status === 'done' && <Outcome file={state.file} outcome={state.outcome} />}
      </div>
    </section>
  );
}

function Outcome({ file, outcome }: { file: string; outcome: ImportOutcome }) {
  switch (outcome.kind) {
    case 'stored':
      return (
        <p role="status" className="success-text">
          {fr.import.stored(outcome.record.title, outcome.record.version)}
        </p>
      );
    case 'unchanged':
      return <p role="status">{fr.import.unchanged(outcome.record.title, outcome.record.version)}</p>;
    case 'conflict':
      return (
        <p role="alert" className="error-text">
          {fr.import.conflict(outcome.existing.key, shortHash(outcome.existing.contentHash), shortHash(outcome.contentHash))}
        </p>
      );
    case 'invalid':
      return <InvalidFile file={file} issues={outcome.issues} />;
  }
}

function InvalidFile({ file, issues }: { file: string; issues: LoadIssue[] }) {
  return (
    <div role="alert" className="error-box" data-testid="import-errors">
      <p className="error-text">
        {fr.import.invalid(file, issues.length)} {fr.import.notStored}
      </p>
      <IssueTable issues={issues} caption={fr.import.issuesCaption} />
    </div>
  );
}
