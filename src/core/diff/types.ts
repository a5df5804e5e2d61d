import * as z from 'zod';
import {
  DecisionNodeSchema,
  ExposureSchema,
  FactorCodeSchema,
  FactorsSchema,
  MeasureSchema,
  ParticularlyExposedSchema,
  QuestionSchema,
  ScenarioSchema,
  SituationSchema,
  TaskSchema,
  JobSchema,
  VerdictSchema,
} from '../referential/schema.ts';

/**
 * The semantic change list between two versions of a referential, keyed by stable ids: a renamed
 * element is a change of the same id, never a removal plus an addition. Each element change carries the
 * whole element before and after (so the list applies: `applyChanges(a, diff(a, b)) = b`) and the
 * aspects that changed, for people. Format version 1; schemas/diff.schema.json is generated from here.
 */
export const DIFF_FORMAT_VERSION = 1;

export const ElementOpSchema = z.enum(['added', 'removed', 'changed']);
export const AspectSchema = z.enum([
  'renamed',
  'description',
  'weighting',
  'moved',
  'repointed',
  'question',
  'measure',
  'condition',
  'branches',
  'kind',
  'answers',
  'scope',
  'type',
  'unit',
  'bounds',
  'exposures',
  'other',
]);

/** A job without its tasks: tasks are diffed on their own, with the job they belong to. */
export const JobShellSchema = JobSchema.omit({ tasks: true });
export const TaskInJobSchema = TaskSchema.extend({ job: z.string() });

export const ExposureChangeSchema = z.object({
  factor: FactorCodeSchema,
  criterion: z.string(),
  op: ElementOpSchema,
  /** For changes: which of intensity, duration, conclusion, note changed. */
  fields: z.array(z.enum(['intensity', 'duration', 'conclusion', 'note'])),
  before: ExposureSchema.optional(),
  after: ExposureSchema.optional(),
});

export const SituationVerdictSchema = z.object({
  verdict: VerdictSchema,
  inForce: z.boolean(),
  group: z.string().nullable(),
  value: z.number(),
  threshold: z.number().nullable(),
  unit: z.string().nullable(),
});

/** A factor whose verdict at 100 % time flips for a situation, each version under its own regulation. */
export const SituationFlipSchema = z.object({ factor: FactorCodeSchema, before: SituationVerdictSchema, after: SituationVerdictSchema });

const element = <K extends string, T extends z.ZodType>(kind: K, schema: T) =>
  z.object({ kind: z.literal(kind), op: ElementOpSchema, id: z.string(), aspects: z.array(AspectSchema), before: schema.optional(), after: schema.optional() });

export const OrderedCollectionSchema = z.string().regex(/^(questions|measures|jobs|nodes|situations|scenarios|tasks:.+)$/);

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('referential_id'), before: z.string(), after: z.string() }),
  // An identity field may appear (an IDCC, the homologation) or disappear: either side may be absent.
  z.object({ kind: z.literal('identity'), field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
  z.object({ kind: z.literal('regulation'), before: z.string(), after: z.string() }),
  z.object({ kind: z.literal('working_year'), field: z.enum(['annualHours', 'workingDays']), before: z.number(), after: z.number() }),
  z.object({
    kind: z.literal('factors'),
    retainedAdded: z.array(FactorCodeSchema),
    retainedRemoved: z.array(FactorCodeSchema),
    justificationsChanged: z.array(FactorCodeSchema),
    before: FactorsSchema,
    after: FactorsSchema,
  }),
  /**
   * The branch's L4163-2-1 list of particularly exposed jobs, compared job by job (the ids of the jobs
   * whose entries appear, disappear or change) and as a whole (either side may be absent).
   */
  z.object({
    kind: z.literal('particularly_exposed'),
    jobsAdded: z.array(z.string()),
    jobsRemoved: z.array(z.string()),
    jobsChanged: z.array(z.string()),
    agreementChanged: z.boolean(),
    before: ParticularlyExposedSchema.optional(),
    after: ParticularlyExposedSchema.optional(),
  }),
  element('question', QuestionSchema),
  element('measure', MeasureSchema),
  element('job', JobShellSchema),
  element('task', TaskInJobSchema),
  element('node', DecisionNodeSchema),
  element('situation', SituationSchema).extend({ exposures: z.array(ExposureChangeSchema), flips: z.array(SituationFlipSchema) }),
  element('scenario', ScenarioSchema),
  /** The final order of a collection, when it is not the old order with additions appended. */
  z.object({ kind: z.literal('order'), collection: OrderedCollectionSchema, ids: z.array(z.string()) }),
]);

const VersionRef = z.object({ id: z.string(), version: z.string(), contentHash: z.string(), regulation: z.string() });

export const DiffResultSchema = z.object({
  formatVersion: z.literal(DIFF_FORMAT_VERSION),
  from: VersionRef,
  to: VersionRef,
  identical: z.boolean(),
  changes: z.array(ChangeSchema),
});

export type ElementOp = z.infer<typeof ElementOpSchema>;
export type Aspect = z.infer<typeof AspectSchema>;
export type JobShell = z.infer<typeof JobShellSchema>;
export type TaskInJob = z.infer<typeof TaskInJobSchema>;
export type ExposureChange = z.infer<typeof ExposureChangeSchema>;
export type SituationFlip = z.infer<typeof SituationFlipSchema>;
export type OrderedCollection = 'questions' | 'measures' | 'jobs' | 'nodes' | 'situations' | 'scenarios' | `tasks:${string}`;
export type Change = z.infer<typeof ChangeSchema>;
export type DiffResult = z.infer<typeof DiffResultSchema>;
