import type { Employee, Referential } from '../../core/index.ts';
import type { ColumnMapping, StaffCsvResult } from '../../io/staff-csv.ts';
import { DEFAULT_SLICE_LINES, type ParseProgress } from './csvChunks.ts';
import { persistentWorker } from '../persistentWorker.ts';
import { readFileBytes } from '../files.ts';
import { prepareStaffRead, type StaffReadRequest, type StaffSourceInfo } from './staffRead.ts';
import { packedList, type PackedChunk } from './packedList.ts';
import { nextTask } from '../../io/tasks.ts';

/*
 * The staff file parsed in a Web Worker (csv.worker.ts) when the browser has them, on the main thread
 * in slices otherwise (jsdom, Node): the same parser, the same result, progress after each slice.
 */

export type WorkerRequest = StaffReadRequest;

/** The employees come in packed chunks (packedList.ts), then `done` with the issues. */
export type WorkerResponse =
  | { type: 'progress'; done: number; total: number }
  | { type: 'employees'; packed: PackedChunk; rows: number[] }
  | { type: 'done'; result: StaffCsvResult; source?: StaffSourceInfo; stored: boolean }
  | { type: 'error'; message: string };

export interface StaffRead {
  result: StaffCsvResult;
  source?: StaffSourceInfo;
  /** Already stored by the worker (request.store). */
  stored?: boolean;
}

export interface ParseOptions {
  onProgress?: (progress: ParseProgress) => void;
  signal?: AbortSignal;
  sliceLines?: number;
  /** Forces the main-thread path (tests). */
  noWorker?: boolean;
  /** Headers mapped by the user for this company. */
  mapping?: ColumnMapping;
  /** Where the worker stores an accepted staff (ignored on the main-thread path: the page stores it). */
  store?: WorkerRequest['store'];
}

/**
 * A staff file (the file itself, its bytes, or its text) read against a referential, in the worker when
 * there is one. The file itself crosses to the worker as a handle: the page neither reads nor copies it.
 */
export function parseStaffFile(file: { blob?: Blob; bytes?: ArrayBuffer; text?: string }, referential: Referential, options: ParseOptions = {}): Promise<StaffRead> {
  const request: WorkerRequest = { ...file, referential, sliceLines: options.sliceLines ?? DEFAULT_SLICE_LINES, ...(options.mapping ? { mapping: options.mapping } : {}) };
  if (!options.noWorker && typeof Worker !== 'undefined') return inWorker(options.store ? { ...request, store: options.store } : request, options);
  return inThread(request, options);
}

/** The text form (tests, the comparison screen's samples). */
export const parseStaffText = (text: string, referential: Referential, options: ParseOptions = {}) => parseStaffFile({ text }, referential, options).then((r) => r.result);

function abortError(): DOMException {
  return new DOMException('lecture interrompue', 'AbortError');
}

// The literal `new URL(…, import.meta.url)` inside `new Worker(…)` is what Vite bundles as a worker.
export const csvWorker = persistentWorker<WorkerRequest, WorkerResponse>(
  () => new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module', name: 'lecture-personnel' }),
  'lecture du fichier du personnel',
);

function inWorker(request: WorkerRequest, options: ParseOptions): Promise<StaffRead> {
  const chunks: PackedChunk[] = [];
  const rows: number[] = [];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const onAbort = () => {
      // The worker finishes the file; its replies are dropped.
      stop();
      reject(abortError());
    };
    options.signal?.addEventListener('abort', onAbort);
    const stop = csvWorker.request(
      request,
      (message) => {
        if (message.type === 'progress') {
          options.onProgress?.({ done: message.done, total: message.total });
          return;
        }
        if (message.type === 'employees') {
          chunks.push(message.packed);
          // push one by one: a spread of 100 000 arguments would overflow the stack
          for (const r of message.rows) rows.push(r);
          return;
        }
        options.signal?.removeEventListener('abort', onAbort);
        if (message.type === 'done') {
          // Read as an array of employees, decoded where read (a page of the table, a search).
          const result = { ...message.result, employees: packedList<Employee>(chunks) as Employee[], rows };
          resolve({ result, stored: message.stored, ...(message.source ? { source: message.source } : {}) });
        }
        else reject(new Error(message.message));
      },
      (error) => {
        options.signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function inThread(request: WorkerRequest, options: ParseOptions): Promise<StaffRead> {
  // Read here with the page's reader (jsdom has no Blob.arrayBuffer).
  const { blob, ...rest } = request;
  const { source, steps } = await prepareStaffRead(blob ? { ...rest, bytes: await readFileBytes(blob) } : rest);
  let step = steps.next();
  while (!step.done) {
    options.onProgress?.(step.value);
    await nextTask();
    if (options.signal?.aborted) throw abortError();
    step = steps.next();
  }
  return source ? { result: step.value, source } : { result: step.value };
}
