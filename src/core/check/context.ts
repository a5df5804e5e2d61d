import { regulationById } from '../regulation/index.ts';
import type { RegulationVersion } from '../regulation/types.ts';
import type { Referential } from '../referential/schema.ts';
import { situationVector, slotTable, type SituationVector, type SlotTable, type Unplaced } from '../evaluate/plan.ts';
import { formatPath, type PathSegment } from '../util/path.ts';
import type { FindingParams, RuleCode } from './codes.ts';
import type { RawFinding } from './types.ts';

/** Where a rule reports: by element id (a graph's node, a referential's element) and by JSON path. */
export interface RuleLocation {
  element?: string;
  path?: readonly PathSegment[];
}

/**
 * What a structure rule reads and where it reports: the referential alone. The loader runs the
 * integrity rules with this much (no regulation computations), the checker with its full context.
 */
export interface RuleContext {
  r: Referential;
  emit(code: RuleCode, location: RuleLocation, params?: FindingParams): void;
}

/** A rule context collecting its findings (the loader's, and the checker's below). */
export function collectingContext(r: Referential): RuleContext & { findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  return {
    r,
    findings,
    emit(code, location, params = {}) {
      const finding: RawFinding = { code, params };
      if (location.element !== undefined) finding.element = location.element;
      if (location.path !== undefined) finding.path = formatPath(location.path);
      findings.push(finding);
    },
  };
}

/** What every rule reads: the referential, its targeted version and situations at 100 % time. */
export interface CheckContext extends RuleContext {
  version: RegulationVersion | undefined;
  table: SlotTable | undefined;
  /** Situation id → its 100 %-time vector under the checked version. */
  vectors: Map<string, SituationVector>;
  /** Exposures that could not be placed (unknown criterion, unit that does not convert, undecidable intensity). */
  unplaced: Array<{ situation: number; exposure: number } & Unplaced>;
  findings: RawFinding[];
}

export function checkContext(r: Referential, versionId: string): CheckContext {
  const version = regulationById(versionId);
  const table = version ? slotTable(version) : undefined;
  const collecting = collectingContext(r);
  const unplaced: CheckContext['unplaced'] = [];
  const vectors = new Map<string, SituationVector>();
  if (table) {
    r.situations.forEach((s, i) => {
      vectors.set(s.id, situationVector(table, s, r.workingYear, (_e, k, why) => unplaced.push({ situation: i, exposure: k, ...why })));
    });
  }
  return { ...collecting, version, table, vectors, unplaced };
}

/** Every id-bearing element of a referential with its JSON path, for locating findings. */
export function elementPaths(r: Referential): Map<string, PathSegment[]> {
  const paths = new Map<string, PathSegment[]>();
  const set = (id: string, path: PathSegment[]) => {
    if (!paths.has(id)) paths.set(id, path);
  };
  r.questions.forEach((q, i) => set(q.id, ['questions', i]));
  r.measures.forEach((m, i) => set(m.id, ['measures', i]));
  r.jobs.forEach((j, i) => {
    set(j.id, ['jobs', i]);
    j.tasks.forEach((t, k) => set(t.id, ['jobs', i, 'tasks', k]));
  });
  r.nodes.forEach((n, i) => set(n.id, ['nodes', i]));
  r.situations.forEach((s, i) => set(s.id, ['situations', i]));
  r.scenarios.forEach((s, i) => set(s.id, ['scenarios', i]));
  return paths;
}

/** Successors of a decision node (or none for a situation or an unknown id): the one definition. */
export function successors(r: Referential, index: ReadonlyMap<string, number>, id: string): string[] {
  const i = index.get(id);
  const node = i === undefined ? undefined : r.nodes[i];
  if (!node) return [];
  return node.kind === 'measure' ? [node.applied, node.notApplied] : node.branches.map((b) => b.next);
}
