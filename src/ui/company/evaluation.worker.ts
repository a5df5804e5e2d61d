import { EvaluationError, type Employee, type Referential } from '../../core/index.ts';
import { evaluationErrorMessage } from '../../present/evaluation-errors.ts';
import { serveTagged } from '../persistentWorker.ts';
import { compactEvaluation, draftPlan, evaluateCompanySync, evaluationDigest, shareEqualParts, SUMMARY_PARTS, type EmployeeSummary } from './evaluation.ts';
import type { EvaluationRequest, EvaluationResponse } from './evaluationClient.ts';
import { getRecord, putRecord } from './workerStore.ts';
import { EMPLOYEE_PARTS } from './sharedParts.ts';
import type { EvaluationRecord, StaffRecord } from '../../storage/index.ts';
import { duerMatrix } from './exports.ts';
import { packChunk, unpackChunk } from './packedList.ts';
import { compareEvaluations, withShares } from './whatif.ts';
import { exportFile } from './exportFiles.ts';

/*
 * Evaluates a company's staff off the main thread: the employees arrive in chunks (each one a short
 * task for the page to send), the evaluation, the company totals, the DUER matrix and the counts the
 * screens show (evaluationDigest) are computed here, the results go
 * back in packed chunks, and the evaluation is stored here too, so that 100 000 employees never hold the page.
 */

/** Results per message: the rows in view are one chunk or two to decode. */
const CHUNK = 250;
const sessions = new Map<number, Employee[]>();
/** The two lists of summaries a comparison receives, a chunk a message (the page posts each in its own task). */
const compared = new Map<number, { before: EmployeeSummary[]; after: EmployeeSummary[] }>();

type Reply = (response: EvaluationResponse, transfer?: Transferable[]) => void;

/**
 * The lists of summaries this worker produced or read, which the page holds packed, kept here under a
 * key the page quotes to compare them (a what-if against the real results, this year against last):
 * sending 100 000 summaries back is 34 MB of copies and the page's collector running in its tasks.
 * The most recently used few; a key unknown here (evicted, or a new worker) makes the page send them.
 */
const KEPT_LISTS = 3;
/** An evaluation's summaries, and the employees evaluated when this worker evaluated them (for its files). */
interface Kept {
  summaries: EmployeeSummary[];
  employees?: readonly Employee[];
}
const keptLists = new Map<string, Kept>();

function keepList(summaries: EmployeeSummary[], employees?: readonly Employee[]): string {
  const key = crypto.randomUUID();
  keptLists.set(key, employees ? { summaries, employees } : { summaries });
  if (keptLists.size > KEPT_LISTS) keptLists.delete(keptLists.keys().next().value!);
  return key;
}

function keptList(key: string | undefined): Kept | undefined {
  const kept = key === undefined ? undefined : keptLists.get(key);
  if (kept) {
    // Used last, dropped last.
    keptLists.delete(key!);
    keptLists.set(key!, kept);
  }
  return kept;
}

/** A long list sent packed, a chunk a message, each chunk's bytes moved (not copied) to the page. */
function sendPacked<T extends object>(reply: Reply, type: 'employees' | 'summaries' | 'changes', items: readonly T[], shared: ReadonlyArray<keyof T & string>, key: keyof T & string): void {
  for (let i = 0; i < items.length; i += CHUNK) {
    const packed = packChunk(items.slice(i, i + CHUNK), shared, key);
    reply({ type, packed }, [packed.bytes]);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A failure as the page shows it: an evaluation error in French, any other error's own message. */
const failureText = (error: unknown, referential: Referential): string => (error instanceof EvaluationError ? evaluationErrorMessage(error, referential) : messageOf(error));

serveTagged<EvaluationRequest, EvaluationResponse>(async (request, reply) => {
  if (request.type === 'chunk') {
    const list = sessions.get(request.session) ?? [];
    for (const e of request.packed ? unpackChunk<Employee>(request.packed) : request.employees) list.push(e);
    sessions.set(request.session, list);
    return;
  }
  if (request.type === 'summaryChunk') {
    const lists = compared.get(request.session) ?? { before: [], after: [] };
    for (const s of unpackChunk<EmployeeSummary>(request.packed)) lists[request.side].push(s);
    compared.set(request.session, lists);
    return;
  }
  if (request.type === 'compare') {
    const sent = compared.get(request.session) ?? { before: [], after: [] };
    // This comparison's lists, and those of any earlier one cancelled while its chunks were coming.
    for (const session of compared.keys()) if (session <= request.session) compared.delete(session);
    const before = request.keptBefore === undefined ? sent.before : keptList(request.keptBefore)?.summaries;
    const after = request.keptAfter === undefined ? sent.after : keptList(request.keptAfter)?.summaries;
    if (!before || !after) {
      reply({ type: 'gone' });
      return;
    }
    try {
      const comparison = compareEvaluations({ ...request.before, summaries: before }, { ...request.after, summaries: after });
      sendPacked(reply, 'changes', comparison.changes, [], 'employee');
      reply({ type: 'comparison', comparison: { ...comparison, changes: [] } }, [comparison.changedAt.buffer]);
    } catch (error) {
      reply({ type: 'error', message: messageOf(error) });
    }
    return;
  }
  if (request.type === 'file') {
    const kept = keptList(request.kept);
    if (!kept?.employees) {
      reply({ type: 'gone' });
      return;
    }
    try {
      const file = await exportFile(request.file, kept.employees, { ...request.evaluation, summaries: kept.summaries });
      reply({ type: 'file', file });
    } catch (error) {
      reply({ type: 'error', message: messageOf(error) });
    }
    return;
  }
  if (request.type === 'read') {
    try {
      const { record, kept } = await readPacked(request.dbName, request.store, request.key, reply);
      reply({ type: 'record', record, ...(kept === undefined ? {} : { kept }) });
    } catch (error) {
      reply({ type: 'error', message: messageOf(error) });
    }
    return;
  }
  const received = sessions.get(request.session) ?? [];
  sessions.delete(request.session);
  const employees = request.type === 'evaluate' && request.shares ? withShares(received, request.shares) : received;
  if (request.type === 'draft') {
    try {
      reply({ type: 'plan', plan: draftPlan(request.inputs, employees, request.draft) });
    } catch (error) {
      reply({ type: 'error', message: failureText(error, request.inputs.referential) });
    }
    return;
  }
  try {
    // The compact form (not-exposed factors left out) is what crosses to the page and what is stored,
    // its equal parts shared (shareEqualParts) so that the stored record read back on a reload is
    // mostly references.
    const compact = compactEvaluation(evaluateCompanySync(request.inputs, employees));
    const evaluation = { ...compact, summaries: shareEqualParts(compact.summaries) };
    const duer = duerMatrix(request.inputs.referential, employees, evaluation);
    if (request.store) {
      await putRecord({ dbName: request.store.dbName }, 'evaluations', {
        key: `${request.store.companyId}@${evaluation.year}`,
        companyId: request.store.companyId,
        year: evaluation.year,
        referentialKey: request.store.referentialKey,
        contentHash: request.store.contentHash,
        results: evaluation,
        evaluatedAt: request.store.at,
      });
    }
    // Packed (packedList.ts): the page keeps the summaries off its heap and decodes the rows it shows.
    sendPacked(reply, 'summaries', evaluation.summaries, SUMMARY_PARTS, 'employee');
    reply({ type: 'done', evaluation: { ...evaluation, summaries: [], duer, digest: evaluationDigest(evaluation.summaries) }, stored: request.store !== undefined, kept: keepList(evaluation.summaries, employees) });
  } catch (error) {
    // An EvaluationError of the company's own inputs (an unknown measure): said as the page would say it.
    reply({ type: 'error', message: failureText(error, request.inputs.referential) });
  }
});

/**
 * A stored record read here, its long list sent packed first and left empty in the record returned;
 * an evaluation's summaries are kept here too (`kept`: their key).
 */
async function readPacked(dbName: string, store: 'staff' | 'evaluations', key: string, reply: Reply): Promise<{ record: StaffRecord | EvaluationRecord | undefined; kept?: string }> {
  if (store === 'staff') {
    const record = await getRecord<StaffRecord>({ dbName }, 'staff', key);
    if (record) sendPacked(reply, 'employees', record.employees, EMPLOYEE_PARTS, 'id');
    return { record: record && { ...record, employees: [] } };
  }
  const record = await getRecord<EvaluationRecord>({ dbName }, 'evaluations', key);
  const results = record?.results as { summaries?: unknown } | undefined;
  if (!record || typeof results !== 'object' || results === null || !Array.isArray(results.summaries)) return { record };
  const summaries = results.summaries as EmployeeSummary[];
  sendPacked(reply, 'summaries', summaries, SUMMARY_PARTS, 'employee');
  return { record: { ...record, results: { ...results, summaries: [] } }, kept: keepList(summaries) };
}
