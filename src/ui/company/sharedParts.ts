import type { Employee } from '../../core/index.ts';

/*
 * Equal parts of many records shared by reference. 100 000 employees or results made of some thirty
 * small objects each cost a garbage collector pauses well over 100 ms; most of those objects repeat
 * (the same job, the same factor figures), and a structured clone keeps references shared. So the
 * workers share equal parts before storing: the records a reload reads back from IndexedDB are a few
 * objects each. (What crosses to the page on an import or an evaluation is packed, packedList.ts.)
 * A shared part is never modified in place (records are replaced, never mutated).
 */

/** `share(kind, value)`: the first value of that kind equal to `value`, or `value` itself. */
export function partSharer(): <T>(kind: string, value: T) => T {
  const pool = new Map<string, unknown>();
  // A part already pooled is named by its number in the key of what holds it: a list of shared
  // factors is keyed by a few numbers, not by its factors written out again.
  const pooled = new WeakMap<object, number>();
  let unique = 0;
  const keyOf = (v: unknown): string => {
    switch (typeof v) {
      case 'string':
        return `s${v.length}:${v}`;
      case 'number':
        // -0 and 0 kept apart; NaN and the infinities write themselves.
        return Object.is(v, -0) ? 'n-0' : `n${v}`;
      case 'boolean':
        return v ? 't' : 'f';
      case 'undefined':
        return 'u';
      case 'object': {
        if (v === null) return 'z';
        const id = pooled.get(v);
        if (id !== undefined) return `#${id}`;
        if (Array.isArray(v)) {
          let key = `[${v.length}`;
          for (const x of v) key += `,${keyOf(x)}`;
          return `${key}]`;
        }
        const proto: unknown = Object.getPrototypeOf(v);
        // Anything but a plain object (a Date, a Map) is never taken for another.
        if (proto !== Object.prototype && proto !== null) return `!${++unique}`;
        let key = '{';
        const record = v as Record<string, unknown>;
        // for…in over a plain object: its own fields (Object.prototype has no enumerable one), no array made.
        for (const name in record) key += `${name.length}:${name}=${keyOf(record[name])};`;
        return `${key}}`;
      }
      default:
        return `!${++unique}`;
    }
  };
  return <T>(kind: string, value: T): T => {
    const key = `${kind}|${keyOf(value)}`;
    const found = pool.get(key);
    if (found !== undefined) return found as T;
    pool.set(key, value);
    if (typeof value === 'object' && value !== null) pooled.set(value, pool.size);
    return value;
  };
}

/** The fields whose values shareEmployeeParts shares (a packed chunk writes each once, packedList.ts). */
export const EMPLOYEE_PARTS: ReadonlyArray<keyof Employee> = ['jobs', 'answers', 'absences', 'temporary'];

/**
 * Employees with their repeated parts shared: each job, the job list, the answers, the absences, the
 * agency. The contract (its reference is the employee's own) and the id stay each employee's.
 */
export function shareEmployeeParts(employees: readonly Employee[]): Employee[] {
  const share = partSharer();
  return employees.map((e) => {
    const shared: Employee = {
      ...e,
      jobs: share(
        'jobs',
        e.jobs.map((j) => share('job', j)),
      ),
    };
    if (e.answers) shared.answers = share('answers', e.answers);
    if (e.absences) shared.absences = share('absences', e.absences);
    if (e.temporary) shared.temporary = share('temporary', e.temporary);
    return shared;
  });
}
