import { createContext, useContext } from 'react';
import type { LogigrammeDb } from '../storage/index.ts';

export const DbContext = createContext<LogigrammeDb | null>(null);

export function useDb(): LogigrammeDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside <DbContext.Provider>');
  return db;
}
