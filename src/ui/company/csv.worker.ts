import type { WorkerRequest, WorkerResponse } from './csvClient.ts';
import { serveTagged } from '../persistentWorker.ts';
import { prepareStaffRead } from './staffRead.ts';
import { EMPLOYEE_PARTS, shareEmployeeParts } from './sharedParts.ts';
import { putRecord } from './workerStore.ts';
import { packChunk } from './packedList.ts';
import { loadWorkbookReader } from '../../io/staff-xlsx.ts';

/** Employees per message: a page of the staff table is one chunk to decode. */
const CHUNK = 250;

/*
 * Reads a staff file off the main thread: decoding, the workbook reader and the parse of a 100 000-line
 * file never block the page, and a progress message follows each slice of lines.
 */

// Fetched once the worker has started, while the network is there, so that a workbook can still be
// read once the app is offline; starting the worker does not wait for it.
setTimeout(() => void loadWorkbookReader().catch(() => undefined), 2000);

serveTagged<WorkerRequest, WorkerResponse>(async (request, reply) => {
  try {
    const { source, steps } = await prepareStaffRead(request);
    let step = steps.next();
    while (!step.done) {
      reply({ type: 'progress', done: step.value.done, total: step.value.total });
      step = steps.next();
    }
    // Equal parts shared (sharedParts.ts): what the page deserialises and keeps is mostly references.
    const result = { ...step.value, employees: shareEmployeeParts(step.value.employees) };
    let stored = false;
    const store = request.store;
    if (store && result.issues.length === 0 && result.employees.length > 0) {
      // Stored here, whole, before the page hears of it: an accepted import lands whole or not at all.
      await putRecord({ dbName: store.dbName }, 'staff', {
        key: `${store.companyId}@${store.year}`,
        companyId: store.companyId,
        year: store.year,
        employees: result.employees,
        source: { file: store.file, importedAt: store.importedAt },
        updatedAt: store.importedAt,
      });
      stored = true;
    }
    // Packed (packedList.ts): the page keeps the employees off its heap and decodes the ones it reads.
    for (let i = 0; i < result.employees.length; i += CHUNK) {
      const packed = packChunk(result.employees.slice(i, i + CHUNK), EMPLOYEE_PARTS, 'id');
      reply({ type: 'employees', packed, rows: result.rows.slice(i, i + CHUNK) }, [packed.bytes]);
    }
    reply({ type: 'done', result: { ...result, employees: [], rows: [] }, ...(source ? { source } : {}), stored });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
