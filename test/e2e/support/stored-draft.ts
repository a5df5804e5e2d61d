import type { Page } from 'playwright-core';

/** A record of one of the page's IndexedDB stores, read straight from the database, as a second tab would. */
export function readStoredRecord<T>(page: Page, store: string, key: string): Promise<T | undefined> {
  return page.evaluate(
    ([name, k]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('logigramme');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).get(k);
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [store, key] as const,
  ) as Promise<T | undefined>;
}

/** A draft record as stored in the page's IndexedDB. */
export const readStoredDraft = <T>(page: Page, id: string): Promise<T | undefined> => readStoredRecord<T>(page, 'drafts', id);
