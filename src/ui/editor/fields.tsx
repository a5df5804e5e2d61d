import { useId, useState, type ReactNode } from 'react';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { parseDecimal } from './text.ts';

/*
 * Form fields of the panels. A text or number field keeps what is being typed and commits it as one
 * command on Enter or when it loses the focus, so one edit is one step of the history; a refused value
 * stays in the field, marked invalid, with the reason in the editor's message.
 */

type Commit<T> = (value: T) => boolean;

export function TextField(props: { label: string; value: string; onCommit: Commit<string>; multiline?: boolean; help?: string; disabled?: boolean; inputRef?: (el: HTMLInputElement | HTMLTextAreaElement | null) => void; main?: boolean }) {
  const { label, value, onCommit, multiline, help, disabled, inputRef, main } = props;
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [invalid, setInvalid] = useState(false);
  // A new value from outside (undo, another field) replaces the draft, during render rather than after.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
    setInvalid(false);
  }
  const commit = () => {
    if (draft === value) return setInvalid(false);
    setInvalid(!onCommit(draft));
  };
  const common = {
    id,
    value: draft,
    disabled,
    'aria-invalid': invalid || undefined,
    'aria-describedby': help ? `${id}-help` : undefined,
    onBlur: commit,
    // The field a new node's panel focuses first: its name.
    ...(main ? { 'data-main-field': '' } : {}),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} ref={inputRef} rows={3} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type="text"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

/** A number, typed the French way (decimal comma accepted); empty commits `undefined` when `optional`. */
export function NumberField(props: { label: string; value: number | undefined; onCommit: Commit<number | undefined>; unit?: string; optional?: boolean; disabled?: boolean; compact?: boolean }) {
  const { label, value, onCommit, unit, optional, disabled, compact } = props;
  const id = useId();
  const shown = value === undefined ? '' : formatNumber(value, 6).replace(/[\u202f\u00a0]/g, '');
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  const [seen, setSeen] = useState(shown);
  if (seen !== shown) {
    setSeen(shown);
    setDraft(shown);
    setInvalid(false);
  }
  const commit = () => {
    if (draft === shown) return setInvalid(false);
    const parsed = parseDecimal(draft);
    if (parsed === undefined && !(optional && draft.trim() === '')) return setInvalid(true);
    setInvalid(!onCommit(parsed));
  };
  const input = (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      className="number"
      value={draft}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(shown);
      }}
    />
  );
  if (compact) {
    return (
      <span className="with-unit">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        {input}
        {unit && <span className="unit">{unit}</span>}
      </span>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="with-unit">
        {input}
        {unit && <span className="unit">{unit}</span>}
      </span>
      {invalid && <p className="help error-text">{frEditor.properties.invalid}</p>}
    </div>
  );
}

export function SelectField<T extends string>(props: { label: string; value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (value: T) => void; disabled?: boolean; compact?: boolean; children?: ReactNode }) {
  const { label, value, options, onChange, disabled, compact } = props;
  const id = useId();
  const select = (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return compact ? (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {select}
    </>
  ) : (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {select}
      {props.children}
    </div>
  );
}
