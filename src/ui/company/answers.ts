import type { AnswerValue, Question } from '../../core/index.ts';
import { parseDecimalText } from './profile.ts';

/** An answer as a form value: '' (none), 'true' / 'false', a choice id, or the number as typed. */
export function answerText(value: AnswerValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}

/** The form value → an answer of the question's type; undefined when empty, null when not readable. */
export function answerValue(q: Question, text: string): AnswerValue | undefined | null {
  if (text.trim() === '') return undefined;
  switch (q.type) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : null;
    case 'choice':
      return q.choices.some((c) => c.id === text) ? text : null;
    case 'number': {
      const n = parseDecimalText(text.replace(/^-/, ''));
      return n === undefined ? null : text.trim().startsWith('-') ? -n : n;
    }
  }
}
