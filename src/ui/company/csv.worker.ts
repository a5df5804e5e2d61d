import { parseStaffCsvSlices } from './csvChunks.ts';
import type { WorkerRequest, WorkerResponse } from './csvClient.ts';

/*
 * Parses a staff file off the main thread: the papaparse work of a 10 000-line file never blocks the
 * page, and a progress message follows each slice of lines.
 */

const scope = self as unknown as { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(message: WorkerResponse): void };

scope.onmessage = (event) => {
  const { text, referential, sliceLines } = event.data;
  try {
    const parsing = parseStaffCsvSlices(text, referential, sliceLines);
    let step = parsing.next();
    while (!step.done) {
      scope.postMessage({ type: 'progress', done: step.value.done, total: step.value.total });
      step = parsing.next();
    }
    scope.postMessage({ type: 'done', result: step.value });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
