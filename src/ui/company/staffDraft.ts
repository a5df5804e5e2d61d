import { writeCsv } from '../../present/csv.ts';
import type { AbsenceReason, Employee, Referential } from '../../core/index.ts';
import { ABSENCE_REASON_WORDS } from '../../io/staff-absences.ts';
import { parseStaffCsv, QUESTION_COLUMN_PREFIX, STAFF_COLUMNS, type StaffColumn } from '../../io/staff-csv.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { answerText } from './answers.ts';

/*
 * One employee as typed in the staff table. It is checked by the staff file's own parser, on a one-line
 * file: the table and the CSV import accept and refuse exactly the same things, with the same messages.
 */

export interface EmployeeDraft {
  id: string;
  annualHours: string;
  start: string;
  end: string;
  reference: string;
  birth: string;
  /** Job id → share in percent as typed ('' or '0': not held). */
  shares: Record<string, string>;
  /** Employee-level question id → '' / 'true' / 'false' / choice id / number as typed. */
  answers: Record<string, string>;
  /** The employee's own task shares, kept as they were for the jobs still held. */
  tasks: Array<{ job: string; task: string; share: number }>;
  /** Long absences as typed: ISO dates from date fields, the reason, a note. */
  absences: AbsenceDraft[];
  /** A temporary worker, and the agency that declares their exposure. */
  temporary: boolean;
  agency: string;
  agencySiret: string;
  mission: string;
}

export interface AbsenceDraft {
  from: string;
  to: string;
  reason: AbsenceReason;
  note: string;
}

export interface DraftIssue {
  /** The staff-file column: `id`, `annual_hours`, `jobs`, `q:<question>`…, or '' for the whole line. */
  column: string;
  message: string;
}

const employeeQuestions = (r: Referential) => r.questions.filter((q) => q.scope === 'employee');

export function emptyDraft(r: Referential): EmployeeDraft {
  return {
    id: '',
    annualHours: '1607',
    start: '',
    end: '',
    reference: '',
    birth: '',
    shares: Object.fromEntries(r.jobs.map((j) => [j.id, ''])),
    answers: Object.fromEntries(employeeQuestions(r).map((q) => [q.id, ''])),
    tasks: [],
    absences: [],
    temporary: false,
    agency: '',
    agencySiret: '',
    mission: '',
  };
}

const decimal = (n: number) => String(n).replace('.', ',');

export function draftFromEmployee(e: Employee, r: Referential): EmployeeDraft {
  const draft = emptyDraft(r);
  return {
    ...draft,
    id: e.id,
    annualHours: decimal(e.annualHours),
    start: e.contract.start ?? '',
    end: e.contract.end ?? '',
    reference: e.contract.reference ?? '',
    birth: e.birth === undefined ? '' : String(e.birth),
    shares: { ...draft.shares, ...Object.fromEntries(e.jobs.map((j) => [j.job, decimal(j.share)])) },
    answers: { ...draft.answers, ...Object.fromEntries(Object.entries(e.answers ?? {}).map(([k, v]) => [k, answerText(v)])) },
    tasks: e.jobs.flatMap((j) => (j.tasks ?? []).map((t) => ({ job: j.job, task: t.task, share: t.share }))),
    absences: (e.absences ?? []).map((a) => ({ from: a.from, to: a.to, reason: a.reason, note: a.note ?? '' })),
    temporary: e.temporary !== undefined,
    agency: e.temporary?.agency ?? '',
    agencySiret: e.temporary?.agencySiret ?? '',
    mission: e.temporary?.mission ?? '',
  };
}

/** Sum of the typed shares that read as numbers (for the live total). */
export function draftShareTotal(d: EmployeeDraft): number {
  return Object.values(d.shares).reduce((n, s) => {
    const v = Number(s.trim().replace(',', '.'));
    return n + (s.trim() !== '' && Number.isFinite(v) ? v : 0);
  }, 0);
}

/** The draft → an employee, or the issues the staff file would report for it (and a duplicate id). */
export function readEmployeeDraft(d: EmployeeDraft, r: Referential, takenIds: ReadonlySet<string>): { employee?: Employee; issues: DraftIssue[] } {
  const held = Object.entries(d.shares).filter(([, s]) => s.trim() !== '' && s.trim() !== '0');
  const heldJobs = new Set(held.map(([job]) => job));
  const questions = employeeQuestions(r);
  const answerCell = (id: string) => {
    const v = d.answers[id] ?? '';
    return v === 'true' ? 'oui' : v === 'false' ? 'non' : v;
  };
  const fields = [...STAFF_COLUMNS, ...questions.map((q) => `${QUESTION_COLUMN_PREFIX}${q.id}`)];
  const cells: Record<StaffColumn, string> = {
    id: d.id,
    annual_hours: d.annualHours,
    contract_start: d.start,
    contract_end: d.end,
    contract_ref: d.reference,
    birth_year: d.birth,
    jobs: held.map(([job, share]) => `${job}:${share.trim()}`).join('|'),
    tasks: d.tasks
      .filter((t) => heldJobs.has(t.job))
      .map((t) => `${t.task}:${decimal(t.share)}`)
      .join('|'),
    // An absence the form left incomplete is written as it is: the reader then says what is missing.
    absences: d.absences.map((a) => `${a.from}..${a.to}:${ABSENCE_REASON_WORDS[a.reason].word}${a.note.trim() ? `:${a.note.replace(/\|/g, '/').trim()}` : ''}`).join('|'),
    temporary: d.temporary ? 'oui' : 'non',
    agency: d.temporary ? d.agency : '',
    agency_siret: d.temporary ? d.agencySiret : '',
    mission: d.temporary ? d.mission : '',
  };
  const row = [...STAFF_COLUMNS.map((c) => cells[c]), ...questions.map((q) => answerCell(q.id))];
  // Through the one CSV writer and the staff reader: the form is checked exactly as a file would be.
  const parsed = parseStaffCsv(writeCsv(fields, [row], { delimiter: ';', newline: '\n' }), r);
  const issues: DraftIssue[] = parsed.issues.map((i) => ({ column: i.column, message: i.message }));
  const id = d.id.trim();
  if (id !== '' && takenIds.has(id)) issues.unshift({ column: 'id', message: frCompany.editor.duplicate(id) });
  if (issues.length > 0 || !parsed.employees[0]) return { issues };
  return { employee: parsed.employees[0], issues };
}
