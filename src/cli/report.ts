import {
  agencyExposureSheets,
  declarationLines,
  FACTOR_CODES,
  regulationById,
  UNIT_LABELS,
  type CompanyInput,
  type EvaluationErrorCode,
  type EvaluationErrorParams,
  type Employee,
  type EmployeeResult,
  type FactorResult,
  type GoodFaithPresumption,
  type GroupResult,
  type Referential,
  type RegulationVersion,
  type StaffResult,
  declarationChannel,
} from '../core/index.ts';
import { writeCsv, type CsvCell } from '../present/csv.ts';
import { textTable } from './format.ts';
import { formatDate as frenchDate, formatNumber, formatPercent as percent, plural } from '../present/fr.ts';
import { absenceText, contributionArithmetic, pointsLines } from '../present/evaluation.ts';
import { presumptionText } from '../present/presumption.ts';

/** A per-employee evaluation error, located in the staff file. */
export interface ReportError {
  /** Line of the staff file. */
  row: number | null;
  employee: string;
  code: EvaluationErrorCode;
  /** Location inside the employee (`jobs[1].share`) as the evaluator gives it. */
  field: string;
  /** The staff-file column of that location ('' when none). */
  column: string;
  /** The error's figures and ids, for programs. */
  params: EvaluationErrorParams[EvaluationErrorCode];
  /** The same in French (src/present/evaluation-errors.ts). */
  message: string;
}

export interface EvaluationReport {
  referential: Referential;
  contentHash: string;
  company: CompanyInput;
  year: number;
  /** True when the year was not given and comes from the clock. */
  yearFromClock: boolean;
  /** The version imposed with --regulation, if any. */
  forced: RegulationVersion | undefined;
  /** The version in force at the end of the year, for labels when no one was evaluated. */
  yearVersion: RegulationVersion | undefined;
  /** Whether applying this referential for the year gives the presumption of good faith (L4163-2). */
  presumption: GoodFaithPresumption;
  /** The staff evaluated (for the contracts of the agencies' exposure sheets). */
  employees: readonly Employee[];
  staff: StaffResult;
  /** Staff-file line of each evaluated employee, by id. */
  rowOf: ReadonlyMap<string, number>;
  errors: ReportError[];
}

/** One evaluated employee as the report reads it: its detailed result and its staff-file line. */
export interface ReportedEmployee {
  result: EmployeeResult;
  row: number | null;
  employee: Employee;
}

/**
 * The report as `evaluate` writes it for any staff size: the figures of the whole staff first (from a
 * pass through the specialised path), then the detailed results one employee at a time, computed again
 * when the report reaches them and dropped once written — never a list of a million results in memory.
 */
export interface StreamedReport extends Omit<EvaluationReport, 'employees' | 'staff' | 'rowOf'> {
  totals: StaffResult['totals'];
  /** Employees evaluated per regulation version, and the first one's version. */
  regulations: ReadonlyMap<string, number>;
  firstRegulation: string | undefined;
  /** Factors some employee has to analyse. */
  toAnalyse: ReadonlySet<string>;
  /** The detailed results in staff order (with the trace when asked), each computed when reached. */
  results(trace: boolean): Iterable<ReportedEmployee> | AsyncIterable<ReportedEmployee>;
}

/**
 * Lines written in blocks (`io.stdout` adds a line break after each): the whole text is never built.
 * A block's promise, when there is one, says when the output can take the next (backpressure).
 */
export type WriteBlock = (text: string) => void | Promise<void>;

const BLOCK = 1000;

/** Lines gathered into blocks; `ready` waits until the output has taken the blocks written so far. */
function lineWriter(write: WriteBlock): { line(text: string): void; flush(): void; ready(): Promise<void> | undefined; end(): Promise<void> | undefined } {
  let lines: string[] = [];
  let pending: Promise<void> | undefined;
  const send = (text: string) => {
    const done = write(text);
    if (done) pending = pending ? pending.then(() => done) : done;
  };
  const ready = () => {
    const waiting = pending;
    pending = undefined;
    return waiting;
  };
  return {
    line(text) {
      lines.push(text);
      if (lines.length >= BLOCK) {
        send(lines.join('\n'));
        lines = [];
      }
    },
    /** Sends what is gathered now (a line may be a whole block of text, such as a table of 1 000 employees). */
    flush() {
      if (lines.length > 0) send(lines.join('\n'));
      lines = [];
    },
    ready,
    end() {
      if (lines.length > 0) send(lines.join('\n'));
      lines = [];
      return ready();
    },
  };
}

/** The streamed form of an in-memory report (the results already computed). */
export function streamedReport(r: EvaluationReport): StreamedReport {
  const regulations = new Map<string, number>();
  for (const e of r.staff.results) regulations.set(e.regulation, (regulations.get(e.regulation) ?? 0) + 1);
  const byId = new Map(r.employees.map((e) => [e.id, e]));
  return {
    ...r,
    totals: r.staff.totals,
    regulations,
    firstRegulation: r.staff.results[0]?.regulation,
    toAnalyse: new Set(r.staff.results.flatMap((e) => e.toAnalyse)),
    results: () => r.staff.results.map((result) => ({ result, row: r.rowOf.get(result.employee) ?? null, employee: byId.get(result.employee)! })),
  };
}

async function collect(render: (write: WriteBlock) => Promise<void>): Promise<string> {
  const blocks: string[] = [];
  await render((text) => void blocks.push(text));
  return blocks.join('\n');
}

/** `--format json`: everything, for programs. */
export function renderJson(r: EvaluationReport): Promise<string> {
  return collect((write) => writeJson(streamedReport(r), write));
}

/**
 * The same document as `JSON.stringify(…, null, 2)` of the whole report, written one result at a time
 * (each result's text indented as the array element it is).
 */
export async function writeJson(r: StreamedReport, write: WriteBlock): Promise<void> {
  const out = lineWriter(write);
  const head = JSON.stringify(
    {
      referential: { id: r.referential.id, version: r.referential.identity.version, contentHash: r.contentHash },
      year: r.year,
      channel: declarationChannel(r.year),
      presumption: { applies: r.presumption.applies, reason: r.presumption.reason, during: r.presumption.during, explanation: presumptionText(r.presumption), ...(r.presumption.homologated ? { homologated: r.presumption.homologated } : {}) },
    },
    null,
    2,
  );
  out.line(`${head.slice(0, -2)},`);
  // Temporary workers (few) are kept for their agencies' sheets.
  const temporary: EmployeeResult[] = [];
  const temporaryEmployees: Employee[] = [];
  let previous: string | undefined;
  for await (const { result, employee } of r.results(false)) {
    if (previous === undefined) out.line('  "results": [');
    else out.line(`${previous},`);
    previous = JSON.stringify(result, null, 2).replace(/^/gm, '    ');
    if (result.temporary) {
      temporary.push(result);
      temporaryEmployees.push(employee);
    }
    await out.ready();
  }
  if (previous === undefined) out.line('  "results": [],');
  else out.line(`${previous}\n  ],`);
  // The rest of the document as JSON.stringify would write it, the company's declaration lines
  // (temporary workers left out: their agencies declare them) from a second pass over the results,
  // one line at a time rather than a list as long as the staff.
  const tail = JSON.stringify({ errors: r.errors, totals: r.totals, declaration: [], agencies: agencyExposureSheets({ results: temporary }, temporaryEmployees) }, null, 2);
  const [before, after] = tail.slice(2).split('\n  "declaration": [],\n');
  out.line(before!);
  let last: string | undefined;
  for await (const { result } of r.results(false)) {
    for (const line of declarationLines([result])) {
      if (last === undefined) out.line('  "declaration": [');
      else out.line(`${last},`);
      last = JSON.stringify(line, null, 2).replace(/^/gm, '    ');
    }
    await out.ready();
  }
  out.line(last === undefined ? '  "declaration": [],' : `${last}\n  ],`);
  out.line(after!);
  await out.end();
}

/**
 * The threshold group that decides a factor's verdict, shown when a single line per factor is wanted:
 * the exposed group furthest beyond its threshold, otherwise the one closest to it (ratios, because
 * groups of one factor have different units: hours and peaks for noise).
 */
export function decisiveGroup(f: FactorResult): GroupResult | undefined {
  const ratio = (g: GroupResult) => (g.threshold && g.threshold.value > 0 ? g.exposure / g.threshold.value : g.verdict === 'to_analyse' ? 0 : -1);
  const pool = f.groups.some((g) => g.verdict === f.verdict) ? f.groups.filter((g) => g.verdict === f.verdict) : f.groups;
  return pool.reduce<GroupResult | undefined>((best, g) => (best === undefined || ratio(g) > ratio(best) ? g : best), undefined);
}

export const CSV_COLUMNS = [
  'employee',
  'row',
  'year',
  'regulation',
  'factor',
  'factor_label',
  'in_force',
  'earns_points',
  'dsn_code',
  'verdict',
  'group',
  'exposure',
  'threshold',
  'unit',
  'margin',
  'declared',
  'points',
] as const;

/** `--format csv`: one line per employee × factor of the regulation version, codes and decimal points (formula-safe). */
export function renderCsv(r: EvaluationReport): Promise<string> {
  return collect((write) => writeCsvReport(streamedReport(r), write));
}

/** The same, written in blocks of employees (the header once). */
export async function writeCsvReport(r: StreamedReport, write: WriteBlock): Promise<void> {
  let data: CsvCell[][] = [];
  let first = true;
  const flush = async () => {
    const text = writeCsv([...CSV_COLUMNS], data, { delimiter: ',', newline: '\n' }).trimEnd();
    const block = first ? text : text.slice(text.indexOf('\n') + 1);
    first = false;
    data = [];
    await write(block);
  };
  for await (const { result, row } of r.results(false)) {
    for (const f of result.factors) {
      const g = decisiveGroup(f);
      data.push([
        result.employee,
        row ?? '',
        result.year,
        result.regulation,
        f.factor,
        f.label,
        String(f.inForce),
        String(f.earnsPoints),
        f.dsnCode,
        f.verdict,
        g?.code ?? '',
        g ? round(g.exposure) : '',
        g?.threshold ? g.threshold.value : '',
        g?.threshold ? g.threshold.unit : '',
        g?.threshold ? round(g.margin) : '',
        String(result.dsn.some((d) => d.factor === f.factor)),
        result.points.total,
      ]);
    }
    if (data.length >= BLOCK * 10) await flush();
  }
  if (first || data.length > 0) await flush();
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function exposureText(f: FactorResult): string {
  const g = decisiveGroup(f);
  const figures = g?.threshold ? ` ${formatNumber(g.exposure)} ${UNIT_LABELS[g.threshold.unit]} (seuil ${formatNumber(g.threshold.value)})` : '';
  return `${f.label}${figures}${f.earnsPoints ? '' : ', hors compte de prévention'}`;
}

/** A factor outside the declaration: its figures against the former threshold, said to be indicative. */
function outsideText(f: FactorResult): string {
  const g = f.groups.find((x) => x.verdict === 'no_legal_threshold' && x.indicativeThreshold);
  const figures = g?.indicativeThreshold ? ` ${formatNumber(g.exposure)} ${UNIT_LABELS[g.indicativeThreshold.unit]} (ancien seuil ${formatNumber(g.indicativeThreshold.value)}, indicatif)` : '';
  return `hors déclaration : ${f.label}${figures}`;
}

/** What changed the employee's year: temporary work, long absences, a factor judged on the former article. */
function remarks(e: EmployeeResult): string {
  const out: string[] = [];
  if (e.temporary) out.push(`intérimaire (${e.temporary.agency}) : déclaré par l’agence`);
  if (e.absence) {
    const days = `${formatNumber(e.absence.contractDays - e.absence.absentDays, 0)}/${formatNumber(e.absence.contractDays, 0)} jours de présence`;
    out.push(`absence longue : ${days}${e.absence.changed.length > 0 ? `, sous le seuil : ${e.absence.changed.map((c) => e.factors.find((f) => f.factor === c)?.label ?? c).join(', ')}` : ''}`);
  }
  for (const f of e.factors) if (f.regulation !== e.regulation && f.verdict === 'exposed') out.push(`${f.label} jugé selon l’ancien article (janvier–septembre)`);
  return out.length > 0 ? out.join(' ; ') : '—';
}

function employeeLine(e: EmployeeResult, row: number | null): string[] {
  const exposed = e.factors.filter((f) => f.verdict === 'exposed').map(exposureText);
  const analyse = e.factors.filter((f) => f.verdict === 'to_analyse').map((f) => `à analyser : ${f.label}`);
  const outside = e.factors.filter((f) => f.verdict === 'no_legal_threshold').map(outsideText);
  const cells = [...exposed, ...analyse, ...outside];
  return [
    e.employee,
    String(row ?? ''),
    percent(e.workingTimeRatio),
    cells.length > 0 ? cells.join(' ; ') : '—',
    String(e.points.total),
    e.dsn.length > 0 ? e.dsn.map((d) => d.code).join(' ') : '—',
    remarks(e),
  ];
}

/** `--format table` (default): a readable French report. */
export function renderTable(r: EvaluationReport, trace: boolean): Promise<string> {
  return collect((write) => writeTable(streamedReport(r), trace, write));
}

/** The same, written in blocks: the employees' table (in blocks of 1 000 lines, each with its header) and the trace. */
export async function writeTable(r: StreamedReport, trace: boolean, write: WriteBlock): Promise<void> {
  const writer = lineWriter(write);
  const out = { push: (...lines: string[]) => lines.forEach((l) => writer.line(l)) };
  const ref = r.referential;
  const totals = r.totals;
  out.push(`Évaluation de l’exposition aux facteurs de risques professionnels — année ${r.year}${r.yearFromClock ? ' (année civile en cours ; --year pour une autre)' : ''}`);
  out.push(`Référentiel : ${ref.identity.title} (${ref.id}, version ${ref.identity.version}, empreinte ${r.contentHash.replace(/^sha256:/, '').slice(0, 12)})`);
  const company = r.company.company;
  if (company?.name || company?.siret) out.push(`Entreprise : ${[company.name, company.siret ? `SIRET ${company.siret}` : undefined].filter(Boolean).join(', ')}`);
  const measureLabel = (id: string) => ref.measures.find((m) => m.id === id)?.label ?? id;
  out.push(`Mesures de prévention en place : ${r.company.measures.length > 0 ? r.company.measures.map((m) => `${measureLabel(m.measure)}${m.since ? ` (depuis le ${frenchDate(m.since)})` : ''}`).join(' ; ') : 'aucune'}`);
  out.push(`Réglementation : ${regulationLine(r)}`);
  out.push(`Déclaration des expositions de ${r.year} : ${declarationChannel(r.year) === 'dads' ? 'DADS (rubrique S65), ou déclaration MSA pour les employeurs agricoles — pas la DSN' : 'DSN, bloc S21.G00.34 (paie de décembre, ou dernière paie d’un contrat qui se termine)'}`);
  out.push(`Homologation : ${r.presumption.applies ? 'présomption de bonne foi applicable' : 'présomption de bonne foi NON applicable'} — ${presumptionText(r.presumption)}`);
  out.push('');

  let rows: string[][] = [];
  const table = () => out.push(textTable(['Salarié', 'Ligne', 'Temps', 'Exposé à', 'Points', 'DSN', 'Remarques'], rows, [1, 2, 4]));
  let any = false;
  for await (const { result, row } of r.results(false)) {
    rows.push(employeeLine(result, row));
    any = true;
    if (rows.length >= BLOCK) {
      table();
      rows = [];
      writer.flush();
      await writer.ready();
    }
  }
  if (rows.length > 0) table();
  if (any) out.push('');

  out.push(`Totaux : ${plural(totals.employees, 'salarié', 'salariés')} dans le fichier, ${plural(totals.evaluated, 'évalué', 'évalués')}${totals.temporaryWorkers ? ' hors intérimaires' : ''}, ${plural(r.errors.length, 'en erreur', 'en erreur')}`);
  if (totals.temporaryWorkers) {
    const agencies = (totals.byAgency ?? []).map((a) => `${a.agency} : ${plural(a.workers, 'intérimaire', 'intérimaires')}, ${plural(a.declared, 'à déclarer', 'à déclarer')}`).join(' ; ');
    out.push(`Intérimaires : ${formatNumber(totals.temporaryWorkers, 0)}, hors des totaux de l’entreprise — l’entreprise de travail temporaire déclare leur exposition (L4163-1 IV) à partir de la fiche transmise (${agencies})`);
  }
  const firstRegulation = r.firstRegulation;
  const version = r.forced ?? (firstRegulation ? regulationById(firstRegulation) : undefined) ?? r.yearVersion;
  const shown = totals.byFactor.filter((t) => ref.factors.retained.includes(t.factor) || t.exposed > 0 || r.toAnalyse.has(t.factor));
  const ordered = FACTOR_CODES.flatMap((code) => shown.filter((t) => t.factor === code));
  if (ordered.length > 0) {
    const label = (code: string) => {
      const f = version?.factors.find((x) => x.code === code);
      const text = f?.label ?? code;
      return f && !f.earnsPoints ? `${text} (hors compte de prévention)` : text;
    };
    out.push(textTable(['Facteur', 'Exposés', 'Part'], ordered.map((t) => [label(t.factor), String(t.exposed), percent(t.share)]), [1, 2]));
  }
  out.push(`Exposés à au moins un facteur : ${formatNumber(totals.exposedAny, 0)} (${percent(totals.exposedAnyShare)})`);
  out.push(`Déclarés exposés au titre du compte professionnel de prévention : ${formatNumber(totals.exposedDeclared, 0)} (${percent(totals.exposedDeclaredShare)})`);
  const trigger = r.year >= 2019 ? 0.25 : 0.5;
  if (totals.evaluated > 0 && totals.exposedDeclaredShare >= trigger) {
    out.push(
      `  Au moins ${percent(trigger)} des salariés évalués sont déclarés exposés : une entreprise d’au moins 50 salariés (ou d’un groupe d’au moins 50) doit négocier un accord ou adopter un plan d’action de prévention (L4162-1), si cette proportion vaut pour tout son effectif.`,
    );
  }
  out.push(`Points acquis en ${r.year} : ${formatNumber(totals.points, 0)}`);
  if (r.errors.length > 0) out.push(`Salariés non évalués : ${formatNumber(r.errors.length, 0)} (détail sur la sortie d’erreur)`);

  if (trace) {
    out.push('', 'Détail du calcul');
    for await (const { result, row } of r.results(true)) {
      out.push(...traceLines(result, row));
      await writer.ready();
    }
  }
  await writer.end();
}

function regulationLine(r: StreamedReport): string {
  if (r.forced) return `${r.forced.id} — ${r.forced.label} (imposée par --regulation)`;
  const counts = r.regulations;
  if (counts.size === 0) return r.yearVersion ? `${r.yearVersion.id} — ${r.yearVersion.label}` : '—';
  if (counts.size === 1 && r.yearVersion && counts.has(r.yearVersion.id)) return `${r.yearVersion.id} — ${r.yearVersion.label} (en vigueur au 31/12/${r.year})`;
  return `${[...counts].map(([id, n]) => `${id} (${plural(n, 'salarié', 'salariés')})`).join(', ')} — celle en vigueur à la fin de l’année ou du contrat`;
}

function traceLines(e: EmployeeResult, row: number | null): string[] {
  const out: string[] = [];
  {
    out.push('', `${e.employee} (ligne ${row ?? '?'}) — temps de travail ${percent(e.workingTimeRatio)}, réglementation ${e.regulation}`);
    for (const c of e.trace ?? []) {
      const factor = e.factors.find((f) => f.factor === c.factor)?.label ?? c.factor;
      out.push(`  ${factor} — ${c.jobLabel} ${formatNumber(c.jobShare)} % / ${c.taskLabel} ${formatNumber(c.taskShare)} % → ${c.situationLabel}`);
      if (c.path.length > 0) {
        const steps = c.path.map((p) => (p.kind === 'question' ? `${p.label} = ${answerText(p.answer)}` : `${p.label} : ${p.applied ? 'en place' : 'non en place'}`));
        out.push(`    chemin : ${steps.join(' → ')}`);
      }
      out.push(`    ${contributionArithmetic(e, c)}`);
    }
    for (const f of e.factors) {
      for (const g of f.groups.filter((x) => x.threshold && (x.exposure > 0 || x.verdict !== 'not_exposed'))) {
        out.push(`  = ${f.label}, ${g.label} : ${formatNumber(g.exposure)} ${UNIT_LABELS[g.threshold!.unit]} pour un seuil de ${formatNumber(g.threshold!.value)} → ${g.verdict === 'exposed' ? 'exposé' : 'non exposé'}${f.inForce ? '' : ' (facteur pas encore en vigueur : non retenu)'}`);
      }
      for (const g of f.groups.filter((x) => x.indicativeThreshold && x.exposure > 0)) {
        out.push(`  = ${f.label}, ${g.label} : ${formatNumber(g.exposure)} ${UNIT_LABELS[g.indicativeThreshold!.unit]} — aucun seuil légal depuis le 1er octobre 2017 (ancien seuil ${formatNumber(g.indicativeThreshold!.value)}, repère indicatif) → hors déclaration`);
      }
    }
    if (e.absence) out.push(`  ${absenceText({ factors: e.factors, absence: e.absence })}`);
    for (const f of e.factors) {
      if (f.regulation !== e.regulation && f.verdict !== 'not_exposed') out.push(`  ${f.label} : expositions de janvier à septembre ${e.year} jugées selon l’ancien article (version ${f.regulation}, ordonnance 2017-1389 art. 5 IV)`);
    }
    for (const d of pointsLines(e)) out.push(`  ${d}`);
    out.push(`  Points : ${e.points.total}`);
  }
  return out;
}

const answerText = (a: string | number | boolean) => (typeof a === 'boolean' ? (a ? 'oui' : 'non') : typeof a === 'number' ? formatNumber(a, 4) : a);
