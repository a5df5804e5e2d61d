import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_LIMITS,
  checkGraph,
  checkReferential,
  compile,
  contentHash,
  createEvaluator,
  EvaluationError,
  loadGraphText,
  loadReferential,
  loadReferentialText,
  runScenarios,
  WHOLE_FILE_CODES,
  type LoadIssue,
  type Referential,
} from '../../src/core/index.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/run.ts';
import { companyIssues, loadCompanyText } from '../../src/io/company.ts';
import { parseStaffCsv, type CsvIssue } from '../../src/io/staff-csv.ts';
import { decodeJsonBytes } from '../../src/io/utf8.ts';
import { exportBackup, importBackup, importDraftText, importReferentialText, LogigrammeDb, samplesFromModules, seedSamples, validateBackup } from '../../src/storage/index.ts';
import { hostileCase, repositorySamples, type CaseKind, type HostileCase, type Samples } from './hostile.ts';
import { issueMessage } from '../../src/present/issues.ts';

/*
 * What every hostile case must hold to, whatever it is: no loader, checker, evaluator or command
 * throws (only Results with issues, exit codes 0, 1 or 2 without « erreur interne »); every issue is
 * located (a JSON path below the root, or a line, or a code about the whole file; a staff-file row);
 * no message shows JavaScript internals; a refused import or restore leaves the database unchanged;
 * no built-in prototype gains or loses a property.
 */

export const ROOT = join(import.meta.dirname, '..', '..');
const NOW = () => '2026-01-15T10:00:00.000Z';

export type Problem = 'crash' | 'unlocated' | 'message' | 'stored' | 'prototype' | 'exit';

export interface CaseOutcome {
  accepted: boolean;
  issues: number;
  problems: Array<{ problem: Problem; detail: string }>;
}

/** Issue codes located at the root on purpose: they are about the document as a whole. */
const ROOT_CODES = new Set([...WHOLE_FILE_CODES, 'format.not_object', 'schema.invalid_type', 'schema.unrecognized_keys', 'backup.newer']);

export function located(i: LoadIssue): boolean {
  return i.path.startsWith('$') && (i.path !== '$' || i.line !== undefined || ROOT_CODES.has(i.code));
}

/** A message that leaks JavaScript instead of speaking French. */
const LEAK = /function \w*\s*\(|\[native code\]|\[object \w+\]|\bundefined\b|\bNaN\b|RangeError|TypeError/;

function prototypes(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Object].map(names).join('|');
}

export interface Harness {
  samples: Samples;
  /** Runs one case; never throws (a throw is the `crash` problem). */
  runCase(c: HostileCase, options?: { storage?: boolean; cli?: boolean }): Promise<CaseOutcome>;
  close(): Promise<void>;
}

/** The samples, one database with them, and the referential the company and staff files are read against. */
export async function createHarness(name = `fuzz-${process.pid}-${Date.now()}`): Promise<Harness> {
  const files = Object.fromEntries(repositorySamples(ROOT, '{}').referential.map((s) => [`/${s.name}`, JSON.parse(s.text) as unknown]));
  const db = new LogigrammeDb(name);
  await db.open();
  await seedSamples(db, samplesFromModules(files), NOW);
  const backup = (await exportBackup(db, NOW)).text;
  const samples = repositorySamples(ROOT, backup);
  const atelierText = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
  const atelier = loadReferentialText(atelierText);
  if (!atelier.ok) throw new Error('the sample referential must load');
  const reference: Referential = atelier.value;
  const baseline = prototypes();

  const snapshot = async () => JSON.stringify(await Promise.all([db.referentials.toArray(), db.drafts.toArray(), db.companies.toArray(), db.staff.toArray(), db.evaluations.toArray(), db.meta.toArray()]));
  const initial = await snapshot();
  /** After an accepted import, the database goes back to the samples for the next case. */
  const reset = async () => {
    await importBackup(db, backup);
  };

  async function runCase(c: HostileCase, options: { storage?: boolean; cli?: boolean } = {}): Promise<CaseOutcome> {
    const out: CaseOutcome = { accepted: false, issues: 0, problems: [] };
    const problem = (p: Problem, detail: string) => out.problems.push({ problem: p, detail });
    const issues = (list: readonly LoadIssue[], where: string) => {
      out.issues += list.length;
      for (const i of list) {
        if (!located(i)) problem('unlocated', `${where} ${i.code} ${i.path} : ${issueMessage(i).slice(0, 200)}`);
        if (LEAK.test(issueMessage(i))) problem('message', `${where} ${i.code} ${i.path} : ${issueMessage(i).slice(0, 200)}`);
      }
    };
    const csvIssues = (list: readonly CsvIssue[], where: string) => {
      out.issues += list.length;
      for (const i of list) {
        if (!Number.isInteger(i.row) || i.row < 1) problem('unlocated', `${where} ligne ${i.row} : ${i.message.slice(0, 200)}`);
        if (LEAK.test(i.message)) problem('message', `${where} ligne ${i.row} : ${i.message.slice(0, 200)}`);
      }
    };
    const guard = async (where: string, body: () => unknown) => {
      try {
        await body();
      } catch (error) {
        problem('crash', `${where} : ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 300));
      }
    };
    const cli = async (args: string[]) => {
      const err: string[] = [];
      const io: CliIo = {
        stdout: () => {},
        stderr: (t) => void err.push(t),
        readFile: (path) => (path === 'cas.json' || path === 'cas.csv' ? c.bytes : readFileSync(join(ROOT, path))),
        writeFile: () => {},
        now: () => new Date('2024-06-15T12:00:00Z'),
      };
      const code = await run(args, io);
      const text = err.join('\n');
      if (![0, 1, 2].includes(code) || text.includes('erreur interne')) problem('exit', `logigramme ${args.join(' ')} → ${code} ${text.slice(0, 300)}`);
      for (const line of text.split('\n')) if (LEAK.test(line) && !line.startsWith('Attention')) problem('message', `logigramme ${args[0]} : ${line.slice(0, 200)}`);
    };
    const unchanged = async (where: string, refused: boolean) => {
      if (refused) {
        if ((await snapshot()) !== initial) problem('stored', `${where} : la base a changé malgré le refus`);
      } else await reset();
    };

    const jsonLimits = c.kind === 'backup' ? BACKUP_LIMITS : undefined;
    const decoded = c.kind === 'staff' ? undefined : decodeJsonBytes(c.bytes, jsonLimits);
    if (decoded && !decoded.ok) issues(decoded.issues, 'utf8');
    const text = decoded?.ok ? decoded.value : undefined;

    await guard(c.kind, async () => {
      switch (c.kind as CaseKind) {
        case 'referential': {
          if (text === undefined) break;
          const loaded = loadReferentialText(text);
          if (!loaded.ok) issues(loaded.issues, 'loadReferentialText');
          else {
            out.accepted = true;
            contentHash(loaded.value);
            checkReferential(loaded.value);
            runScenarios(loaded.value);
          }
          if (options.storage) {
            const outcome = await importReferentialText(db, text, NOW);
            if (outcome.kind === 'invalid') issues(outcome.issues, 'importReferentialText');
            await unchanged('importReferentialText', outcome.kind !== 'stored');
          }
          break;
        }
        case 'graph': {
          if (text === undefined) break;
          const loaded = loadGraphText(text);
          if (!loaded.ok) issues(loaded.issues, 'loadGraphText');
          else {
            out.accepted = true;
            checkGraph(loaded.value);
            const compiled = compile(loaded.value);
            loadReferential(compiled.referential);
          }
          if (options.storage) {
            const outcome = await importDraftText(db, text, { now: NOW, layout: async () => ({}) });
            if (outcome.kind === 'invalid') issues(outcome.issues, 'importDraftText');
            await unchanged('importDraftText', outcome.kind !== 'imported');
          }
          break;
        }
        case 'company': {
          if (text === undefined) break;
          const loaded = loadCompanyText(text);
          if (!loaded.ok) issues(loaded.issues, 'loadCompanyText');
          else {
            const found = companyIssues(loaded.value, reference);
            issues(found, 'companyIssues');
            out.accepted = found.length === 0;
            if (out.accepted) {
              try {
                createEvaluator(reference, loaded.value, { year: 2024 });
              } catch (error) {
                if (!(error instanceof EvaluationError)) throw error;
              }
            }
          }
          break;
        }
        case 'staff': {
          // Decoded leniently here; the CLI run below reads the bytes its own way.
          const staff = parseStaffCsv(new TextDecoder().decode(c.bytes), reference);
          csvIssues(staff.issues, 'parseStaffCsv');
          if (staff.issues.length === 0) {
            out.accepted = true;
            createEvaluator(reference, { answers: { 'q-activite': 'atelier' }, measures: [] }, { year: 2024 }).evaluateStaff(staff.employees);
          }
          break;
        }
        case 'backup': {
          if (text === undefined) break;
          if (options.storage) {
            const outcome = await importBackup(db, text);
            if (!outcome.ok) issues(outcome.issues, 'importBackup');
            else out.accepted = true;
            await unchanged('importBackup', !outcome.ok);
          } else {
            const valid = validateBackup(text);
            if (!valid.ok) issues(valid.issues, 'validateBackup');
            else out.accepted = true;
          }
          break;
        }
      }
    });

    if (options.cli) {
      await guard('cli', async () => {
        if (c.kind === 'referential') {
          await cli(['validate', 'cas.json']);
          await cli(['check', 'cas.json']);
        } else if (c.kind === 'graph') await cli(['compile', 'cas.json']);
        else if (c.kind === 'company') await cli(['evaluate', 'referentials/exemple-atelier.json', '--answers', 'cas.json', '--staff', 'examples/salaries-exemple.csv', '--year', '2024']);
        else if (c.kind === 'staff') await cli(['evaluate', 'referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', 'cas.csv', '--year', '2024']);
      });
    }

    if (prototypes() !== baseline) problem('prototype', 'un prototype intégré a changé');
    return out;
  }

  return {
    samples,
    runCase,
    close: async () => {
      db.close();
      await db.delete();
    },
  };
}

export interface FuzzFigures {
  inputs: number;
  byKind: Record<CaseKind, number>;
  accepted: number;
  refused: number;
  issues: number;
  crashes: number;
  hangs: number;
  unlocated: number;
  messages: number;
  stored: number;
  prototype: number;
  exit: number;
}

export function emptyFigures(): FuzzFigures {
  return { inputs: 0, byKind: { referential: 0, graph: 0, company: 0, staff: 0, backup: 0 }, accepted: 0, refused: 0, issues: 0, crashes: 0, hangs: 0, unlocated: 0, messages: 0, stored: 0, prototype: 0, exit: 0 };
}

/** Adds one case's outcome to the figures (a case counts once per kind of problem). */
export function tally(f: FuzzFigures, c: HostileCase, o: CaseOutcome): void {
  f.inputs += 1;
  f.byKind[c.kind] += 1;
  if (o.accepted) f.accepted += 1;
  else f.refused += 1;
  f.issues += o.issues;
  const has = (p: Problem) => o.problems.some((x) => x.problem === p);
  if (has('crash')) f.crashes += 1;
  if (has('unlocated')) f.unlocated += 1;
  if (has('message')) f.messages += 1;
  if (has('stored')) f.stored += 1;
  if (has('prototype')) f.prototype += 1;
  if (has('exit')) f.exit += 1;
}

export { hostileCase };
