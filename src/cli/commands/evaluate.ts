import { parseArgs } from 'node:util';
import {
  contentHash,
  createEvaluator,
  goodFaithPresumption,
  EvaluationError,
  measureDaysInYear,
  REGULATION_VERSIONS,
  regulationInForce,
  resolveRegulation,
  type CompanyInput,
  type Evaluator,
  type Referential,
} from '../../core/index.ts';
import { companyIssues, loadCompanyText } from '../../io/company.ts';
import { columnForField, QUESTION_COLUMN_PREFIX, type StaffCsvResult } from '../../io/staff-csv.ts';
import { inputName, parseStaffFor, readStaffSource } from '../inputs.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile, oneReferential } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { formatDate as frenchDate, plural } from '../../present/fr.ts';
import { parseStaffJson } from '../staff-json.ts';
import { EVALUATE_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, readJsonInput, UsageError, type CliIo } from '../io.ts';
import { renderCsv, renderJson, renderTable, type EvaluationReport, type ReportError } from '../report.ts';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  answers: { type: 'string' },
  staff: { type: 'string' },
  year: { type: 'string' },
  regulation: { type: 'string' },
  format: { type: 'string' },
  trace: { type: 'boolean' },
} as const;

export const evaluateCommand = defineCommand('evaluate', EVALUATE_HELP, (args, io) => {
  // 1. The command line, entirely checked before any file is read.
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  const referentialPath = oneReferential(positionals);
  if (values.answers === undefined) throw new UsageError('option --answers <entreprise.json> manquante (réponses de l’entreprise et mesures de prévention en place)');
  if (values.staff === undefined) throw new UsageError('option --staff <salariés.csv> manquante (une ligne par salarié)');
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`format « ${values.format} » inconnu : attendu ${FORMATS.join(', ')}`);
  const yearFromClock = values.year === undefined;
  const yearText = values.year ?? String(io.now().getFullYear());
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2015 || year > 2100) {
    throw new UsageError(`année « ${yearText} » invalide : attendu AAAA, de 2015 (premiers seuils en vigueur) à 2100`);
  }
  const forced = values.regulation === undefined ? undefined : resolveRegulation(values.regulation);
  if (values.regulation !== undefined && !forced) {
    throw new UsageError(`version réglementaire « ${values.regulation} » inconnue : attendu l’une de ${REGULATION_VERSIONS.map((v) => v.id).join(', ')}, ou une date AAAA-MM-JJ à partir du 2015-01-01`);
  }
  const companyPath = values.answers;
  const staffPath = values.staff;

  // 2. The three files, every problem of each reported before giving up.
  const referential = loadReferentialFile(io, referentialPath);
  const company = loadCompany(io, companyPath, referential);
  if (!referential) {
    readStaffSource(io, staffPath, () => EXIT_INPUT);
    return EXIT_INPUT;
  }
  // A .json staff file is a list of employees (with long absences and temporary work); otherwise a
  // table (CSV or workbook).
  if (staffPath.toLowerCase().endsWith('.json')) {
    const text = readJsonInput(io, staffPath, 'le fichier du personnel');
    if (text === undefined) return EXIT_INPUT;
    const json = text.ok ? parseStaffJson(text.value) : { employees: [], rows: [], issues: text.issues };
    if (json.issues.length > 0) {
      io.stderr(`${formatJsonIssues(inputName(staffPath), json.issues)}\n${inputName(staffPath)} : fichier du personnel non valide (${plural(json.issues.length, 'problème', 'problèmes')}), aucun salarié évalué`);
      return EXIT_INPUT;
    }
    return finish(json);
  }
  return readStaffSource(io, staffPath, (source) => finish(parseStaffFor(io, staffPath, source, [{ path: referentialPath, referential }])?.[0]));

  function finish(staff: Pick<StaffCsvResult, 'employees' | 'rows'> | undefined): number {
  if (!referential || !company || !staff) return EXIT_INPUT;

  const hash = contentHash(referential);
  warnings(io, companyPath, company, referential, hash, year);

  // 3. The evaluation: a per-employee error does not stop the others.
  let evaluator: Evaluator;
  try {
    evaluator = createEvaluator(referential, company, { year, ...(forced ? { regulation: forced.id } : {}), trace: values.trace === true });
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    io.stderr(`${companyPath} ${error.field} : ${error.detail}`);
    return EXIT_INPUT;
  }
  const result = evaluator.evaluateStaff(staff.employees);
  const companyQuestions = new Set(referential.questions.filter((q) => q.scope === 'company').map((q) => q.id));
  const errors: ReportError[] = result.errors.map((e) => {
    let column = columnForField(e.error.field);
    if (column.startsWith(QUESTION_COLUMN_PREFIX) && companyQuestions.has(column.slice(QUESTION_COLUMN_PREFIX.length))) column = '';
    // A contract outside the year: point at the date that puts it there.
    const end = staff.employees[e.index]?.contract.end;
    if (e.error.code === 'contract_outside_year' && end !== undefined && end < `${year}-01-01`) column = 'contract_end';
    return { row: staff.rows[e.index] ?? null, employee: e.employee, code: e.error.code, field: e.error.field, column, message: e.error.detail };
  });
  const report: EvaluationReport = {
    referential,
    contentHash: hash,
    company,
    year,
    yearFromClock,
    forced,
    yearVersion: regulationInForce(`${year}-12-31`),
    presumption: goodFaithPresumption(referential.identity.status === 'homologated' || referential.identity.status === 'expired' || referential.identity.status === 'superseded' ? { homologation: referential.identity.homologation } : {}, year),
    employees: staff.employees,
    staff: result,
    rowOf: new Map(staff.employees.map((e, i) => [e.id, staff.rows[i]!])),
    errors,
  };

  io.stdout(format === 'json' ? renderJson(report) : format === 'csv' ? renderCsv(report) : renderTable(report, values.trace === true));
  if (errors.length > 0) {
    const lines = errors.map((e) => `${inputName(staffPath)} ligne ${e.row ?? '?'}, salarié ${e.employee}${e.column ? `, colonne ${e.column}` : ''} : ${e.message} [${e.code}]`);
    io.stderr(`${lines.join('\n')}\n${plural(errors.length, 'salarié non évalué', 'salariés non évalués')} sur ${staff.employees.length}`);
    return EXIT_INPUT;
  }
  return EXIT_OK;
  }
});

function loadCompany(io: CliIo, path: string, referential: Referential | undefined): CompanyInput | undefined {
  const text = readJsonInput(io, path, 'le fichier de réponses de l’entreprise');
  if (text === undefined) return undefined;
  const loaded = text.ok ? loadCompanyText(text.value) : text;
  const issues = loaded.ok ? (referential ? companyIssues(loaded.value, referential) : []) : loaded.issues;
  if (issues.length > 0) {
    io.stderr(`${formatJsonIssues(path, issues)}\n${path} : fichier de réponses de l’entreprise non valide (${plural(issues.length, 'problème', 'problèmes')})`);
    return undefined;
  }
  return loaded.ok ? loaded.value : undefined;
}

/** What does not stop the evaluation but may make it wrong. */
function warnings(io: CliIo, companyPath: string, company: CompanyInput, referential: Referential, hash: string, year: number): void {
  const stated = company.referential?.contentHash;
  if (stated !== undefined && stated !== hash) {
    io.stderr(`Attention : ${companyPath} a été rempli pour une autre version du référentiel « ${referential.id} » (empreinte ${stated}, actuelle ${hash}) : vérifiez les réponses`);
  }
  // Exposure is averaged over the calendar year: a measure put in place during the year counts for the
  // days it was in place (the evaluator splits the year), one after the year does not count.
  for (const m of company.measures) {
    if (m.since === undefined || m.since <= `${year}-01-01`) continue;
    const label = referential.measures.find((x) => x.id === m.measure)?.label ?? m.measure;
    if (m.since > `${year}-12-31`) {
      io.stderr(`Attention : la mesure « ${label} » n’est en place que depuis le ${frenchDate(m.since)} : elle ne compte pas pour ${year}`);
    } else {
      const { days, yearDays } = measureDaysInYear(m.since, year);
      io.stderr(`Attention : la mesure « ${label} » n’est en place que depuis le ${frenchDate(m.since)} : elle compte pour ${days} jours sur ${yearDays} en ${year}`);
    }
  }
}
