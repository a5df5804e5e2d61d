import { DSN_CANCELLATION_CODE } from '../regulation/dsn.ts';
import type { FactorCode, ThresholdUnit } from '../regulation/types.ts';
import type { Employee, TemporaryWork } from '../referential/schema.ts';
import type { DeclarationChannel, EmployeeResult, StaffResult } from '../evaluate/types.ts';

/*
 * What a company declares after the evaluation, as data (the screens and files that show it come on
 * top): the declaration lines of the year, the corrections against a declaration already made, and the
 * exposure sheets a user company hands to the temporary-work agencies that declare their workers.
 *
 * DSN bloc S21.G00.34 (R4163-8 of the Code du travail): one block per factor, contract and year
 * (.001 factor code, .002 contract number, .003 year of the exposure). Code 99 "annulation" cancels the
 * factors declared earlier for that contract and year; the factors still due are then declared again.
 * Rectification: until the DSN of the April pay of the following year, or within three years when in
 * the employee's favour (R4163-8). The codes and this use of 99 are to verify against the official DSN
 * specification (cahier technique) before a real declaration.
 */

/** One line of a declaration: one factor (or a cancellation) for one employee's contract and year. */
export interface DeclarationLine {
  employee: string;
  /** Contract number (S21.G00.34.002), when known. */
  contract?: string;
  /** Year of the exposure (S21.G00.34.003). */
  year: number;
  /** S21.G00.34.001: a factor code, or '99' (cancellation). */
  code: string;
  /** The factor declared; absent on a cancellation line. */
  factor?: FactorCode;
}

/** A declaration as it was made, kept to correct it later. */
export interface StoredDeclaration {
  year: number;
  channel: DeclarationChannel;
  /** ISO timestamp given by the caller (the core reads no clock). */
  declaredAt?: string;
  lines: DeclarationLine[];
}

/**
 * The company's own declaration lines for the year: one per factor to declare, per employee and
 * contract. Temporary workers are left out: their agency declares them (L4163-1 IV; see
 * `agencyExposureSheets`).
 *
 * @example declarationLines(staff.results) // [{ employee: 'NUIT-01', contract: 'CDI-0005', year: 2024, code: '08', factor: 'night_work' }, …]
 */
export function declarationLines(results: readonly EmployeeResult[]): DeclarationLine[] {
  const lines: DeclarationLine[] = [];
  for (const r of results) {
    if (r.temporary) continue;
    for (const d of r.dsn) lines.push({ employee: r.employee, ...(d.contract !== undefined ? { contract: d.contract } : {}), year: d.year, code: d.code, factor: d.factor });
  }
  return lines;
}

export type CorrectionLine = DeclarationLine & {
  /**
   * `cancellation`: code 99 for the contract and year; `redeclared`: a factor still due, declared again
   * after the cancellation; `new`: a factor not declared before.
   */
  kind: 'cancellation' | 'redeclared' | 'new';
};

export interface DeclarationCorrection {
  /** The lines to send, per contract: the cancellation first, then the factors due. */
  lines: CorrectionLine[];
  /** Factors declared before and no longer due (the reason for each cancellation). */
  withdrawn: DeclarationLine[];
  /** Contracts whose declaration stays as it was. */
  unchanged: number;
}

const contractKey = (l: Pick<DeclarationLine, 'employee' | 'contract' | 'year'>) => `${l.year}\u0001${l.employee}\u0001${l.contract ?? ''}`;

/**
 * The corrections to send when the declaration of a year changes (a corrected profile, a prevention
 * measure put in place): for each contract where a factor declared before is no longer due, a
 * cancellation (code 99) followed by every factor still due; where factors are only added, the new
 * lines alone; nothing for a contract whose factors are the same.
 *
 * @example
 * // Declared 07 and 08 for NUIT-01; now only 08 is due → 99, then 08 again.
 * declarationCorrections(previous.lines, declarationLines(staff.results)).lines
 */
export function declarationCorrections(previous: readonly DeclarationLine[], current: readonly DeclarationLine[]): DeclarationCorrection {
  const before = group(previous.filter((l) => l.code !== DSN_CANCELLATION_CODE));
  const after = group(current);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const lines: CorrectionLine[] = [];
  const withdrawn: DeclarationLine[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const was = before.get(key) ?? [];
    const now = after.get(key) ?? [];
    const codesBefore = new Set(was.map((l) => l.code));
    const codesNow = new Set(now.map((l) => l.code));
    const gone = was.filter((l) => !codesNow.has(l.code));
    if (gone.length > 0) {
      const first = was[0]!;
      withdrawn.push(...gone);
      lines.push({ employee: first.employee, ...(first.contract !== undefined ? { contract: first.contract } : {}), year: first.year, code: DSN_CANCELLATION_CODE, kind: 'cancellation' });
      for (const l of now) lines.push({ ...l, kind: codesBefore.has(l.code) ? 'redeclared' : 'new' });
    } else {
      const added = now.filter((l) => !codesBefore.has(l.code));
      if (added.length === 0) unchanged++;
      for (const l of added) lines.push({ ...l, kind: 'new' });
    }
  }
  return { lines, withdrawn, unchanged };
}

function group(lines: readonly DeclarationLine[]): Map<string, DeclarationLine[]> {
  const out = new Map<string, DeclarationLine[]>();
  for (const l of lines) {
    const key = contractKey(l);
    const list = out.get(key) ?? [];
    if (!list.some((x) => x.code === l.code)) list.push(l);
    out.set(key, list);
  }
  return out;
}

/** What the agency needs for one temporary worker to declare their exposure. */
export interface AgencyWorkerSheet {
  employee: string;
  mission?: string;
  contract: { start?: string; end?: string; reference?: string };
  regulation: string;
  /** Factors to declare, with the figures the user company assessed. */
  factors: Array<{ factor: FactorCode; label: string; code: string; exposure: number; threshold: number | null; unit: ThresholdUnit | null }>;
  /** Factors to analyse in the user company (the grid of chemical agents). */
  toAnalyse: FactorCode[];
  points: number;
}

export interface AgencyExposureSheet {
  agency: string;
  agencySiret?: string;
  year: number;
  channel: DeclarationChannel;
  workers: AgencyWorkerSheet[];
}

/**
 * Per temporary-work agency, the exposure sheet the user company transmits (L4163-1 IV: the user
 * company assesses, the agency declares): each of its workers with the contract, the factors to declare
 * with the exposure against the threshold, and the points. `employees` is the staff list the results
 * come from (for the contract dates), matched by id.
 *
 * @example agencyExposureSheets(evaluator.evaluateStaff(staff), staff) // [{ agency: 'Interim Nord', year: 2024, workers: [...] }]
 */
export function agencyExposureSheets(staff: Pick<StaffResult, 'results'>, employees: readonly Employee[]): AgencyExposureSheet[] {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const sheets = new Map<string, AgencyExposureSheet>();
  for (const r of staff.results) {
    const temporary: TemporaryWork | undefined = r.temporary;
    if (!temporary) continue;
    let sheet = sheets.get(temporary.agency);
    if (!sheet) {
      sheet = { agency: temporary.agency, ...(temporary.agencySiret ? { agencySiret: temporary.agencySiret } : {}), year: r.year, channel: r.channel, workers: [] };
      sheets.set(temporary.agency, sheet);
    }
    if (!sheet.agencySiret && temporary.agencySiret) sheet.agencySiret = temporary.agencySiret;
    const contract = byId.get(r.employee)?.contract ?? {};
    sheet.workers.push({
      employee: r.employee,
      ...(temporary.mission ? { mission: temporary.mission } : {}),
      contract: { ...(contract.start ? { start: contract.start } : {}), ...(contract.end ? { end: contract.end } : {}), ...(contract.reference ? { reference: contract.reference } : {}) },
      regulation: r.regulation,
      factors: r.dsn.map((d) => {
        const f = r.factors.find((x) => x.factor === d.factor)!;
        const g = f.groups.filter((x) => x.verdict === 'exposed').reduce<(typeof f.groups)[number] | undefined>((best, x) => (!best || (x.threshold && best.threshold && x.exposure / x.threshold.value > best.exposure / best.threshold.value) ? x : best), undefined);
        return { factor: d.factor, label: f.label, code: d.code, exposure: g?.exposure ?? 0, threshold: g?.threshold?.value ?? null, unit: g?.threshold?.unit ?? null };
      }),
      toAnalyse: [...r.toAnalyse],
      points: r.points.total,
    });
  }
  return [...sheets.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'fr'));
}
