import {
  declarationCorrections,
  DSN_CANCELLATION_CODE,
  type AgencyExposureSheet,
  type CorrectionLine,
  type DeclarationChannel,
  type DeclarationCorrection,
  type DeclarationLine,
  type Employee,
  type GoodFaithPresumption,
  UNIT_LABELS,
} from '../../core/index.ts';
import { writeCsv, type CsvCell } from '../../present/csv.ts';
import { formatDate, formatNumber, plural } from '../../present/fr.ts';
import { digestOf, type CompanyEvaluation } from './evaluation.ts';
import { labelOf, periodInYear } from './exports.ts';
import { presumptionText } from '../../present/presumption.ts';

/*
 * The company's declaration as it leaves the app, from the evaluation the screens hold (one summary per
 * employee): the lines of its own declaration (temporary workers left out: their agency declares them,
 * L4163-1 IV of the Code du travail), the corrections against the declaration stored when it was filed
 * (code 99 "annulation" then the factors still due, R4163-8 — the core's `declarationCorrections`),
 * and the exposure sheet each temporary-work agency needs. CSV through the one formula-safe writer,
 * numbers and dates through the one French formatter. Pure: the panel downloads and stores.
 */

const toCsv = (fields: readonly string[], data: CsvCell[][]) => writeCsv(fields, data, { delimiter: ';', bom: true });

/** The channel of the year, in French: DADS for 2015–2016 exposures, DSN from 2017. */
export function channelText(channel: DeclarationChannel, year: number): string {
  return channel === 'dads'
    ? `Expositions de ${year} : déclarées dans la DADS (rubrique S65), ou la déclaration de la MSA pour un employeur agricole — pas dans la DSN.`
    : `Expositions de ${year} : déclarées dans la DSN, bloc S21.G00.34 (paie de décembre, ou dernière paie d’un contrat qui se termine dans l’année ; R4163-8 du code du travail).`;
}

/** The channel of an evaluation: the one its summaries carry (every employee of a year shares it). */
export function evaluationChannel(evaluation: CompanyEvaluation): DeclarationChannel {
  return evaluation.summaries.find((s) => s.channel)?.channel ?? (evaluation.year <= 2016 ? 'dads' : 'dsn');
}

/** The company's own declaration lines for the year, in staff order (temporary workers left out). */
export function companyDeclarationLines(employees: readonly Employee[], evaluation: CompanyEvaluation): DeclarationLine[] {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const lines: DeclarationLine[] = [];
  for (const s of evaluation.summaries) {
    if (s.temporary) continue;
    const contract = byId.get(s.employee)?.contract.reference;
    s.declared.forEach((factor, i) => lines.push({ employee: s.employee, ...(contract ? { contract } : {}), year: evaluation.year, code: s.dsn[i]!, factor }));
  }
  return lines;
}

/** What changed since the last declaration filed for the year: the core's comparison of the two. */
export function correctionSince(previous: readonly DeclarationLine[], employees: readonly Employee[], evaluation: CompanyEvaluation): DeclarationCorrection {
  return declarationCorrections(previous, companyDeclarationLines(employees, evaluation));
}

export const CORRECTION_KIND_LABELS: Record<CorrectionLine['kind'], string> = {
  cancellation: 'annulation des facteurs déclarés (code 99)',
  redeclared: 'facteur toujours dû, déclaré à nouveau',
  new: 'facteur nouveau',
};

export const CORRECTION_HEADERS_FR = ['Matricule', 'N° de contrat', 'Code DSN (S21.G00.34.001)', 'Facteur de risques', 'Année (S21.G00.34.003)', 'Nature de la ligne'] as const;

/**
 * The correction file: per contract, the cancellation (99) first, then every factor still due (or only
 * the new factors where nothing was withdrawn); then a line per factor withdrawn, saying why the
 * cancellation is sent, and the date of the declaration corrected.
 */
export function correctionCsv(correction: DeclarationCorrection, evaluation: CompanyEvaluation, correctedOn: string): string {
  const regulation = evaluation.regulation ?? evaluation.summaries[0]?.regulation ?? '';
  const factor = (l: DeclarationLine) => (l.factor ? labelOf(regulation, l.factor) : '');
  const data: CsvCell[][] = correction.lines.map((l) => [l.employee, l.contract ?? '', l.code, l.code === DSN_CANCELLATION_CODE ? '' : factor(l), l.year, CORRECTION_KIND_LABELS[l.kind]]);
  for (const w of correction.withdrawn) data.push([w.employee, w.contract ?? '', w.code, factor(w), w.year, `retiré : déclaré le ${formatDate(correctedOn)}, plus dû`]);
  const cancellations = correction.lines.filter((l) => l.kind === 'cancellation').length;
  data.push([`Total : ${plural(correction.lines.length, 'ligne à transmettre', 'lignes à transmettre')}, dont ${plural(cancellations, 'annulation', 'annulations')}`, '', '', '', evaluation.year, '']);
  return toCsv(CORRECTION_HEADERS_FR, data);
}

/**
 * Per temporary-work agency, what the user company passes on (L4163-1 IV: the user company assesses,
 * the agency declares): each worker, the mission, the contract in the year, the factors to declare with
 * the exposure against the threshold, those to analyse, and the points. Built from the evaluation's
 * summaries, in the core's `AgencyExposureSheet` shape.
 */
export function agencySheets(employees: readonly Employee[], evaluation: CompanyEvaluation): AgencyExposureSheet[] {
  // Most staffs have no temporary worker: then nothing is read (100 000 employees stay cheap).
  if (digestOf(evaluation).temporaries === 0) return [];
  const temporaries = new Set(evaluation.summaries.filter((s) => s.temporary).map((s) => s.employee));
  const byId = new Map(employees.filter((e) => temporaries.has(e.id)).map((e) => [e.id, e]));
  const sheets = new Map<string, AgencyExposureSheet>();
  for (const s of evaluation.summaries) {
    const temporary = s.temporary;
    if (!temporary) continue;
    let sheet = sheets.get(temporary.agency);
    if (!sheet) {
      sheet = { agency: temporary.agency, ...(temporary.agencySiret ? { agencySiret: temporary.agencySiret } : {}), year: evaluation.year, channel: s.channel ?? evaluationChannel(evaluation), workers: [] };
      sheets.set(temporary.agency, sheet);
    }
    if (!sheet.agencySiret && temporary.agencySiret) sheet.agencySiret = temporary.agencySiret;
    const contract = byId.get(s.employee)?.contract ?? {};
    sheet.workers.push({
      employee: s.employee,
      ...(temporary.mission ? { mission: temporary.mission } : {}),
      contract: { ...(contract.start ? { start: contract.start } : {}), ...(contract.end ? { end: contract.end } : {}), ...(contract.reference ? { reference: contract.reference } : {}) },
      regulation: s.regulation,
      factors: s.declared.map((factor, i) => {
        const f = s.factors.find((x) => x.factor === factor);
        return { factor, label: labelOf(s.regulation, factor), code: s.dsn[i]!, exposure: f?.exposure ?? 0, threshold: f?.threshold ?? null, unit: f?.unit ?? null };
      }),
      toAnalyse: [...s.toAnalyse],
      points: s.points,
    });
  }
  return [...sheets.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'fr'));
}

export const AGENCY_HEADERS_FR = [
  'Agence d’intérim',
  'SIRET de l’agence',
  'Matricule',
  'Contrat de mission',
  'Début de mission dans l’année',
  'Fin de mission dans l’année',
  'Facteur de risques',
  'Code DSN (S21.G00.34.001)',
  'Exposition évaluée',
  'Seuil',
  'Unité',
  'Points de l’année',
] as const;

/**
 * One agency's sheet as CSV: a line per worker and factor to declare (a worker with none gets one line
 * saying so), the factors to analyse, then the presumption of good faith of the referential applied and
 * the user company, so that the agency knows on what the assessment rests.
 */
export function agencySheetCsv(sheet: AgencyExposureSheet, employees: readonly Employee[], context: { company: string; referential: string; presumption: GoodFaithPresumption }): string {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const data: CsvCell[][] = [];
  for (const w of sheet.workers) {
    const employee = byId.get(w.employee);
    const period = employee ? periodInYear(employee, sheet.year) : { start: `${sheet.year}-01-01`, end: `${sheet.year}-12-31` };
    const head: CsvCell[] = [sheet.agency, sheet.agencySiret ?? '', w.employee, w.mission ?? w.contract.reference ?? '', formatDate(period.start), formatDate(period.end)];
    if (w.factors.length === 0) data.push([...head, 'aucun facteur à déclarer', '', '', '', '', w.points]);
    for (const f of w.factors) {
      data.push([...head, f.label, f.code, formatNumber(f.exposure, { grouping: false }), f.threshold === null ? '' : formatNumber(f.threshold, { grouping: false }), f.unit ? UNIT_LABELS[f.unit] : '', w.points]);
    }
    for (const f of w.toAnalyse) data.push([...head, `${labelOf(w.regulation, f)} (à analyser)`, '', '', '', '', w.points]);
  }
  data.push([`Total : ${plural(sheet.workers.length, 'intérimaire', 'intérimaires')}, dont ${formatNumber(sheet.workers.filter((w) => w.factors.length > 0).length, 0)} avec des facteurs à déclarer`, '', '', '', '', '', '', '', '', '', '', '']);
  data.push([`Évaluation par l’entreprise utilisatrice ${context.company} (L4163-1 IV du code du travail), référentiel ${context.referential}`, '', '', '', '', '', '', '', '', '', '', '']);
  data.push([presumptionText(context.presumption), '', '', '', '', '', '', '', '', '', '', '']);
  data.push([channelText(sheet.channel, sheet.year), '', '', '', '', '', '', '', '', '', '', '']);
  return toCsv(AGENCY_HEADERS_FR, data);
}
