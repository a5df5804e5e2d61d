import * as z from 'zod';
import { FACTOR_CODES, QUANTITIES } from '../regulation/types.ts';
import { MAX_ANNUAL_HOURS } from '../util/constants.ts';

/**
 * The portable referential, format version 2 (version 1 files are read through the migration ledger).
 *
 * One id namespace covers the whole document (jobs, tasks, questions, measures, decision nodes,
 * situations, scenarios) so that a reference is unambiguous and a later diff can follow any element
 * across versions. Decision nodes and situations are stored flat and referenced by id, which lets
 * several tasks share one subtree.
 */
export const REFERENTIAL_FORMAT_VERSION = 2;

export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, {
    error: 'Identifiant attendu : lettres, chiffres, « _ », « . » ou « - », sans espace (128 caractères au plus)',
  });
export const IsoDate = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });
const Label = z.string().trim().min(1, { error: 'Libellé non vide attendu' });
const Percent = z.number().min(0).max(100);

export const FactorCodeSchema = z.enum(FACTOR_CODES);
export const QuantitySchema = z.enum(QUANTITIES as [string, ...string[]]);

export const StatusSchema = z.enum(['draft', 'in_review', 'submitted', 'homologated', 'expired', 'superseded']);

export const IdentitySchema = z.strictObject({
  branch: Label,
  title: Label,
  idcc: z.string().regex(/^\d{1,4}$/, { error: 'IDCC attendu : 1 à 4 chiffres' }).optional(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'Version sémantique attendue (ex. 1.0.0)' }),
  status: StatusSchema,
  authors: z.array(Label),
  created: IsoDate,
  updated: IsoDate.optional(),
  homologation: z
    .object({ arreteDate: IsoDate, arreteReference: Label, expires: IsoDate.optional() })
    .optional(),
});

export const WorkingYearSchema = z.strictObject({
  annualHours: z.number().positive().max(MAX_ANNUAL_HOURS).default(1607),
  workingDays: z.number().positive().max(366).default(228),
});

export const FactorsSchema = z.strictObject({
  retained: z.array(FactorCodeSchema),
  excluded: z.array(z.strictObject({ factor: FactorCodeSchema, justification: z.string() })),
});

export const ChoiceSchema = z.strictObject({ id: Id, label: Label });
export const QuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: Id, label: Label, scope: z.enum(['company', 'employee']), type: z.literal('boolean'), help: z.string().optional() }),
  z.strictObject({
    id: Id,
    label: Label,
    scope: z.enum(['company', 'employee']),
    type: z.literal('choice'),
    choices: z.array(ChoiceSchema).min(2, { error: 'Au moins deux réponses possibles' }),
    help: z.string().optional(),
  }),
  z.strictObject({
    id: Id,
    label: Label,
    scope: z.enum(['company', 'employee']),
    type: z.literal('number'),
    unit: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    help: z.string().optional(),
  }),
]);

export const MeasureSchema = z.strictObject({
  id: Id,
  label: Label,
  kind: z.enum(['collective', 'individual', 'organisational']),
  description: z.string().optional(),
});

export const TaskSchema = z.strictObject({
  id: Id,
  label: Label,
  /** Default share of the job's time, in percent; a job's tasks sum to 100. */
  defaultShare: Percent,
  /** Root of the task's decision tree: a decision node or directly a situation. */
  entry: Id,
  description: z.string().optional(),
});

export const JobSchema = z.strictObject({
  id: Id,
  label: Label,
  description: z.string().optional(),
  tasks: z.array(TaskSchema).min(1, { error: 'Un poste doit avoir au moins une tâche' }),
});

/**
 * Branch conditions. Numeric ranges are half-open, [min, max), so adjacent branches never overlap:
 * `{min: 0, max: 50}` then `{min: 50}`.
 */
export const BranchConditionSchema = z.union([
  z.strictObject({ is: z.boolean() }).strict(),
  z.strictObject({ oneOf: z.array(Id).min(1) }).strict(),
  z.strictObject({ min: z.number().optional(), max: z.number().optional() }).strict(),
]);

export const DecisionNodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: Id,
    kind: z.literal('question'),
    question: Id,
    branches: z.array(z.strictObject({ when: BranchConditionSchema, next: Id })).min(1),
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Id,
    kind: z.literal('measure'),
    measure: Id,
    applied: Id,
    notApplied: Id,
    label: z.string().optional(),
  }),
]);

export const DurationUnitSchema = z.enum(['h/day', 'h/year', 'percent_of_working_time', 'nights/year', 'events/year', 'days/year']);
export const ConclusionSchema = z.enum(['exposed', 'not_exposed', 'to_analyse']);

export const ExposureSchema = z.strictObject({
  factor: FactorCodeSchema,
  /** Criterion (action or situation) code of the regulation table, e.g. `lift_carry`. */
  criterion: z.string().min(1),
  intensity: z.array(z.strictObject({ quantity: QuantitySchema, value: z.number(), unit: z.string() })),
  /** Duration if the task filled 100 % of a reference working year. Absent only for chemicals (grid). */
  duration: z.strictObject({ value: z.number().min(0), unit: DurationUnitSchema }).optional(),
  /** The referential's own conclusion for this criterion at 100 % time. */
  conclusion: ConclusionSchema,
  note: z.string().optional(),
});

export const SituationSchema = z.strictObject({
  id: Id,
  label: Label,
  description: z.string().optional(),
  exposures: z.array(ExposureSchema),
});

export const AnswerValueSchema = z.union([z.boolean(), z.string(), z.number()]);

/**
 * Absences that "remettent manifestement en cause l'exposition" (DGT-DSS instruction n° 1 of
 * 13 March 2015): long sick leave, training leave (CIF, now "projet de transition professionnelle"),
 * sabbatical, parental leave, another long absence. Holidays and short sick leave are not recorded: the
 * exposure is that of the post's usual conditions over the year.
 */
export const AbsenceReasonSchema = z.enum(['long_sick_leave', 'training_leave', 'sabbatical', 'parental_leave', 'other_long_absence']);
export const AbsenceSchema = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  reason: AbsenceReasonSchema,
  note: z.string().optional(),
});

/**
 * A temporary worker placed by an agency: the user company assesses the exposure, the agency declares
 * it (L4163-1 IV of the Code du travail).
 */
export const TemporaryWorkSchema = z.strictObject({
  agency: z.string().trim().min(1, { error: 'Nom de l’entreprise de travail temporaire attendu' }),
  agencySiret: z.string().regex(/^\d{14}$/, { error: 'SIRET de 14 chiffres attendu' }).optional(),
  /** Reference of the mission contract, carried onto the agency's exposure sheet. */
  mission: z.string().optional(),
});

export const MissionJobSchema = z.strictObject({
  job: Id,
  share: Percent,
  /** Overrides the job's default task shares; must then list the tasks to count, summing to 100. */
  tasks: z.array(z.strictObject({ task: Id, share: Percent })).optional(),
});

export const EmployeeSchema = z.strictObject({
  id: z.string().min(1),
  /** Contractual annual working time on a full-year basis (1 607 h for a full-time job). */
  annualHours: z.number().positive().max(MAX_ANNUAL_HOURS),
  contract: z.strictObject({ start: IsoDate.optional(), end: IsoDate.optional(), reference: z.string().optional() }),
  /** Birth year, or full date (needed for people born in 1956, around the 1956-07-01 doubling rule). */
  birth: z.union([z.number().int().min(1900).max(2100), IsoDate]).optional(),
  jobs: z.array(MissionJobSchema).min(1, { error: 'Au moins un poste attendu dans le profil de mission' }),
  answers: z.record(z.string(), AnswerValueSchema).optional(),
  /** Long absences of the year that manifestly call the exposure into question (see `AbsenceSchema`). */
  absences: z.array(AbsenceSchema).optional(),
  /** Set for a temporary worker: the agency that placed them, which declares their exposure. */
  temporary: TemporaryWorkSchema.optional(),
});

/**
 * An employee's verdict per factor. `no_legal_threshold`: manual handling, postures, vibrations and
 * chemicals from 2017-10-01 — outside the declaration, no legal threshold (D4163-2), kept for prevention.
 */
export const VerdictSchema = z.enum(['exposed', 'not_exposed', 'to_analyse', 'no_legal_threshold']);

export const ScenarioSchema = z.strictObject({
  id: Id,
  label: Label,
  year: z.number().int().min(2015).max(2100),
  regulation: z.string().optional(),
  answers: z.record(z.string(), AnswerValueSchema),
  measures: z.array(Id),
  employee: EmployeeSchema,
  expected: z.strictObject({
    factors: z.partialRecord(FactorCodeSchema, VerdictSchema),
    points: z.number().int().min(0).optional(),
  }),
});

/** The three ergonomic factors of L4161-1 I 1° that a branch may list particularly exposed jobs for. */
export const ERGONOMIC_FACTORS = ['manual_handling', 'awkward_postures', 'mechanical_vibrations'] as const;
export const ErgonomicFactorSchema = z.enum(ERGONOMIC_FACTORS);

/**
 * The branch's list of jobs or activities particularly exposed to the ergonomic factors (L4163-2-1 of
 * the Code du travail, loi 2023-270 of 14 April 2023, art. 17): established by branch agreement, it
 * feeds the fund's map of exposed jobs (FIPU). It earns no points and sets no threshold.
 */
export const ParticularlyExposedSchema = z.strictObject({
  /** The branch agreement that establishes the list, e.g. "Accord du 12 mars 2025". */
  agreement: z.string().optional(),
  entries: z.array(
    z.strictObject({
      job: Id,
      /** The job's activities (task ids) the listing is limited to; the whole job when absent. */
      tasks: z.array(Id).min(1).optional(),
      factors: z.array(ErgonomicFactorSchema).min(1, { error: 'Au moins un facteur (manutentions, postures, vibrations) attendu' }),
      note: z.string().optional(),
    }),
  ),
});

export const ReferentialSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(REFERENTIAL_FORMAT_VERSION),
  id: Id,
  identity: IdentitySchema,
  /** Id of the regulation version the referential targets, e.g. `2023-09-01`. */
  regulation: z.string(),
  workingYear: WorkingYearSchema,
  factors: FactorsSchema,
  questions: z.array(QuestionSchema),
  measures: z.array(MeasureSchema),
  jobs: z.array(JobSchema),
  nodes: z.array(DecisionNodeSchema),
  situations: z.array(SituationSchema),
  scenarios: z.array(ScenarioSchema).default([]),
  particularlyExposed: ParticularlyExposedSchema.optional(),
  /** SHA-256 of the content (see `contentHash`); checked on load when present. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
});

export type Referential = z.infer<typeof ReferentialSchema>;
export type ReferentialInput = z.input<typeof ReferentialSchema>;
export type Identity = z.infer<typeof IdentitySchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
export type Job = z.infer<typeof JobSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type DecisionNode = z.infer<typeof DecisionNodeSchema>;
export type BranchCondition = z.infer<typeof BranchConditionSchema>;
export type Situation = z.infer<typeof SituationSchema>;
export type Exposure = z.infer<typeof ExposureSchema>;
export type DurationUnit = z.infer<typeof DurationUnitSchema>;
export type Conclusion = z.infer<typeof ConclusionSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type Employee = z.infer<typeof EmployeeSchema>;
export type MissionJob = z.infer<typeof MissionJobSchema>;
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
export type Verdict = z.infer<typeof VerdictSchema>;
export type Absence = z.infer<typeof AbsenceSchema>;
export type AbsenceReason = z.infer<typeof AbsenceReasonSchema>;
export type TemporaryWork = z.infer<typeof TemporaryWorkSchema>;
export type ErgonomicFactor = z.infer<typeof ErgonomicFactorSchema>;
export type ParticularlyExposed = z.infer<typeof ParticularlyExposedSchema>;

export const CompanyInputSchema = z.strictObject({
  formatVersion: z.literal(1),
  company: z.strictObject({ name: z.string().optional(), siret: z.string().optional() }).optional(),
  referential: z.strictObject({ id: z.string(), contentHash: z.string().optional() }).optional(),
  answers: z.record(z.string(), AnswerValueSchema),
  measures: z.array(z.strictObject({ measure: Id, since: IsoDate.optional() })),
});
export type CompanyInput = z.infer<typeof CompanyInputSchema>;
