import { useId, useRef, useEffect, useState, type FormEvent } from 'react';
import type { LifecycleCommand, LifecycleCommandType, LifecycleRefusal } from '../../core/lifecycle/index.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { rememberAuthor, rememberedAuthor } from './browser.ts';

export interface TransitionFormProps {
  type: LifecycleCommandType;
  /** Next version numbers, for `version.start`. */
  nextVersions: { minor: string; major: string };
  /** The local date, default of the arrêté's date. */
  today: string;
  /** Builds the command (with the timestamp) and says why it is refused; empty when it may go. */
  onConfirm: (command: LifecycleCommand) => Promise<LifecycleRefusal[]>;
  onCancel: () => void;
}

/**
 * Asks what a transition records: the author's name, a note (required to return a version to draft),
 * the arrêté for a homologation, the kind of bump for a new version. Errors are listed and focused.
 */
export function TransitionForm({ type, nextVersions, today, onConfirm, onCancel }: TransitionFormProps) {
  const id = useId();
  const [author, setAuthor] = useState(rememberedAuthor);
  const [note, setNote] = useState('');
  const [arreteDate, setArreteDate] = useState(today);
  const [arreteReference, setArreteReference] = useState('');
  const [bump, setBump] = useState<'minor' | 'major'>('minor');
  const [byVersion, setByVersion] = useState('');
  const [errors, setErrors] = useState<LifecycleRefusal[]>([]);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (errors.length > 0) errorBox.current?.focus();
  }, [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const signed = { at: '', author, note };
    const command: LifecycleCommand =
      type === 'homologate'
        ? { type, ...signed, arreteDate, arreteReference }
        : type === 'supersede'
          ? { type, ...signed, byVersion: byVersion.trim() }
          : type === 'version.start'
            ? { type, ...signed, bump }
            : { type, ...signed };
    try {
      if (author.trim()) rememberAuthor(author.trim());
      setErrors(await onConfirm(command));
    } finally {
      setBusy(false);
    }
  };

  const noteRequired = type === 'review.return';
  return (
    <form className="lifecycle-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-legend`} noValidate>
      <fieldset>
        <legend id={`${id}-legend`}>{t.command[type]}</legend>
        <p className="help">{t.commandHelp[type]}</p>
        {errors.length > 0 && (
          <div className="error-box" role="alert" tabIndex={-1} ref={errorBox} data-testid="transition-errors">
            <p className="error-text">{t.form.errors}</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i} data-code={e.code}>
                  {t.refusal(e)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-author`}>{t.form.author}</label>
          <input id={`${id}-author`} ref={first} type="text" required autoComplete="name" value={author} onChange={(e) => setAuthor(e.target.value)} aria-describedby={`${id}-author-help`} />
          <p id={`${id}-author-help`} className="help">
            {t.form.authorHelp}
          </p>
        </div>
        {type === 'homologate' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-date`}>{t.form.arreteDate}</label>
              <input id={`${id}-date`} type="date" required max={today} value={arreteDate} onChange={(e) => setArreteDate(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-ref`}>{t.form.arreteReference}</label>
              <input id={`${id}-ref`} type="text" required className="wide" value={arreteReference} onChange={(e) => setArreteReference(e.target.value)} aria-describedby={`${id}-ref-help`} />
              <p id={`${id}-ref-help`} className="help">
                {t.form.arreteReferenceHelp}
              </p>
            </div>
          </>
        )}
        {type === 'version.start' && (
          <fieldset className="inline-choices">
            <legend>{t.form.bump}</legend>
            {(['minor', 'major'] as const).map((b) => (
              <label key={b} className="check">
                <input type="radio" name={`${id}-bump`} value={b} checked={bump === b} onChange={() => setBump(b)} />
                <span>{t.form[b](nextVersions[b])}</span>
              </label>
            ))}
          </fieldset>
        )}
        {type === 'supersede' && (
          <div className="field">
            <label htmlFor={`${id}-by`}>{t.form.byVersion}</label>
            <input id={`${id}-by`} type="text" required inputMode="decimal" value={byVersion} onChange={(e) => setByVersion(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{noteRequired ? t.form.noteRequired : t.form.note}</label>
          <textarea id={`${id}-note`} rows={3} required={noteRequired} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <p className="form-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t.form.confirm}
          </button>{' '}
          <button type="button" onClick={onCancel}>
            {t.form.cancel}
          </button>
        </p>
      </fieldset>
    </form>
  );
}
