import type { CompanyInput, LoadIssue, Referential } from '../core/index.ts';
import { companyIssues, loadCompanyText } from '../io/company.ts';
import { parseStaffCsv, type CsvIssue, type StaffCsvResult } from '../io/staff-csv.ts';
import { formatCsvIssues, formatJsonIssues, plural } from './format.ts';
import { readInput, readJsonInput, UsageError, type CliIo } from './io.ts';

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

/**
 * Reads the staff file and parses it against every loaded referential (one result per referential, in
 * order); `undefined` after reporting every problem, or when a referential is missing.
 */
export function loadStaffFor(io: CliIo, path: string, referentials: readonly LoadedReferential[]): StaffCsvResult[] | undefined {
  const text = readInput(io, path, 'le fichier du personnel');
  if (text === undefined) return undefined;
  const loaded = referentials.flatMap((r) => (r.referential ? [{ path: r.path, staff: parseStaffCsv(text, r.referential) }] : []));
  const groups = grouped<CsvIssue>(loaded.map((l) => ({ path: l.path, issues: l.staff.issues })));
  for (const g of groups) {
    io.stderr(`${formatCsvIssues(path, g.issues)}\n${path} : fichier du personnel non valide${forVersions(g.paths, referentials.length > 1)} (${plural(g.issues.length, 'problème', 'problèmes')}), aucun salarié évalué`);
  }
  if (groups.length > 0 || loaded.length < referentials.length) return undefined;
  return loaded.map((l) => l.staff);
}
