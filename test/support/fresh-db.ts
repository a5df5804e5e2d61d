import { afterEach } from 'vitest';
import { LogigrammeDb } from '../../src/storage/index.ts';

/**
 * Fresh databases for one test file (over fake-indexeddb, which the file imports first): each uniquely
 * named, so tests never see each other's data, and closed and deleted after each test.
 */
export function freshDbMaker(prefix: string): (name?: string) => LogigrammeDb {
  let counter = 0;
  const opened: LogigrammeDb[] = [];
  afterEach(async () => {
    const dbs = opened.splice(0);
    for (const db of dbs) db.close();
    for (const db of dbs) await db.delete();
  });
  // `name`: a database the test made itself (an older version, a second connection), tracked the same way.
  return (name) => {
    const db = new LogigrammeDb(name ?? `${prefix}-${++counter}`);
    opened.push(db);
    return db;
  };
}
