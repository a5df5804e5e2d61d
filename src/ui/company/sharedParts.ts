import type { Employee } from '../../core/index.ts';

/*
 * Equal parts of many records shared by reference. 100 000 employees or results made of some thirty
 * small objects each cost the page's garbage collector pauses well over 100 ms once they cross from a
 * Web Worker; most of those objects repeat (the same job, the same factor figures), and the structured
 * clone of a message keeps references shared. So the workers share equal parts before posting and
 * storing, and the page receives, keeps and stores a few objects per record. A shared part is never
 * modified in place (records are replaced, never mutated).
 */

/** `share(kind, value)`: the first value of that kind equal to `value`, or `value` itself. */
export function partSharer(): <T>(kind: string, value: T) => T {
  const pool = new Map<string, unknown>();
  return <T>(kind: string, value: T): T => {
    const key = kind + keyText(value);
    const found = pool.get(key);
    if (found !== undefined) return found as T;
    pool.set(key, value);
    return value;
  };
}

/** JSON that tells apart what JSON.stringify merges: an undefined field and a missing one, -0 and 0, NaN and null. */
function keyText(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v === undefined) return '\u0000undefined';
    if (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v))) return `\u0000${Object.is(v, -0) ? '-0' : String(v)}`;
    return v;
  });
}

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
