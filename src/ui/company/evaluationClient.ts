import { EvaluationError, type ActionPlan, type Employee } from '../../core/index.ts';
import { evaluationErrorMessage } from '../../present/evaluation-errors.ts';
import { persistentWorker } from '../persistentWorker.ts';
import { chunksOf, packedList, type PackedChunk } from './packedList.ts';
import type { EvaluationRecord, StaffRecord } from '../../storage/index.ts';
import { compareEvaluations, withShares, type Comparison, type EmployeeChange, type WhatIf } from './whatif.ts';
import { exportFile, type ExportedFile, type ExportRequest } from './exportFiles.ts';
import { draftPlan, evaluateCompany, type CompanyEvaluation, type CompanyInputs, type EmployeeSummary, type PlanDraftOptions } from './evaluation.ts';
import { nextTask } from '../../io/tasks.ts';

/*
 * The company's staff evaluated in a Web Worker when the browser has them (evaluation.worker.ts), in
 * slices on the main thread otherwise (jsdom, Node): the same evaluator, the same result. The employees
 * are sent a chunk per request — the chunks of a packed staff as they are, otherwise 500 serialised at
 * a time, each in its own short task — and the results come back packed (packedList.ts).
 */

export interface EvaluationStore {
  dbName: string;
  companyId: string;
  referentialKey: string;
  contentHash: string;
  at: string;
}

export type EvaluationRequest =
  /** Employees as objects, or a chunk of a packed list passed on as it is (packedList.ts). */
  | { type: 'chunk'; session: number; employees: Employee[]; packed?: PackedChunk }
  /** `shares`: a what-if's job shares by employee id, applied here (employeeWithShares). */
  | { type: 'evaluate'; session: number; inputs: CompanyInputs; store?: EvaluationStore; shares?: WhatIf['shares'] }
  | { type: 'draft'; session: number; inputs: CompanyInputs; draft: PlanDraftOptions }
  /** A chunk of the summaries of one side of a comparison: a packed chunk the page holds, copied. */
  | { type: 'summaryChunk'; session: number; side: 'before' | 'after'; packed: PackedChunk }
  /**
   * Two evaluations compared (their summaries left empty here): each side's list kept in the worker
   * (`keptBefore`, `keptAfter`: the keys it gave) or sent before as the session's summary chunks.
   */
  | { type: 'compare'; session: number; before: CompanyEvaluation; after: CompanyEvaluation; keptBefore?: string; keptAfter?: string }
  /** A file made from the lists the worker keeps under `kept` (an evaluation it made) and the rest of `evaluation`. */
  | { type: 'file'; session: number; kept: string; evaluation: CompanyEvaluation; file: ExportRequest }
  /** A stored staff or evaluation read by the worker and sent back packed (a company opened with a large staff). */
  | { type: 'read'; session: number; dbName: string; store: 'staff' | 'evaluations'; key: string };

export type EvaluationResponse =
  | { type: 'summaries'; packed: PackedChunk }
  | { type: 'employees'; packed: PackedChunk }
  /** The record read, its long list left empty: it came before, packed (`employees` or `summaries`). */
  | { type: 'record'; record: StaffRecord | EvaluationRecord | undefined; kept?: string }
  /** `kept`: the key under which the worker keeps the summaries, for a comparison (compareOffThread). */
  | { type: 'done'; evaluation: CompanyEvaluation; stored: boolean; kept: string }
  /** A comparison or a file named a list the worker no longer keeps: the page sends it, or makes the file. */
  | { type: 'gone' }
  | { type: 'file'; file: ExportedFile }
  | { type: 'plan'; plan: ActionPlan }
  /** The comparison, its changes sent before as packed chunks (`changes`): 80 000 of them cost the page 200 ms to receive as objects. */
  | { type: 'changes'; packed: PackedChunk }
  | { type: 'comparison'; comparison: Comparison }
  | { type: 'error'; message: string };

export const evaluationWorker = persistentWorker<EvaluationRequest, EvaluationResponse>(
  () => new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module', name: 'evaluation-personnel' }),
  'évaluation du personnel',
);

const CHUNK = 500;
let sessions = 0;

export interface OffThreadOptions {
  signal?: AbortSignal;
  /** The worker stores the evaluation itself (the page then writes nothing). */
  store?: EvaluationStore;
  /** Forces the main-thread path (tests). */
  noWorker?: boolean;
  /** A what-if's job shares by employee id, applied to the employees evaluated. */
  shares?: WhatIf['shares'];
}

const abortError = () => new DOMException('évaluation interrompue', 'AbortError');

/** One request to the worker, resolved when it ends; `onReply` sees each reply. */
function ask(request: EvaluationRequest, onReply: (r: EvaluationResponse) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    // A chunk sent ahead of its request gets no reply.
    const silent = request.type === 'chunk' || request.type === 'summaryChunk';
    let settled = false;
    const stop = evaluationWorker.request(
      request,
      (reply) => {
        onReply(reply);
        if (reply.type !== 'summaries' && reply.type !== 'employees' && reply.type !== 'changes' && !settled && !silent) {
          settled = true;
          resolve();
        }
      },
      (error) => reject(error),
    );
    if (silent) {
      // A chunk gets no reply: the next request goes once the worker has taken it (its end), which the
      // queue of persistentWorker guarantees; the chunk is on its way as soon as it is posted.
      resolve();
    }
    signal?.addEventListener('abort', () => {
      stop();
      reject(abortError());
    });
  });
}

/** The employees sent to the worker a chunk at a time, the page getting its turn between two. */
async function sendEmployees(session: number, employees: readonly Employee[], signal?: AbortSignal): Promise<void> {
  // A packed staff (an imported file) goes as its bytes, copied without a single object decoded.
  const packed = chunksOf(employees);
  if (packed) {
    for (const chunk of packed) await ask({ type: 'chunk', session, employees: [], packed: chunk }, () => {}, signal);
    return;
  }
  for (let i = 0; i < employees.length; i += CHUNK) {
    await ask({ type: 'chunk', session, employees: employees.slice(i, i + CHUNK) }, () => {}, signal);
    await nextTask();
  }
}

/** Without a worker, an evaluation error is said as the worker says it: one French message. */
const saidAsWorker =
  (inputs: CompanyInputs) =>
  (error: unknown): never => {
    throw error instanceof EvaluationError ? new Error(evaluationErrorMessage(error, inputs.referential)) : error;
  };

/** The evaluation with the worker's results; `stored` when the worker wrote it to the database. */
export async function evaluateOffThread(inputs: CompanyInputs, employees: readonly Employee[], options: OffThreadOptions = {}): Promise<{ evaluation: CompanyEvaluation; stored: boolean }> {
  if (options.noWorker || typeof Worker === 'undefined') {
    const staff = options.shares ? withShares(employees, options.shares) : employees;
    return { evaluation: await evaluateCompany(inputs, staff, options.signal ? { signal: options.signal } : {}).catch(saidAsWorker(inputs)), stored: false };
  }
  const session = ++sessions;
  await sendEmployees(session, employees, options.signal);
  const chunks: PackedChunk[] = [];
  let outcome: { evaluation: CompanyEvaluation; stored: boolean } | undefined;
  let failure: string | undefined;
  await ask(
    { type: 'evaluate', session, inputs, ...(options.store ? { store: options.store } : {}), ...(options.shares ? { shares: options.shares } : {}) },
    (reply) => {
      if (reply.type === 'summaries') chunks.push(reply.packed);
      // Read as an array of summaries, decoded where read (the rows in view).
      else if (reply.type === 'done') {
        const summaries = packedList<EmployeeSummary>(chunks);
        keptInWorker.set(summaries, reply.kept);
        outcome = { evaluation: { ...reply.evaluation, summaries: summaries as EmployeeSummary[] }, stored: reply.stored };
      }
      else if (reply.type === 'error') failure = reply.message;
    },
    options.signal,
  );
  if (failure !== undefined || !outcome) throw new Error(failure ?? 'évaluation interrompue');
  return outcome;
}

/** draftPlan in the evaluation worker when the browser has one, on the main thread otherwise. */
export async function draftPlanOffThread(inputs: CompanyInputs, employees: readonly Employee[], draft: PlanDraftOptions, options: Pick<OffThreadOptions, 'signal' | 'noWorker'> = {}): Promise<ActionPlan> {
  if (options.noWorker || typeof Worker === 'undefined') {
    try {
      return draftPlan(inputs, employees, draft);
    } catch (error) {
      return saidAsWorker(inputs)(error);
    }
  }
  const session = ++sessions;
  await sendEmployees(session, employees, options.signal);
  let plan: ActionPlan | undefined;
  let failure: string | undefined;
  await ask(
    { type: 'draft', session, inputs, draft },
    (reply) => {
      if (reply.type === 'plan') plan = reply.plan;
      else if (reply.type === 'error') failure = reply.message;
    },
    options.signal,
  );
  if (failure !== undefined || !plan) throw new Error(failure ?? 'préparation interrompue');
  return plan;
}

/**
 * A stored staff or evaluation read in the evaluation worker and handed over with its long list packed:
 * opening a company with 100 000 employees deserialises them there, not on the page (about 150 ms in
 * one task for the staff alone here).
 */
export async function readStaffOffThread(dbName: string, key: string): Promise<StaffRecord | undefined> {
  const { record, chunks } = await readOffThread(dbName, 'staff', key);
  return record && { ...(record as StaffRecord), employees: packedList<Employee>(chunks) as Employee[] };
}

export async function readEvaluationOffThread(dbName: string, key: string): Promise<EvaluationRecord | undefined> {
  const { record, chunks, kept } = await readOffThread(dbName, 'evaluations', key);
  if (!record) return undefined;
  const stored = record as EvaluationRecord;
  // A record without a list of summaries (an older app's) is passed on as it is, for the reader to refuse.
  const results = stored.results as { summaries?: unknown } | null;
  if (typeof results !== 'object' || results === null || !Array.isArray(results.summaries)) return stored;
  const summaries = packedList<EmployeeSummary>(chunks);
  if (kept !== undefined) keptInWorker.set(summaries, kept);
  return { ...stored, results: { ...results, summaries } };
}

async function readOffThread(dbName: string, store: 'staff' | 'evaluations', key: string): Promise<{ record: StaffRecord | EvaluationRecord | undefined; chunks: PackedChunk[]; kept?: string }> {
  const chunks: PackedChunk[] = [];
  let record: StaffRecord | EvaluationRecord | undefined;
  let kept: string | undefined;
  let failure: string | undefined;
  await ask({ type: 'read', session: ++sessions, dbName, store, key }, (reply) => {
    if (reply.type === 'employees' || reply.type === 'summaries') chunks.push(reply.packed);
    else if (reply.type === 'record') {
      record = reply.record;
      kept = reply.kept;
    } else if (reply.type === 'error') failure = reply.message;
  });
  if (failure !== undefined) throw new Error(failure);
  return { record, chunks, ...(kept === undefined ? {} : { kept }) };
}

/** A packed list of summaries → the key under which the evaluation worker keeps the same list. */
const keptInWorker = new WeakMap<readonly EmployeeSummary[], string>();

/**
 * compareEvaluations in the evaluation worker when both lists are packed (two passes over 100 000
 * summaries and their maps would hold the page for half a second), on the page otherwise (small lists,
 * jsdom). Lists the worker produced or read are compared where they are, named by key; any other (or
 * one the worker no longer keeps) is copied to it a chunk a message — the page keeps reading its
 * chunks. 100 000 summaries sent back were 400 copies of 43 KB, the page's collector running in its
 * tasks (one message of all of them: a task of 60–130 ms).
 */
export async function compareOffThread(before: CompanyEvaluation, after: CompanyEvaluation, signal?: AbortSignal): Promise<Comparison> {
  const beforeChunks = chunksOf(before.summaries);
  const afterChunks = chunksOf(after.summaries);
  if (typeof Worker === 'undefined' || !beforeChunks || !afterChunks) return compareEvaluations(before, after);
  const keptBefore = keptInWorker.get(before.summaries);
  const keptAfter = keptInWorker.get(after.summaries);
  if (keptBefore !== undefined && keptAfter !== undefined) {
    const found = await compareInWorker({ type: 'compare', session: ++sessions, before: { ...before, summaries: [] }, after: { ...after, summaries: [] }, keptBefore, keptAfter }, signal);
    if (found) return found;
  }
  const session = ++sessions;
  for (const chunk of beforeChunks) await ask({ type: 'summaryChunk', session, side: 'before', packed: chunk }, () => {}, signal);
  for (const chunk of afterChunks) await ask({ type: 'summaryChunk', session, side: 'after', packed: chunk }, () => {}, signal);
  const found = await compareInWorker({ type: 'compare', session, before: { ...before, summaries: [] }, after: { ...after, summaries: [] } }, signal);
  if (!found) throw new Error('comparaison interrompue');
  return found;
}

/** One comparison request; null when the worker no longer keeps a list it names. */
async function compareInWorker(request: Extract<EvaluationRequest, { type: 'compare' }>, signal?: AbortSignal): Promise<Comparison | null> {
  const changes: PackedChunk[] = [];
  return askKept(
    request,
    (reply) => {
      if (reply.type === 'changes') changes.push(reply.packed);
      return reply.type === 'comparison' ? { ...reply.comparison, changes: packedList<EmployeeChange>(changes) as EmployeeChange[] } : undefined;
    },
    'comparaison interrompue',
    signal,
  );
}

/**
 * A request on lists the worker keeps: the answer `take` finds among the replies, null when the worker
 * answers it no longer keeps them (`gone`), its failure thrown.
 */
async function askKept<T>(request: EvaluationRequest, take: (reply: EvaluationResponse) => T | undefined, interrupted: string, signal?: AbortSignal): Promise<T | null> {
  let answer: T | undefined;
  let gone = false;
  let failure: string | undefined;
  await ask(
    request,
    (reply) => {
      answer ??= take(reply);
      if (reply.type === 'gone') gone = true;
      else if (reply.type === 'error') failure = reply.message;
    },
    signal,
  );
  if (failure !== undefined) throw new Error(failure);
  if (gone) return null;
  if (answer === undefined) throw new Error(interrupted);
  return answer;
}

/**
 * A file made from the whole staff and its results (the declaration, the results workbook): by the
 * evaluation worker from the lists it kept of the evaluation it made (on the page, a pass over 100 000
 * packed results is a long task), by the page where there is no worker or the worker no longer keeps
 * them.
 */
export async function exportFileOffThread(request: ExportRequest, employees: readonly Employee[], evaluation: CompanyEvaluation, signal?: AbortSignal): Promise<ExportedFile> {
  const kept = keptInWorker.get(evaluation.summaries);
  if (typeof Worker !== 'undefined' && kept !== undefined) {
    const file = await askKept({ type: 'file', session: ++sessions, kept, evaluation: { ...evaluation, summaries: [] }, file: request }, (reply) => (reply.type === 'file' ? reply.file : undefined), 'fichier interrompu', signal);
    if (file) return file;
  }
  return exportFile(request, employees, evaluation);
}
