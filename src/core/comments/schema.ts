import * as z from 'zod';
import { FactorCodeSchema, Id } from '../referential/schema.ts';

/**
 * Comment threads of a working group and its reviewers, format version 1 (the version of the
 * comments-only exchange file; threads kept inside a logigramme follow the graph's format version).
 *
 * A thread is anchored by stable ids — a node, an edge, one exposure of a situation, a catalogue entry
 * or the referential as a whole — never by position, so it follows its element across versions and a
 * thread whose element was removed stays readable (detached). Ids and dates are given by the caller:
 * the core reads no clock and makes no ids up. Comments never enter the compiled referential, so they
 * never change its content hash.
 */
export const COMMENTS_FORMAT_VERSION = 1;

/** Comment, reply and status-event ids: wider than element ids (a UI may prefix a UUID with its author). */
export const CommentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
  error: 'Identifiant de commentaire attendu : lettres, chiffres, « _ », « . », « : » ou « - » (128 caractères au plus)',
});
/** UTC timestamp, `2026-03-02T09:30:00Z` (fractions of a second allowed): comparable, whatever the reader's time zone. */
export const CommentDate = z.iso.datetime({ error: 'Date et heure UTC attendues, par exemple 2026-03-02T09:30:00Z' });
const Text = z.string().trim().min(1, { error: 'Texte non vide attendu' });
const Author = z.string().trim().min(1, { error: 'Auteur attendu' });
/** Edge ids follow their source node's id (see decompile), so they may be longer than element ids. */
const EdgeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,255}$/, { error: 'Identifiant d’arête attendu' });

/**
 * Where a thread is attached. `label` is the element's name when the thread was written: never used to
 * find the element (ids do that), it names a detached thread and orders the dossier annex.
 * An exposure is one criterion of a situation: `factor` + `criterion`, and `rank` (1, 2…) only when the
 * situation states the same criterion several times — the key the semantic diff uses for exposures.
 */
export const CommentAnchorSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('referential'), label: z.string().optional() }),
  z.strictObject({ on: z.literal('node'), node: Id, label: z.string().optional() }),
  z.strictObject({ on: z.literal('edge'), edge: EdgeId, label: z.string().optional() }),
  z.strictObject({ on: z.literal('exposure'), node: Id, factor: FactorCodeSchema, criterion: z.string().min(1), rank: z.number().int().min(1).optional(), label: z.string().optional() }),
  z.strictObject({ on: z.literal('question'), question: Id, label: z.string().optional() }),
  z.strictObject({ on: z.literal('measure'), measure: Id, label: z.string().optional() }),
  z.strictObject({ on: z.literal('scenario'), scenario: Id, label: z.string().optional() }),
]);

/** One message: the opening of a thread or a reply. `edited` is the date of the last change of `text`. */
export const CommentEntrySchema = z.strictObject({
  id: CommentId,
  author: Author,
  date: CommentDate,
  text: Text,
  edited: CommentDate.optional(),
});

/** A thread is resolved or reopened by an event; its status is the last event's (open without any). */
export const StatusEventSchema = z.strictObject({
  id: CommentId,
  action: z.enum(['resolved', 'reopened']),
  author: Author,
  date: CommentDate,
  /** How the remark was addressed (on resolution), or why it is reopened. */
  note: z.string().optional(),
});

export const CommentThreadSchema = z.strictObject({
  ...CommentEntrySchema.shape,
  anchor: CommentAnchorSchema,
  replies: z.array(CommentEntrySchema).default([]),
  history: z.array(StatusEventSchema).default([]),
});

/** The version a comments file was written on: a thread's anchors only make sense on that content. */
export const CommentedVersionSchema = z.strictObject({
  id: Id,
  version: z.string(),
  /** Content hash of the compiled referential the comments were written on. */
  contentHash: z.string(),
});

/** The comments-only file a reviewer sends back (schemas/comments.schema.json). */
export const CommentsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(COMMENTS_FORMAT_VERSION),
  kind: z.literal('logigramme-comments'),
  referential: CommentedVersionSchema,
  /** The author whose comments the file holds, when it was exported for one author. */
  author: z.string().optional(),
  comments: z.array(CommentThreadSchema),
});

export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;
export type CommentEntry = z.infer<typeof CommentEntrySchema>;
export type StatusEvent = z.infer<typeof StatusEventSchema>;
export type CommentThread = z.infer<typeof CommentThreadSchema>;
export type CommentedVersion = z.infer<typeof CommentedVersionSchema>;
export type CommentsFile = z.infer<typeof CommentsFileSchema>;
