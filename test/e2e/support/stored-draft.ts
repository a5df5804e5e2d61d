import type { Page } from 'playwright-core';

/** A draft record as stored in the page's IndexedDB, read straight from the database, as a second tab would. */
export function readStoredDraft<T>(page: Page, id: string): Promise<T | undefined> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('logigramme');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('drafts').objectStore('drafts').get(key);
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    id,
  ) as Promise<T | undefined>;
}
