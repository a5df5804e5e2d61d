import { useId, useState, type ChangeEvent } from 'react';
import { removeQuarantined, repairFromFile, type StoredReferential } from '../../storage/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { fr } from '../i18n/fr.ts';
import { readJsonFile } from '../jsonFile.ts';
import { takeChosenFile } from '../files.ts';

const t = fr.integrity.resolve;

type Message = { kind: 'ok' | 'error'; text: string; issues?: Parameters<typeof IssueTable>[0]['issues'] } | null;

/**
 * What the user can do about a version whose integrity is not verified: put it back from its original
 * file (accepted only with the content hash the log recorded) or delete it from this browser. Both are
 * signed and written to the publication log.
 */
export function QuarantinePanel({ stored }: { stored: StoredReferential }) {
  const db = useDb();
  const id = useId();
  const [author, setAuthor] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const signed = () => ({ at: new Date().toISOString(), author: author.trim() });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    const text = await readJsonFile(file);
    if (!text.ok) return setMessage({ kind: 'error', text: t.invalid, issues: text.issues });
    const outcome = await repairFromFile(db, stored.key, text.value, signed());
    switch (outcome.kind) {
      case 'repaired':
        return setMessage({ kind: 'ok', text: t.repaired });
      case 'invalid':
        return setMessage({ kind: 'error', text: t.invalid, issues: outcome.issues });
      case 'other_version':
        return setMessage({ kind: 'error', text: t.otherVersion(outcome.found, outcome.expected) });
      case 'hash_differs':
        return setMessage({ kind: 'error', text: t.hashDiffers(outcome.actual, outcome.expected) });
      case 'not_needed':
        return setMessage({ kind: 'ok', text: t.notNeeded });
    }
  };

  const onRemove = async () => {
    setConfirming(false);
    const outcome = await removeQuarantined(db, stored.key, signed());
    setMessage({ kind: 'ok', text: outcome.kind === 'removed' ? t.removed : t.notNeeded });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="quarantine-panel">
      <h2 id={`${id}-heading`}>{t.heading}</h2>
      <p>
        <label htmlFor={`${id}-author`}>{t.author}</label>{' '}
        <input id={`${id}-author`} type="text" autoComplete="name" value={author} onChange={(e) => setAuthor(e.target.value)} />
      </p>
      <p>
        <label htmlFor={`${id}-file`}>{t.file}</label>{' '}
        <input id={`${id}-file`} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </p>
      <p>
        {confirming ? (
          <>
            {t.confirm}{' '}
            <button type="button" onClick={() => void onRemove()}>
              {t.removeConfirm}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t.remove}
          </button>
        )}
      </p>
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-box' : undefined}>
          <p>{message.text}</p>
          {message.issues && <IssueTable issues={message.issues} caption={message.text} />}
        </div>
      )}
    </section>
  );
}
