import { z } from 'zod';
import {
  AnswerValueSchema,
  EmployeeSchema,
  TemporaryWorkSchema,
  FACTOR_CODES,
  migrateDocument,
  parseJsonText,
  parseWith,
  type LoadIssue,
  type Result,
} from '../../core/index.ts';
import type { ActionPlanRecord, CompanyRecord, DeclarationRecord, EvaluationRecord, StaffRecord } from '../../storage/index.ts';

/*
 * The whole company file, as exported and imported again: profile, referential applied (by key and
 * content hash: the referential itself is exported from its own screen), answers, measures, the staff
 * of every year and the stored evaluations. Versioned like every document of the project: read the
 * header, migrate a copy (numbered ledger), then validate with Zod; a newer file is refused.
 */

export const COMPANY_FILE_FORMAT_VERSION = 1;
export const COMPANY_FILE_KIND = 'logigramme.entreprise';
/** Entry `n` turns a version-`n` company file into version `n + 1`; none yet. */
export const COMPANY_FILE_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

const IsoDate = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });
const Year = z.number().int().min(2015).max(2100);
const FactorCode = z.enum(FACTOR_CODES);
const Verdict = z.enum(['exposed', 'not_exposed', 'to_analyse', 'no_legal_threshold']);

export const CompanyProfileSchema = z.strictObject({
  name: z.string().min(1, { error: 'Nom de l’entreprise attendu' }),
  siret: z.string().regex(/^\d{14}$/, { error: 'SIRET de 14 chiffres attendu' }).optional(),
  headcount: z.number().int().min(1).optional(),
  groupHeadcount: z.number().int().min(1).optional(),
  extendedBranchAgreement: z.boolean().optional(),
  claimsIndex: z.number().min(0).optional(),
});

const FactorSummarySchema = z.strictObject({
  factor: FactorCode,
  verdict: Verdict,
  inForce: z.boolean(),
  earnsPoints: z.boolean(),
  group: z.string().nullable(),
  exposure: z.number(),
  threshold: z.number().nullable(),
  unit: z.enum(['h/year', 'days/year', 'nights/year', 'events/year']).nullable(),
  margin: z.number().nullable(),
  indicative: z.number().optional(),
});

const DeclarationLineSchema = z.strictObject({
  employee: z.string(),
  contract: z.string().optional(),
  year: Year,
  code: z.string().regex(/^\d{2}$/, { error: 'Code DSN à deux chiffres attendu' }),
  factor: FactorCode.optional(),
});

export const CompanyEvaluationSchema = z.strictObject({
  year: Year,
  regulation: z.string().optional(),
  summaries: z.array(
    z.strictObject({
      employee: z.string(),
      regulation: z.string(),
      workingTimeRatio: z.number(),
      factors: z.array(FactorSummarySchema),
      exposed: z.array(FactorCode),
      toAnalyse: z.array(FactorCode),
      declared: z.array(FactorCode),
      dsn: z.array(z.string()),
      points: z.number().int().min(0),
      channel: z.enum(['dads', 'dsn']).optional(),
      noLegalThreshold: z.array(FactorCode).optional(),
      temporary: TemporaryWorkSchema.optional(),
      absence: z.strictObject({ contractDays: z.number(), absentDays: z.number(), presence: z.number(), changed: z.array(FactorCode) }).optional(),
      listed: z.partialRecord(FactorCode, z.array(z.string())).optional(),
    }),
  ),
  errors: z.array(z.strictObject({ index: z.number().int().min(0), employee: z.string(), code: z.string(), field: z.string(), column: z.string(), message: z.string() })),
  totals: z.strictObject({
    employees: z.number().int().min(0),
    evaluated: z.number().int().min(0),
    temporaryWorkers: z.number().int().min(0).optional(),
    byAgency: z.array(z.strictObject({ agency: z.string(), workers: z.number().int().min(0), declared: z.number().int().min(0) })).optional(),
    exposedAny: z.number().int().min(0),
    exposedAnyShare: z.number(),
    exposedDeclared: z.number().int().min(0),
    exposedDeclaredShare: z.number(),
    byFactor: z.array(z.strictObject({ factor: FactorCode, exposed: z.number().int().min(0), share: z.number() })),
    points: z.number().min(0),
  }),
});

export const CompanyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(COMPANY_FILE_FORMAT_VERSION),
  kind: z.literal(COMPANY_FILE_KIND, { error: `Fichier d’entreprise Logigramme attendu (kind « ${COMPANY_FILE_KIND} »)` }),
  exportedAt: z.string(),
  company: z.strictObject({
    id: z.string().min(1),
    profile: CompanyProfileSchema,
    referential: z.strictObject({ key: z.string(), id: z.string(), version: z.string(), contentHash: z.string().optional() }).optional(),
    year: Year,
    answers: z.record(z.string(), AnswerValueSchema),
    measures: z.array(z.strictObject({ measure: z.string().min(1), since: IsoDate.optional() })),
    step: z.string().optional(),
  }),
  staff: z.array(
    z.strictObject({
      year: Year,
      employees: z.array(EmployeeSchema),
      source: z.strictObject({ file: z.string().optional(), importedAt: z.string() }).optional(),
    }),
  ),
  evaluations: z.array(
    z.strictObject({
      year: Year,
      referentialKey: z.string(),
      contentHash: z.string(),
      evaluatedAt: z.string(),
      results: CompanyEvaluationSchema,
    }),
  ),
  /** The declarations exported (to correct them later); absent from files of older apps. */
  declarations: z
    .array(
      z.strictObject({
        year: Year,
        declaredAt: z.string(),
        channel: z.enum(['dads', 'dsn']),
        kind: z.enum(['declaration', 'correction']),
        lines: z.array(DeclarationLineSchema),
        sent: z.array(DeclarationLineSchema.extend({ kind: z.enum(['cancellation', 'redeclared', 'new']) })).optional(),
        contentHash: z.string(),
      }),
    )
    .optional(),
  /** Agreements and action plans (the plan checked again by the screen that opens it). */
  actionPlans: z.array(z.strictObject({ year: Year, plan: z.record(z.string(), z.unknown()), penalty: z.strictObject({ remuneration: z.number().min(0), months: z.number().int().min(1).max(36) }).optional(), createdAt: z.string(), updatedAt: z.string() })).optional(),
});

export type CompanyFile = z.infer<typeof CompanyFileSchema>;

/** What the company file says of the referential applied, when it is known. */
export interface ReferentialRef {
  key: string;
  id: string;
  version: string;
  contentHash: string;
}

/** The records of one company → the company file. */
export function buildCompanyFile(
  company: CompanyRecord,
  staff: readonly StaffRecord[],
  evaluations: readonly EvaluationRecord[],
  referential: ReferentialRef | undefined,
  exportedAt: string,
  filed: { declarations?: readonly DeclarationRecord[]; actionPlans?: readonly ActionPlanRecord[] } = {},
): CompanyFile {
  const declarations = [...(filed.declarations ?? [])]
    .sort((a, b) => a.year - b.year || a.declaredAt.localeCompare(b.declaredAt))
    .map((d) => ({ year: d.year, declaredAt: d.declaredAt, channel: d.channel, kind: d.kind, lines: d.lines, ...(d.sent ? { sent: d.sent } : {}), contentHash: d.contentHash }));
  const actionPlans = [...(filed.actionPlans ?? [])]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => ({ year: p.year, plan: p.plan as Record<string, unknown>, ...(p.penalty ? { penalty: p.penalty } : {}), createdAt: p.createdAt, updatedAt: p.updatedAt }));
  return {
    formatVersion: COMPANY_FILE_FORMAT_VERSION,
    kind: COMPANY_FILE_KIND,
    exportedAt,
    company: {
      id: company.id,
      profile: company.profile,
      ...(referential ? { referential } : company.referentialKey ? { referential: refFromKey(company.referentialKey) } : {}),
      year: company.year,
      answers: company.answers,
      measures: company.measures,
      ...(company.step ? { step: company.step } : {}),
    },
    staff: [...staff]
      .sort((a, b) => a.year - b.year)
      .map((s) => ({ year: s.year, employees: s.employees, ...(s.source ? { source: s.source } : {}) })),
    evaluations: [...evaluations]
      .sort((a, b) => a.year - b.year)
      .flatMap((e) => {
        const results = CompanyEvaluationSchema.safeParse(e.results);
        // An evaluation stored by an older app is left out rather than exported unreadable.
        return results.success ? [{ year: e.year, referentialKey: e.referentialKey, contentHash: e.contentHash, evaluatedAt: e.evaluatedAt, results: results.data }] : [];
      }),
    ...(declarations.length > 0 ? { declarations } : {}),
    ...(actionPlans.length > 0 ? { actionPlans } : {}),
  };
}

function refFromKey(key: string): ReferentialRef {
  const at = key.lastIndexOf('@');
  return { key, id: at < 0 ? key : key.slice(0, at), version: at < 0 ? '' : key.slice(at + 1), contentHash: '' };
}

export function companyFileText(file: CompanyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** JSON text → company file, or located French issues. Never throws on user data. */
export function loadCompanyFileText(text: string): Result<CompanyFile, LoadIssue> {
  const json = parseJsonText(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (!json.ok) return json;
  const migrated = migrateDocument(json.value, COMPANY_FILE_FORMAT_VERSION, COMPANY_FILE_MIGRATIONS, 'company_file');
  if (!migrated.ok) return migrated;
  return parseWith(CompanyFileSchema, migrated.value);
}

/** The records to store for an imported company file, under a new id (an import never overwrites). */
export function recordsFromCompanyFile(
  file: CompanyFile,
  id: string,
  now: string,
): { company: CompanyRecord; staff: StaffRecord[]; evaluations: EvaluationRecord[]; declarations: DeclarationRecord[]; actionPlans: ActionPlanRecord[] } {
  const c = file.company;
  return {
    company: {
      id,
      profile: c.profile,
      ...(c.referential ? { referentialKey: c.referential.key } : {}),
      year: c.year,
      answers: c.answers,
      measures: c.measures,
      ...(c.step ? { step: c.step } : {}),
      updatedAt: now,
    },
    staff: file.staff.map((s) => ({ key: `${id}@${s.year}`, companyId: id, year: s.year, employees: s.employees, ...(s.source ? { source: s.source } : {}), updatedAt: now })),
    evaluations: file.evaluations.map((e) => ({ key: `${id}@${e.year}`, companyId: id, year: e.year, referentialKey: e.referentialKey, contentHash: e.contentHash, results: e.results, evaluatedAt: e.evaluatedAt })),
    declarations: (file.declarations ?? []).map((d) => ({ ...d, key: `${id}@${d.year}@${d.declaredAt}`, companyId: id })),
    actionPlans: (file.actionPlans ?? []).map((p, i) => ({ ...p, id: `${id}-plan-${i + 1}`, companyId: id })),
  };
}
