/*
 * Which stored versions the comparison screen proposes: the versions of one referential (its history)
 * or, on request, any two stored referentials. Pure.
 */

/** The « any two stored referentials » choice of the referential selector. */
export const ANY_REFERENTIAL = '*';

export interface VersionRecord {
  key: string;
  id: string;
  version: string;
}

export interface PickerChoice {
  /** A referential id, or ANY_REFERENTIAL. */
  refId: string;
  before: string;
  after: string;
}

/** Stored referentials by id, in list order (the list is sorted by title, then version). */
export function historyById<T extends VersionRecord>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const list = out.get(r.id);
    if (list) list.push(r);
    else out.set(r.id, [r]);
  }
  return out;
}

/** The versions offered for a referential choice. */
export function versionsFor<T extends VersionRecord>(records: readonly T[], refId: string): T[] {
  return refId === ANY_REFERENTIAL ? [...records] : records.filter((r) => r.id === refId);
}

/** The last two versions of a list: the one before the latest, and the latest. */
export function lastTwo(versions: readonly VersionRecord[]): { before: string; after: string } {
  const after = versions[versions.length - 1]?.key ?? '';
  const before = versions.length > 1 ? versions[versions.length - 2]!.key : after;
  return { before, after };
}

/**
 * The selection shown first: the versions of the URL when there are (their referential, or « any »
 * when they belong to two referentials); otherwise the last two versions of the first referential
 * that has several.
 */
export function pickerDefaults(records: readonly VersionRecord[], a?: string, b?: string): PickerChoice {
  const byId = historyById(records);
  const ra = a ? records.find((r) => r.key === a) : undefined;
  const rb = b ? records.find((r) => r.key === b) : undefined;
  if (ra) {
    if (rb) return { refId: ra.id === rb.id ? ra.id : ANY_REFERENTIAL, before: ra.key, after: rb.key };
    const history = byId.get(ra.id)!;
    const later = history.filter((r) => r.key !== ra.key);
    return { refId: ra.id, before: ra.key, after: later[later.length - 1]?.key ?? ra.key };
  }
  const withHistory = [...byId.entries()].find(([, list]) => list.length > 1);
  const [refId, versions] = withHistory ?? [...byId.entries()][0] ?? [ANY_REFERENTIAL, []];
  return { refId, ...lastTwo(versions) };
}
