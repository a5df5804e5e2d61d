import type { CompanyInput, LoadIssue, Referential } from '../core/index.ts';
import { companyIssues, loadCompanyText } from '../io/company.ts';
import { decodeStaffBytes, ENCODING_LABELS } from '../io/decode.ts';
import { parseStaffCsv, type CsvIssue, type StaffCsvResult } from '../io/staff-csv.ts';
import { looksLikeXlsx, parseStaffSheet, readWorkbook, type SheetRecords } from '../io/staff-xlsx.ts';
import { formatCsvIssues, formatJsonIssues } from './format.ts';
import { plural } from '../present/fr.ts';
import { readBytesInput, readJsonInput, UsageError, type CliIo } from './io.ts';

/*
 * The company file and the staff file read against one or several referentials (the two versions
 * compared by `diff`, the referential and its `--against` version for `estimate`): every problem of
 * every version is reported, once when the versions agree on it.
 */

/** A referential file as loaded (undefined when it could not be: its problems are already reported). */
export interface LoadedReferential {
  path: string;
  referential: Referential | undefined;
}

/** `--year`, or the current calendar year from the clock; a usage error outside 2015–2100. */
export function yearOption(value: string | undefined, io: CliIo): { year: number; fromClock: boolean } {
  const text = value ?? String(io.now().getFullYear());
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2015 || year > 2100) {
    throw new UsageError(`année « ${text} » invalide : attendu AAAA, de 2015 (premiers seuils en vigueur) à 2100`);
  }
  return { year, fromClock: value === undefined };
}

/** The same issues for several versions are reported once, naming every version concerned. */
function grouped<T>(lists: ReadonlyArray<{ path: string; issues: T[] }>): Array<{ paths: string[]; issues: T[] }> {
  const out: Array<{ paths: string[]; issues: T[]; key: string }> = [];
  for (const { path, issues } of lists) {
    if (issues.length === 0) continue;
    const key = JSON.stringify(issues);
    const same = out.find((g) => g.key === key);
    if (same) same.paths.push(path);
    else out.push({ paths: [path], issues, key });
  }
  return out;
}

/** « pour a.json » / « pour a.json et b.json », only when several versions are read. */
const forVersions = (paths: readonly string[], several: boolean) => (several ? ` pour ${paths.join(' et ')}` : '');

/**
 * Reads the company file and checks it against every loaded referential; `undefined` after reporting
 * every problem. Without any loaded referential, only its own syntax and schema are checked.
 */
export function loadCompanyFor(io: CliIo, path: string, referentials: readonly LoadedReferential[]): CompanyInput | undefined {
  const text = readJsonInput(io, path, 'le fichier de réponses de l’entreprise');
  if (text === undefined) return undefined;
  const loaded = text.ok ? loadCompanyText(text.value) : text;
  if (!loaded.ok) {
    io.stderr(`${formatJsonIssues(path, loaded.issues)}\n${path} : fichier de réponses de l’entreprise non valide (${plural(loaded.issues.length, 'problème', 'problèmes')})`);
    return undefined;
  }
  const checks: Array<{ path: string; issues: LoadIssue[] }> = referentials.flatMap((r) => (r.referential ? [{ path: r.path, issues: companyIssues(loaded.value, r.referential) }] : []));
  const groups = grouped(checks);
  for (const g of groups) {
    io.stderr(`${formatJsonIssues(path, g.issues)}\n${path} : fichier de réponses de l’entreprise non valide${forVersions(g.paths, referentials.length > 1)} (${plural(g.issues.length, 'problème', 'problèmes')})`);
  }
  return groups.length === 0 ? loaded.value : undefined;
}

/** The staff file as read: CSV text, or the rows of a workbook's first sheet. */
type StaffSource = { kind: 'csv'; text: string } | { kind: 'xlsx'; sheet: SheetRecords };

/** `-` names standard input in messages. */
export const inputName = (path: string) => (path === '-' ? 'entrée standard' : path);

/**
 * Reads the staff file — CSV in UTF-8, UTF-8 with BOM, Windows-1252 or UTF-16 (detected, and said on
 * the error output when it is not plain UTF-8), or an Excel workbook (first sheet) — then hands its
 * source to `then`. Synchronous for CSV; a promise for a workbook (the reader is asynchronous).
 */
export function readStaffSource(io: CliIo, path: string, then: (source: StaffSource | undefined) => number | Promise<number>): number | Promise<number> {
  const name = inputName(path);
  const read = readBytesInput(io, path, 'le fichier du personnel');
  if (read === undefined) return then(undefined);
  // Text handed over already decoded (tests).
  if (typeof read === 'string') return then({ kind: 'csv', text: read });
  const bytes = read;
  if (looksLikeXlsx(bytes)) {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return readWorkbook(buffer).then((book) => {
      if (!book.ok) {
        io.stderr(`${formatCsvIssues(name, [book.issue])}\n${name} : fichier du personnel non valide, aucun salarié évalué`);
        return then(undefined);
      }
      if (book.value.sheets.length > 1) io.stderr(`${name} : classeur Excel, feuille « ${book.value.sheet} » lue (la première de ${book.value.sheets.length})`);
      return then({ kind: 'xlsx', sheet: book.value });
    });
  }
  const decoded = decodeStaffBytes(bytes);
  if (!decoded.ok) {
    io.stderr(`${name} : ${decoded.message}\n${name} : fichier du personnel non valide, aucun salarié évalué`);
    return then(undefined);
  }
  if (decoded.encoding !== 'utf-8') io.stderr(`${name} : fichier du personnel lu en ${ENCODING_LABELS[decoded.encoding]}`);
  return then({ kind: 'csv', text: decoded.text });
}

/** Several staff files in turn (the samples of `estimate`), then `then` with all their sources. */
export function readStaffSources(io: CliIo, paths: readonly string[], then: (sources: Array<StaffSource | undefined>) => number | Promise<number>): number | Promise<number> {
  const sources: Array<StaffSource | undefined> = [];
  const next = (i: number): number | Promise<number> =>
    i === paths.length
      ? then(sources)
      : readStaffSource(io, paths[i]!, (source) => {
          sources.push(source);
          return next(i + 1);
        });
  return next(0);
}

/**
 * Parses the staff source against every loaded referential (one result per referential, in order);
 * `undefined` after reporting every problem, or when a referential is missing.
 */
export function parseStaffFor(io: CliIo, path: string, source: StaffSource | undefined, referentials: readonly LoadedReferential[]): StaffCsvResult[] | undefined {
  if (source === undefined) return undefined;
  const name = inputName(path);
  const parse = (r: Referential) => (source.kind === 'csv' ? parseStaffCsv(source.text, r) : parseStaffSheet(source.sheet, r));
  const loaded = referentials.flatMap((r) => (r.referential ? [{ path: r.path, staff: parse(r.referential) }] : []));
  const groups = grouped<CsvIssue>(loaded.map((l) => ({ path: l.path, issues: l.staff.issues })));
  for (const g of groups) {
    io.stderr(`${formatCsvIssues(name, g.issues)}\n${name} : fichier du personnel non valide${forVersions(g.paths, referentials.length > 1)} (${plural(g.issues.length, 'problème', 'problèmes')}), aucun salarié évalué`);
  }
  if (groups.length > 0 || loaded.length < referentials.length) return undefined;
  return loaded.map((l) => l.staff);
}
