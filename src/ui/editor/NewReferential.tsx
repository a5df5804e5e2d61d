import { useId, useRef, useState, type FormEvent } from 'react';
import { useDb } from '../context.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { hrefFor } from '../route.ts';
import { createEmptyDraft } from './persistence.ts';

/** "Nouveau référentiel" on the list: asks an id and a title, creates the empty draft, opens the editor. */
export function NewReferential() {
  const db = useDb();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const referentialId = String(data.get('id') ?? '').trim();
    setBusy(true);
    const outcome = await createEmptyDraft(db, referentialId, String(data.get('title') ?? ''));
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    window.location.hash = hrefFor({ screen: 'editor', id: referentialId });
  };

  if (!open) {
    return (
      <p>
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setTimeout(() => first.current?.focus(), 0);
          }}
        >
          {frEditor.newReferential.action}
        </button>
      </p>
    );
  }
  return (
    <form className="panel new-referential" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-heading`}>{frEditor.newReferential.heading}</h2>
      <div className="field">
        <label htmlFor={`${id}-id`}>{frEditor.newReferential.id}</label>
        <input ref={first} id={`${id}-id`} name="id" type="text" required autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{frEditor.newReferential.title}</label>
        <input id={`${id}-title`} name="title" type="text" required autoComplete="off" />
      </div>
      {error && (
        <p role="alert" id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {frEditor.newReferential.create}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {frEditor.newReferential.cancel}
        </button>
      </div>
    </form>
  );
}
