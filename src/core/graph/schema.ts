import * as z from 'zod';
import {
  BranchConditionSchema,
  ExposureSchema,
  FactorsSchema,
  Id,
  IdentitySchema,
  MeasureSchema,
  ParticularlyExposedSchema,
  QuestionSchema,
  ScenarioSchema,
  WorkingYearSchema,
} from '../referential/schema.ts';
import { CommentThreadSchema } from '../comments/schema.ts';

/**
 * The logigramme: the drawn decision graph a federation edits, format version 2 (version 2 added the
 * optional `comments` and `base`; a version-1 file migrates unchanged, see GRAPH_MIGRATIONS).
 *
 * Semantics and layout are kept apart: `nodes` and `edges` say what the referential means, `layout`
 * only where things are drawn. Node ids become the ids of the compiled referential's elements, so a
 * node can be followed across versions. Questions and prevention measures are catalogues: a question
 * node asks a catalogue question, so the same question can be asked at several places of the graph.
 */
export const GRAPH_FORMAT_VERSION = 2;

const Text = z.string();
/** Edge ids derive from their source node's id (see decompile), so they may be longer than node ids. */
const EdgeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,255}$/, { error: 'Identifiant d’arête attendu : lettres, chiffres, « _ », « . » ou « - »' });

export const GraphNodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: Id, kind: z.literal('job'), label: Text, description: z.string().optional() }),
  z.strictObject({ id: Id, kind: z.literal('task'), label: Text, description: z.string().optional() }),
  z.strictObject({ id: Id, kind: z.literal('question'), question: Id, label: z.string().optional() }),
  z.strictObject({ id: Id, kind: z.literal('measure'), measure: Id, label: z.string().optional() }),
  z.strictObject({ id: Id, kind: z.literal('situation'), label: Text, description: z.string().optional(), exposures: z.array(ExposureSchema) }),
  z.strictObject({ id: Id, kind: z.literal('note'), text: Text }),
  z.strictObject({ id: Id, kind: z.literal('group'), label: Text, members: z.array(Id) }),
]);

/**
 * What an edge means. `weighting`: job → task, with the task's default share of the job's time.
 * `entry`: task → the first node of its tree. `branch`: question → next, under a condition.
 * `measure`: prevention measure → next, when the measure is applied or not.
 */
export const GraphEdgeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: EdgeId, kind: z.literal('weighting'), source: Id, target: Id, share: z.number().min(0).max(100) }),
  z.strictObject({ id: EdgeId, kind: z.literal('entry'), source: Id, target: Id }),
  z.strictObject({ id: EdgeId, kind: z.literal('branch'), source: Id, target: Id, when: BranchConditionSchema }),
  z.strictObject({ id: EdgeId, kind: z.literal('measure'), source: Id, target: Id, applied: z.boolean() }),
]);

export const NodeLayoutSchema = z.strictObject({
  x: z.number(),
  y: z.number(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  color: z.string().optional(),
  collapsed: z.boolean().optional(),
});

/**
 * The version or snapshot a logigramme started from: what a three-way merge takes as the common base
 * (see `findCommonBase`). `contentHash` is the content hash of the compiled base (a stored version has
 * it); `snapshot`, the `graphHash` of the base logigramme itself when it was a snapshot of a draft.
 */
export const GraphBaseSchema = z.strictObject({
  id: Id,
  version: z.string(),
  contentHash: z.string(),
  snapshot: z.string().optional(),
});

export const GraphDocumentSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(GRAPH_FORMAT_VERSION),
  kind: z.literal('logigramme'),
  /** Everything of the referential that is not drawn. */
  referential: z.strictObject({
    id: Id,
    identity: IdentitySchema,
    regulation: z.string(),
    workingYear: WorkingYearSchema,
    factors: FactorsSchema,
    questions: z.array(QuestionSchema),
    measures: z.array(MeasureSchema),
    scenarios: z.array(ScenarioSchema).default([]),
    /** The branch's L4163-2-1 list of particularly exposed jobs (ids of job and task nodes). */
    particularlyExposed: ParticularlyExposedSchema.optional(),
  }),
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
  layout: z.strictObject({
    direction: z.enum(['RIGHT', 'DOWN']).default('RIGHT'),
    nodes: z.record(z.string(), NodeLayoutSchema),
  }),
  /** Comment threads of the working group and the reviewers: never compiled, never hashed. */
  comments: z.array(CommentThreadSchema).optional(),
  /** The version or snapshot this logigramme started from, recorded on export. */
  base: GraphBaseSchema.optional(),
});

export type GraphDocument = z.infer<typeof GraphDocumentSchema>;
export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type NodeLayout = z.infer<typeof NodeLayoutSchema>;
export type GraphNodeKind = GraphNode['kind'];
export type GraphBase = z.infer<typeof GraphBaseSchema>;
