import { regulationById } from '../regulation/index.ts';
import type { RegulationVersion } from '../regulation/types.ts';
import type { Referential } from '../referential/schema.ts';
import { situationVector, slotTable, type SituationVector, type SlotTable, type Unplaced } from '../evaluate/compile.ts';
import { formatPath, type PathSegment } from '../util/path.ts';
import type { RawFinding } from './types.ts';

/** What every rule reads: the referential, its targeted version and situations at 100 % time. */
export interface CheckContext {
  r: Referential;
  version: RegulationVersion | undefined;
  table: SlotTable | undefined;
  /** Situation id → its 100 %-time vector under the checked version. */
  vectors: Map<string, SituationVector>;
  /** Exposures that could not be placed (unknown criterion, unit that does not convert, undecidable intensity). */
  unplaced: Array<{ situation: number; exposure: number } & Unplaced>;
  findings: RawFinding[];
  emit(code: string, location: { element?: string; path?: readonly PathSegment[] }, params?: Record<string, string | number>): void;
}

export function checkContext(r: Referential, versionId: string): CheckContext {
  const version = regulationById(versionId);
  const table = version ? slotTable(version) : undefined;
  const findings: RawFinding[] = [];
  const unplaced: CheckContext['unplaced'] = [];
  const vectors = new Map<string, SituationVector>();
  if (table) {
    r.situations.forEach((s, i) => {
      vectors.set(s.id, situationVector(table, s, r.workingYear, (_e, k, why) => unplaced.push({ situation: i, exposure: k, ...why })));
    });
  }
  return {
    r,
    version,
    table,
    vectors,
    unplaced,
    findings,
    emit(code, location, params = {}) {
      const finding: RawFinding = { code, params };
      if (location.element !== undefined) finding.element = location.element;
      if (location.path !== undefined) finding.path = formatPath(location.path);
      findings.push(finding);
    },
  };
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

/** Successors of a decision node (or none for a situation or an unknown id). */
export function successors(r: Referential, index: Map<string, number>, id: string): string[] {
  const i = index.get(id);
  const node = i === undefined ? undefined : r.nodes[i];
  if (!node) return [];
  return node.kind === 'measure' ? [node.applied, node.notApplied] : node.branches.map((b) => b.next);
}
