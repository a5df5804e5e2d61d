import { parseArgs } from 'node:util';
import {
  diff,
  diffMarkdown,
  EvaluationError,
  impact,
  REGULATION_VERSIONS,
  UNIT_LABELS,
  type Change,
  type ChangeRef,
  type DiffResult,
  type FactorCode,
  type FactorImpact,
  type ImpactResult,
  type Referential,
} from '../../core/index.ts';
import { columnForField } from '../../io/staff-csv.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile } from '../command.ts';
import { num, plural, VERDICT_LABELS } from '../format.ts';
import { DIFF_HELP } from '../help.ts';
import { loadCompanyFor, loadStaffFor, yearOption, type LoadedReferential } from '../inputs.ts';
import { UsageError, type CliIo } from '../io.ts';

const FORMATS = ['md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  staff: { type: 'string' },
  answers: { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string' },
} as const;

/** The exit codes of `diff`, those of diff(1) — unlike the other commands, bad input is 2 here. */
export const DIFF_SAME = 0;
export const DIFF_DIFFERENT = 1;
export const DIFF_TROUBLE = 2;

/**
 * The semantic comparison of two versions of a referential: the French report grouped by job (or the
 * change list as JSON) and, with a company's staff, every employee whose verdict or points change, with
 * the changes that cause it. Exit 0 when the versions are identical, 1 when they differ, 2 on bad input
 * (a file unreadable or invalid, an employee that cannot be evaluated) or misuse.
 */
export const diffCommand = defineCommand('diff', DIFF_HELP, (args, io) => {
  // 1. The command line, entirely checked before any file is read.
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length < 2) throw new UsageError(positionals.length === 0 ? 'fichiers des deux versions manquants : logigramme diff <avant.json> <après.json>' : 'fichier de la version « après » manquant : logigramme diff <avant.json> <après.json>');
  if (positionals.length > 2) throw new UsageError(`deux fichiers de référentiel attendus (avant, après), reçu ${positionals.length} : ${positionals.join(' ')}`);
  const [fromPath, toPath] = positionals as [string, string];
  const format = (values.format ?? 'md') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`format « ${values.format} » inconnu : attendu ${FORMATS.join(', ')}`);
  if (values.staff !== undefined && values.answers === undefined) throw new UsageError('--staff demande aussi --answers <entreprise.json> (réponses de l’entreprise et mesures de prévention en place)');
  if (values.answers !== undefined && values.staff === undefined) throw new UsageError('--answers demande aussi --staff <salariés.csv> (une ligne par salarié)');
  const { year, fromClock } = yearOption(values.year, io);

  // 2. The files, every problem of each reported before giving up.
  const versions: LoadedReferential[] = [
    { path: fromPath, referential: loadReferentialFile(io, fromPath) },
    { path: toPath, referential: loadReferentialFile(io, toPath) },
  ];
  const staffInput = values.staff !== undefined && values.answers !== undefined ? { staffPath: values.staff, companyPath: values.answers } : undefined;
  const company = staffInput ? loadCompanyFor(io, staffInput.companyPath, versions) : undefined;
  const staff = staffInput && versions.every((v) => v.referential) ? loadStaffFor(io, staffInput.staffPath, versions) : undefined;
  const [a, b] = [versions[0]!.referential, versions[1]!.referential];
  if (!a || !b || (staffInput && (!company || !staff))) return DIFF_TROUBLE;
  if (a.id !== b.id) io.stderr(`Attention : ${fromPath} (« ${a.id} ») et ${toPath} (« ${b.id} ») ne portent pas le même identifiant de référentiel : les éléments sont comparés par leurs identifiants`);

  // 3. The diff, and the impact on the staff.
  const result = diff(a, b);
  let effect: ImpactResult | undefined;
  let trouble = false;
  if (staffInput && company && staff) {
    const employees = staff[0]!.employees;
    try {
      effect = impact(a, b, result, company, employees, year);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      io.stderr(`${staffInput.companyPath} ${error.field} : ${error.detail}`);
      return DIFF_TROUBLE;
    }
    if (effect.errors.length > 0) {
      const rowOf = new Map(employees.map((e, i) => [e.id, staff[0]!.rows[i]]));
      const lines = effect.errors.map((e) => {
        const column = columnForField(e.error.field);
        const version = e.side === 'before' ? `version avant, ${fromPath}` : `version après, ${toPath}`;
        return `${staffInput.staffPath} ligne ${rowOf.get(e.employee) ?? '?'}, salarié ${e.employee}${column ? `, colonne ${column}` : ''} : ${e.error.detail} [${e.error.code}] (${version})`;
      });
      io.stderr(`${lines.join('\n')}\n${plural(effect.errors.length, 'salarié non évalué', 'salariés non évalués')} sur ${employees.length} : effet sur le personnel incomplet`);
      trouble = true;
    }
  }

  // 4. The report.
  if (format === 'json') {
    const document: Record<string, unknown> = { diff: result };
    if (effect) document.impact = { ...effect, errors: effect.errors.map((e) => ({ employee: e.employee, side: e.side, code: e.error.code, field: e.error.field, message: e.error.detail })) };
    io.stdout(JSON.stringify(document, null, 2));
  } else {
    const parts = [diffMarkdown(result, a, b).trimEnd()];
    if (effect && staffInput) parts.push(impactMarkdown(effect, result, a, b, staffInput, fromClock));
    io.stdout(parts.join('\n\n'));
  }
  if (trouble) return DIFF_TROUBLE;
  return result.identical ? DIFF_SAME : DIFF_DIFFERENT;
});

const FACTOR_LABELS = new Map(REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.factors.map((f) => [f.code, f.label]));
const KIND_LABELS: Record<string, string> = { question: 'Critère', measure: 'Mesure', job: 'Poste', task: 'Tâche', node: 'Nœud de décision', situation: 'Situation', scenario: 'Scénario' };

/** The unit of a factor's threshold (the group whose minimum it is; the only numeric group otherwise, e.g. the 2023 transition). */
function thresholdUnit(factor: FactorCode, threshold: number): string {
  for (const version of [...REGULATION_VERSIONS].reverse()) {
    const group = version.factors.find((f) => f.code === factor)?.groups.find((g) => g.minimum?.value === threshold);
    if (group?.minimum) return UNIT_LABELS[group.minimum.unit];
  }
  const numeric = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.factors.find((f) => f.code === factor)?.groups.filter((g) => g.minimum) ?? [];
  return numeric.length === 1 && numeric[0]!.minimum ? UNIT_LABELS[numeric[0]!.minimum.unit] : '';
}

/** « exposé (615,6 h/an pour un seuil de 600 h/an) ». */
function side(factor: FactorCode, s: FactorImpact['before']): string {
  if (s.exposure === null || s.threshold === null) return VERDICT_LABELS[s.verdict];
  const unit = thresholdUnit(factor, s.threshold);
  const u = unit ? ` ${unit}` : '';
  return `${VERDICT_LABELS[s.verdict]} (${num(s.exposure, 2)}${u} pour un seuil de ${num(s.threshold, 2)}${u})`;
}

/** A cause, as people name it: the changed element's kind, label and id, or the general change. */
function causeText(ref: ChangeRef, result: DiffResult): string {
  const c: Change | undefined = result.changes[ref.index];
  if (!c) return ref.id ?? ref.kind;
  switch (c.kind) {
    case 'regulation':
      return `version réglementaire ${c.before} → ${c.after}`;
    case 'working_year':
      return `année de référence, ${c.field === 'annualHours' ? 'heures' : 'jours'} ${num(c.before, 2)} → ${num(c.after, 2)}`;
    case 'factors':
      return 'facteurs retenus';
    case 'identity':
      return `identité (${c.field})`;
    case 'referential_id':
      return `identifiant du référentiel (${c.before} → ${c.after})`;
    case 'order':
      return `ordre (${c.collection})`;
    default: {
      const element = (c.after ?? c.before) as { label?: string } | undefined;
      return `${KIND_LABELS[c.kind]}${element?.label ? ` « ${element.label} »` : ''} (\`${c.id}\`)`;
    }
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The impact section: one table row per employee and factor that changes (or per employee whose points alone change). */
function impactMarkdown(effect: ImpactResult, result: DiffResult, a: Referential, b: Referential, files: { staffPath: string; companyPath: string }, fromClock: boolean): string {
  const out = [`## Effet sur le personnel — année ${effect.year}${fromClock ? ' (année civile en cours ; --year pour une autre)' : ''}`, ''];
  out.push(
    `Personnel de ${files.staffPath} (réponses de l’entreprise : ${files.companyPath}), évalué avec la version ${a.identity.version} puis la version ${b.identity.version} : ${plural(effect.employees, 'salarié', 'salariés')}, dont ${num(effect.changed.length, 0)} ${effect.changed.length > 1 ? 'changent' : 'change'} de verdict ou de points${effect.errors.length > 0 ? `, ${plural(effect.errors.length, 'non évalué', 'non évalués')}` : ''}.`,
  );
  if (effect.changed.length === 0) {
    out.push('', 'Aucun salarié ne change de verdict ni de points.');
    return out.join('\n');
  }
  out.push('', '| Salarié | Facteur | Avant | Après | Points | Causes |', '|---|---|---|---|---|---|');
  const causes = (refs: readonly ChangeRef[]) => (refs.length > 0 ? refs.map((r) => causeText(r, result)).join(' ; ') : '—');
  for (const e of effect.changed) {
    const points = e.points ? `${e.points.before} → ${e.points.after}` : 'inchangés';
    if (e.factors.length === 0) {
      out.push(`| ${cell(e.employee)} | — | — | — | ${points} | ${cell(causes(e.points?.causes ?? []))} |`);
      continue;
    }
    e.factors.forEach((f, i) => {
      const factor = FACTOR_LABELS.get(f.factor) ?? f.factor;
      out.push(`| ${cell(e.employee)} | ${cell(factor)} | ${cell(side(f.factor, f.before))} | ${cell(side(f.factor, f.after))} | ${i === 0 ? points : '〃'} | ${cell(causes(f.causes))} |`);
    });
  }
  return out.join('\n');
}
