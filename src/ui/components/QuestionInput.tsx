import type { Question } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import type { InputProps } from './Field.tsx';

/** A question's label: a number question names its unit. */
export function questionLabel(q: Question): string {
  return q.type === 'number' ? `${q.label} (${q.unit})` : q.label;
}

/**
 * The input of a question: a select for yes/no and choices, a number with its unit. `numbers`: `'native'`
 * for the browser's number input bounded by the question's range, `'text'` for free text read as a French
 * decimal by the caller.
 */
export function QuestionInput({
  question: q,
  value,
  onChange,
  numbers = 'text',
  ...props
}: InputProps & { question: Question; value: string; onChange: (text: string) => void; numbers?: 'native' | 'text' }) {
  switch (q.type) {
    case 'boolean':
      return (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{fr.form.unanswered}</option>
          <option value="true">{fr.form.yes}</option>
          <option value="false">{fr.form.no}</option>
        </select>
      );
    case 'choice':
      return (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{fr.form.choose}</option>
          {q.choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <span className="with-unit">
          {numbers === 'native' ? (
            <input {...props} type="number" inputMode="decimal" step="any" min={q.min} max={q.max} value={value} onChange={(e) => onChange(e.target.value)} />
          ) : (
            <input {...props} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
          )}
          <span aria-hidden="true">{q.unit}</span>
        </span>
      );
  }
}
