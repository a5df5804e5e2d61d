import * as z from 'zod';
import { regulationById, findCriterion } from '../regulation/index.ts';
import { QUANTITY_UNITS, type Quantity } from '../regulation/types.ts';
import { fail, ok, type Result } from '../util/result.ts';
import type { PathSegment } from '../util/path.ts';
import { contentHash, legacyContentHash } from './canonical.ts';
import { issue, type IssueCode, type LoadIssue } from './issue.ts';
import { parseJsonText } from './json.ts';
import { migrateReferential } from './migrations.ts';
import { ReferentialSchema, type Referential } from './schema.ts';
import { durationConvertible } from './units.ts';
import { assessIntensity, missingQuantitiesText } from '../evaluate/intensity.ts';
import { ruleMessage, VERSION_LIST, type RuleCode } from '../check/codes.ts';
import { collectingContext } from '../check/context.ts';
import { integrityRules } from '../check/rules/structure.ts';

const frenchErrors = z.locales.fr().localeError;

// The one JSON text reader, with the resource limits; kept importable from here.
export { parseJsonText };

/** Zod issues → located French issues. */
export function zodIssues(error: z.ZodError, base: readonly PathSegment[] = []): LoadIssue[] {
  return error.issues.map((i) =>
    issue(`schema.${i.code}`, [...base, ...(i.path as PathSegment[])], i.message),
  );
}

/** Parse with French messages; shared by every document schema of the format. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, base: readonly PathSegment[] = []): Result<z.infer<S>, LoadIssue> {
  const parsed = schema.safeParse(data, { error: frenchErrors });
  return parsed.success ? ok(parsed.data) : fail(zodIssues(parsed.error, base));
}

/**
 * Unknown data → referential, or located issues. Never throws on user data. Steps: migrate a copy to
 * the current format version, validate the schema, check references, units and cycles (what the
 * evaluator needs to run), then compare a stated content hash with the computed one.
 */
export function loadReferential(data: unknown): Result<Referential, LoadIssue> {
  const migrated = migrateReferential(data);
  if (!migrated.ok) return migrated;
  const parsed = parseWith(ReferentialSchema, migrated.value);
  if (!parsed.ok) return parsed;
  let referential = parsed.value;
  const issues = integrityIssues(referential);
  if (referential.contentHash !== undefined) {
    const computed = contentHash(referential);
    // A format-1 file states the hash of the format-1 definition (lifecycle fields included): verified as
    // such, then carried as the current content hash.
    const sourceFormat = (data as { formatVersion?: unknown }).formatVersion;
    if (computed !== referential.contentHash && sourceFormat === 1 && legacyContentHash(referential) === referential.contentHash) {
      referential = { ...referential, contentHash: computed };
    } else if (computed !== referential.contentHash) {
      issues.push(
        issue('hash.mismatch', ['contentHash'], `Empreinte déclarée ${referential.contentHash} différente de l’empreinte calculée sur le contenu (${computed}) : le contenu ne correspond pas à la version publiée`),
      );
    }
  }
  return issues.length > 0 ? fail(issues) : ok(referential);
}

export function loadReferentialText(text: string): Result<Referential, LoadIssue> {
  const json = parseJsonText(text);
  return json.ok ? loadReferential(json.value) : json;
}

/**
 * What the loader refuses a referential with, among the checker's rules: its integrity rules (the
 * error-level structure rules the evaluator depends on), under the loader's stable `ref.*` codes.
 */
const LOAD_CODES = {
  'structure.duplicate_id': 'ref.duplicate_id',
  'structure.dead_end': 'ref.target',
  'structure.unknown_measure': 'ref.measure',
  'structure.unknown_question': 'ref.question',
  'structure.branch_type': 'ref.branch_type',
  'structure.unknown_answer': 'ref.choice',
  'structure.cycle': 'ref.cycle',
  'structure.duplicate_choice': 'ref.duplicate_choice',
  'structure.scenario_regulation': 'ref.scenario_regulation',
  'structure.scenario_unknown_question': 'ref.scenario_unknown_question',
  'structure.scenario_question_scope': 'ref.scenario_question_scope',
  'structure.scenario_invalid_answer': 'ref.scenario_invalid_answer',
  'structure.scenario_unknown_measure': 'ref.scenario_unknown_measure',
  'structure.scenario_unknown_job': 'ref.scenario_unknown_job',
  'structure.scenario_unknown_task': 'ref.scenario_unknown_task',
  'structure.particularly_exposed_job': 'ref.particularly_exposed_job',
  'structure.particularly_exposed_task': 'ref.particularly_exposed_task',
  'structure.particularly_exposed_factor': 'ref.particularly_exposed_factor',
} as const satisfies Partial<Record<RuleCode, IssueCode>>;

const isLoadRule = (code: RuleCode): code is keyof typeof LOAD_CODES => Object.hasOwn(LOAD_CODES, code);

/** The checker's integrity rules as the loader's issues: same computation, same message, `ref.*` code. */
function ruleIssues(r: Referential): LoadIssue[] {
  const ctx = collectingContext(r);
  integrityRules(ctx);
  return ctx.findings.map((f) => {
    // integrityRules emits only codes of LOAD_CODES; anything else is a programming error.
    if (!isLoadRule(f.code)) throw new Error(`Integrity rule without a loader code: ${f.code}`);
    return { code: LOAD_CODES[f.code], path: f.path ?? '$', message: ruleMessage(f.code, f.params), params: f.params };
  });
}

/** Everything that would make the evaluator fail on any input, located by JSON path. */
export function integrityIssues(r: Referential): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const regulation = regulationById(r.regulation);
  if (!regulation) {
    issues.push(issue('ref.regulation', ['regulation'], `Version réglementaire inconnue « ${r.regulation} » : attendu l’une de ${VERSION_LIST}`, { regulation: r.regulation }));
  }
  issues.push(...ruleIssues(r));

  if (regulation) {
    r.situations.forEach((s, i) =>
      s.exposures.forEach((e, k) => {
        const at: PathSegment[] = ['situations', i, 'exposures', k];
        const found = findCriterion(regulation, e.factor, e.criterion);
        if (!found) {
          issues.push(issue('ref.criterion', [...at, 'criterion'], `Seuil « ${e.criterion} » inconnu pour le facteur ${e.factor}`));
          return;
        }
        e.intensity.forEach((m, x) => {
          const expected = QUANTITY_UNITS[m.quantity as Quantity];
          if (m.unit !== expected) issues.push(issue('unit.intensity', [...at, 'intensity', x, 'unit'], `Unité « ${m.unit} » inadaptée à la grandeur ${m.quantity} : attendu « ${expected} »`));
        });
        if (found.group.minimum === null) return;
        const intensity = assessIntensity(found.criterion, e);
        if (intensity.kind === 'missing') {
          issues.push(issue('ref.intensity_missing', [...at, 'intensity'], `Intensité indéterminée pour le seuil « ${e.criterion} » (${e.factor}) : ${missingQuantitiesText(intensity.quantities)}`));
        }
        if (!e.duration) {
          issues.push(issue('ref.duration', [...at, 'duration'], 'Durée attendue pour ce facteur (sur la base d’un temps plein)'));
        } else if (!durationConvertible(e.duration.unit, found.group.minimum.unit)) {
          issues.push(issue('unit.duration', [...at, 'duration', 'unit'], `Unité de durée « ${e.duration.unit} » inadaptée : le seuil s’exprime en ${found.group.minimum.unit}`));
        }
      }),
    );
  }

  return issues;
}
