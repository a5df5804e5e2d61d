import * as z from 'zod';
import { regulationById, findCriterion } from '../regulation/index.ts';
import { QUANTITY_UNITS, type Quantity } from '../regulation/types.ts';
import { fail, ok, type Result } from '../util/result.ts';
import { formatPath, type PathSegment } from '../util/path.ts';
import { contentHash, legacyContentHash } from './canonical.ts';
import { issueOf, LOAD_RULES, type LoadIssue, type WordedIssue } from './issue.ts';
import { parseJsonText } from './json.ts';
import { migrateReferential } from './migrations.ts';
import { ReferentialSchema, type Referential } from './schema.ts';
import { durationConvertible } from './units.ts';
import { assessIntensity } from '../evaluate/intensity.ts';
import type { RuleCode } from '../check/codes.ts';
import { collectingContext } from '../check/context.ts';
import { integrityRules } from '../check/rules/structure.ts';

const frenchErrors = z.locales.fr().localeError;

// The one JSON text reader, with the resource limits; kept importable from here.
export { parseJsonText };

/** Zod issues → located issues, worded by Zod's French locale. */
export function zodIssues(error: z.ZodError, base: readonly PathSegment[] = []): WordedIssue[] {
  return error.issues.map((i) => ({ code: `schema.${i.code}`, path: formatPath([...base, ...(i.path as PathSegment[])]), message: i.message }));
}

/** Parse with French messages; shared by every document schema of the format. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, base: readonly PathSegment[] = []): Result<z.infer<S>, WordedIssue> {
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
        issueOf('hash.mismatch', ['contentHash'], { declared: referential.contentHash, computed }),
      );
    }
  }
  return issues.length > 0 ? fail(issues) : ok(referential);
}

export function loadReferentialText(text: string): Result<Referential, LoadIssue> {
  const json = parseJsonText(text);
  return json.ok ? loadReferential(json.value) : json;
}

const isLoadRule = (code: RuleCode): code is keyof typeof LOAD_RULES => Object.hasOwn(LOAD_RULES, code);

/** The checker's integrity rules as the loader's issues (`LOAD_RULES`): same computation and parameters, `ref.*` code. */
function ruleIssues(r: Referential): LoadIssue[] {
  const ctx = collectingContext(r);
  integrityRules(ctx);
  return ctx.findings.map((f) => {
    // integrityRules emits only codes of LOAD_RULES; anything else is a programming error.
    if (!isLoadRule(f.code)) throw new Error(`Integrity rule without a loader code: ${f.code}`);
    return { code: LOAD_RULES[f.code], path: f.path ?? '$', params: f.params };
  });
}

/** Everything that would make the evaluator fail on any input, located by JSON path. */
export function integrityIssues(r: Referential): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const regulation = regulationById(r.regulation);
  if (!regulation) {
    issues.push(issueOf('ref.regulation', ['regulation'], { regulation: r.regulation }));
  }
  issues.push(...ruleIssues(r));

  if (regulation) {
    r.situations.forEach((s, i) =>
      s.exposures.forEach((e, k) => {
        const at: PathSegment[] = ['situations', i, 'exposures', k];
        const found = findCriterion(regulation, e.factor, e.criterion);
        if (!found) {
          issues.push(issueOf('ref.criterion', [...at, 'criterion'], { criterion: e.criterion, factor: e.factor }));
          return;
        }
        e.intensity.forEach((m, x) => {
          const expected = QUANTITY_UNITS[m.quantity as Quantity];
          if (m.unit !== expected) issues.push(issueOf('unit.intensity', [...at, 'intensity', x, 'unit'], { unit: m.unit, quantity: m.quantity, expected }));
        });
        if (found.group.minimum === null) return;
        const intensity = assessIntensity(found.criterion, e);
        if (intensity.kind === 'missing') {
          issues.push(issueOf('ref.intensity_missing', [...at, 'intensity'], { criterion: e.criterion, factor: e.factor, quantities: intensity.quantities }));
        }
        if (!e.duration) {
          issues.push(issueOf('ref.duration', [...at, 'duration'], {}));
        } else if (!durationConvertible(e.duration.unit, found.group.minimum.unit)) {
          issues.push(issueOf('unit.duration', [...at, 'duration', 'unit'], { unit: e.duration.unit, expected: found.group.minimum.unit }));
        }
      }),
    );
  }

  return issues;
}
