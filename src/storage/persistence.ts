import type { LogigrammeDb } from './db.ts';

export type PersistenceState = 'granted' | 'denied' | 'unsupported';

const FLAG = 'persistenceRequested';
const pending = new WeakMap<LogigrammeDb, Promise<PersistenceState>>();

/**
 * Asks the browser, once per database, not to evict the stored referentials under storage pressure.
 * Later starts only read the current state, so the user is never asked twice.
 */
export function requestPersistenceOnce(
  db: LogigrammeDb,
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
  now: () => string = () => new Date().toISOString(),
): Promise<PersistenceState> {
  let promise = pending.get(db);
  if (!promise) {
    promise = request(db, storage, now);
    pending.set(db, promise);
  }
  return promise;
}

async function request(db: LogigrammeDb, storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined, now: () => string): Promise<PersistenceState> {
  if (!storage || typeof storage.persist !== 'function' || typeof storage.persisted !== 'function') return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    if (await db.meta.get(FLAG)) return 'denied';
    const granted = await storage.persist();
    await db.meta.put({ key: FLAG, value: { at: now(), granted } });
    return granted ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
