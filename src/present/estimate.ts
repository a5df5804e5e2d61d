/*
 * The headcount estimate of the homologation dossier (core estimateHeadcount) as files: CSV of one or
 * two versions side by side — French headers, labels and percentages for people, or stable codes and
 * decimal points for programs — and the French Markdown table of `logigramme estimate --format md`.
 */
import { FACTOR_CODES, REGULATION_VERSIONS, regulationInForce, type EstimateRow, type FactorCode, type HeadcountEstimate } from '../core/index.ts';
import { writeCsv, type CsvCell } from './csv.ts';
import { formatNumber, formatPercent, plural } from './fr.ts';
import { mdCode, mdRow, mdTableHead, mdText } from './markdown.ts';

/** Jobs of every estimate (in order of appearance), then the whole (`*`), each with a row per version. */
function jobsOf(estimates: readonly HeadcountEstimate[]): Array<{ job: string; label: string; rows: Array<EstimateRow | undefined> }> {
  const jobs = new Map<string, string>();
  for (const e of estimates) for (const r of e.rows) if (!jobs.has(r.job)) jobs.set(r.job, r.jobLabel);
  const out = [...jobs].map(([job, label]) => ({ job, label, rows: estimates.map((e) => e.rows.find((r) => r.job === job)) }));
  out.push({ job: '*', label: estimates[0]?.total.jobLabel ?? 'Ensemble', rows: estimates.map((e) => e.total) });
  return out;
}

/** Factor labels of the version in force at the end of the year, « (hors compte de prévention) » when it earns no points. */
function factorLabeller(year: number): (code: FactorCode) => string {
  const version = regulationInForce(`${year}-12-31`) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
  return (code) => {
    const f = version.factors.find((x) => x.code === code);
    return f ? `${f.label}${f.earnsPoints ? '' : ' (hors compte de prévention)'}` : code;
  };
}

export interface EstimateCsvOptions {
  /** `fr` (default): French headers, labels, `;`, decimal commas, percentages; `codes`: ids, factor codes, `,`, shares 0–1. */
  variant?: 'fr' | 'codes';
}

/**
 * CSV of one or two estimates side by side (two versions of a referential), one row per job × factor
 * with someone exposed in either version; the French variant adds « Au moins un facteur » per job and
 * names the whole « Ensemble (toute la branche) ».
 */
export function estimateCsv(estimates: readonly HeadcountEstimate[], options: EstimateCsvOptions = {}): string {
  const codes = options.variant === 'codes';
  const year = estimates[0]?.year ?? 0;
  const label = factorLabeller(year);
  const header = codes
    ? ['job', 'job_label', 'factor', ...estimates.flatMap((e) => [`workers_v${e.version}`, `exposed_v${e.version}`, `share_v${e.version}`])]
    : ['Poste de référence', 'Facteur', ...estimates.flatMap((e) => [`Effectif v${e.version}`, `Exposés v${e.version}`, `Part v${e.version}`])];
  const rows: CsvCell[][] = [];
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  for (const { job, label: jobLabel, rows: versions } of jobsOf(estimates)) {
    const lines: Array<FactorCode | 'any'> = FACTOR_CODES.filter((f) => versions.some((r) => r?.exposed[f] !== undefined));
    if (!codes && lines.length > 0) lines.push('any');
    for (const line of lines) {
      const figures = versions.flatMap((r): CsvCell[] => {
        const workers = r?.workers ?? 0;
        const exposed = line === 'any' ? (r?.exposedAny ?? 0) : (r?.exposed[line] ?? 0);
        const share = line === 'any' ? (workers === 0 ? 0 : exposed / workers) : (r?.share[line] ?? 0);
        return codes ? [round(workers, 2), round(exposed, 2), round(share, 4)] : [round(workers, 2), round(exposed, 2), formatPercent(share, { grouping: false })];
      });
      if (codes) rows.push([job, jobLabel, line, ...figures]);
      else rows.push([job === '*' ? `${jobLabel} (toute la branche)` : jobLabel, line === 'any' ? 'Au moins un facteur' : label(line), ...figures]);
    }
  }
  return codes ? writeCsv(header, rows, { delimiter: ',', newline: '\n' }) : writeCsv(header, rows, { delimiter: ';', bom: true });
}

export interface EstimateSampleNote {
  staffPath: string;
  companyPath: string;
  weight: number;
}

/** The Markdown table of the estimate (job × factor with someone exposed, and « au moins un facteur » per job). */
export function estimateMarkdown(estimates: readonly HeadcountEstimate[], title: string, samples: readonly EstimateSampleNote[], yearNote = ''): string {
  const first = estimates[0]!;
  const label = factorLabeller(first.year);
  const out = [`# Estimation des effectifs exposés — ${mdText(title)}`, ''];
  out.push(`- Année ${first.year}${yearNote}`);
  for (const e of estimates) out.push(`- Référentiel ${mdCode(e.referential)}, version ${mdText(e.version)}`);
  out.push('- Échantillons (chaque salarié compte pour « poids » salariés de la branche, sous son poste principal) :');
  for (const [i, s] of samples.entries()) {
    const counted = first.samples[i]!;
    out.push(`  - ${mdText(s.staffPath)} (réponses : ${mdText(s.companyPath)}) : ${plural(counted.employees, 'salarié', 'salariés')}, ${plural(counted.evaluated, 'évalué', 'évalués')}, poids ${formatNumber(s.weight, 4)}`);
  }
  out.push('');
  const versionCols = estimates.flatMap((e) => [`Effectif v${e.version}`, `Exposés v${e.version}`, `Part v${e.version}`]);
  out.push(...mdTableHead(['Poste', 'Facteur', ...versionCols], versionCols.map((_, i) => i + 2)));
  for (const { job, label: jobLabel, rows } of jobsOf(estimates)) {
    const name = job === '*' ? `**${mdText(jobLabel)}**` : mdText(jobLabel);
    const figures = (pick: (r: EstimateRow) => { exposed: number; share: number }) => rows.flatMap((r) => (r ? [formatNumber(r.workers), formatNumber(pick(r).exposed), formatPercent(pick(r).share)] : ['—', '—', '—']));
    for (const factor of FACTOR_CODES) {
      if (rows.every((r) => r?.exposed[factor] === undefined)) continue;
      out.push(mdRow([name, mdText(label(factor)), ...figures((r) => ({ exposed: r.exposed[factor] ?? 0, share: r.share[factor] ?? 0 }))]));
    }
    out.push(mdRow([name, 'Au moins un facteur', ...figures((r) => ({ exposed: r.exposedAny, share: r.workers === 0 ? 0 : r.exposedAny / r.workers }))]));
  }
  return out.join('\n');
}
