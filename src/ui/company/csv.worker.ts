import { parseStaffCsvSlices } from './csvChunks.ts';
import type { WorkerRequest, WorkerResponse } from './csvClient.ts';
import { serveTagged } from '../persistentWorker.ts';

/*
 * Parses a staff file off the main thread: the papaparse work of a 10 000-line file never blocks the
 * page, and a progress message follows each slice of lines.
 */

serveTagged<WorkerRequest, WorkerResponse>(({ text, referential, sliceLines }, reply) => {
  try {
    const parsing = parseStaffCsvSlices(text, referential, sliceLines);
    let step = parsing.next();
    while (!step.done) {
      reply({ type: 'progress', done: step.value.done, total: step.value.total });
      step = parsing.next();
    }
    reply({ type: 'done', result: step.value });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
