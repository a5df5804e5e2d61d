import type * as z from 'zod';
import type { FindingParams } from '../../check/codes.ts';
import type { GraphDocument } from '../schema.ts';
import type { CataloguedRefusalCode, CommandField } from './codes.ts';
import { elementIds } from './queries.ts';
import { OK, refuse, type CanApply } from './types.ts';

/*
 * The referential's catalogues (questions, measures, scenarios) are lists of entries keyed by id, added,
 * replaced whole and removed by the same few steps whatever the entry.
 */

interface Entry {
  id: string;
}

/** The first schema issue of a catalogue entry, as a refusal. */
export function schemaRefusal(error: z.ZodError, field: CommandField): CanApply {
  const issue = error.issues[0];
  const params: FindingParams = { field, reason: 'schema', detail: issue?.message ?? '' };
  if (issue && issue.path.length > 0) params.at = issue.path.join('.');
  return refuse('command.invalid_value', params);
}

/** An entry fits its schema (`field` names it in the refusal). */
export function checkSchema(schema: z.ZodType, entry: unknown, field: CommandField): CanApply {
  const parsed = schema.safeParse(entry);
  return parsed.success ? OK : schemaRefusal(parsed.error, field);
}

/** A new entry: valid (`check`), and its id free in the referential's one namespace. */
export function canAddEntry(graph: GraphDocument, entry: Entry, check: () => CanApply): CanApply {
  const valid = check();
  if (!valid.ok) return valid;
  return elementIds(graph).has(entry.id) ? refuse('structure.duplicate_id', { id: entry.id }) : OK;
}

/** A replacement: the entry exists, keeps its id, and the new one is valid (`check`). */
export function canReplaceEntry(entries: readonly Entry[], id: string, entry: Entry, notFound: CataloguedRefusalCode, check: () => CanApply): CanApply {
  if (!entries.some((e) => e.id === id)) return refuse(notFound, { id });
  if (entry.id !== id) return refuse('command.id_change');
  return check();
}

/** A catalogue entry that nodes refer to (a question a node asks, a measure a node tests) is removed only once no node does. */
export function canRemoveUsedEntry(graph: GraphDocument, kind: 'question' | 'measure', id: string): CanApply {
  const entries: readonly { id: string; label: string }[] = kind === 'question' ? graph.referential.questions : graph.referential.measures;
  const entry = entries.find((e) => e.id === id);
  if (!entry) return refuse(kind === 'question' ? 'command.question_not_found' : 'command.measure_not_found', { id });
  const count = graph.nodes.filter((n) => (n.kind === 'question' && kind === 'question' && n.question === id) || (n.kind === 'measure' && kind === 'measure' && n.measure === id)).length;
  if (count === 0) return OK;
  return kind === 'question' ? refuse('command.question_in_use', { question: entry.label, count }) : refuse('command.measure_in_use', { measure: entry.label, count });
}

export function replaceById<T extends Entry>(entries: T[], id: string, entry: T): void {
  const i = entries.findIndex((e) => e.id === id);
  if (i >= 0) entries[i] = entry;
}

export function removeById(entries: Entry[], id: string): void {
  const i = entries.findIndex((e) => e.id === id);
  if (i >= 0) entries.splice(i, 1);
}
