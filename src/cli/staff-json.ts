import * as z from 'zod';
import { EmployeeSchema, parseJsonText, parseWith, type Employee, type LoadIssue } from '../core/index.ts';

/*
 * The staff as a JSON list of employees (schemas/employee.schema.json), the form that carries what the
 * CSV columns do not yet: long absences (`absences`) and temporary work (`temporary`). Each problem is
 * located by JSON path (`$[3].absences[0].to`); a file with any problem evaluates nobody.
 */

const StaffSchema = z.array(EmployeeSchema).min(1, { error: 'Au moins un salarié attendu' });

export interface StaffJsonResult {
  employees: Employee[];
  /** Position of each employee in the list (1 for the first), shown where the CSV shows its line. */
  rows: number[];
  issues: LoadIssue[];
}

export function parseStaffJson(text: string): StaffJsonResult {
  const json = parseJsonText(text);
  if (!json.ok) return { employees: [], rows: [], issues: json.issues };
  const parsed = parseWith(StaffSchema, json.value);
  if (!parsed.ok) return { employees: [], rows: [], issues: parsed.issues };
  const seen = new Map<string, number>();
  const issues: LoadIssue[] = [];
  parsed.value.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined) issues.push({ code: 'staff.duplicate_id', path: `$[${i}].id`, params: { id: e.id, first } });
    else seen.set(e.id, i);
  });
  return issues.length > 0 ? { employees: [], rows: [], issues } : { employees: parsed.value, rows: parsed.value.map((_, i) => i + 1), issues: [] };
}
