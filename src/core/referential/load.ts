import * as z from 'zod';
import { regulationById, findCriterion } from '../regulation/index.ts';
import { QUANTITY_UNITS, type Quantity } from '../regulation/types.ts';
import { fail, ok, type Result } from '../util/result.ts';
import type { PathSegment } from '../util/path.ts';
import { contentHash, legacyContentHash } from './canonical.ts';
import { issue, type LoadIssue } from './issue.ts';
import { parseJsonText } from './json.ts';
import { migrateReferential } from './migrations.ts';
import { referenceIssues } from './references.ts';
import { ReferentialSchema, type Referential } from './schema.ts';
import { durationConvertible } from './units.ts';
import { assessIntensity, missingQuantitiesText } from '../evaluate/intensity.ts';

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

/** Everything that would make the evaluator fail on any input, located by JSON path. */
export function integrityIssues(r: Referential): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const regulation = regulationById(r.regulation);
  if (!regulation) {
    issues.push(issue('ref.regulation', ['regulation'], `Version réglementaire inconnue « ${r.regulation} » : attendu l’une de 2015-01-01, 2016-01-01, 2016-07-01, 2017-10-01, 2023-09-01`));
  }

  const seen = new Map<string, string>();
  const declare = (id: string, path: PathSegment[]) => {
    const previous = seen.get(id);
    if (previous) issues.push(issue('ref.duplicate_id', path, `Identifiant « ${id} » déjà utilisé en ${previous} : chaque élément doit avoir un identifiant unique`));
    else seen.set(id, `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`);
  };
  r.questions.forEach((q, i) => declare(q.id, ['questions', i, 'id']));
  r.measures.forEach((m, i) => declare(m.id, ['measures', i, 'id']));
  r.jobs.forEach((j, i) => {
    declare(j.id, ['jobs', i, 'id']);
    j.tasks.forEach((t, k) => declare(t.id, ['jobs', i, 'tasks', k, 'id']));
  });
  r.nodes.forEach((n, i) => declare(n.id, ['nodes', i, 'id']));
  r.situations.forEach((s, i) => declare(s.id, ['situations', i, 'id']));
  r.scenarios.forEach((s, i) => declare(s.id, ['scenarios', i, 'id']));

  const questions = new Map(r.questions.map((q) => [q.id, q]));
  const measures = new Set(r.measures.map((m) => m.id));
  const nodes = new Map(r.nodes.map((n) => [n.id, n]));
  const situations = new Set(r.situations.map((s) => s.id));
  const target = (id: string, path: PathSegment[]) => {
    if (!nodes.has(id) && !situations.has(id)) {
      issues.push(issue('ref.target', path, `« ${id} » ne désigne ni un nœud de décision ni une situation d’exposition`));
    }
  };

  r.jobs.forEach((j, i) => j.tasks.forEach((t, k) => target(t.entry, ['jobs', i, 'tasks', k, 'entry'])));
  r.nodes.forEach((n, i) => {
    if (n.kind === 'measure') {
      if (!measures.has(n.measure)) issues.push(issue('ref.measure', ['nodes', i, 'measure'], `Mesure de prévention inconnue « ${n.measure} »`));
      target(n.applied, ['nodes', i, 'applied']);
      target(n.notApplied, ['nodes', i, 'notApplied']);
      return;
    }
    const q = questions.get(n.question);
    if (!q) {
      issues.push(issue('ref.question', ['nodes', i, 'question'], `Critère inconnu « ${n.question} »`));
    }
    n.branches.forEach((b, k) => {
      target(b.next, ['nodes', i, 'branches', k, 'next']);
      if (!q) return;
      const where: PathSegment[] = ['nodes', i, 'branches', k, 'when'];
      if ('is' in b.when && q.type !== 'boolean') issues.push(issue('ref.branch_type', where, `Condition oui/non sur le critère « ${q.id} » de type ${q.type}`));
      if ('oneOf' in b.when) {
        if (q.type !== 'choice') issues.push(issue('ref.branch_type', where, `Condition de choix sur le critère « ${q.id} » de type ${q.type}`));
        else for (const c of b.when.oneOf) if (!q.choices.some((x) => x.id === c)) issues.push(issue('ref.choice', where, `Réponse « ${c} » absente des choix du critère « ${q.id} »`));
      }
      if (('min' in b.when || 'max' in b.when) && q.type !== 'number') issues.push(issue('ref.branch_type', where, `Intervalle numérique sur le critère « ${q.id} » de type ${q.type}`));
    });
  });

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

  issues.push(...particularlyExposedIssues(r));
  issues.push(...cycleIssues(r));
  issues.push(...referenceIssues(r));
  return issues;
}

/** A decision graph with a cycle would never reach a situation; report the node where it closes. */
function cycleIssues(r: Referential): LoadIssue[] {
  const index = new Map(r.nodes.map((n, i) => [n.id, i]));
  const state = new Map<string, 'open' | 'done'>();
  const issues: LoadIssue[] = [];
  const successors = (id: string): string[] => {
    const i = index.get(id);
    const n = i === undefined ? undefined : r.nodes[i];
    if (!n) return [];
    return n.kind === 'measure' ? [n.applied, n.notApplied] : n.branches.map((b) => b.next);
  };
  const visit = (id: string) => {
    // Iterative depth-first search: generated referentials can be deep enough to overflow recursion.
    const stack: Array<{ id: string; next: string[] }> = [{ id, next: successors(id) }];
    state.set(id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const child = top.next.pop();
      if (child === undefined) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      if (!index.has(child)) continue;
      const s = state.get(child);
      if (s === 'open') {
        issues.push(issue('ref.cycle', ['nodes', index.get(top.id)!], `Le nœud « ${top.id} » renvoie vers « ${child} » et forme une boucle : un arbre de décision doit aboutir à une situation`));
      } else if (s === undefined) {
        state.set(child, 'open');
        stack.push({ id: child, next: successors(child) });
      }
    }
  };
  for (const n of r.nodes) if (!state.has(n.id)) visit(n.id);
  return issues;
}

/** The L4163-2-1 list names jobs and their activities (tasks) of this referential, each factor once per entry. */
function particularlyExposedIssues(r: Referential): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const jobs = new Map(r.jobs.map((j) => [j.id, j]));
  r.particularlyExposed?.entries.forEach((entry, i) => {
    const at: PathSegment[] = ['particularlyExposed', 'entries', i];
    const job = jobs.get(entry.job);
    if (!job) issues.push(issue('ref.particularly_exposed_job', [...at, 'job'], `Poste « ${entry.job} » inconnu dans ce référentiel : la liste des métiers particulièrement exposés (L4163-2-1) doit citer un poste du référentiel`));
    entry.tasks?.forEach((task, k) => {
      if (job && !job.tasks.some((t) => t.id === task)) issues.push(issue('ref.particularly_exposed_task', [...at, 'tasks', k], `La tâche « ${task} » n’est pas une activité du poste « ${job.label} »`));
    });
    entry.factors.forEach((factor, k) => {
      if (entry.factors.indexOf(factor) !== k) issues.push(issue('ref.particularly_exposed_factor', [...at, 'factors', k], `Facteur « ${factor} » cité deux fois pour le même poste`));
    });
  });
  return issues;
}
