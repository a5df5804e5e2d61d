import { parseArgs } from 'node:util';
import {
  contentHash,
  factorsOf,
  TotalsAccumulator,
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
import { columnForField, QUESTION_COLUMN_PREFIX } from '../../io/staff-csv.ts';
import { inputName } from '../inputs.ts';
import { readStaffChecked, touchStaffFile } from '../staff-stream.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile, oneReferential } from '../command.ts';
import { formatJsonIssues } from '../format.ts';
import { formatDate as frenchDate, plural } from '../../present/fr.ts';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';
import { EVALUATE_HELP } from '../help.ts';
import { EXIT_INPUT, EXIT_OK, readJsonInput, UsageError, type CliIo } from '../io.ts';
import { writeCsvReport, writeJson, writeTable, type ReportError, type StreamedReport } from '../report.ts';

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
  return evaluateFiles(io, { referentialPath, companyPath: values.answers, staffPath: values.staff, format, year, yearFromClock, forced, trace: values.trace === true });
});

interface Request {
  referentialPath: string;
  companyPath: string;
  staffPath: string;
  format: Format;
  year: number;
  yearFromClock: boolean;
  forced: ReturnType<typeof resolveRegulation>;
  trace: boolean;
}

async function evaluateFiles(io: CliIo, request: Request): Promise<number> {
  const { referentialPath, companyPath, staffPath, format, year, yearFromClock, forced } = request;
  // 2. The three files, every problem of each reported before giving up. The staff file is streamed
  // (staff-stream.ts): never held whole, whatever its size.
  const referential = loadReferentialFile(io, referentialPath);
  const company = loadCompany(io, companyPath, referential);
  if (!referential) {
    await touchStaffFile(io, staffPath);
    return EXIT_INPUT;
  }

  // 3. The evaluation: a per-employee error does not stop the others. A first pass through the
  // specialised path, while the staff file is checked, gives the totals, the errors and what the
  // report's head says; the detailed results are then computed again one employee at a time as the
  // report writes them, the file read again (never all in memory).
  // A company the evaluator refuses is said once the staff file is known to be good, as before.
  let evaluator: Evaluator | undefined;
  let traced: Evaluator | undefined;
  let refused: EvaluationError | undefined;
  const options = { year, ...(forced ? { regulation: forced.id } : {}) };
  if (company) {
    try {
      evaluator = createEvaluator(referential, company, options);
      traced = request.trace ? createEvaluator(referential, company, { ...options, trace: true }) : evaluator;
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      refused = error;
      evaluator = undefined;
    }
  }
  const companyQuestions = new Set(referential.questions.filter((q) => q.scope === 'company').map((q) => q.id));
  let first = firstPass();
  function firstPass() {
    const pass = {
      errors: [] as ReportError[],
      failed: new Set<number>(),
      regulations: new Map<string, number>(),
      toAnalyse: new Set<string>(),
      firstRegulation: undefined as string | undefined,
      totals: new TotalsAccumulator(),
      employees: 0,
    };
    return pass;
  }
  const staff = await readStaffChecked(io, staffPath, referential, {
    restart: () => (first = firstPass()),
    check: ({ employee, row: line }) => {
      first.employees++;
      if (!evaluator) return;
      // The core's streaming path, one employee at a time as the file gives them.
      const [row] = evaluator.streamStaff([employee]);
      if (row!.result) {
        const r = row!.result;
        first.totals.addCompact(r);
        first.firstRegulation ??= r.regulation;
        first.regulations.set(r.regulation, (first.regulations.get(r.regulation) ?? 0) + 1);
        for (const f of factorsOf(r.toAnalyse)) first.toAnalyse.add(f);
        return;
      }
      first.totals.addError();
      const e = row!.error!;
      let column = columnForField(e.field);
      if (column.startsWith(QUESTION_COLUMN_PREFIX) && companyQuestions.has(column.slice(QUESTION_COLUMN_PREFIX.length))) column = '';
      // A contract outside the year: point at the date that puts it there.
      const end = employee.contract.end;
      if (e.code === 'contract_outside_year' && end !== undefined && end < `${year}-01-01`) column = 'contract_end';
      first.failed.add(line);
      first.errors.push({ row: line, employee: employee.id, code: e.code, field: e.field, column, params: e.params, message: evaluationErrorDetail(e, referential) });
    },
  });
  if (!staff || !company) return EXIT_INPUT;
  const hash = contentHash(referential);
  warnings(io, companyPath, company, referential, hash, year);
  if (refused || !evaluator || !traced) {
    if (refused) io.stderr(`${companyPath} ${refused.field} : ${evaluationErrorDetail(refused, referential)}`);
    return EXIT_INPUT;
  }
  const { errors, failed } = first;
  const chosenFor = (trace: boolean) => (trace || request.trace ? traced! : evaluator!);
  const report: StreamedReport = {
    referential,
    contentHash: hash,
    company,
    year,
    yearFromClock,
    forced,
    yearVersion: regulationInForce(`${year}-12-31`),
    presumption: goodFaithPresumption(referential.identity.status === 'homologated' || referential.identity.status === 'expired' || referential.identity.status === 'superseded' ? { homologation: referential.identity.homologation } : {}, year),
    errors,
    totals: first.totals.totals(),
    regulations: first.regulations,
    firstRegulation: first.firstRegulation,
    toAnalyse: first.toAnalyse,
    async *results(trace) {
      const chosen = chosenFor(trace);
      for await (const { employee, row } of staff.employees()) {
        if (failed.has(row)) continue;
        yield { result: chosen.evaluate(employee), row, employee };
      }
    },
  };

  const write = (text: string) => (io.writeOut ? io.writeOut(text) : io.stdout(text));
  if (format === 'json') await writeJson(report, write);
  else if (format === 'csv') await writeCsvReport(report, write);
  else await writeTable(report, request.trace, write);
  if (errors.length > 0) {
    const lines = errors.map((e) => `${inputName(staffPath)} ligne ${e.row ?? '?'}, salarié ${e.employee}${e.column ? `, colonne ${e.column}` : ''} : ${e.message} [${e.code}]`);
    io.stderr(`${lines.join('\n')}\n${plural(errors.length, 'salarié non évalué', 'salariés non évalués')} sur ${first.employees}`);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

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
