import type { FactorCode } from '../regulation/types.ts';
import type { Exposure, Identity, Job, Measure, Question, Referential, Scenario, Situation, Task, DecisionNode, Verdict } from '../referential/schema.ts';
import type { SituationVerdict } from '../check/whatif.ts';

/**
 * The semantic change list between two versions of a referential, keyed by stable ids: a renamed
 * element is a change of the same id, never a removal plus an addition. Each element change carries the
 * whole element before and after (so the list applies: `applyChanges(a, diff(a, b)) = b`) and the
 * aspects that changed, for people. Format version 1, JSON Schema in schemas/diff.schema.json.
 */
export const DIFF_FORMAT_VERSION = 1;

export type ElementOp = 'added' | 'removed' | 'changed';

/** A job without its tasks: tasks are diffed on their own, with the job they belong to. */
export type JobShell = Omit<Job, 'tasks'>;
export type TaskInJob = Task & { job: string };

export type Aspect =
  | 'renamed'
  | 'description'
  | 'weighting'
  | 'moved'
  | 'repointed'
  | 'question'
  | 'measure'
  | 'condition'
  | 'branches'
  | 'kind'
  | 'answers'
  | 'scope'
  | 'type'
  | 'unit'
  | 'bounds'
  | 'exposures'
  | 'other';

export interface ExposureChange {
  factor: FactorCode;
  criterion: string;
  op: ElementOp;
  /** For changes: which of intensity, duration, conclusion, note changed. */
  fields: Array<'intensity' | 'duration' | 'conclusion' | 'note'>;
  before?: Exposure;
  after?: Exposure;
}

export interface SituationFlip {
  factor: FactorCode;
  before: SituationVerdict;
  after: SituationVerdict;
}

interface ElementChange<K extends string, T> {
  kind: K;
  op: ElementOp;
  id: string;
  aspects: Aspect[];
  before?: T;
  after?: T;
}

export type Change =
  | { kind: 'identity'; field: keyof Identity; before: unknown; after: unknown }
  | { kind: 'regulation'; before: string; after: string }
  | { kind: 'working_year'; field: 'annualHours' | 'workingDays'; before: number; after: number }
  | { kind: 'factors'; retainedAdded: FactorCode[]; retainedRemoved: FactorCode[]; justificationsChanged: FactorCode[]; before: Referential['factors']; after: Referential['factors'] }
  | ElementChange<'question', Question>
  | ElementChange<'measure', Measure>
  | ElementChange<'job', JobShell>
  | ElementChange<'task', TaskInJob>
  | ElementChange<'node', DecisionNode>
  | (ElementChange<'situation', Situation> & { exposures: ExposureChange[]; flips: SituationFlip[] })
  | ElementChange<'scenario', Scenario>
  /** The final order of a collection, when it is not the old order with additions appended. */
  | { kind: 'order'; collection: OrderedCollection; ids: string[] };

export type OrderedCollection = 'questions' | 'measures' | 'jobs' | 'nodes' | 'situations' | 'scenarios' | `tasks:${string}`;

export interface DiffResult {
  formatVersion: typeof DIFF_FORMAT_VERSION;
  from: { id: string; version: string; contentHash: string; regulation: string };
  to: { id: string; version: string; contentHash: string; regulation: string };
  identical: boolean;
  changes: Change[];
}

export type { Verdict };
