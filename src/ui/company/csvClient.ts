import type { Referential } from '../../core/index.ts';
import type { StaffCsvResult } from '../../io/staff-csv.ts';
import { DEFAULT_SLICE_LINES, parseStaffCsvSlices, type ParseProgress } from './csvChunks.ts';
import { persistentWorker } from '../persistentWorker.ts';

/*
 * The staff file parsed in a Web Worker (csv.worker.ts) when the browser has them, on the main thread
 * in slices otherwise (jsdom, Node): the same parser, the same result, progress after each slice.
 */

export interface WorkerRequest {
  text: string;
  referential: Referential;
  sliceLines: number;
}

export type WorkerResponse = { type: 'progress'; done: number; total: number } | { type: 'done'; result: StaffCsvResult } | { type: 'error'; message: string };

export interface ParseOptions {
  onProgress?: (progress: ParseProgress) => void;
  signal?: AbortSignal;
  sliceLines?: number;
  /** Forces the main-thread path (tests). */
  noWorker?: boolean;
}

export function parseStaffText(text: string, referential: Referential, options: ParseOptions = {}): Promise<StaffCsvResult> {
  const sliceLines = options.sliceLines ?? DEFAULT_SLICE_LINES;
  if (!options.noWorker && typeof Worker !== 'undefined') return inWorker({ text, referential, sliceLines }, options);
  return inThread(text, referential, sliceLines, options);
}

function abortError(): DOMException {
  return new DOMException('lecture interrompue', 'AbortError');
}

// The literal `new URL(…, import.meta.url)` inside `new Worker(…)` is what Vite bundles as a worker.
export const csvWorker = persistentWorker<WorkerRequest, WorkerResponse>(
  () => new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module', name: 'lecture-personnel' }),
  'lecture du fichier du personnel',
);

function inWorker(request: WorkerRequest, options: ParseOptions): Promise<StaffCsvResult> {
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
        options.signal?.removeEventListener('abort', onAbort);
        if (message.type === 'done') resolve(message.result);
        else reject(new Error(message.message));
      },
      (error) => {
        options.signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function inThread(text: string, referential: Referential, sliceLines: number, options: ParseOptions): Promise<StaffCsvResult> {
  const parsing = parseStaffCsvSlices(text, referential, sliceLines);
  let step = parsing.next();
  while (!step.done) {
    options.onProgress?.(step.value);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (options.signal?.aborted) throw abortError();
    step = parsing.next();
  }
  return step.value;
}
