import Papa from 'papaparse';
import {
  EmployeeSchema,
  isIsoDate,
  MAX_ANNUAL_HOURS,
  SHARE_TOLERANCE,
  parseWith,
  type AnswerValue,
  type Employee,
  type Job,
  type MissionJob,
  type Question,
  type Referential,
  type Task,
  type Absence,
  type TemporaryWork,
} from '../core/index.ts';
import { restoreCell, writeCsv, type CsvCell } from '../present/csv.ts';
import { evaluationErrorDetail, type ErrorData } from '../present/evaluation-errors.ts';
import { capitalised, formatDate, formatNumber } from '../present/fr.ts';
import {
  COLUMN_LABELS,
  QUESTION_COLUMN_PREFIX,
  REQUIRED_COLUMNS,
  STAFF_COLUMNS,
  columnTitle,
  findById,
  resolveHeader,
  type ColumnMapping,
  type HeaderResolution,
  type StaffColumn,
} from './staff-columns.ts';
import { formatAbsences, parseAbsences } from './staff-absences.ts';
import { closest } from './suggest.ts';
import { ExactIds, type IdRegistry } from './staff-ids.ts';

export { QUESTION_COLUMN_PREFIX, STAFF_COLUMNS, type ColumnMapping, type StaffColumn } from './staff-columns.ts';

/*
 * The staff file: one line per employee, the mission profile in two compact columns, the answers to
 * the referential's employee-level questions in their own columns. Read as HR has it: `;`, `,` or tab
 * between values, column names in French or as documented (staff-columns.ts) or mapped by the user,
 * dates JJ/MM/AAAA or AAAA-MM-JJ, decimal comma or point, any line endings. The same reader serves CSV
 * text and the rows of a spreadsheet (staff-xlsx.ts). Pure TypeScript (papaparse only), so the browser
 * runs it in a Web Worker. Described for users in the README and docs/cli.md.
 *
 *   Matricule;Heures annuelles;Date d'entrée;Date de sortie;N° de contrat;Naissance;Postes;Tâches
 *   MEC-02;803,5;;;C-0002;1984;mecanicien;
 *   POLY-01;1607;01/03/2024;;;1979;mecanicien:50|agent-nuit:50;moteurs-thermiques:30|carrosserie:70
 */

/** A problem in the staff file: `row` is the 1-based line of the file (the header is line 1). */
export interface CsvIssue {
  row: number;
  /** The column as the file names it (its header), the documented name of a missing one, or '' for the whole line. */
  column: string;
  /** French, for users. */
  message: string;
}

/** How the file's header was read: one entry per column of the header line. */
export interface HeaderInfo {
  index: number;
  /** The header as written. */
  header: string;
  resolution: HeaderResolution;
}

export interface StaffCsvResult {
  /** The employees of the lines without any issue, in file order. */
  employees: Employee[];
  /** Line of the file of each employee (same order as `employees`), to locate later evaluation errors. */
  rows: number[];
  /** Every problem found, sorted by line. */
  issues: CsvIssue[];
  /** The header line as understood (absent when there is none). */
  headers?: HeaderInfo[];
}

export interface StaffParseOptions {
  /** Headers mapped by the user, remembered per company. */
  mapping?: ColumnMapping;
  /** Data lines between two progress reports of the stepwise readers (default 2 000). */
  progressEvery?: number;
}

export interface ParseProgress {
  /** Data lines read so far. */
  done: number;
  total: number;
}

/** Same tolerance as the evaluator, for spreadsheet figures such as 33,33 + 33,33 + 33,34. */

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1']);
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0']);

type ColumnDef = { kind: 'field'; name: StaffColumn } | { kind: 'question'; name: string; question: Question } | { kind: 'ignored' };

const DELIMITER_NAMES: Record<string, string> = { ';': 'point-virgule « ; »', ',': 'virgule « , »', '\t': 'tabulation' };

/** The delimiter of the header line: `;`, tab or `,`, whichever it has most of (our column names contain none). */
export function detectDelimiter(source: string): ';' | ',' | '\t' {
  const first = /^.*\S.*$/m.exec(source)?.[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const candidates = [';', '\t', ','] as const;
  let best: ';' | ',' | '\t' = ',';
  let most = 0;
  for (const c of candidates) {
    if (count(c) > most) {
      best = c;
      most = count(c);
    }
  }
  return best;
}

/** Text → records, each with its line in the file, whatever the line endings (CRLF, LF, CR, mixed). */
export function splitCsv(text: string): { records: string[][]; lines: number[]; delimiter: ';' | ',' | '\t'; issues: CsvIssue[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // One line ending throughout, so that papaparse never reads a lone \r or \n as part of a value and
  // each record's line is counted right.
  const source = body.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(source);
  const parsed = Papa.parse<string[]>(source, { delimiter, newline: '\n', header: false, skipEmptyLines: false });
  const records = parsed.data;
  const lines: number[] = [];
  let line = 1;
  for (const record of records) {
    lines.push(line);
    line += 1 + record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  }
  const issues: CsvIssue[] = [];
  for (const e of parsed.errors) {
    const at = e.row === undefined ? 1 : (lines[e.row] ?? 1);
    if (e.code === 'MissingQuotes') issues.push({ row: at, column: '', message: 'Guillemet ouvrant sans guillemet fermant : la suite du fichier est lue comme une seule valeur' });
    else if (e.code === 'InvalidQuotes') issues.push({ row: at, column: '', message: 'Guillemet mal placé : une valeur entre guillemets doit être suivie du séparateur' });
  }
  return { records, lines, delimiter, issues };
}

/**
 * Parses a staff file against a referential. Never throws on user data: every problem of every line
 * becomes an issue (line + column + French message), and the lines without problems still give
 * their employees. A UTF-8 BOM is ignored (decode bytes with decodeStaffBytes first).
 */
export function parseStaffCsv(text: string, referential: Referential, options: StaffParseOptions = {}): StaffCsvResult {
  return runSteps(parseStaffCsvSteps(text, referential, options));
}

/** The same, reporting progress between batches of lines (the Web Worker sends it to the page). */
export function* parseStaffCsvSteps(text: string, referential: Referential, options: StaffParseOptions = {}): Generator<ParseProgress, StaffCsvResult, void> {
  const { records, lines, delimiter, issues } = splitCsv(text);
  return yield* parseStaffRecordsSteps(records, lines, referential, { ...options, delimiter, initialIssues: issues });
}

export function runSteps<T>(steps: Generator<ParseProgress, T, void>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

const isBlank = (record: readonly string[]) => record.every((f) => f.trim() === '');
const sortIssues = (issues: CsvIssue[]) => issues.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.row - b.issue.row || a.i - b.i).map((x) => x.issue);

/**
 * Records of cells (from CSV or a spreadsheet) → employees, with every problem located by the given
 * line numbers. Cells written by our own CSV writer come back as they were (`'=x` → `=x`).
 */
export function* parseStaffRecordsSteps(
  raw: readonly string[][],
  lines: readonly number[],
  referential: Referential,
  options: StaffParseOptions & { delimiter?: string; initialIssues?: CsvIssue[] } = {},
): Generator<ParseProgress, StaffCsvResult, void> {
  const issues: CsvIssue[] = [...(options.initialIssues ?? [])];
  const records = raw.map((r) => r.map(restoreCell));
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) {
    issues.push({ row: 1, column: '', message: `Fichier vide : une ligne d’en-tête est attendue (${REQUIRED_COLUMNS.map((c) => COLUMN_LABELS[c]).join(', ')}…)` });
    return { employees: [], rows: [], issues: sortIssues(issues) };
  }
  const headerLine = lines[headerIndex] ?? headerIndex + 1;
  const header = records[headerIndex]!;
  const { columns, index, headerIssues, blankHeaders, headers } = readHeader(header, headerLine, referential, options.mapping ?? {});
  issues.push(...headerIssues);
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  for (const c of missing) issues.push({ row: headerLine, column: c, message: `Colonne obligatoire « ${COLUMN_LABELS[c]} » (${c}) absente de la ligne d’en-tête` });
  if (missing.length > 0) return { employees: [], rows: [], issues: sortIssues(issues), headers };

  const written = new Map<string, string>();
  columns.forEach((def, i) => {
    if (def.kind !== 'ignored') written.set(def.name, header[i]!.trim());
  });
  const context = new RowContext(referential, columns, index, options.delimiter, (name) => written.get(name) ?? name, new ExactIds());
  const employees: Employee[] = [];
  const rows: number[] = [];
  const filledBlankHeaders = new Set<number>();
  const every = options.progressEvery ?? 2000;
  let total = 0;
  for (let k = headerIndex + 1; k < records.length; k++) if (!isBlank(records[k]!)) total++;
  let dataLines = 0;
  for (let k = headerIndex + 1; k < records.length; k++) {
    const record = records[k]!;
    if (isBlank(record)) continue;
    dataLines++;
    const at = lines[k] ?? k + 1;
    for (const i of blankHeaders) if ((record[i] ?? '').trim() !== '') filledBlankHeaders.add(i);
    const outcome = context.parseRow(record, at);
    issues.push(...outcome.issues);
    if (outcome.employee) {
      employees.push(outcome.employee);
      rows.push(at);
    }
    if (dataLines % every === 0) yield { done: dataLines, total };
  }
  for (const i of [...filledBlankHeaders].sort((a, b) => a - b)) {
    issues.push({ row: headerLine, column: `(colonne ${i + 1})`, message: `La colonne n° ${i + 1} a des valeurs mais pas de nom dans la ligne d’en-tête` });
  }
  if (dataLines === 0) issues.push({ row: headerLine, column: '', message: 'Aucun salarié : le fichier ne contient que la ligne d’en-tête' });
  yield { done: dataLines, total };
  return { employees, rows, issues: sortIssues(issues), headers };
}

/**
 * The same reading, one record at a time, for files too large to hold (the command line streams
 * them): the header line, then each data line as it comes, with the issues of the whole-file readers
 * (same messages, same lines). `finish` adds the issues only the end of the file can tell.
 * `ids` keeps the identifiers seen, the one part whose memory grows with the number of lines
 * (staff-ids.ts); `null` skips the check (a second reading of a file already checked).
 */
export class StaffRowReader {
  private header: { line: number; columns: ColumnDef[]; blankHeaders: number[]; context: RowContext | undefined } | undefined;
  private readonly filledBlankHeaders = new Set<number>();
  private dataLines = 0;
  /** Issues of the header line (and missing columns), reported before any data line. */
  readonly headerIssues: CsvIssue[] = [];

  constructor(
    private readonly referential: Referential,
    private readonly options: StaffParseOptions & { delimiter?: string; ids?: IdRegistry | null } = {},
  ) {}

  /** One record of the file and its line: the employee it gives, or the issues of the line. */
  record(raw: readonly string[], line: number): { employee?: Employee; issues: readonly CsvIssue[] } {
    const record = raw.map(restoreCell);
    if (isBlank(record)) return NO_ISSUES;
    if (!this.header) {
      const { columns, index, headerIssues, blankHeaders } = readHeader(record, line, this.referential, this.options.mapping ?? {});
      this.headerIssues.push(...headerIssues);
      const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
      for (const c of missing) this.headerIssues.push({ row: line, column: c, message: `Colonne obligatoire « ${COLUMN_LABELS[c]} » (${c}) absente de la ligne d’en-tête` });
      const written = new Map<string, string>();
      columns.forEach((def, i) => {
        if (def.kind !== 'ignored') written.set(def.name, record[i]!.trim());
      });
      const context = missing.length > 0 ? undefined : new RowContext(this.referential, columns, index, this.options.delimiter, (name) => written.get(name) ?? name, this.options.ids === null ? null : (this.options.ids ?? new ExactIds()));
      this.header = { line, columns, blankHeaders, context };
      return NO_ISSUES;
    }
    // Without a required column the whole-file reader stops at the header: so do the lines.
    if (!this.header.context) return NO_ISSUES;
    this.dataLines++;
    for (const i of this.header.blankHeaders) if ((record[i] ?? '').trim() !== '') this.filledBlankHeaders.add(i);
    return this.header.context.parseRow(record, line);
  }

  /** Issues known only at the end of the file (empty file, header without data, values under a nameless header). */
  finish(): CsvIssue[] {
    if (!this.header) return [{ row: 1, column: '', message: `Fichier vide : une ligne d’en-tête est attendue (${REQUIRED_COLUMNS.map((c) => COLUMN_LABELS[c]).join(', ')}…)` }];
    if (!this.header.context) return [];
    const issues: CsvIssue[] = [];
    for (const i of [...this.filledBlankHeaders].sort((a, b) => a - b)) {
      issues.push({ row: this.header.line, column: `(colonne ${i + 1})`, message: `La colonne n° ${i + 1} a des valeurs mais pas de nom dans la ligne d’en-tête` });
    }
    if (this.dataLines === 0) issues.push({ row: this.header.line, column: '', message: 'Aucun salarié : le fichier ne contient que la ligne d’en-tête' });
    return issues;
  }
}

const NO_ISSUES: { employee?: Employee; issues: readonly CsvIssue[] } = { issues: [] };

function readHeader(header: readonly string[], row: number, referential: Referential, mapping: ColumnMapping) {
  const columns: ColumnDef[] = [];
  const index = new Map<string, number>();
  const headerIssues: CsvIssue[] = [];
  const blankHeaders: number[] = [];
  const headers: HeaderInfo[] = [];
  const employeeQuestions = referential.questions.filter((q) => q.scope === 'employee');
  const expected = `colonnes possibles : ${STAFF_COLUMNS.map((c) => `${COLUMN_LABELS[c]} (${c})`).join(', ')}${employeeQuestions.length > 0 ? `, ${employeeQuestions.map((q) => `${QUESTION_COLUMN_PREFIX}${q.id}`).join(', ')}` : ''}`;
  const hintText = (suggestion: string | undefined) => (suggestion ? ` : vouliez-vous dire « ${columnTitle(suggestion, referential)} » ?` : '');

  header.forEach((raw, i) => {
    const name = raw.trim();
    const resolution = resolveHeader(raw, referential, mapping);
    headers.push({ index: i, header: name, resolution });
    let def: ColumnDef;
    switch (resolution.kind) {
      case 'ignored':
        if (resolution.how === 'blank') blankHeaders.push(i);
        def = { kind: 'ignored' };
        break;
      case 'column':
        def = { kind: 'field', name: resolution.column };
        break;
      case 'question':
        def = { kind: 'question', name: `${QUESTION_COLUMN_PREFIX}${resolution.question.id}`, question: resolution.question };
        break;
      case 'bad-question': {
        if (resolution.question) {
          headerIssues.push({ row, column: name, message: `Le critère « ${resolution.question.label} » (${resolution.question.id}) se renseigne pour l’entreprise, dans ses réponses, pas par salarié` });
        } else {
          const list = employeeQuestions.length > 0 ? `critères individuels du référentiel : ${employeeQuestions.map((q) => q.id).join(', ')}` : 'ce référentiel n’a aucun critère individuel';
          headerIssues.push({ row, column: name, message: `Critère inconnu « ${resolution.id} » dans la colonne « ${name} »${resolution.suggestion ? ` : vouliez-vous dire « ${resolution.suggestion} » ?` : ''} (${list})` });
        }
        def = { kind: 'ignored' };
        break;
      }
      case 'unknown':
        headerIssues.push({ row, column: name, message: `Colonne inconnue « ${name} »${hintText(resolution.suggestion)} (${expected}) ; faites-la correspondre à une colonne ou ignorez-la` });
        def = { kind: 'ignored' };
        break;
    }
    if (def.kind !== 'ignored') {
      const previous = index.get(def.name);
      if (previous !== undefined) {
        headerIssues.push({ row, column: name, message: `Colonne « ${columnTitle(def.name, referential)} » en double (colonnes n° ${previous + 1} et ${i + 1})` });
        def = { kind: 'ignored' };
      } else {
        index.set(def.name, i);
      }
    }
    columns.push(def);
  });
  return { columns, index, headerIssues, blankHeaders, headers };
}

/** A decimal number written with a point or a comma, spaces (also no-break) allowed as thousands separators. */
export function parseDecimal(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(s)) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** French rendering of a number in messages. */
const fr = (n: number) => formatNumber(n, 4);

/**
 * A date as French HR writes it — JJ/MM/AAAA (also with `-` or `.`, one-digit day or month, a time
 * after it as Excel adds) — or ISO AAAA-MM-JJ, → ISO; undefined when it is no real date.
 */
export function parseFrenchDate(text: string): string | undefined {
  const value = text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  if (isIsoDate(value)) return value;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!dmy) return undefined;
  const iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

const dateMessage = (value: string, what: string) => `${what} « ${value} » invalide : date JJ/MM/AAAA ou AAAA-MM-JJ attendue (ex. 01/03/2024)`;

interface ListItem {
  id: string;
  share: number | undefined;
}

class RowContext {
  private readonly taskOwners = new Map<string, { job: Job; task: Task }>();
  private readonly allTasks: Task[] = [];

  constructor(
    private readonly referential: Referential,
    private readonly columns: readonly ColumnDef[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly delimiter: string | undefined,
    /** The column as the file names it, from its documented name. */
    private readonly nameOf: (column: string) => string,
    /**
     * Where each id was first seen; `null`: not checked (a later reading of a checked file). No default
     * value: an `undefined` here once brought back a full registry, one entry per row of a streamed file.
     */
    private readonly ids: IdRegistry | null,
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
    const err = (column: string, message: string) => issues.push({ row, column: column === '' ? '' : this.nameOf(column), message });
    const cell = (name: string) => {
      const i = this.index.get(name);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };

    const width = this.columns.length;
    const separator = this.delimiter === undefined ? '' : ` (séparateur : ${DELIMITER_NAMES[this.delimiter] ?? this.delimiter})`;
    if (record.length > width && record.slice(width).some((f) => f.trim() !== '')) {
      err('', `${record.length} valeurs pour ${width} colonnes d’en-tête${separator} : vérifiez le séparateur et les guillemets autour des valeurs qui le contiennent`);
    } else if (record.length < width && this.delimiter !== undefined) {
      err('', `Ligne incomplète : ${record.length} ${record.length > 1 ? 'valeurs' : 'valeur'} pour ${width} colonnes d’en-tête${separator}`);
    }

    // id
    const id = cell('id');
    if (id === '') err('id', 'Identifiant du salarié manquant');
    else if (this.ids) {
      const previous = this.ids.previous(id, row);
      if (previous !== undefined) err('id', `Identifiant « ${id} » déjà utilisé ligne ${previous} : chaque salarié doit avoir un identifiant unique`);
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
    const startText = cell('contract_start');
    const endText = cell('contract_end');
    const reference = cell('contract_ref');
    const start = startText === '' ? '' : parseFrenchDate(startText);
    const end = endText === '' ? '' : parseFrenchDate(endText);
    if (start === undefined) err('contract_start', dateMessage(startText, 'Date de début de contrat'));
    if (end === undefined) err('contract_end', dateMessage(endText, 'Date de fin de contrat'));
    if (start && end && end < start) err('contract_end', `Fin du contrat (${formatDate(end)}) avant son début (${formatDate(start)})`);

    // birth_year
    const birthText = cell('birth_year');
    let birth: number | string | undefined;
    if (birthText === '') err('birth_year', 'Année de naissance manquante : AAAA, ou date complète (JJ/MM/AAAA) pour une personne née en 1956');
    else if (/^\d{4}$/.test(birthText)) {
      const year = Number(birthText);
      if (year < 1900 || year > 2100) err('birth_year', `Année de naissance ${birthText} hors limites (1900 à 2100)`);
      else birth = year;
    } else {
      const date = parseFrenchDate(birthText);
      if (date) birth = date;
      else if (/\d[/.-]\d/.test(birthText)) err('birth_year', dateMessage(birthText, 'Date de naissance'));
      else err('birth_year', `Année de naissance « ${birthText} » invalide : AAAA attendu (ex. 1980), ou une date JJ/MM/AAAA`);
    }

    // jobs, then tasks
    const jobsOutcome = this.parseJobs(cell('jobs'), err);
    const taskOverrides = this.parseTasks(cell('tasks'), jobsOutcome, err);

    // long absences, temporary work
    const absences = this.parseAbsenceCell(cell('absences'), err);
    const temporary = this.parseTemporary(cell('temporary'), cell('agency'), cell('agency_siret'), cell('mission'), err);

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
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        ...(reference !== '' ? { reference } : {}),
      },
      birth,
      jobs,
      ...(Object.keys(answers).length > 0 ? { answers } : {}),
      ...(absences.length > 0 ? { absences } : {}),
      ...(temporary ? { temporary } : {}),
    };
    const checked = parseWith(EmployeeSchema, employee);
    if (!checked.ok) {
      for (const i of checked.issues) err(columnForField(i.path), i.message);
      return { issues };
    }
    return { employee: checked.value, issues };
  }

  private parseAbsenceCell(text: string, err: (column: string, message: string) => void): Absence[] {
    if (text === '') return [];
    const { absences, errors } = parseAbsences(text, parseFrenchDate);
    for (const message of errors) err('absences', message);
    return absences;
  }

  /**
   * Temporary work (L4163-1 IV: the user company assesses, the agency declares): « Intérimaire » oui/non
   * and the agency's name; an agency alone says it too. The SIRET and the mission contract are optional.
   */
  private parseTemporary(flag: string, agency: string, siret: string, mission: string, err: (column: string, message: string) => void): TemporaryWork | undefined {
    let temporary: boolean;
    if (flag === '') temporary = agency !== '';
    else {
      const word = flag.toLowerCase();
      if (TRUE_WORDS.has(word)) temporary = true;
      else if (FALSE_WORDS.has(word)) temporary = false;
      else {
        err('temporary', `Valeur « ${flag} » invalide : oui ou non attendu (oui pour un salarié intérimaire, mis à disposition par une entreprise de travail temporaire)`);
        return undefined;
      }
    }
    if (!temporary) {
      const stray = [['agency', agency], ['agency_siret', siret], ['mission', mission]].filter(([, v]) => v !== '');
      for (const [column] of stray) err(column!, `Renseigné pour un salarié qui n’est pas intérimaire (colonne Intérimaire à « ${flag} ») : videz la cellule, ou indiquez oui`);
      return undefined;
    }
    if (agency === '') {
      err('agency', 'Agence d’intérim manquante pour un salarié intérimaire : l’entreprise de travail temporaire déclare son exposition et reçoit sa fiche');
      return undefined;
    }
    const digits = siret.replace(/[\s\u00a0\u202f]/g, '');
    if (siret !== '' && !/^\d{14}$/.test(digits)) {
      err('agency_siret', `SIRET de l’agence « ${siret} » invalide : 14 chiffres attendus`);
      return undefined;
    }
    return { agency, ...(digits !== '' ? { agencySiret: digits } : {}), ...(mission !== '' ? { mission } : {}) };
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
        err('jobs', this.sharesText({ code: 'shares_sum', params: { sum } }));
        ok = false;
      }
    }
    return { items, ok };
  }

  /** Shares that do not add up to 100 %, in the evaluator's words (the sentence it refuses such an employee with). */
  private sharesText(error: ErrorData): string {
    return capitalised(evaluationErrorDetail(error, this.referential));
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
          err('tasks', this.sharesText({ code: 'shares_sum', params: { sum, job: jobId } }));
        }
      }
    }
    if (jobs.ok) {
      for (const item of jobs.items) {
        if (overrides.has(item.id)) continue;
        const job = this.referential.jobs.find((j) => j.id === item.id)!;
        const sum = job.tasks.reduce((n, t) => n + t.defaultShare, 0);
        if (Math.abs(sum - 100) > SHARE_TOLERANCE) {
          err('tasks', `${this.sharesText({ code: 'default_shares_sum', params: { sum, job: job.id } })} dans la colonne tasks`);
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
      return choice ? choice.id : bad(`l’un des choix ${question.choices.map((c) => c.id).join(', ')} (identifiant ou libellé)`);
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
  if (f.startsWith('absences')) return 'absences';
  if (f.startsWith('temporary.agencySiret')) return 'agency_siret';
  if (f.startsWith('temporary.mission')) return 'mission';
  if (f.startsWith('temporary.agency')) return 'agency';
  if (f.startsWith('temporary')) return 'temporary';
  return '';
}

const TEMPORARY_COLUMNS: readonly StaffColumn[] = ['temporary', 'agency', 'agency_siret', 'mission'];

export interface StaffCsvFormatOptions {
  /** `,` (default, decimal point) or `;` (French spreadsheets, decimal comma). */
  delimiter?: ',' | ';';
  /** Start with a UTF-8 BOM, so that Excel reads accents right. Default false. */
  bom?: boolean;
  newline?: '\n' | '\r\n';
}

/**
 * Employees → staff file, the format `parseStaffCsv` reads, through the one formula-safe CSV writer
 * (an id such as `=1+1` is written `'=1+1` and read back as `=1+1`). One `q:` column per employee-level
 * question of the referential (answers to other questions get their own column, so nothing is lost).
 */
export function formatStaffCsv(employees: readonly Employee[], referential: Referential, options: StaffCsvFormatOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = delimiter === ';' ? ',' : '.';
  const share = (n: number) => (decimal === ',' ? formatNumber(n, { digits: 6, grouping: false }) : String(n));
  const questionIds = referential.questions.filter((q) => q.scope === 'employee').map((q) => q.id);
  for (const e of employees) for (const key of Object.keys(e.answers ?? {})) if (!questionIds.includes(key)) questionIds.push(key);
  const answerText = (v: AnswerValue | undefined): CsvCell => (v === undefined ? '' : typeof v === 'boolean' ? (v ? 'oui' : 'non') : v);

  // The long-absence and temporary-work columns only when someone needs them: a plain staff stays as it was.
  const withAbsences = employees.some((e) => (e.absences?.length ?? 0) > 0);
  const withTemporary = employees.some((e) => e.temporary !== undefined);
  const columns = STAFF_COLUMNS.filter((c) => (c === 'absences' ? withAbsences : TEMPORARY_COLUMNS.includes(c) ? withTemporary : true));
  const fields = [...columns, ...questionIds.map((id) => `${QUESTION_COLUMN_PREFIX}${id}`)];
  const data = employees.map((e): CsvCell[] => {
    const only = e.jobs.length === 1 ? e.jobs[0] : undefined;
    const jobs = only && only.share === 100 ? only.job : e.jobs.map((j) => `${j.job}:${share(j.share)}`).join('|');
    const tasks = e.jobs.flatMap((j) => (j.tasks ?? []).map((t) => `${t.task}:${share(t.share)}`)).join('|');
    const cells: Record<StaffColumn, CsvCell> = {
      id: e.id,
      annual_hours: e.annualHours,
      contract_start: e.contract.start ?? '',
      contract_end: e.contract.end ?? '',
      contract_ref: e.contract.reference ?? '',
      birth_year: e.birth === undefined ? '' : String(e.birth),
      jobs,
      tasks,
      absences: formatAbsences(e.absences ?? []),
      temporary: e.temporary ? 'oui' : 'non',
      agency: e.temporary?.agency ?? '',
      agency_siret: e.temporary?.agencySiret ?? '',
      mission: e.temporary?.mission ?? '',
    };
    return [...columns.map((c) => cells[c]), ...questionIds.map((id) => answerText(e.answers?.[id]))];
  });
  return writeCsv(fields, data, { delimiter, decimal, newline: options.newline ?? '\n', ...(options.bom ? { bom: true } : {}) });
}
