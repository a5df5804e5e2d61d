import { DOCUMENT_LIMITS, EmployeeSchema, issueOf, parseJsonText, parseWith, type Employee, type LoadIssue, type Referential } from '../core/index.ts';
import { ENCODING_LABELS, type StaffEncoding } from '../io/decode.ts';
import { decodeJsonBytes } from '../io/utf8.ts';
import { StaffRowReader, type CsvIssue } from '../io/staff-csv.ts';
import { CompactIds, ExactIds, type IdRegistry } from '../io/staff-ids.ts';
import { bomEncoding, csvRecords, decodeChunks, DecodeStop, jsonListElements, type Chunk } from '../io/staff-stream.ts';
import { looksLikeXlsx, parseStaffSheet, readWorkbook } from '../io/staff-xlsx.ts';
import { formatCsvIssues, formatJsonIssues } from './format.ts';
import { plural } from '../present/fr.ts';
import { parseStaffJson } from './staff-json.ts';
import { readBytesInput, type CliIo, type StaffFile } from './io.ts';

/*
 * The staff file of `evaluate`, read as many times as the report needs and never held whole: a first
 * reading checks every line (a file with any problem evaluates nobody, as before) and decides the
 * encoding; each later reading gives the employees again, one at a time. CSV (any delimiter, French
 * or documented headers, UTF-8 / BOM / Windows-1252 / UTF-16 detected as before) and JSON lists are
 * streamed; an Excel workbook is read whole (Excel itself stops at 1 048 576 rows).
 */

/** An employee of the file and its place in it (CSV line, position in a JSON list, workbook row). */
export interface PlacedEmployee {
  employee: Employee;
  row: number;
}

/** A checked staff file: its employees again, at each call, in file order. */
export interface StaffReading {
  employees(): AsyncIterable<PlacedEmployee>;
}

const inputName = (path: string) => (path === '-' ? 'entrée standard' : path);

/** The file as chunks, re-readable; `undefined` after saying why it cannot be read. */
export async function openStaffFile(io: CliIo, path: string): Promise<StaffFile | undefined> {
  if (io.openStaff) {
    try {
      return await io.openStaff(path);
    } catch (error) {
      readBytesInput({ ...io, readBytes: () => { throw error; } }, path, 'le fichier du personnel');
      return undefined;
    }
  }
  const read = readBytesInput(io, path, 'le fichier du personnel');
  if (read === undefined) return undefined;
  return { size: read.length, chunks: () => one(read) };
}

async function* one(chunk: Chunk): AsyncGenerator<Chunk> {
  yield chunk;
}

/** The first bytes of the file (the format and the BOM are decided on them). */
async function head(file: StaffFile): Promise<Chunk | undefined> {
  for await (const chunk of file.chunks()) return chunk;
  return undefined;
}

async function whole(file: StaffFile): Promise<Uint8Array | string> {
  const parts: Chunk[] = [];
  for await (const chunk of file.chunks()) parts.push(chunk);
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

/**
 * Reads the file through without evaluating anything (the referential could not be loaded): only the
 * problems of the file itself (unreadable, encoding) are said.
 */
export async function touchStaffFile(io: CliIo, path: string): Promise<void> {
  const file = await openStaffFile(io, path);
  if (!file) return;
  const first = await head(file);
  if (first === undefined || typeof first === 'string' || looksLikeXlsx(first)) return;
  const name = inputName(path);
  const outcome = await decided(file, (encoding) => drain(decodeChunks(file.chunks(), encoding)));
  if ('refused' in outcome) io.stderr(`${name} : ${outcome.refused}\n${name} : fichier du personnel non valide, aucun salarié évalué`);
  else if (outcome.encoding !== 'utf-8') io.stderr(`${name} : fichier du personnel lu en ${ENCODING_LABELS[outcome.encoding]}`);
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const item of items) void item;
}

/** Runs `read` under the encoding the file's bytes call for: its BOM, else UTF-8, else (bytes that are not UTF-8) Windows-1252. */
async function decided<T>(file: StaffFile, read: (encoding: StaffEncoding) => Promise<T>): Promise<{ encoding: StaffEncoding; value: T } | { refused: string }> {
  const first = await head(file);
  let encoding: StaffEncoding = first === undefined || typeof first === 'string' ? 'utf-8' : (bomEncoding(first) ?? 'utf-8');
  for (;;) {
    try {
      return { encoding, value: await read(encoding) };
    } catch (error) {
      if (!(error instanceof DecodeStop)) throw error;
      if (error.kind === 'refuse') return { refused: error.message };
      encoding = 'windows-1252';
    }
  }
}

/** Issues sorted as the whole-file reader sorts them: by line, the file's quoting problems first. */
class IssueList {
  private readonly items: Array<{ issue: CsvIssue; rank: number; seq: number }> = [];
  add(issue: CsvIssue, rank = 1): void {
    this.items.push({ issue, rank, seq: this.items.length });
  }
  get length(): number {
    return this.items.length;
  }
  sorted(): CsvIssue[] {
    return this.items.sort((a, b) => a.issue.row - b.issue.row || a.rank - b.rank || a.seq - b.seq).map((x) => x.issue);
  }
}

/** CSV records of the file under an encoding → employees, each problem given to `issues` (when checking). */
async function* csvEmployees(file: StaffFile, encoding: StaffEncoding, referential: Referential, issues: IssueList | undefined, ids: IdRegistry | null = null): AsyncGenerator<PlacedEmployee> {
  let delimiter: string | undefined;
  let reader: StaffRowReader | undefined;
  for await (const item of csvRecords(decodeChunks(file.chunks(), encoding), (d) => (delimiter = d))) {
    if (item.issue) {
      issues?.add(item.issue, 0);
      continue;
    }
    if (!reader) reader = new StaffRowReader(referential, { ...(delimiter ? { delimiter } : {}), ids });
    const headerIssues = reader.headerIssues.length;
    const out = reader.record(item.record, item.line);
    if (issues) {
      for (const issue of reader.headerIssues.slice(headerIssues)) issues.add(issue);
      for (const issue of out.issues) issues.add(issue);
    }
    if (out.employee) yield { employee: out.employee, row: item.line };
  }
  if (issues) for (const issue of (reader ?? new StaffRowReader(referential)).finish()) issues.add(issue);
}

/**
 * Checks the staff file through, giving each employee to `check` as it comes (the first evaluation
 * pass): a reading of the file for the later passes, or `undefined` after reporting every problem as
 * the whole-file readers did. `check` may be called again from the start when the encoding turns out
 * to be Windows-1252 (`restart`).
 */
export async function readStaffChecked(
  io: CliIo,
  path: string,
  referential: Referential,
  pass: { restart(): void; check(e: PlacedEmployee): void },
): Promise<StaffReading | undefined> {
  const name = inputName(path);
  const file = await openStaffFile(io, path);
  if (!file) return undefined;
  const first = await head(file);
  if (path.toLowerCase().endsWith('.json')) return readJsonChecked(io, path, file, pass);
  if (first !== undefined && typeof first !== 'string' && looksLikeXlsx(first)) return readSheetChecked(io, name, file, referential, pass);

  let issues = new IssueList();
  let ids = new CompactIds();
  const outcome = await decided(file, async (encoding) => {
    issues = new IssueList();
    ids = new CompactIds();
    pass.restart();
    for await (const placed of csvEmployees(file, encoding, referential, issues, ids)) if (issues.length === 0) pass.check(placed);
  });
  if ('refused' in outcome) {
    io.stderr(`${name} : ${outcome.refused}\n${name} : fichier du personnel non valide, aucun salarié évalué`);
    return undefined;
  }
  if (outcome.encoding !== 'utf-8') io.stderr(`${name} : fichier du personnel lu en ${ENCODING_LABELS[outcome.encoding]}`);
  if (ids.candidates.size > 0) {
    // Some identifier may be repeated: the file checked again, those identifiers compared exactly.
    issues = new IssueList();
    await drain(csvEmployees(file, outcome.encoding, referential, issues, new ExactIds(ids.candidates)));
  }
  if (issues.length > 0) {
    const sorted = issues.sorted();
    io.stderr(`${formatCsvIssues(name, sorted)}\n${name} : fichier du personnel non valide (${plural(sorted.length, 'problème', 'problèmes')}), aucun salarié évalué`);
    return undefined;
  }
  const encoding = outcome.encoding;
  return { employees: () => csvEmployees(file, encoding, referential, undefined) };
}

async function readSheetChecked(io: CliIo, name: string, file: StaffFile, referential: Referential, pass: { restart(): void; check(e: PlacedEmployee): void }): Promise<StaffReading | undefined> {
  const bytes = (await whole(file)) as Uint8Array;
  const book = await readWorkbook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (!book.ok) {
    io.stderr(`${formatCsvIssues(name, [book.issue])}\n${name} : fichier du personnel non valide, aucun salarié évalué`);
    return undefined;
  }
  if (book.value.sheets.length > 1) io.stderr(`${name} : classeur Excel, feuille « ${book.value.sheet} » lue (la première de ${book.value.sheets.length})`);
  const staff = parseStaffSheet(book.value, referential);
  if (staff.issues.length > 0) {
    io.stderr(`${formatCsvIssues(name, staff.issues)}\n${name} : fichier du personnel non valide (${plural(staff.issues.length, 'problème', 'problèmes')}), aucun salarié évalué`);
    return undefined;
  }
  const placed = staff.employees.map((employee, i) => ({ employee, row: staff.rows[i]! }));
  pass.restart();
  for (const p of placed) pass.check(p);
  return { employees: () => listed(placed) };
}

async function* listed<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** A JSON element's depth counts from inside the list. */
const ELEMENT_LIMITS = { ...DOCUMENT_LIMITS, depth: DOCUMENT_LIMITS.depth - 1 };

/** Strict UTF-8 (RFC 8259), as every JSON input. */
async function* utf8Text(file: StaffFile): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for await (const chunk of file.chunks()) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * A JSON list of employees, element by element: each one read by the one JSON reader (limits,
 * duplicate keys) and checked against the employee schema, identifiers unique across the list. A file
 * within the JSON reader's document size with any problem is read whole again, so that its problems are
 * reported exactly as before (one syntax error with its line and column…); a larger file, which that
 * limit used to refuse outright, gets its problems located by element (`$[41].jobs`).
 */
async function* jsonEmployees(file: StaffFile, issues: LoadIssue[] | undefined, ids: IdRegistry | undefined): AsyncGenerator<PlacedEmployee> {
  let list = true;
  for await (const element of jsonListElements(utf8Text(file), DOCUMENT_LIMITS.bytes)) {
    if (element === 'notList') {
      list = false;
      break;
    }
    if (element.error) {
      const { line, column } = element.error;
      issues?.push(issueOf('json.syntax', [], 'code' in element.error ? { error: element.error.code } : { detail: element.error.detail }, { line, column }));
      return;
    }
    const parsed = parseJsonText(element.text, ELEMENT_LIMITS);
    if (!parsed.ok) {
      for (const i of parsed.issues) issues?.push(inDocument(i, element));
      continue;
    }
    const checked = parseWith(EmployeeSchema, parsed.value, [element.index]);
    if (!checked.ok) {
      issues?.push(...checked.issues);
      continue;
    }
    const first = ids?.previous(checked.value.id, element.index);
    if (first !== undefined) {
      issues?.push({ code: 'staff.duplicate_id', path: `$[${element.index}].id`, params: { id: checked.value.id, first } });
      continue;
    }
    yield { employee: checked.value, row: element.index + 1 };
  }
  if (!list) issues?.push({ code: 'schema.invalid_type', path: '$', message: 'Liste de salariés attendue : un tableau JSON [ {…}, {…} ]' });
}

/** An issue of one element, placed in the whole document: its path under `$[i]`, its line and column in the file. */
function inDocument(issue: LoadIssue, element: { index: number; line: number; column: number }): LoadIssue {
  const at = (line: number, column: number) => ({ line: element.line + line - 1, column: line === 1 ? element.column + column - 1 : column });
  const placed = { ...issue, path: issue.path.replace(/^\$/, `$[${element.index}]`), ...(issue.line !== undefined && issue.column !== undefined ? at(issue.line, issue.column) : {}) } as LoadIssue;
  if (placed.code === 'json.duplicate_key') {
    const first = at(placed.params.firstLine, placed.params.firstColumn);
    return { ...placed, params: { ...placed.params, firstLine: first.line, firstColumn: first.column } };
  }
  return placed;
}

async function readJsonChecked(io: CliIo, path: string, file: StaffFile, pass: { restart(): void; check(e: PlacedEmployee): void }): Promise<StaffReading | undefined> {
  const name = inputName(path);
  let issues: LoadIssue[] = [];
  let count = 0;
  pass.restart();
  const ids = new CompactIds();
  try {
    for await (const placed of jsonEmployees(file, issues, ids)) {
      count++;
      if (issues.length === 0) pass.check(placed);
    }
    if (ids.candidates.size > 0) {
      // Some identifier may be repeated: the list checked again, those identifiers compared exactly.
      issues = [];
      await drain(jsonEmployees(file, issues, new ExactIds(ids.candidates)));
    }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    issues.push(issueOf('encoding.utf8', [], {}));
  }
  if (issues.length === 0 && count === 0) issues.push({ code: 'schema.too_small', path: '$', message: 'Au moins un salarié attendu' });
  if (issues.length === 0) return { employees: () => jsonEmployees(file, undefined, undefined) };
  let reported = issues;
  if (file.size <= DOCUMENT_LIMITS.bytes) {
    // Small enough for the whole-file reader: its exact messages.
    const text = await whole(file);
    const json = typeof text === 'string' ? { ok: true as const, value: text } : decodeJsonBytes(text);
    reported = json.ok ? parseStaffJson(json.value).issues : json.issues;
  }
  io.stderr(`${formatJsonIssues(name, reported)}\n${name} : fichier du personnel non valide (${plural(reported.length, 'problème', 'problèmes')}), aucun salarié évalué`);
  return undefined;
}
