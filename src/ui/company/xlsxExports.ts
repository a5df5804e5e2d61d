import { factorOf, REGULATION_VERSIONS, regulationById, UNIT_LABELS, type FactorCode } from '../../core/index.ts';
import { neutraliseCell } from '../../present/csv.ts';
import { plural } from '../../present/fr.ts';
import { VERDICT_LABELS } from '../../present/diff-text.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { HARDSHIP_LABELS, type DuerMatrix, type HardshipState } from './exports.ts';

/*
 * The DUER matrix and the per-employee results as Excel workbooks (.xlsx), written in the browser by
 * write-excel-file (loaded only when asked for, so it never weighs on the app's first load): French
 * headers in bold, readable column widths, numbers as numbers, shares as percentages (« 0,0 % »), the
 * three-state hardship cells coloured, a labelled total row. Text cells pass the same formula
 * neutralisation as the CSV writer. Pure data here; `workbookBlob` does the writing.
 */

type CellValue = string | number | null;
export interface XlsxCell {
  value?: CellValue;
  type?: StringConstructor | NumberConstructor;
  format?: string;
  fontWeight?: 'bold';
  backgroundColor?: string;
  wrap?: boolean;
}
export interface XlsxSheet {
  sheet: string;
  data: XlsxCell[][];
  columns: Array<{ width: number }>;
}

const STATE_COLOURS: Record<HardshipState, string> = { exposed: '#F4B6B6', prevention: '#FCE4A8', none: '#D8EED8' };
const VERDICT_COLOURS: Record<string, string> = { exposed: '#F4B6B6', to_analyse: '#FCE4A8', not_exposed: '#D8EED8' };

const text = (value: string, extra: Partial<XlsxCell> = {}): XlsxCell => ({ value: neutraliseCell(value), type: String, ...extra });
const num = (value: number, format?: string): XlsxCell => ({ value, type: Number, ...(format ? { format } : {}) });
const head = (value: string): XlsxCell => text(value, { fontWeight: 'bold', wrap: true });
const labelOf = (regulation: string, factor: FactorCode) => factorOf(regulationById(regulation) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!, factor).label;
/** A column as wide as its longest text, within bounds (Excel widths are in characters). */
const width = (cells: ReadonlyArray<XlsxCell | undefined>, min = 8, max = 60) =>
  Math.min(max, Math.max(min, ...cells.map((c) => (typeof c?.value === 'string' ? Math.max(...c.value.split('\n').map((l) => l.length)) : String(c?.value ?? '').length) + 2)));

/** The DUER matrix: one row per job, then the company total; per factor the exposed count, the share and the three-state cell. */
export function duerSheet(matrix: DuerMatrix): XlsxSheet {
  const header = [head('Poste'), head('Effectif'), ...matrix.factors.flatMap((f) => [head(`${labelOf(matrix.regulation, f)} — exposés`), head('Part'), head('Situation')])];
  const line = (name: string, r: DuerMatrix['total'], bold: boolean): XlsxCell[] => [
    text(name, bold ? { fontWeight: 'bold' } : {}),
    num(r.headcount),
    ...matrix.factors.flatMap((f) => [num(r.exposed[f]), num(r.headcount === 0 ? 0 : r.exposed[f] / r.headcount, '0.0%'), text(HARDSHIP_LABELS[r.state[f]], { backgroundColor: STATE_COLOURS[r.state[f]] })]),
  ];
  const data = [header, ...matrix.rows.map((r) => line(r.label, r, false)), line('Total entreprise (chaque salarié compté une fois)', matrix.total, true)];
  const columns = header.map((_, i) => ({ width: i === 0 ? width(data.map((row) => row[0])) : i % 3 === 0 ? 28 : 12 }));
  return { sheet: 'Matrice DUER', data, columns };
}

/**
 * One row per employee: exposed factors, per factor the verdict (coloured) and the exposure against the
 * threshold, points, DSN codes, and the agency of a temporary worker (the agency declares: the company's
 * totals leave them out, as the total row says).
 */
export function resultsSheet(evaluation: CompanyEvaluation, factors: readonly FactorCode[]): XlsxSheet {
  const regulation = evaluation.regulation ?? evaluation.summaries[0]?.regulation ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!.id;
  const header = [head('Matricule'), head('Facteurs exposés'), ...factors.flatMap((f) => [head(labelOf(regulation, f)), head('Exposition'), head('Seuil')]), head('Points'), head('Codes DSN'), head('Intérim : entreprise de travail temporaire')];
  const data: XlsxCell[][] = [header];
  for (const s of evaluation.summaries) {
    const cells: XlsxCell[] = [text(s.employee), text(s.exposed.map((f) => labelOf(s.regulation, f)).join(', ') || 'aucun')];
    for (const f of factors) {
      const fs = s.factors.find((x) => x.factor === f);
      const verdict = fs?.verdict ?? 'not_exposed';
      const unit = fs?.unit ? ` ${UNIT_LABELS[fs.unit]}` : '';
      cells.push(text(VERDICT_LABELS[verdict], { backgroundColor: VERDICT_COLOURS[verdict]! }));
      cells.push(fs && fs.threshold !== null ? num(Math.round(fs.exposure * 100) / 100, `#,##0.##"${unit}"`) : text('—'));
      cells.push(fs && fs.threshold !== null ? num(fs.threshold, `#,##0"${unit}"`) : text('—'));
    }
    cells.push(num(s.points), text(s.dsn.join(' ') || '—'), text(s.temporary ? s.temporary.agency : ''));
    data.push(cells);
  }
  const total = evaluation.totals;
  const temporary = total.temporaryWorkers ?? 0;
  data.push([
    text(`Total : ${plural(total.evaluated, 'salarié évalué', 'salariés évalués', 0)}`, { fontWeight: 'bold' }),
    text(`${plural(total.exposedAny, 'exposé', 'exposés', 0)} à au moins un facteur`),
    ...factors.flatMap((f) => [text(plural(total.byFactor.find((x) => x.factor === f)?.exposed ?? 0, 'exposé', 'exposés', 0)), text(''), text('')]),
    num(total.points),
    text(''),
    text(temporary > 0 ? `${plural(temporary, 'intérimaire', 'intérimaires', 0)} hors total (l’entreprise de travail temporaire déclare)` : ''),
  ]);
  const columns = header.map((_, i) => ({ width: i === 1 || i === header.length - 1 ? 40 : i === 0 ? width(data.map((row) => row[0]), 12, 30) : 16 }));
  return { sheet: 'Résultats par salarié', data, columns };
}

/** The workbook as a Blob, with write-excel-file loaded on demand. */
export async function workbookBlob(sheet: XlsxSheet): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  // The library's types describe the same cell objects; its overloads do not name our interface.
  const write = writeXlsxFile as unknown as (data: XlsxCell[][], options: { sheet: string; columns: Array<{ width: number }>; stickyRowsCount?: number }) => { toBlob(): Promise<Blob> };
  return write(sheet.data, { sheet: sheet.sheet, columns: sheet.columns, stickyRowsCount: 1 }).toBlob();
}
