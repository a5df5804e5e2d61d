import { REGULATION_VERSIONS } from '../regulation/index.ts';
import type { FactorCode } from '../regulation/types.ts';
import type { Exposure, Referential } from '../referential/schema.ts';
import { UNIT_LABELS } from '../referential/units.ts';
import type { Aspect, Change, DiffResult, ExposureChange, SituationFlip } from './types.ts';

const FACTOR_LABELS = Object.fromEntries(REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.factors.map((f) => [f.code, f.label])) as Record<FactorCode, string>;
const VERDICTS = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser', no_legal_threshold: 'hors déclaration (aucun seuil légal)' } as const;
const OPS = { added: 'ajouté', removed: 'supprimé', changed: 'modifié' } as const;
const OPS_FEMININE = { added: 'ajoutée', removed: 'supprimée', changed: 'modifiée' } as const;
const FEMININE = new Set(['task', 'situation', 'measure']);
/** French names of the aspects of a change: the report's and the review screen's one table. */
export const ASPECT_LABELS: Record<Aspect, string> = {
  renamed: 'renommé',
  description: 'description modifiée',
  weighting: 'pondération modifiée',
  moved: 'déplacé',
  repointed: 'branche redirigée',
  question: 'critère testé changé',
  measure: 'mesure testée changée',
  condition: 'conditions des branches modifiées',
  branches: 'branches modifiées',
  kind: 'nature changée',
  answers: 'réponses possibles modifiées',
  scope: 'portée changée',
  type: 'type changé',
  unit: 'unité changée',
  bounds: 'bornes changées',
  exposures: 'expositions modifiées',
  other: 'autres modifications',
};

/** Elements reachable from each job's tasks (decision nodes and situations): where a tree change is reported. */
export function reachByJob(r: Referential): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const n of r.nodes) next.set(n.id, n.kind === 'measure' ? [n.applied, n.notApplied] : n.branches.map((b) => b.next));
  const out = new Map<string, Set<string>>();
  for (const job of r.jobs) {
    const seen = new Set<string>();
    const stack = job.tasks.map((t) => t.entry);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    out.set(job.id, seen);
  }
  return out;
}

const label = (x: { label?: string; id: string } | undefined) => (x?.label ? `${x.label} (\`${x.id}\`)` : `\`${x?.id ?? '?'}\``);

function describeExposure(e: Exposure): string {
  const intensity = e.intensity.map((m) => `${m.value} ${m.unit}`).join(', ');
  const duration = e.duration ? `${e.duration.value} ${UNIT_LABELS[e.duration.unit]}` : 'grille';
  return `${intensity ? `${intensity}, ` : ''}${duration}, conclusion « ${VERDICTS[e.conclusion]} »`;
}

function exposureLine(c: ExposureChange): string {
  const what = `${FACTOR_LABELS[c.factor]} / ${c.criterion}`;
  if (c.op === 'added') return `    - ${what} ajoutée : ${describeExposure(c.after!)}`;
  if (c.op === 'removed') return `    - ${what} supprimée (était : ${describeExposure(c.before!)})`;
  return `    - ${what} : ${describeExposure(c.before!)} → ${describeExposure(c.after!)}`;
}

function flipLine(f: SituationFlip, from: string, to: string): string {
  const unit = (v: SituationFlip['before']) => (v.unit ? UNIT_LABELS[v.unit as keyof typeof UNIT_LABELS] : '');
  const side = (v: SituationFlip['before'], version: string) =>
    v.verdict === 'no_legal_threshold'
      ? `${VERDICTS[v.verdict]} (${v.value} ${unit(v)}${v.threshold !== null ? `, ancien seuil ${v.threshold} ${unit(v)} à titre indicatif` : ''}, version ${version})`
      : `${VERDICTS[v.verdict]}${v.threshold !== null ? ` (${v.value} pour un seuil de ${v.threshold} ${unit(v)}, version ${version})` : ` (version ${version})`}`;
  return `    - **Verdict à temps plein pour ${FACTOR_LABELS[f.factor]} : ${side(f.before, from)} → ${side(f.after, to)}**`;
}

function elementLines(c: Change, result: DiffResult): string[] {
  if (c.kind === 'referential_id' || c.kind === 'identity' || c.kind === 'regulation' || c.kind === 'working_year' || c.kind === 'factors' || c.kind === 'order') return [];
  const element = c.after ?? c.before;
  const kinds = { question: 'Critère', measure: 'Mesure', job: 'Poste', task: 'Tâche', node: 'Nœud de décision', situation: 'Situation', scenario: 'Scénario' } as const;
  const aspects = c.aspects.length > 0 ? ` : ${c.aspects.map((a) => ASPECT_LABELS[a]).join(', ')}` : '';
  const op = (FEMININE.has(c.kind) ? OPS_FEMININE : OPS)[c.op];
  let head = `- ${kinds[c.kind]} ${label(element as { id: string; label?: string })} ${op}${aspects}`;
  if (c.kind === 'task' && c.op === 'changed' && c.before && c.after) {
    if (c.aspects.includes('renamed')) head += ` (« ${c.before.label} » → « ${c.after.label} »)`;
    if (c.aspects.includes('weighting')) head += ` (${c.before.defaultShare} % → ${c.after.defaultShare} %)`;
    if (c.aspects.includes('moved')) head += ` (du poste \`${c.before.job}\` au poste \`${c.after.job}\`)`;
    if (c.aspects.includes('repointed')) head += ` (entrée \`${c.before.entry}\` → \`${c.after.entry}\`)`;
  } else if ((c.kind === 'job' || c.kind === 'situation' || c.kind === 'question' || c.kind === 'measure') && c.op === 'changed' && c.aspects.includes('renamed')) {
    head += ` (« ${(c.before as { label: string }).label} » → « ${(c.after as { label: string }).label} »)`;
  }
  const lines = [head];
  if (c.kind === 'situation') {
    for (const e of c.exposures) lines.push(exposureLine(e));
    for (const f of c.flips) lines.push(flipLine(f, result.from.regulation, result.to.regulation));
  }
  return lines;
}

/**
 * The readable French report of a diff, grouped by job: what changed in each job's tasks and in the
 * decision trees its tasks reach (a subtree shared by several jobs appears under each of them).
 */
export function diffMarkdown(result: DiffResult, a: Referential, b: Referential): string {
  const out: string[] = [];
  out.push(`# Comparaison du référentiel ${a.identity.title}`);
  out.push('');
  out.push(`- Avant : version ${result.from.version}, version réglementaire ${result.from.regulation}, empreinte \`${result.from.contentHash}\``);
  out.push(`- Après : version ${result.to.version}, version réglementaire ${result.to.regulation}, empreinte \`${result.to.contentHash}\``);
  out.push('');
  if (result.identical) {
    out.push('Les deux versions sont identiques.');
    return `${out.join('\n')}\n`;
  }
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of result.changes) if ('op' in c) counts[c.op]++;
  out.push(`${result.changes.length} changement(s) : ${counts.added} ajout(s), ${counts.removed} suppression(s), ${counts.changed} modification(s).`);

  const general: string[] = [];
  for (const c of result.changes) {
    if (c.kind === 'referential_id') general.push(`- **Identifiant du référentiel : ${c.before} → ${c.after}**`);
    if (c.kind === 'identity') general.push(`- Identité, ${String(c.field)} : ${JSON.stringify(c.before) ?? '—'} → ${JSON.stringify(c.after) ?? '—'}`);
    if (c.kind === 'regulation') general.push(`- **Version réglementaire : ${c.before} → ${c.after}**`);
    if (c.kind === 'working_year') general.push(`- Année de travail de référence, ${c.field === 'annualHours' ? 'heures' : 'jours'} : ${c.before} → ${c.after}`);
    if (c.kind === 'factors') {
      for (const f of c.retainedAdded) general.push(`- Facteur retenu : ${FACTOR_LABELS[f]}`);
      for (const f of c.retainedRemoved) general.push(`- Facteur écarté : ${FACTOR_LABELS[f]}`);
      for (const f of c.justificationsChanged) general.push(`- Justification modifiée : ${FACTOR_LABELS[f]}`);
    }
    if (c.kind === 'question' || c.kind === 'measure' || c.kind === 'scenario') general.push(...elementLines(c, result));
  }
  if (general.length > 0) out.push('', '## Généralités, critères, mesures et scénarios', '', ...general);

  const reachA = reachByJob(a);
  const reachB = reachByJob(b);
  const reported = new Set<string>();
  const jobs = [...b.jobs.map((j) => j.id), ...a.jobs.filter((j) => !b.jobs.some((x) => x.id === j.id)).map((j) => j.id)];
  for (const jobId of jobs) {
    const job = b.jobs.find((j) => j.id === jobId) ?? a.jobs.find((j) => j.id === jobId);
    const reach = new Set([...(reachA.get(jobId) ?? []), ...(reachB.get(jobId) ?? [])]);
    const taskIds = new Set([...(a.jobs.find((j) => j.id === jobId)?.tasks ?? []), ...(b.jobs.find((j) => j.id === jobId)?.tasks ?? [])].map((t) => t.id));
    const lines: string[] = [];
    for (const c of result.changes) {
      if (c.kind === 'job' && c.id === jobId) lines.push(...elementLines(c, result));
      else if (c.kind === 'task' && taskIds.has(c.id)) lines.push(...elementLines(c, result));
      else if ((c.kind === 'node' || c.kind === 'situation') && reach.has(c.id)) {
        lines.push(...elementLines(c, result));
        reported.add(c.id);
      }
    }
    if (lines.length > 0) out.push('', `## Poste ${label(job)}`, '', ...lines);
  }
  const orphans = result.changes.filter((c) => (c.kind === 'node' || c.kind === 'situation') && !reported.has(c.id));
  if (orphans.length > 0) out.push('', '## Éléments atteints par aucun poste', '', ...orphans.flatMap((c) => elementLines(c, result)));
  return `${out.join('\n')}\n`;
}
