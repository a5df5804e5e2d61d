import { EvaluationError, type Employee, type Referential } from '../../core/index.ts';
import { evaluationErrorMessage } from '../../present/evaluation-errors.ts';
import { serveTagged } from '../persistentWorker.ts';
import { compactEvaluation, draftPlan, evaluateCompanySync, evaluationDigest, shareEqualParts } from './evaluation.ts';
import type { EvaluationRequest, EvaluationResponse } from './evaluationClient.ts';
import { putRecord } from './workerStore.ts';
import { duerMatrix } from './exports.ts';

/*
 * Evaluates a company's staff off the main thread: the employees arrive in chunks (each one a short
 * task for the page to send), the evaluation, the company totals, the DUER matrix and the counts the
 * screens show (evaluationDigest) are computed here, the results go
 * back in chunks, and the evaluation is stored here too, so that 100 000 employees never hold the page.
 */

/**
 * Results per message: each one is a task of a millisecond or two for the page to deserialise, which
 * stays short even when a loaded machine gives the page a fraction of a core.
 */
const CHUNK = 250;
const sessions = new Map<number, Employee[]>();

/** A failure as the page shows it: an evaluation error in French, any other error's own message. */
const failureText = (error: unknown, referential: Referential): string =>
  error instanceof EvaluationError ? evaluationErrorMessage(error, referential) : error instanceof Error ? error.message : String(error);

serveTagged<EvaluationRequest, EvaluationResponse>(async (request, reply) => {
  if (request.type === 'chunk') {
    const list = sessions.get(request.session) ?? [];
    for (const e of request.employees) list.push(e);
    sessions.set(request.session, list);
    return;
  }
  const employees = sessions.get(request.session) ?? [];
  sessions.delete(request.session);
  if (request.type === 'draft') {
    try {
      reply({ type: 'plan', plan: draftPlan(request.inputs, employees, request.draft) });
    } catch (error) {
      reply({ type: 'error', message: failureText(error, request.inputs.referential) });
    }
    return;
  }
  try {
    // The compact form (not-exposed factors left out) is what crosses to the page and what is stored:
    // a tenth of the objects to deserialise.
    // Equal parts shared (shareEqualParts): what the page deserialises and keeps is mostly references.
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
    for (let i = 0; i < evaluation.summaries.length; i += CHUNK) reply({ type: 'summaries', summaries: evaluation.summaries.slice(i, i + CHUNK) });
    reply({ type: 'done', evaluation: { ...evaluation, summaries: [], duer, digest: evaluationDigest(evaluation.summaries) }, stored: request.store !== undefined });
  } catch (error) {
    // An EvaluationError of the company's own inputs (an unknown measure): said as the page would say it.
    reply({ type: 'error', message: failureText(error, request.inputs.referential) });
  }
});
