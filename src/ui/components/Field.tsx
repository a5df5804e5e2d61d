import type { ReactNode } from 'react';

/** What a field hands its input: its id, and the help and error that describe it. */
export interface InputProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A labelled input with optional help and error, both tied to it for assistive technologies. */
export function Field({ id, label, help, error, children, className }: { id: string; label: ReactNode; help?: string | undefined; error?: string | undefined; children: (props: InputProps) => ReactNode; className?: string }) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`${error ? 'field field-error' : 'field'}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
