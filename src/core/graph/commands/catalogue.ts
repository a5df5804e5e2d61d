import type * as z from 'zod';
import { refuse, type CanApply } from './types.ts';

/** The first schema issue of a catalogue entry, as a refusal. */
export function schemaRefusal(error: z.ZodError, field: string): CanApply {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return refuse('command.invalid_value', { field: `${field}${where}`, detail: issue?.message ?? '' });
}
