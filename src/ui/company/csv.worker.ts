import type { WorkerRequest, WorkerResponse } from './csvClient.ts';
import { serveTagged } from '../persistentWorker.ts';
import { prepareStaffRead } from './staffRead.ts';

/*
 * Reads a staff file off the main thread: decoding, the workbook reader and the parse of a 100 000-line
 * file never block the page, and a progress message follows each slice of lines.
 */

serveTagged<WorkerRequest, WorkerResponse>(async (request, reply) => {
  try {
    const { source, steps } = await prepareStaffRead(request);
    let step = steps.next();
    while (!step.done) {
      reply({ type: 'progress', done: step.value.done, total: step.value.total });
      step = steps.next();
    }
    reply({ type: 'done', result: step.value, source });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
