import { parseArgs } from 'node:util';
import { estimateHeadcount, type CompanyInput, type Referential, type StaffSample } from '../../core/index.ts';
import { estimateCsv, estimateMarkdown } from '../../present/estimate.ts';
import { plural } from '../../present/fr.ts';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';
import { columnForField, parseDecimal, type StaffCsvResult } from '../../io/staff-csv.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile, oneReferential } from '../command.ts';
import { ESTIMATE_HELP } from '../help.ts';
import { loadCompanyFor, parseStaffFor, readStaffSources, yearOption, type LoadedReferential } from '../inputs.ts';
import { EXIT_INPUT, EXIT_OK, UsageError } from '../io.ts';

const FORMATS = ['csv', 'md'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  against: { type: 'string' },
  sample: { type: 'string', multiple: true },
  year: { type: 'string' },
  format: { type: 'string' },
} as const;

interface SampleSpec {
  spec: string;
  staffPath: string;
  companyPath: string;
  weight: number;
}

/** `<staff.csv>:<company.json>[:<weight>]`; the weight is a positive number (decimal point or comma). */
function sampleSpec(spec: string): SampleSpec {
  const parts = spec.split(':');
  const bad = (why: string) => new UsageError(`échantillon « ${spec} » invalide : ${why} (attendu <salariés.csv>:<entreprise.json>[:<poids>])`);
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) throw bad(parts.length < 2 ? 'fichier de réponses de l’entreprise manquant' : 'trop de parties ou partie vide');
  let weight = 1;
  if (parts.length === 3) {
    const parsed = parseDecimal(parts[2]!);
    if (parsed === undefined || !Number.isFinite(parsed) || parsed <= 0) throw bad(`poids « ${parts[2]} » invalide, nombre positif attendu`);
    weight = parsed;
  }
  return { spec, staffPath: parts[0]!, companyPath: parts[1]!, weight };
}

/**
 * The estimate of the branch's exposed workers that the homologation dossier carries: one or several
 * staff samples (each a company's answers and staff, weighted by how many workers each employee stands
 * for), each employee counted under their main job; with --against, the other version side by side.
 */
export const estimateCommand = defineCommand('estimate', ESTIMATE_HELP, (args, io) => {
  // 1. The command line, entirely checked before any file is read.
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  const path = oneReferential(positionals);
  const format = (values.format ?? 'csv') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`format « ${values.format} » inconnu : attendu ${FORMATS.join(', ')}`);
  if (values.against === '') throw new UsageError('l’option --against attend un fichier de référentiel');
  const specs = (values.sample ?? []).map(sampleSpec);
  if (specs.length === 0) throw new UsageError('option --sample <salariés.csv>:<entreprise.json>[:<poids>] manquante (au moins un échantillon)');
  const { year, fromClock } = yearOption(values.year, io);

  // 2. The files, every problem of each reported before giving up.
  const versions: LoadedReferential[] = [{ path, referential: loadReferentialFile(io, path) }];
  if (values.against !== undefined) versions.push({ path: values.against, referential: loadReferentialFile(io, values.against) });
  const companies = specs.map((s) => loadCompanyFor(io, s.companyPath, versions));
  if (!versions.every((v) => v.referential)) return finish([]);
  return readStaffSources(
    io,
    specs.map((s) => s.staffPath),
    (sources) => finish(specs.map((s, i) => parseStaffFor(io, s.staffPath, sources[i], versions))),
  );

  function finish(staffs: Array<StaffCsvResult[] | undefined>): number {
  const inputs = specs.map((s, i) => ({ ...s, company: companies[i], staff: staffs[i] }));
  const referentials = versions.map((v) => v.referential);
  if (referentials.some((r) => !r) || inputs.some((s) => !s.company || !s.staff)) return EXIT_INPUT;
  const ok = inputs as Array<SampleSpec & { company: CompanyInput; staff: StaffCsvResult[] }>;

  // 3. One estimate per version, each with the staff as parsed for it.
  const estimates = (referentials as Referential[]).map((r, v) =>
    estimateHeadcount(r, ok.map((s): StaffSample => ({ name: s.spec, company: s.company, employees: s.staff[v]!.employees, weight: s.weight })), year),
  );
  const [first, second] = estimates;
  if (second && first!.version === second.version) {
    io.stderr(`Attention : les deux versions portent le même numéro (${first!.version}) : leurs colonnes ne se distinguent que par leur ordre (d’abord ${versions[0]!.path}, puis ${versions[1]!.path})`);
  }

  io.stdout(
    format === 'csv'
      ? estimateCsv(estimates, { variant: 'codes' }).trimEnd()
      : estimateMarkdown(estimates, (referentials as Referential[])[0]!.identity.title, ok, fromClock ? ' (année civile en cours ; --year pour une autre)' : ''),
  );

  // 4. Employees that could not be evaluated: reported with their sample and line, not counted.
  const errors = estimates.flatMap((e, v) =>
    e.errors.map((x) => {
      const sample = ok.find((s) => s.spec === x.sample)!;
      const staff = sample.staff[v]!;
      const row = staff.rows[staff.employees.findIndex((emp) => emp.id === x.employee)];
      const column = columnForField(x.error.field);
      return `${sample.staffPath} ligne ${row ?? '?'}, salarié ${x.employee}${column ? `, colonne ${column}` : ''} : ${evaluationErrorDetail(x.error, (referentials as Referential[])[v])} [${x.error.code}]${estimates.length > 1 ? ` (${versions[v]!.path})` : ''}`;
    }),
  );
  if (errors.length > 0) {
    io.stderr(`${errors.join('\n')}\n${plural(errors.length, 'salarié non compté', 'salariés non comptés')} dans l’estimation`);
    return EXIT_INPUT;
  }
  return EXIT_OK;
  }
});
