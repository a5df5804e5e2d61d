import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferentialText } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { compactEvaluation, evaluateCompanySync, type CompanyInputs } from '../src/ui/company/evaluation.ts';
import { companyDeclarationLines } from '../src/ui/company/declarationFiles.ts';
import { declarationCsv } from '../src/ui/company/exports.ts';
import type { ExportRequest } from '../src/ui/company/exportFiles.ts';
import type { EvaluationRequest, EvaluationResponse } from '../src/ui/company/evaluationClient.ts';
import { packedList, unpackChunk, type PackedChunk } from '../src/ui/company/packedList.ts';
import type { Envelope } from '../src/ui/persistentWorker.ts';
import { compareEvaluations, type EmployeeChange } from '../src/ui/company/whatif.ts';
import { generatedStaffCsv } from './e2e/support/company-staff.ts';

/*
 * The evaluation worker's protocol, run in this process as the browser would run the worker (its
 * global scope stood in for): the summaries it produced stay there under a key, and a comparison that
 * names two kept lists gives what compareEvaluations gives on the page; a key it no longer knows is
 * answered `gone` (the page then sends the lists, a chunk a message), and lists sent that way compare
 * to the same result.
 */

const loaded = loadReferentialText(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('the sample referential does not load');
const referential = loaded.value;
const employees = parseStaffCsv(generatedStaffCsv(600), referential).employees;
const INPUTS: CompanyInputs = { referential, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 };
const WHAT_IF: CompanyInputs = { ...INPUTS, company: { ...INPUTS.company, measures: [{ measure: 'm-bruit-80' }] } };

type Scope = { onmessage: ((event: { data: Envelope<EvaluationRequest> }) => Promise<void>) | null; postMessage(message: Envelope<EvaluationResponse>): void };
const scope: Scope = { onmessage: null, postMessage: () => {} };
let nextId = 1;

/** One request to the worker, its replies collected until it says `end`. */
async function ask(message: EvaluationRequest): Promise<EvaluationResponse[]> {
  const id = nextId++;
  const replies: EvaluationResponse[] = [];
  scope.postMessage = (envelope) => {
    if (envelope.id === id && 'message' in envelope) replies.push(envelope.message);
  };
  await scope.onmessage!({ data: { id, message } });
  return replies;
}

async function evaluate(session: number, inputs: CompanyInputs) {
  for (let i = 0; i < employees.length; i += 250) await ask({ type: 'chunk', session, employees: employees.slice(i, i + 250) });
  const replies = await ask({ type: 'evaluate', session, inputs });
  const done = replies.find((r) => r.type === 'done');
  if (!done || done.type !== 'done') throw new Error('no evaluation');
  const chunks = replies.flatMap((r) => (r.type === 'summaries' ? [r.packed] : []));
  return { kept: done.kept, chunks, evaluation: done.evaluation };
}

/** A file's text as its bytes say it, its byte-order mark kept (Blob.text() drops it). */
const bytesText = async (blob: Blob) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

function comparisonOf(replies: EvaluationResponse[]) {
  const changes = replies.flatMap((r) => (r.type === 'changes' ? [r.packed] : []));
  const found = replies.find((r) => r.type === 'comparison');
  if (!found || found.type !== 'comparison') return null;
  return { ...found.comparison, changes: [...packedList<EmployeeChange>(changes)], changedAt: [...found.comparison.changedAt] };
}

beforeAll(async () => {
  (globalThis as unknown as { self: Scope }).self = scope;
  await import('../src/ui/company/evaluation.worker.ts');
});

describe('the evaluation worker compares the lists it keeps', () => {
  it('by key, to the page’s own comparison; an unknown key is answered `gone`; sent lists give the same', async () => {
    const real = await evaluate(1, INPUTS);
    const simulated = await evaluate(2, WHAT_IF);
    const expected = compareEvaluations(evaluateCompanySync(INPUTS, employees), evaluateCompanySync(WHAT_IF, employees));
    const asOnPage = { ...expected, changes: expected.changes, changedAt: [...expected.changedAt] };
    // The noise measure changes someone in 600 generated employees, or this proves little.
    expect(expected.changes.length).toBeGreaterThan(0);

    const byKey = comparisonOf(await ask({ type: 'compare', session: 3, before: real.evaluation, after: simulated.evaluation, keptBefore: real.kept, keptAfter: simulated.kept }));
    expect(byKey).toEqual(asOnPage);

    expect(await ask({ type: 'compare', session: 4, before: real.evaluation, after: simulated.evaluation, keptBefore: 'inconnue', keptAfter: simulated.kept })).toEqual([{ type: 'gone' }]);

    const send = (side: 'before' | 'after', chunks: PackedChunk[]) => Promise.all(chunks.map((packed) => ask({ type: 'summaryChunk', session: 5, side, packed: { ...packed, bytes: packed.bytes.slice(0) } })));
    await send('before', real.chunks);
    await send('after', simulated.chunks);
    expect(comparisonOf(await ask({ type: 'compare', session: 5, before: real.evaluation, after: simulated.evaluation }))).toEqual(asOnPage);
    // The summaries sent are those the worker kept.
    expect(real.chunks.flatMap((c) => unpackChunk(c)).length).toBe(600);
  });

  it('keeps the three lists used last: an older one is gone', async () => {
    const lists: Array<Awaited<ReturnType<typeof evaluate>>> = [];
    for (let i = 0; i < 4; i++) lists.push(await evaluate(10 + i, INPUTS));
    const compare = (a: string, b: string, session: number) => ask({ type: 'compare', session, before: lists[0]!.evaluation, after: lists[0]!.evaluation, keptBefore: a, keptAfter: b });
    expect(await compare(lists[0]!.kept, lists[3]!.kept, 20)).toEqual([{ type: 'gone' }]);
    const same = comparisonOf(await compare(lists[1]!.kept, lists[3]!.kept, 21));
    // The same staff and inputs: nothing changes.
    expect(same?.changes).toEqual([]);
    expect(same?.changedAt).toEqual(new Array(600).fill(0));
  });

  it('makes the declaration and the codes variant from the lists of the evaluation it made, as the page would', async () => {
    const made = await evaluate(30, INPUTS);
    const onPage = compactEvaluation(evaluateCompanySync(INPUTS, employees));
    const file = async (request: ExportRequest) => {
      const replies = await ask({ type: 'file', session: 31, kept: made.kept, evaluation: made.evaluation, file: request });
      const found = replies.find((r) => r.type === 'file');
      if (!found || found.type !== 'file') throw new Error(JSON.stringify(replies));
      return found.file;
    };
    const declaration = await file({ kind: 'declaration', notes: ['Note de bas de fichier'] });
    expect(await bytesText(declaration.blob)).toBe(declarationCsv(employees, onPage, { notes: ['Note de bas de fichier'] }));
    expect(declaration.lines).toEqual(companyDeclarationLines(employees, onPage));
    // Someone is declared in 600 generated employees, or this proves little.
    expect(declaration.lines!.length).toBeGreaterThan(0);
    expect(await bytesText((await file({ kind: 'declaration-codes' })).blob)).toBe(declarationCsv(employees, onPage, { variant: 'codes' }));
    // A list read back from the database has no employees here: the page makes the file.
    expect(await ask({ type: 'file', session: 32, kept: 'inconnue', evaluation: made.evaluation, file: { kind: 'declaration-codes' } })).toEqual([{ type: 'gone' }]);
  });
});
