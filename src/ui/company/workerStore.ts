import type { EvaluationRecord, StaffRecord } from '../../storage/index.ts';

/*
 * Writing a large record from a Web Worker: the structured clone of 100 000 employees or results costs
 * hundreds of milliseconds on whichever thread calls `put`, so the worker that made the data stores it,
 * and the page never pays. Plain IndexedDB on the app's own Dexie database (its object stores have the
 * same names and keys), so that the worker carries no Dexie; opened at its current version, never
 * upgraded from here.
 */

export interface StoreTarget {
  dbName: string;
}

function open(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB indisponible'));
    // The page creates the database (Dexie) before any worker writes to it.
    request.onupgradeneeded = () => {
      request.transaction?.abort();
      reject(new Error('base de données absente'));
    };
  });
}

/** One record put in one transaction, resolved once committed. */
export async function putRecord(target: StoreTarget, store: 'staff' | 'evaluations', record: StaffRecord | EvaluationRecord): Promise<void> {
  const db = await open(target.dbName);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('écriture refusée'));
      tx.onabort = () => reject(tx.error ?? new Error('écriture interrompue'));
    });
  } finally {
    db.close();
  }
}

/** One record read (undefined when there is none): the structured clone is paid by the worker that reads. */
export async function getRecord<T>(target: StoreTarget, store: 'staff' | 'evaluations', key: string): Promise<T | undefined> {
  const db = await open(target.dbName);
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).get(key);
      request.onsuccess = () => resolve(request.result as T | undefined);
      request.onerror = () => reject(request.error ?? new Error('lecture refusée'));
    });
  } finally {
    db.close();
  }
}
