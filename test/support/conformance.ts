/*
 * Conformance kit runner: loads the hand-computed cases of test/cases/*.json and compares what the
 * evaluator concludes with what the decree says (as computed by hand in each case's `arithmetic`).
 * Kept free of Vitest so that a CLI command can run the same kit and print the mismatches.
 * test/cases/README.md documents the file format.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import * as z from 'zod';
import { isDeepStrictEqual } from 'node:util';
import { compactOf, createEvaluator, EvaluationError, RULE_CHOICES, type EmployeeResult } from '../../src/core/evaluate/index.ts';
import { createSetup } from '../../src/core/evaluate/setup.ts';
import { createSpecialised } from '../../src/core/evaluate/specialised.ts';
import { loadReferential } from '../../src/core/referential/index.ts';
import { formatIssues } from '../../src/present/issues.ts';
import { AnswerValueSchema, EmployeeSchema, ErgonomicFactorSchema, FactorCodeSchema, VerdictSchema, type Referential } from '../../src/core/referential/schema.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const CASES_DIR = join(REPO_ROOT, 'test', 'cases');
/** Exposures are compared to a millionth of their unit (the evaluator rounds them to 6 decimals). */
export const EXPOSURE_TOLERANCE = 1e-6;

const ExpectedFactorSchema = z.strictObject({
  verdict: VerdictSchema,
  /** Exposure per threshold group code, in the group's threshold unit (h/year, days/year, nights/year, events/year). */
  exposure: z.record(z.string(), z.number()).optional(),
});

export const ConformanceCaseSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/),
    description: z.string().min(1),
    /** The hand computation from the decree: the expectation's justification. */
    arithmetic: z.string().min(1),
    year: z.number().int(),
    /** Forced regulation version id (what-if); by default the version in force at the end of the year or contract. */
    regulation: z.string().optional(),
    /** Choices where the law is unsettled (README "Unsettled points"); each absent one takes its default. */
    rules: z
      .strictObject({
        removedFactors2017: z.enum(RULE_CHOICES.removedFactors2017).optional(),
        lateFactors2016: z.enum(RULE_CHOICES.lateFactors2016).optional(),
        points2023: z.enum(RULE_CHOICES.points2023).optional(),
      })
      .optional(),
    company: z.strictObject({
      answers: z.record(z.string(), AnswerValueSchema),
      measures: z.array(z.strictObject({ measure: z.string(), since: z.string().optional() })),
    }),
    employee: EmployeeSchema,
    expected: z
      .strictObject({
        factors: z.partialRecord(FactorCodeSchema, ExpectedFactorSchema),
        points: z.number().int().min(0).optional(),
        /** DSN S21.G00.34.001 codes declared, compared as a set (order does not matter). */
        dsn: z.array(z.string()).optional(),
        /** Where the year's exposures are declared: `dads` (2015, 2016) or `dsn`. */
        channel: z.enum(['dads', 'dsn']).optional(),
        /** Per ergonomic factor, the employee's jobs the branch lists as particularly exposed (L4163-2-1), in profile order. */
        particularlyExposed: z.partialRecord(ErgonomicFactorSchema, z.array(z.string())).optional(),
      })
      .optional(),
    expectedError: z.strictObject({ code: z.string().min(1), field: z.string() }).optional(),
    /** Set when the hand computation disagrees with this implementation: the reason, with its source. */
    knownFailure: z.string().min(1).optional(),
  })
  .refine((c) => (c.expected === undefined) !== (c.expectedError === undefined), {
    message: 'exactly one of "expected" and "expectedError" is required',
  });
export type ConformanceCase = z.infer<typeof ConformanceCaseSchema>;

const CaseFileSchema = z.strictObject({
  description: z.string().min(1),
  referential: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  cases: z.array(z.unknown()).min(1),
});

export interface LoadedCase {
  id: string;
  /** The validated case, absent when the case itself is malformed (see `problems`). */
  case?: ConformanceCase;
  knownFailure?: string;
  /** Problems of this case's JSON (schema), reported as mismatches by `runCase`. */
  problems: string[];
}

export interface LoadedCaseFile {
  /** File name, e.g. `noise.json`. */
  file: string;
  path: string;
  description: string;
  /** `inline` or the repository-relative path of the referential. */
  referentialSource: string;
  referential?: Referential;
  /** Problems of the file or of its referential: every case of the file then fails with them. */
  problems: string[];
  cases: LoadedCase[];
}

export interface Mismatch {
  /** What differs: `factors.noise.verdict`, `factors.noise.exposure.noise_level`, `points`, `dsn`, `error`, `case`, `referential`. */
  what: string;
  expected: unknown;
  actual: unknown;
}

const describeZod = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

/** Reads one case file; never throws on bad content (problems are reported by `runCase`). */
export function loadCaseFile(path: string, repoRoot: string = REPO_ROOT): LoadedCaseFile {
  const file = basename(path);
  const base: LoadedCaseFile = { file, path, description: '', referentialSource: 'inline', problems: [], cases: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ...base, problems: [`invalid JSON: ${error instanceof Error ? error.message : String(error)}`], cases: [{ id: '(file)', problems: [] }] };
  }
  const parsed = CaseFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ...base, problems: describeZod(parsed.error), cases: [{ id: '(file)', problems: [] }] };
  }
  const doc = parsed.data;
  const problems: string[] = [];

  let referentialData: unknown = doc.referential;
  let referentialSource = 'inline';
  if (typeof doc.referential === 'string') {
    referentialSource = doc.referential;
    const target = resolve(repoRoot, doc.referential);
    if (relative(repoRoot, target).startsWith('..')) problems.push(`referential path ${doc.referential} leaves the repository`);
    else {
      try {
        referentialData = JSON.parse(readFileSync(target, 'utf8'));
      } catch (error) {
        problems.push(`referential ${doc.referential}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  let referential: Referential | undefined;
  if (problems.length === 0) {
    const loaded = loadReferential(referentialData);
    if (loaded.ok) referential = loaded.value;
    else problems.push(`referential does not load:\n${formatIssues(loaded.issues)}`);
  }

  const seen = new Set<string>();
  const cases = doc.cases.map((rawCase, index): LoadedCase => {
    const rawId = typeof rawCase === 'object' && rawCase !== null && typeof (rawCase as { id?: unknown }).id === 'string' ? (rawCase as { id: string }).id : `#${index}`;
    const checked = ConformanceCaseSchema.safeParse(rawCase);
    const caseProblems = checked.success ? [] : describeZod(checked.error);
    if (seen.has(rawId)) caseProblems.push(`duplicate case id ${rawId}`);
    seen.add(rawId);
    const loaded: LoadedCase = { id: rawId, problems: caseProblems };
    if (checked.success) {
      loaded.case = checked.data;
      if (checked.data.knownFailure !== undefined) loaded.knownFailure = checked.data.knownFailure;
    }
    return loaded;
  });
  return { file, path, description: doc.description, referentialSource, ...(referential ? { referential } : {}), problems, cases };
}

/** Every `*.json` of the cases folder, sorted by name. */
export function loadCaseFiles(dir: string = CASES_DIR, repoRoot: string = REPO_ROOT): LoadedCaseFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadCaseFile(join(dir, name), repoRoot));
}

/** Runs one case and lists every difference with its expectation; an empty list means the case passes. */
export function runCase(file: LoadedCaseFile, loaded: LoadedCase): Mismatch[] {
  if (file.problems.length > 0) return file.problems.map((p) => ({ what: 'referential', expected: 'a valid case file and referential', actual: p }));
  if (!loaded.case || loaded.problems.length > 0) return loaded.problems.map((p) => ({ what: 'case', expected: 'a valid case', actual: p }));
  const c = loaded.case;
  const referential = file.referential!;

  let result: EmployeeResult;
  // The specialised path (bulk evaluation, compact results) must give the same figures, or hand the case over.
  let specialised: ReturnType<ReturnType<typeof createSpecialised>['evaluate']> = null;
  try {
    const company = { answers: c.company.answers, measures: c.company.measures };
    const options = { year: c.year, ...(c.regulation !== undefined ? { regulation: c.regulation } : {}), ...(c.rules !== undefined ? { rules: c.rules } : {}) };
    const evaluator = createEvaluator(referential, company, options);
    specialised = createSpecialised(createSetup(referential, company, options)).evaluate(c.employee);
    result = evaluator.evaluate(c.employee);
  } catch (error) {
    if (!(error instanceof EvaluationError)) {
      return [{ what: 'error', expected: c.expectedError ?? 'no error', actual: `crash: ${error instanceof Error ? error.stack ?? error.message : String(error)}` }];
    }
    const actual = { code: error.code, field: error.field };
    if (specialised !== null) return [{ what: 'compact', expected: 'handed over to the general path, which refuses it', actual: 'a compact result' }];
    if (!c.expectedError) return [{ what: 'error', expected: 'no error', actual: { ...actual, message: error.message } }];
    const mismatches: Mismatch[] = [];
    if (error.code !== c.expectedError.code) mismatches.push({ what: 'error.code', expected: c.expectedError.code, actual: error.code });
    if (error.field !== c.expectedError.field) mismatches.push({ what: 'error.field', expected: c.expectedError.field, actual: error.field });
    return mismatches;
  }
  if (c.expectedError) return [{ what: 'error', expected: c.expectedError, actual: 'no error' }];
  const mismatches = compareResult(c, result);
  if (specialised !== null && !isDeepStrictEqual(specialised, compactOf(result, c.employee.contract.reference))) {
    mismatches.push({ what: 'compact', expected: compactOf(result, c.employee.contract.reference), actual: specialised });
  }
  return mismatches;
}

function compareResult(c: ConformanceCase, result: EmployeeResult): Mismatch[] {
  const expected = c.expected!;
  const mismatches: Mismatch[] = [];
  for (const [factor, want] of Object.entries(expected.factors)) {
    if (!want) continue;
    const got = result.factors.find((f) => f.factor === factor);
    if (!got) {
      mismatches.push({ what: `factors.${factor}`, expected: want.verdict, actual: 'factor missing from the result' });
      continue;
    }
    if (got.verdict !== want.verdict) mismatches.push({ what: `factors.${factor}.verdict`, expected: want.verdict, actual: got.verdict });
    for (const [groupCode, value] of Object.entries(want.exposure ?? {})) {
      const group = got.groups.find((g) => g.code === groupCode);
      if (!group) mismatches.push({ what: `factors.${factor}.exposure.${groupCode}`, expected: value, actual: 'group missing from the result' });
      else if (!(Math.abs(group.exposure - value) <= EXPOSURE_TOLERANCE)) mismatches.push({ what: `factors.${factor}.exposure.${groupCode}`, expected: value, actual: group.exposure });
    }
  }
  if (expected.points !== undefined && result.points.total !== expected.points) {
    mismatches.push({ what: 'points', expected: expected.points, actual: result.points.total });
  }
  if (expected.dsn !== undefined) {
    const want = [...expected.dsn].sort();
    const got = result.dsn.map((d) => d.code).sort();
    if (want.length !== got.length || want.some((code, i) => code !== got[i])) mismatches.push({ what: 'dsn', expected: want, actual: got });
  }
  for (const [factor, jobs] of Object.entries(expected.particularlyExposed ?? {})) {
    const got = result.factors.find((f) => f.factor === factor)?.particularlyExposedJobs ?? [];
    if (JSON.stringify(got) !== JSON.stringify(jobs)) mismatches.push({ what: `particularlyExposed.${factor}`, expected: jobs, actual: got });
  }
  if (expected.channel !== undefined && result.channel !== expected.channel) mismatches.push({ what: 'channel', expected: expected.channel, actual: result.channel });
  return mismatches;
}

/** One line per mismatch, for messages and a CLI report. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches.map((m) => `${m.what}: expected ${JSON.stringify(m.expected)}, got ${typeof m.actual === 'string' ? m.actual : JSON.stringify(m.actual)}`).join('\n');
}
