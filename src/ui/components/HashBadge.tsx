import { useState } from 'react';
import { shortHash } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';

/**
 * A content hash: the short form on screen, the full one in the title and on the clipboard.
 * `full` shows the whole hash as selectable text (detail screen).
 */
export function HashBadge({ hash, full = false }: { hash: string; full?: boolean }) {
  const [message, setMessage] = useState('');
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(hash);
      setMessage(fr.hash.copied);
    } catch {
      setMessage(fr.hash.copyFailed);
    }
  };
  return (
    <span className="hash">
      <code title={hash} data-hash={hash} className={full ? 'hash-full' : 'hash-short'}>
        {full ? hash : shortHash(hash)}
      </code>{' '}
      <button type="button" className="small" onClick={() => void copy()} aria-label={fr.hash.copyLabel(hash)}>
        {fr.hash.copy}
      </button>
      <span role="status" className="hash-message">
        {message}
      </span>
    </span>
  );
}
