import { assertEvent, assign, emit, fromCallback, fromPromise, setup, type EventObject } from 'xstate';
import type { AnswerValue, Employee } from '../../core/index.ts';
import type { ColumnMapping, CsvIssue, HeaderInfo, StaffCsvResult } from '../../io/staff-csv.ts';
import type { StaffRecord } from '../../storage/index.ts';
import { parseStaffFile } from './csvClient.ts';
import { sourceText, type StaffSourceInfo } from './staffRead.ts';
import type { CompanyEvaluation, CompanyInputs } from './evaluation.ts';
import { evaluateOffThread, type EvaluationStore } from './evaluationClient.ts';
import type { CompanyProfile } from './profile.ts';
import { isStep, nextStep, previousStep, stepAvailable, stepComplete, STEPS, type FlowData, type ReferentialChoice, type Step } from './steps.ts';

/*
 * The company workspace's guided flow for one company and one year: profile → referential → the
 * company's answers → prevention measures → staff (CSV import or table) → results. Every step can be
 * revisited once what it needs is there. The machine does no I/O: each change is emitted
 * (`company.save`, `staff.save`, `evaluation.save`) for the screen to store in Dexie at once, and the
 * two slow jobs — parsing a staff file, evaluating the staff — are actors the screen (or a test) may
 * replace. Guards are thin calls into the shared predicates of steps.ts.
 */

export type StaffSource = NonNullable<StaffRecord['source']>;

/** A chosen staff file: the file itself (the app, read where it is parsed), its bytes, or its text (tests). */
export interface StaffFileInput {
  blob?: Blob;
  bytes?: ArrayBuffer;
  text?: string;
}

export type CsvState =
  | { status: 'idle' }
  | { status: 'parsing'; file: string; done: number; total: number; at: string; input: StaffFileInput }
  | { status: 'accepted'; file: string; count: number; source?: string }
  | { status: 'rejected'; file: string; issues: CsvIssue[]; source?: string; headers?: HeaderInfo[]; input: StaffFileInput; at: string }
  | { status: 'failed'; file: string; message: string };

export interface CompanyMachineInput {
  companyId: string;
  year: number;
  profile: CompanyProfile;
  referential?: ReferentialChoice;
  answers: Record<string, AnswerValue>;
  measures: Array<{ measure: string; since?: string }>;
  employees: Employee[];
  staffSource?: StaffSource;
  /** Headers of staff files mapped by the user, remembered for the company. */
  columnMapping?: ColumnMapping;
  /** The app's IndexedDB database, where the Web Workers store large records themselves. */
  dbName?: string;
  /** The step stored by a previous visit, resumed when it is still available (see resumeAt). */
  step?: string;
}

export interface CompanyContext extends FlowData {
  companyId: string;
  year: number;
  employees: Employee[];
  staffSource?: StaffSource;
  resumeStep?: string;
  columnMapping: ColumnMapping;
  dbName?: string;
  csv: CsvState;
  evaluation?: CompanyEvaluation;
  /** The evaluation in context was stored by the worker. */
  evaluationStored?: boolean;
  evaluationError?: string;
  /** Bumped by every change that can alter the results; an evaluation remembers the revision it saw. */
  revision: number;
  evaluatedRevision: number;
  /** The revision the running evaluation was started on (its inputs are read then). */
  evaluatingRevision: number;
}

export type CompanyEvent =
  | { type: 'GOTO'; step: Step }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'PROFILE.SET'; profile: CompanyProfile }
  | { type: 'REFERENTIAL.SET'; referential: ReferentialChoice }
  | { type: 'ANSWER.SET'; question: string; value: AnswerValue | undefined }
  | { type: 'MEASURE.SET'; measure: string; inPlace: boolean; since?: string }
  | { type: 'CSV.IMPORT'; file: string; text?: string; bytes?: ArrayBuffer; blob?: Blob; at: string }
  /** The columns of a refused file mapped by the user: remembered, and the same file read again. */
  | { type: 'CSV.REMAP'; mapping: ColumnMapping }
  | { type: 'CSV.PROGRESS'; done: number; total: number }
  | { type: 'CSV.PARSED'; result: StaffCsvResult; source?: StaffSourceInfo; stored?: boolean }
  | { type: 'CSV.FAILED'; message: string }
  | { type: 'CSV.CANCEL' }
  /** Adds an employee, or replaces the one whose id was `replaces`. */
  | { type: 'STAFF.PUT'; employee: Employee; replaces?: string }
  | { type: 'STAFF.REMOVE'; id: string }
  /** Replaces the whole staff (taken over from the year before). */
  | { type: 'STAFF.REPLACE'; employees: Employee[]; source: StaffSource }
  | { type: 'EVALUATE' };

export type CompanyEmitted =
  | { type: 'company.save'; patch: { profile?: CompanyProfile; referentialKey?: string; answers?: Record<string, AnswerValue>; measures?: Array<{ measure: string; since?: string }>; step?: Step; staffColumns?: ColumnMapping } }
  /** `stored`: the worker already wrote this staff; the page only knows of it. */
  | { type: 'staff.save'; employees: Employee[]; source?: StaffSource; stored?: boolean }
  | { type: 'evaluation.save'; evaluation: CompanyEvaluation; referential: { key: string; contentHash: string }; stored?: boolean };

export interface ParseStaffInput {
  file: StaffFileInput;
  referential: ReferentialChoice['referential'];
  mapping: ColumnMapping;
  store?: { dbName: string; companyId: string; year: number; file: string; importedAt: string };
}

export interface EvaluateStaffInput {
  inputs: CompanyInputs;
  employees: readonly Employee[];
  /** Where the worker stores the evaluation itself (absent: the page stores it on `evaluation.save`). */
  store?: Omit<EvaluationStore, 'at'>;
}

/** What the evaluation actor gives: the evaluation, and whether it is already stored. */
export interface EvaluatedStaff {
  evaluation: CompanyEvaluation;
  stored: boolean;
}

/** Default: the Web Worker when there is one, main-thread slices otherwise; progress as events. */
export const parseStaffActor = fromCallback<EventObject, ParseStaffInput>(({ input, sendBack }) => {
  const controller = new AbortController();
  parseStaffFile(input.file, input.referential, {
    signal: controller.signal,
    mapping: input.mapping,
    ...(input.store ? { store: input.store } : {}),
    onProgress: (p) => sendBack({ type: 'CSV.PROGRESS', done: p.done, total: p.total }),
  }).then(
    ({ result, source, stored }) => sendBack({ type: 'CSV.PARSED', result, ...(source ? { source } : {}), ...(stored ? { stored } : {}) }),
    (error: unknown) => {
      if (!controller.signal.aborted) sendBack({ type: 'CSV.FAILED', message: error instanceof Error ? error.message : String(error) });
    },
  );
  return () => controller.abort();
});

/** Default: the shared evaluator in a Web Worker (in slices on the main thread where there is none). */
export const evaluateStaffActor = fromPromise<CompanyEvaluation | EvaluatedStaff, EvaluateStaffInput>(({ input, signal }) =>
  evaluateOffThread(input.inputs, input.employees, { signal, ...(input.store ? { store: { ...input.store, at: new Date().toISOString() } } : {}) }),
);

const evaluationOf = (output: CompanyEvaluation | EvaluatedStaff): EvaluatedStaff => ('evaluation' in output ? output : { evaluation: output, stored: false });

/**
 * Where a visit resumes: the stored step when it is still available, otherwise the nearest available
 * step before it (another year without staff yet resumes at the staff, not at the results).
 */
function resumeAt(input: CompanyMachineInput): Step | undefined {
  if (!isStep(input.step)) return undefined;
  for (let i = STEPS.indexOf(input.step); i >= 0; i--) if (stepAvailable(input, STEPS[i]!)) return STEPS[i];
  return undefined;
}

const withoutKey = <T>(record: Record<string, T>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export const companyMachine = setup({
  types: {
    context: {} as CompanyContext,
    events: {} as CompanyEvent,
    input: {} as CompanyMachineInput,
    emitted: {} as CompanyEmitted,
  },
  actors: {
    parseStaff: parseStaffActor,
    evaluateStaff: evaluateStaffActor,
  },
  guards: {
    canGoTo: ({ context, event }, params: { step: Step }) => event.type === 'GOTO' && event.step === params.step && stepAvailable(context, params.step),
    resumesAt: ({ context }, params: { step: Step }) => context.resumeStep === params.step,
    canLeave: ({ context }, params: { step: Step }) => {
      const next = nextStep(params.step);
      return next !== undefined && stepComplete(context, params.step) && stepAvailable(context, next);
    },
    csvAccepted: ({ event }) => event.type === 'CSV.PARSED' && event.result.issues.length === 0 && event.result.employees.length > 0,
    evaluationFresh: ({ context }) => context.evaluation !== undefined && context.evaluatedRevision === context.revision,
  },
  actions: {
    saveStep: emit((_, params: { step: Step }) => ({ type: 'company.save' as const, patch: { step: params.step } })),
    setProfile: assign(({ event }) => {
      assertEvent(event, 'PROFILE.SET');
      return { profile: event.profile };
    }),
    saveProfile: emit(({ context }) => ({ type: 'company.save' as const, patch: { profile: context.profile } })),
    setReferential: assign(({ context, event }) => {
      assertEvent(event, 'REFERENTIAL.SET');
      const r = event.referential.referential;
      // Answers and measures the new referential does not know are dropped, not carried over blindly.
      const companyQuestions = new Set(r.questions.filter((q) => q.scope === 'company').map((q) => q.id));
      const measures = new Set(r.measures.map((m) => m.id));
      return {
        referential: event.referential,
        answers: Object.fromEntries(Object.entries(context.answers).filter(([id]) => companyQuestions.has(id))),
        measures: context.measures.filter((m) => measures.has(m.measure)),
        csv: { status: 'idle' as const },
        revision: context.revision + 1,
      };
    }),
    saveReferential: emit(({ context }) => ({
      type: 'company.save' as const,
      patch: { ...(context.referential ? { referentialKey: context.referential.key } : {}), answers: context.answers, measures: context.measures },
    })),
    setAnswer: assign(({ context, event }) => {
      assertEvent(event, 'ANSWER.SET');
      const answers = event.value === undefined ? withoutKey(context.answers, event.question) : { ...context.answers, [event.question]: event.value };
      return { answers, revision: context.revision + 1 };
    }),
    saveAnswers: emit(({ context }) => ({ type: 'company.save' as const, patch: { answers: context.answers } })),
    setMeasure: assign(({ context, event }) => {
      assertEvent(event, 'MEASURE.SET');
      const others = context.measures.filter((m) => m.measure !== event.measure);
      const measures = event.inPlace ? [...others, { measure: event.measure, ...(event.since ? { since: event.since } : {}) }] : others;
      // Keep the referential's order, so that a stored file does not depend on the order of clicks.
      const order = context.referential?.referential.measures.map((m) => m.id) ?? [];
      measures.sort((a, b) => order.indexOf(a.measure) - order.indexOf(b.measure));
      return { measures, revision: context.revision + 1 };
    }),
    saveMeasures: emit(({ context }) => ({ type: 'company.save' as const, patch: { measures: context.measures } })),
    startCsv: assign(({ event }) => {
      assertEvent(event, 'CSV.IMPORT');
      const input: StaffFileInput = event.blob ? { blob: event.blob } : event.bytes !== undefined ? { bytes: event.bytes } : { text: event.text ?? '' };
      return { csv: { status: 'parsing' as const, file: event.file, done: 0, total: 0, at: event.at, input } };
    }),
    remapCsv: assign(({ context, event }) => {
      assertEvent(event, 'CSV.REMAP');
      if (context.csv.status !== 'rejected') return {};
      const { file, at, input } = context.csv;
      return { columnMapping: { ...context.columnMapping, ...event.mapping }, csv: { status: 'parsing' as const, file, done: 0, total: 0, at, input } };
    }),
    saveMapping: emit(({ context }) => ({ type: 'company.save' as const, patch: { staffColumns: context.columnMapping } })),
    csvProgress: assign(({ context, event }) => {
      assertEvent(event, 'CSV.PROGRESS');
      return context.csv.status === 'parsing' ? { csv: { ...context.csv, done: event.done, total: event.total } } : {};
    }),
    acceptCsv: assign(({ context, event }) => {
      assertEvent(event, 'CSV.PARSED');
      const file = context.csv.status === 'parsing' ? context.csv.file : '';
      const at = context.csv.status === 'parsing' ? context.csv.at : '';
      return {
        employees: event.result.employees,
        staffSource: { file, importedAt: at },
        csv: { status: 'accepted' as const, file, count: event.result.employees.length, ...(event.source ? { source: sourceText(event.source) } : {}) },
        revision: context.revision + 1,
      };
    }),
    rejectCsv: assign(({ context, event }) => {
      assertEvent(event, 'CSV.PARSED');
      if (context.csv.status !== 'parsing') return {};
      const { file, input, at } = context.csv;
      // A file without a single line of staff is refused too, with parseStaffCsv's own message.
      return {
        csv: {
          status: 'rejected' as const,
          file,
          input,
          at,
          issues: event.result.issues,
          ...(event.source ? { source: sourceText(event.source) } : {}),
          ...(event.result.headers ? { headers: event.result.headers } : {}),
        },
      };
    }),
    failCsv: assign(({ context, event }) => {
      assertEvent(event, 'CSV.FAILED');
      return { csv: { status: 'failed' as const, file: context.csv.status === 'parsing' ? context.csv.file : '', message: event.message } };
    }),
    cancelCsv: assign({ csv: { status: 'idle' as const } }),
    saveStaff: emit(({ context }) => ({ type: 'staff.save' as const, employees: context.employees, ...(context.staffSource ? { source: context.staffSource } : {}) })),
    saveImportedStaff: emit(({ context, event }) => ({
      type: 'staff.save' as const,
      employees: context.employees,
      ...(context.staffSource ? { source: context.staffSource } : {}),
      ...(event.type === 'CSV.PARSED' && event.stored ? { stored: true } : {}),
    })),
    putEmployee: assign(({ context, event }) => {
      assertEvent(event, 'STAFF.PUT');
      const at = context.employees.findIndex((e) => e.id === (event.replaces ?? event.employee.id));
      const employees = at < 0 ? [...context.employees, event.employee] : context.employees.map((e, i) => (i === at ? event.employee : e));
      return { employees, csv: { status: 'idle' as const }, revision: context.revision + 1 };
    }),
    removeEmployee: assign(({ context, event }) => {
      assertEvent(event, 'STAFF.REMOVE');
      return { employees: context.employees.filter((e) => e.id !== event.id), revision: context.revision + 1 };
    }),
    replaceStaff: assign(({ context, event }) => {
      assertEvent(event, 'STAFF.REPLACE');
      return { employees: event.employees, staffSource: event.source, csv: { status: 'idle' as const }, revision: context.revision + 1 };
    }),
    saveEvaluation: emit(({ context }) => ({
      type: 'evaluation.save' as const,
      evaluation: context.evaluation!,
      referential: { key: context.referential!.key, contentHash: context.referential!.contentHash },
      ...(context.evaluationStored ? { stored: true } : {}),
    })),
  },
}).createMachine({
  id: 'company',
  context: ({ input }) => ({
    companyId: input.companyId,
    year: input.year,
    profile: input.profile,
    ...(input.referential ? { referential: input.referential } : {}),
    answers: input.answers,
    measures: input.measures,
    employees: input.employees,
    ...(input.staffSource ? { staffSource: input.staffSource } : {}),
    ...(input.step !== undefined ? { resumeStep: resumeAt(input) } : {}),
    columnMapping: input.columnMapping ?? {},
    ...(input.dbName ? { dbName: input.dbName } : {}),
    csv: { status: 'idle' },
    revision: 0,
    evaluatedRevision: -1,
    evaluatingRevision: -1,
  }),
  initial: 'boot',
  on: {
    GOTO: STEPS.map((step) => ({ guard: { type: 'canGoTo' as const, params: { step } }, target: `.${step}` })),
    'PROFILE.SET': { actions: ['setProfile', 'saveProfile'] },
    'REFERENTIAL.SET': { actions: ['setReferential', 'saveReferential'] },
    'ANSWER.SET': { actions: ['setAnswer', 'saveAnswers'] },
    'MEASURE.SET': { actions: ['setMeasure', 'saveMeasures'] },
  },
  states: {
    boot: {
      always: [...STEPS.map((step) => ({ guard: { type: 'resumesAt' as const, params: { step } }, target: step })), { target: 'profile' }],
    },
    profile: {
      entry: { type: 'saveStep', params: { step: 'profile' } },
      on: { NEXT: { guard: { type: 'canLeave', params: { step: 'profile' } }, target: 'referential' } },
    },
    referential: {
      entry: { type: 'saveStep', params: { step: 'referential' } },
      on: { NEXT: { guard: { type: 'canLeave', params: { step: 'referential' } }, target: 'answers' }, BACK: 'profile' },
    },
    answers: {
      entry: { type: 'saveStep', params: { step: 'answers' } },
      on: { NEXT: { guard: { type: 'canLeave', params: { step: 'answers' } }, target: 'measures' }, BACK: 'referential' },
    },
    measures: {
      entry: { type: 'saveStep', params: { step: 'measures' } },
      on: { NEXT: { guard: { type: 'canLeave', params: { step: 'measures' } }, target: 'staff' }, BACK: 'answers' },
    },
    staff: {
      entry: { type: 'saveStep', params: { step: 'staff' } },
      initial: 'idle',
      on: {
        'STAFF.PUT': { actions: ['putEmployee', 'saveStaff'] },
        'STAFF.REMOVE': { actions: ['removeEmployee', 'saveStaff'] },
        'STAFF.REPLACE': { actions: ['replaceStaff', 'saveStaff'] },
        NEXT: { guard: { type: 'canLeave', params: { step: 'staff' } }, target: 'results' },
        EVALUATE: { guard: { type: 'canLeave', params: { step: 'staff' } }, target: 'results' },
        BACK: 'measures',
      },
      states: {
        idle: {
          on: {
            'CSV.IMPORT': { target: 'importing', actions: 'startCsv' },
            'CSV.REMAP': { guard: ({ context }) => context.csv.status === 'rejected', target: 'importing', actions: ['remapCsv', 'saveMapping'] },
          },
        },
        importing: {
          invoke: {
            src: 'parseStaff',
            input: ({ context }) => ({
              file: context.csv.status === 'parsing' ? context.csv.input : { text: '' },
              referential: context.referential!.referential,
              mapping: context.columnMapping,
              ...(context.dbName && context.csv.status === 'parsing'
                ? { store: { dbName: context.dbName, companyId: context.companyId, year: context.year, file: context.csv.file, importedAt: context.csv.at } }
                : {}),
            }),
          },
          on: {
            'CSV.PROGRESS': { actions: 'csvProgress' },
            'CSV.PARSED': [
              { guard: 'csvAccepted', target: 'idle', actions: ['acceptCsv', 'saveImportedStaff'] },
              { target: 'idle', actions: 'rejectCsv' },
            ],
            'CSV.FAILED': { target: 'idle', actions: 'failCsv' },
            'CSV.CANCEL': { target: 'idle', actions: 'cancelCsv' },
            // Nothing else touches the staff while a file is being read.
            'STAFF.PUT': {},
            'STAFF.REMOVE': {},
            'STAFF.REPLACE': {},
            NEXT: {},
            EVALUATE: {},
          },
        },
      },
    },
    results: {
      entry: { type: 'saveStep', params: { step: 'results' } },
      initial: 'check',
      on: { BACK: 'staff' },
      states: {
        check: {
          always: [{ guard: 'evaluationFresh', target: 'ready' }, { target: 'evaluating' }],
        },
        evaluating: {
          // The inputs are read when the evaluation starts: its result is fresh for that revision only.
          entry: assign(({ context }) => ({ evaluatingRevision: context.revision })),
          invoke: {
            src: 'evaluateStaff',
            input: ({ context }) => ({
              inputs: { referential: context.referential!.referential, company: { answers: context.answers, measures: context.measures }, year: context.year },
              employees: context.employees,
              ...(context.dbName ? { store: { dbName: context.dbName, companyId: context.companyId, referentialKey: context.referential!.key, contentHash: context.referential!.contentHash } } : {}),
            }),
            onDone: [
              {
                // Answers, measures or staff changed meanwhile: that result is already stale, evaluate again.
                guard: ({ context }) => context.evaluatingRevision !== context.revision,
                target: 'check',
              },
              {
                target: 'ready',
                actions: [
                  assign(({ context, event }) => {
                    const { evaluation, stored } = evaluationOf(event.output);
                    return { evaluation, evaluationStored: stored, evaluatedRevision: context.evaluatingRevision, evaluationError: undefined };
                  }),
                  'saveEvaluation',
                ],
              },
            ],
            onError: {
              target: 'failed',
              actions: assign(({ event }) => ({ evaluationError: event.error instanceof Error ? event.error.message : String(event.error) })),
            },
          },
        },
        ready: { on: { EVALUATE: 'evaluating' } },
        failed: { on: { EVALUATE: 'evaluating' } },
      },
    },
  },
});

export type CompanyMachine = typeof companyMachine;

/** The step a snapshot is at (its top-level state), or undefined while booting. */
export function currentStep(value: unknown): Step | undefined {
  const top = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? Object.keys(value)[0] : undefined;
  return isStep(top) ? top : undefined;
}

export { nextStep, previousStep };
