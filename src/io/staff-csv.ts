import Papa from 'papaparse';
import {
  EmployeeSchema,
  isIsoDate,
  parseWith,
  type AnswerValue,
  type Employee,
  type Job,
  type MissionJob,
  type Question,
  type Referential,
  type Task,
} from '../core/index.ts';
import { closest } from './suggest.ts';

/*
 * The staff file: one line per employee, the mission profile in two compact columns, the answers to
 * the referential's employee-level questions in `q:<question>` columns. Pure TypeScript (papaparse
 * only), so the browser can parse the same file in a Web Worker. Described for users in docs/cli.md.
 *
 *   id;annual_hours;contract_start;contract_end;contract_ref;birth_year;jobs;tasks;q:q-equipes-alternantes
 *   MEC-02;803,5;;;C-0002;1984;mecanicien;;
 *   POLY-01;1607;;;;1979;mecanicien:50|agent-nuit:50;moteurs-thermiques:30|carrosserie:70;non
 */

/** A problem in the staff file: `row` is the 1-based line of the file (the header is line 1). */
export interface CsvIssue {
  row: number;
  /** Column name as documented (`annual_hours`, `q:q-activite`), the header text of an unknown column, or '' for the whole line. */
  column: string;
  /** French, for users. */
  message: string;
}

export interface StaffCsvResult {
  /** The employees of the lines without any issue, in file order. */
  employees: Employee[];
  /** Line of the file of each employee (same order as `employees`), to locate later evaluation errors. */
  rows: number[];
  /** Every problem found, sorted by line. */
  issues: CsvIssue[];
}

export const STAFF_COLUMNS = ['id', 'annual_hours', 'contract_start', 'contract_end', 'contract_ref', 'birth_year', 'jobs', 'tasks'] as const;
export type StaffColumn = (typeof STAFF_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly StaffColumn[] = ['id', 'annual_hours', 'birth_year', 'jobs'];
export const QUESTION_COLUMN_PREFIX = 'q:';

/** Same tolerance as the evaluator, for spreadsheet figures such as 33,33 + 33,33 + 33,34. */
const SHARE_TOLERANCE = 0.01;
const MAX_ANNUAL_HOURS = 8784;

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1']);
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0']);

type ColumnDef = { kind: 'field'; name: StaffColumn } | { kind: 'question'; name: string; question: Question } | { kind: 'ignored' };

/**
 * Parses a staff file against a referential. Never throws on user data: every problem of every line
 * becomes an issue (line + column + French message), and the lines without problems still give
 * their employees. The delimiter (`,` or `;`) is read from the header line; a UTF-8 BOM is ignored.
 */
export function parseStaffCsv(text: string, referential: Referential): StaffCsvResult {
  const issues: CsvIssue[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  // header: false and no empty-line skipping, so that each record's line in the file can be counted
  // (quoted values may span lines) and duplicate headers are seen as written.
  const parsed = Papa.parse<string[]>(source, { delimiter, header: false, skipEmptyLines: false });
  const records = parsed.data;
  const lines: number[] = [];
  let line = 1;
  for (const record of records) {
    lines.push(line);
    line += 1 + record.reduce((n, field) => n + lineBreaks(field), 0);
  }
  for (const e of parsed.errors) {
    const at = e.row === undefined ? 1 : (lines[e.row] ?? 1);
    if (e.code === 'MissingQuotes') issues.push({ row: at, column: '', message: 'Guillemet ouvrant sans guillemet fermant : la suite du fichier est lue comme une seule valeur' });
    else if (e.code === 'InvalidQuotes') issues.push({ row: at, column: '', message: 'Guillemet mal placé : une valeur entre guillemets doit être suivie du séparateur' });
  }

  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) {
    issues.push({ row: 1, column: '', message: `Fichier vide : une ligne d’en-tête est attendue (${REQUIRED_COLUMNS.join(', ')}…)` });
    return { employees: [], rows: [], issues: sortIssues(issues) };
  }
  const headerLine = lines[headerIndex]!;
  const header = records[headerIndex]!;
  const { columns, index, headerIssues, blankHeaders } = readHeader(header, headerLine, referential);
  issues.push(...headerIssues);
  if (header.length === 1 && /\t/.test(header[0] ?? '')) {
    issues.push({ row: headerLine, column: '', message: 'Séparateur non reconnu : les colonnes doivent être séparées par une virgule « , » ou un point-virgule « ; »' });
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  for (const c of missing) issues.push({ row: headerLine, column: c, message: `Colonne obligatoire « ${c} » absente de la ligne d’en-tête` });
  if (missing.length > 0) return { employees: [], rows: [], issues: sortIssues(issues) };

  const context = new RowContext(referential, columns, index, delimiter);
  const employees: Employee[] = [];
  const rows: number[] = [];
  const filledBlankHeaders = new Set<number>();
  let dataLines = 0;
  for (let k = headerIndex + 1; k < records.length; k++) {
    const record = records[k]!;
    if (isBlank(record)) continue;
    dataLines++;
    const at = lines[k]!;
    for (const i of blankHeaders) if ((record[i] ?? '').trim() !== '') filledBlankHeaders.add(i);
    const outcome = context.parseRow(record, at);
    issues.push(...outcome.issues);
    if (outcome.employee) {
      employees.push(outcome.employee);
      rows.push(at);
    }
  }
  for (const i of [...filledBlankHeaders].sort((a, b) => a - b)) {
    issues.push({ row: headerLine, column: `(colonne ${i + 1})`, message: `La colonne n° ${i + 1} a des valeurs mais pas de nom dans la ligne d’en-tête` });
  }
  if (dataLines === 0) issues.push({ row: headerLine, column: '', message: 'Aucun salarié : le fichier ne contient que la ligne d’en-tête' });
  return { employees, rows, issues: sortIssues(issues) };
}

/** The delimiter of the header line: our column names contain neither `,` nor `;`. */
function detectDelimiter(source: string): ',' | ';' {
  const first = /^.*\S.*$/m.exec(source)?.[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const lineBreaks = (field: string) => field.match(/\r\n|\r|\n/g)?.length ?? 0;
const isBlank = (record: readonly string[]) => record.every((f) => f.trim() === '');
const sortIssues = (issues: CsvIssue[]) => issues.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.row - b.issue.row || a.i - b.i).map((x) => x.issue);

function readHeader(header: readonly string[], row: number, referential: Referential) {
  const columns: ColumnDef[] = [];
  const index = new Map<string, number>();
  const headerIssues: CsvIssue[] = [];
  const blankHeaders: number[] = [];
  const employeeQuestions = referential.questions.filter((q) => q.scope === 'employee');
  const known = [...STAFF_COLUMNS, ...employeeQuestions.map((q) => `${QUESTION_COLUMN_PREFIX}${q.id}`)];
  const expected = `colonnes possibles : ${STAFF_COLUMNS.join(', ')}${employeeQuestions.length > 0 ? `, ${employeeQuestions.map((q) => `${QUESTION_COLUMN_PREFIX}${q.id}`).join(', ')}` : ''}`;

  header.forEach((raw, i) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    let def: ColumnDef;
    if (name === '') {
      blankHeaders.push(i);
      def = { kind: 'ignored' };
    } else if (lower.startsWith(QUESTION_COLUMN_PREFIX)) {
      const id = name.slice(QUESTION_COLUMN_PREFIX.length).trim();
      const question = findById(referential.questions, id);
      if (!question) {
        const hint = closest(id, employeeQuestions.map((q) => q.id));
        const list = employeeQuestions.length > 0 ? `critères individuels du référentiel : ${employeeQuestions.map((q) => q.id).join(', ')}` : 'ce référentiel n’a aucun critère individuel';
        headerIssues.push({ row, column: name, message: `Critère inconnu « ${id} » dans la colonne « ${name} »${hint ? ` : vouliez-vous dire « ${QUESTION_COLUMN_PREFIX}${hint} » ?` : ''} (${list})` });
        def = { kind: 'ignored' };
      } else if (question.scope !== 'employee') {
        headerIssues.push({ row, column: name, message: `Le critère « ${question.label} » (${question.id}) se renseigne pour l’entreprise, dans le fichier de réponses de l’entreprise, pas par salarié` });
        def = { kind: 'ignored' };
      } else {
        def = { kind: 'question', name: `${QUESTION_COLUMN_PREFIX}${question.id}`, question };
      }
    } else if ((STAFF_COLUMNS as readonly string[]).includes(lower)) {
      def = { kind: 'field', name: lower as StaffColumn };
    } else {
      const asQuestion = findById(employeeQuestions, name);
      const hint = asQuestion ? `${QUESTION_COLUMN_PREFIX}${asQuestion.id}` : closest(lower, known);
      headerIssues.push({ row, column: name, message: `Colonne inconnue « ${name} »${hint ? ` : vouliez-vous dire « ${hint} » ?` : ''} (${expected})` });
      def = { kind: 'ignored' };
    }
    if (def.kind !== 'ignored') {
      const previous = index.get(def.name);
      if (previous !== undefined) {
        headerIssues.push({ row, column: def.name, message: `Colonne « ${def.name} » en double (colonnes n° ${previous + 1} et ${i + 1})` });
        def = { kind: 'ignored' };
      } else {
        index.set(def.name, i);
      }
    }
    columns.push(def);
  });
  return { columns, index, headerIssues, blankHeaders };
}

/** Exact id first, then the same id in another case when that is unambiguous. */
function findById<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  const exact = items.find((x) => x.id === id);
  if (exact) return exact;
  const lower = id.toLowerCase();
  const matches = items.filter((x) => x.id.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** A decimal number written with a point or a comma, spaces allowed as thousands separators. */
export function parseDecimal(text: string): number | undefined {
  const s = text.replace(/\s/g, '');
  if (!/^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(s)) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** French rendering of a number in messages: decimal comma, at most four decimals. */
const fr = (n: number) => String(Math.round(n * 1e4) / 1e4).replace('.', ',');

function dateMessage(value: string, what: string): string {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dmy) {
    const iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return `${what} « ${value} » invalide : format AAAA-MM-JJ attendu (ici ${iso})`;
  }
  return `${what} « ${value} » invalide : format AAAA-MM-JJ attendu (ex. 2024-03-01)`;
}

interface ListItem {
  id: string;
  share: number | undefined;
}

class RowContext {
  private readonly seenIds = new Map<string, number>();
  private readonly taskOwners = new Map<string, { job: Job; task: Task }>();
  private readonly allTasks: Task[] = [];

  constructor(
    private readonly referential: Referential,
    private readonly columns: readonly ColumnDef[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly delimiter: string,
  ) {
    for (const job of referential.jobs) {
      for (const task of job.tasks) {
        this.taskOwners.set(task.id, { job, task });
        this.allTasks.push(task);
      }
    }
  }

  parseRow(record: readonly string[], row: number): { employee?: Employee; issues: CsvIssue[] } {
    const issues: CsvIssue[] = [];
    const err = (column: string, message: string) => issues.push({ row, column, message });
    const cell = (name: string) => {
      const i = this.index.get(name);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };

    const width = this.columns.length;
    if (record.length > width && record.slice(width).some((f) => f.trim() !== '')) {
      err('', `${record.length} valeurs pour ${width} colonnes d’en-tête : vérifiez le séparateur « ${this.delimiter} » et les guillemets autour des valeurs qui le contiennent`);
    } else if (record.length < width) {
      err('', `Ligne incomplète : ${record.length} valeur(s) pour ${width} colonnes d’en-tête (séparateur « ${this.delimiter} »)`);
    }

    // id
    const id = cell('id');
    if (id === '') err('id', 'Identifiant du salarié manquant');
    else {
      const previous = this.seenIds.get(id);
      if (previous !== undefined) err('id', `Identifiant « ${id} » déjà utilisé ligne ${previous} : chaque salarié doit avoir un identifiant unique`);
      else this.seenIds.set(id, row);
    }

    // annual_hours
    const hoursText = cell('annual_hours');
    let annualHours: number | undefined;
    if (hoursText === '') err('annual_hours', 'Durée annuelle de travail manquante : heures par an sur une année complète (1607 pour un temps plein)');
    else {
      const hours = parseDecimal(hoursText);
      if (hours === undefined) err('annual_hours', `Durée annuelle « ${hoursText} » invalide : nombre d’heures par an attendu (ex. 1607, ou 803,5 pour un mi-temps)`);
      else if (hours <= 0 || hours > MAX_ANNUAL_HOURS) err('annual_hours', `Durée annuelle ${fr(hours)} h hors limites : attendu plus de 0 et au plus 8 784 h par an`);
      else annualHours = hours;
    }

    // contract
    const start = cell('contract_start');
    const end = cell('contract_end');
    const reference = cell('contract_ref');
    const startOk = start === '' || isIsoDate(start);
    const endOk = end === '' || isIsoDate(end);
    if (!startOk) err('contract_start', dateMessage(start, 'Date de début de contrat'));
    if (!endOk) err('contract_end', dateMessage(end, 'Date de fin de contrat'));
    if (startOk && endOk && start !== '' && end !== '' && end < start) err('contract_end', `Fin du contrat (${end}) avant son début (${start})`);

    // birth_year
    const birthText = cell('birth_year');
    let birth: number | string | undefined;
    if (birthText === '') err('birth_year', 'Année de naissance manquante : AAAA, ou date complète AAAA-MM-JJ pour une personne née en 1956');
    else if (/^\d{4}$/.test(birthText)) {
      const year = Number(birthText);
      if (year < 1900 || year > 2100) err('birth_year', `Année de naissance ${birthText} hors limites (1900 à 2100)`);
      else birth = year;
    } else if (isIsoDate(birthText)) birth = birthText;
    else if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(birthText)) err('birth_year', dateMessage(birthText, 'Date de naissance'));
    else err('birth_year', `Année de naissance « ${birthText} » invalide : AAAA attendu (ex. 1980), ou AAAA-MM-JJ`);

    // jobs, then tasks
    const jobsOutcome = this.parseJobs(cell('jobs'), err);
    const taskOverrides = this.parseTasks(cell('tasks'), jobsOutcome, err);

    // q:<question>
    const answers: Record<string, AnswerValue> = {};
    this.columns.forEach((def, i) => {
      if (def.kind !== 'question') return;
      const value = (record[i] ?? '').trim();
      if (value === '') return;
      const answer = parseAnswer(def.question, value);
      if (typeof answer === 'object') err(def.name, answer.error);
      else answers[def.question.id] = answer;
    });

    if (issues.length > 0 || annualHours === undefined || birth === undefined || !jobsOutcome.ok) return { issues };

    const jobs: MissionJob[] = jobsOutcome.items.map((item) => {
      const tasks = taskOverrides.get(item.id);
      return tasks ? { job: item.id, share: item.share ?? 100, tasks } : { job: item.id, share: item.share ?? 100 };
    });
    const employee: Employee = {
      id,
      annualHours,
      contract: {
        ...(start !== '' ? { start } : {}),
        ...(end !== '' ? { end } : {}),
        ...(reference !== '' ? { reference } : {}),
      },
      birth,
      jobs,
      ...(Object.keys(answers).length > 0 ? { answers } : {}),
    };
    const checked = parseWith(EmployeeSchema, employee);
    if (!checked.ok) {
      for (const i of checked.issues) err(columnForField(i.path), i.message);
      return { issues };
    }
    return { employee: checked.value, issues };
  }

  private parseItems(text: string, column: 'jobs' | 'tasks', what: string, err: (column: string, message: string) => void): { items: ListItem[]; ok: boolean } {
    const items: ListItem[] = [];
    let ok = true;
    for (const raw of text.split('|')) {
      const segment = raw.trim();
      if (segment === '') continue;
      const colon = segment.indexOf(':');
      const id = (colon < 0 ? segment : segment.slice(0, colon)).trim();
      const shareText = colon < 0 ? undefined : segment.slice(colon + 1).trim();
      if (id === '') {
        err(column, `Élément « ${segment} » sans identifiant de ${what}`);
        ok = false;
        continue;
      }
      let share: number | undefined;
      if (shareText !== undefined) {
        const value = parseDecimal(shareText.replace(/%$/, ''));
        if (value === undefined || value < 0 || value > 100) {
          err(column, `Part du temps « ${shareText} » invalide pour « ${id} » : pourcentage de 0 à 100 attendu (ex. 60 ou 33,5)`);
          ok = false;
          continue;
        }
        share = value;
      }
      items.push({ id, share });
    }
    return { items, ok };
  }

  private parseJobs(text: string, err: (column: string, message: string) => void): { items: ListItem[]; ok: boolean } {
    const example = '(ex. mecanicien, ou mecanicien:60|agent-nuit:40)';
    if (text === '') {
      err('jobs', `Profil de mission manquant : au moins un poste attendu ${example}`);
      return { items: [], ok: false };
    }
    const parsed = this.parseItems(text, 'jobs', 'poste', err);
    let ok = parsed.ok;
    const items: ListItem[] = [];
    const seen = new Set<string>();
    for (const item of parsed.items) {
      const job = findById(this.referential.jobs, item.id);
      if (!job) {
        const hint = closest(item.id, this.referential.jobs.map((j) => j.id));
        err('jobs', `Poste inconnu « ${item.id} » dans le référentiel${hint ? ` : vouliez-vous dire « ${hint} » ?` : ''} (${listIds(this.referential.jobs, 'postes')})`);
        ok = false;
        continue;
      }
      if (seen.has(job.id)) {
        err('jobs', `Poste « ${job.id} » cité deux fois`);
        ok = false;
        continue;
      }
      seen.add(job.id);
      items.push({ id: job.id, share: item.share });
    }
    if (parsed.items.length > 1) {
      for (const item of parsed.items) {
        if (item.share === undefined) {
          err('jobs', `Part du temps manquante pour le poste « ${item.id} » : avec plusieurs postes, écrivez poste:part ${example}`);
          ok = false;
        }
      }
    }
    if (ok && items.length === 0) {
      err('jobs', `Profil de mission vide : au moins un poste attendu ${example}`);
      ok = false;
    }
    if (ok) {
      const sum = items.reduce((n, item) => n + (item.share ?? 100), 0);
      if (Math.abs(sum - 100) > SHARE_TOLERANCE) {
        err('jobs', `Les parts des postes totalisent ${fr(sum)} % au lieu de 100 %`);
        ok = false;
      }
    }
    return { items, ok };
  }

  /** Task overrides by job id; tasks are unique in a referential, so each one finds its job. */
  private parseTasks(text: string, jobs: { items: ListItem[]; ok: boolean }, err: (column: string, message: string) => void): Map<string, Array<{ task: string; share: number }>> {
    const overrides = new Map<string, Array<{ task: string; share: number }>>();
    const parsed = this.parseItems(text, 'tasks', 'tâche', err);
    const held = new Set(jobs.items.map((j) => j.id));
    const seen = new Set<string>();
    let ok = parsed.ok;
    for (const item of parsed.items) {
      const task = findById(this.allTasks, item.id);
      const owner = task ? this.taskOwners.get(task.id) : undefined;
      if (!task || !owner) {
        const hint = closest(item.id, this.allTasks.map((t) => t.id));
        err('tasks', `Tâche inconnue « ${item.id} » dans le référentiel${hint ? ` : vouliez-vous dire « ${hint} » ?` : ''}`);
        ok = false;
        continue;
      }
      if (seen.has(task.id)) {
        err('tasks', `Tâche « ${task.id} » citée deux fois`);
        ok = false;
        continue;
      }
      seen.add(task.id);
      // A misspelt job is already reported in the jobs column: say nothing more about its tasks.
      if (!held.has(owner.job.id)) {
        if (jobs.ok) err('tasks', `La tâche « ${task.id} » relève du poste « ${owner.job.label} » (${owner.job.id}), absent de la colonne jobs`);
        ok = false;
        continue;
      }
      const list = overrides.get(owner.job.id) ?? [];
      list.push({ task: task.id, share: item.share ?? 100 });
      overrides.set(owner.job.id, list);
    }
    if (ok) {
      for (const [jobId, list] of overrides) {
        const sum = list.reduce((n, t) => n + t.share, 0);
        if (Math.abs(sum - 100) > SHARE_TOLERANCE) {
          const job = this.referential.jobs.find((j) => j.id === jobId)!;
          err('tasks', `Les parts des tâches du poste « ${job.label} » (${job.id}) totalisent ${fr(sum)} % au lieu de 100 %`);
        }
      }
    }
    if (jobs.ok) {
      for (const item of jobs.items) {
        if (overrides.has(item.id)) continue;
        const job = this.referential.jobs.find((j) => j.id === item.id)!;
        const sum = job.tasks.reduce((n, t) => n + t.defaultShare, 0);
        if (Math.abs(sum - 100) > SHARE_TOLERANCE) {
          err('tasks', `Les pondérations par défaut des tâches du poste « ${job.label} » (${job.id}) totalisent ${fr(sum)} % dans le référentiel : précisez les parts de ses tâches dans la colonne tasks`);
        }
      }
    }
    return overrides;
  }
}

function listIds(items: ReadonlyArray<{ id: string }>, what: string): string {
  if (items.length === 0) return `aucun ${what.replace(/s$/, '')} dans ce référentiel`;
  const shown = items.slice(0, 12).map((x) => x.id).join(', ');
  return `${what} du référentiel : ${shown}${items.length > 12 ? ', …' : ''}`;
}

const normalizeLabel = (s: string) => s.trim().toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ');

/** A cell of a `q:` column → the answer value of the question's type, or a French error. */
export function parseAnswer(question: Question, value: string): AnswerValue | { error: string } {
  const bad = (expected: string) => ({ error: `Réponse « ${value} » invalide au critère « ${question.label} » : ${expected} attendu` });
  switch (question.type) {
    case 'boolean': {
      const word = value.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return bad('oui ou non');
    }
    case 'choice': {
      const wanted = normalizeLabel(value);
      const choice =
        question.choices.find((c) => c.id === value.trim()) ??
        question.choices.find((c) => c.id.toLowerCase() === wanted) ??
        question.choices.find((c) => normalizeLabel(c.label) === wanted);
      return choice ? choice.id : bad(`l’un de ${question.choices.map((c) => c.id).join(', ')} (identifiant ou libellé)`);
    }
    case 'number': {
      const n = parseDecimal(value);
      if (n === undefined) return bad(`un nombre (${question.unit})`);
      if (question.min !== undefined && n < question.min) return bad(`un nombre ≥ ${fr(question.min)} ${question.unit}`);
      if (question.max !== undefined && n > question.max) return bad(`un nombre ≤ ${fr(question.max)} ${question.unit}`);
      return n;
    }
  }
}

/**
 * The staff-file column of a location inside an employee: a JSON path of a schema issue
 * (`$.jobs[0].tasks[1].share`) or the field of an `EvaluationError` (`answers.q-equipes`).
 */
export function columnForField(field: string): string {
  const f = field.replace(/^\$\.?/, '');
  const answer = /^answers(?:\.(.+)|\[("(?:[^"\\]|\\.)*")\])/.exec(f);
  if (answer) return `${QUESTION_COLUMN_PREFIX}${answer[1] ?? (JSON.parse(answer[2]!) as string)}`;
  if (/^jobs\[\d+\]\.tasks/.test(f)) return 'tasks';
  if (f.startsWith('jobs')) return 'jobs';
  if (f.startsWith('annualHours')) return 'annual_hours';
  if (f.startsWith('contract.end')) return 'contract_end';
  if (f.startsWith('contract.reference')) return 'contract_ref';
  if (f.startsWith('contract')) return 'contract_start';
  if (f.startsWith('birth')) return 'birth_year';
  if (f.startsWith('id')) return 'id';
  return '';
}

export interface StaffCsvFormatOptions {
  /** `,` (default, decimal point) or `;` (French spreadsheets, decimal comma). */
  delimiter?: ',' | ';';
  /** Start with a UTF-8 BOM, so that Excel reads accents right. Default false. */
  bom?: boolean;
  newline?: '\n' | '\r\n';
}

/**
 * Employees → staff file, the format `parseStaffCsv` reads. One `q:` column per employee-level
 * question of the referential (answers to other questions get their own column, so nothing is lost).
 */
export function formatStaffCsv(employees: readonly Employee[], referential: Referential, options: StaffCsvFormatOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\n';
  const num = (n: number) => (delimiter === ';' ? String(n).replace('.', ',') : String(n));
  const questionIds = referential.questions.filter((q) => q.scope === 'employee').map((q) => q.id);
  for (const e of employees) for (const key of Object.keys(e.answers ?? {})) if (!questionIds.includes(key)) questionIds.push(key);
  const answerText = (v: AnswerValue | undefined) => (v === undefined ? '' : typeof v === 'boolean' ? (v ? 'oui' : 'non') : typeof v === 'number' ? num(v) : v);

  const fields = [...STAFF_COLUMNS, ...questionIds.map((id) => `${QUESTION_COLUMN_PREFIX}${id}`)];
  const data = employees.map((e) => {
    const only = e.jobs.length === 1 ? e.jobs[0] : undefined;
    const jobs = only && only.share === 100 ? only.job : e.jobs.map((j) => `${j.job}:${num(j.share)}`).join('|');
    const tasks = e.jobs.flatMap((j) => (j.tasks ?? []).map((t) => `${t.task}:${num(t.share)}`)).join('|');
    return [
      e.id,
      num(e.annualHours),
      e.contract.start ?? '',
      e.contract.end ?? '',
      e.contract.reference ?? '',
      e.birth === undefined ? '' : String(e.birth),
      jobs,
      tasks,
      ...questionIds.map((id) => answerText(e.answers?.[id])),
    ];
  });
  const body = Papa.unparse({ fields, data }, { delimiter, newline });
  return `${options.bom ? '\uFEFF' : ''}${body}${newline}`;
}
