/**
 * The value of a record's own property, never one inherited from Object.prototype: records keyed by
 * user ids (answers by question id, layouts by node id) would otherwise find `constructor`,
 * `toString` or `hasOwnProperty` on an id of that name, and a message would print « function
 * Object()… », or a write through it would change a built-in.
 *
 * @example own({}, 'constructor') // undefined
 */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
