import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { checkExport, contentHash, decompile, diff, estimateHeadcount, loadReferentialText, type Referential } from '../src/core/index.ts';
import { CSV_COLUMNS, renderCsv, type EvaluationReport } from '../src/cli/report.ts';
import { formatStaffCsv, parseStaffCsv } from '../src/io/staff-csv.ts';
import { checkReportMarkdown } from '../src/present/check-report.ts';
import { FORMULA_START, neutraliseCell, restoreCell, writeCsv } from '../src/present/csv.ts';
import { diffMarkdown } from '../src/present/diff-report.ts';
import { estimateCsv, estimateMarkdown } from '../src/present/estimate.ts';
import { formatCount, formatNumber, formatPercent, plural } from '../src/present/fr.ts';
import { mdCode, mdText } from '../src/present/markdown.ts';
import { evaluateCompanySync } from '../src/ui/company/evaluation.ts';
import { declarationCsv, duerCsv, duerMatrix } from '../src/ui/company/exports.ts';
import { resultsSheet, duerSheet } from '../src/ui/company/xlsxExports.ts';
import { createEvaluator, goodFaithPresumption } from '../src/core/index.ts';

/*
 * The presentation layer: the one French formatter, the one formula-safe CSV writer (every CSV export
 * of the app and the CLI fed hostile values), the one Markdown escaper (every Markdown export fed
 * hostile labels).
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferentialText(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('sample does not load');
const sample: Referential = loaded.value;
const NNBSP = '\u202f';

/** Labels and ids a hostile file could carry: every formula start, HTML, links. */
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
const HOSTILE_MD = '<img src=x onerror=alert(1)> [clic](javascript:alert(1)) <javascript:alert(2)> https://exemple.fr www.exemple.fr **gras** # titre | pipe';

/** Every cell of a CSV text, parsed back. */
const cells = (csv: string) => (Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: csv.includes(';') ? ';' : ',' }).data as string[][]).flat();
/** Cells a spreadsheet would evaluate: a formula start that is not a plain (negative) number. */
const dangerous = (csv: string) => cells(csv).filter((c) => FORMULA_START.test(c) && !/^-\d+(?:[.,]\d+)?$/.test(c));

describe('the French formatter', () => {
  it('decimal comma, narrow no-break space between thousands and before %, plurals from 2', () => {
    expect(formatNumber(1231.2)).toBe(`1${NNBSP}231,2`);
    expect(formatCount(45545)).toBe(`45${NNBSP}545`);
    expect(formatNumber(2 / 3, { digits: 4, grouping: false })).toBe('0,6667');
    expect(formatPercent(2 / 3)).toBe(`66,7${NNBSP}%`);
    expect(plural(0, 'nuit', 'nuits')).toBe('0 nuit');
    expect(plural(1.5, 'heure', 'heures')).toBe('1,5 heure');
    expect(plural(2, 'nuit', 'nuits')).toBe('2 nuits');
    expect(formatNumber(-0)).toBe('0');
  });
});

describe('the formula-safe CSV writer', () => {
  it('neutralises a text cell starting with =, +, -, @, tab or CR, and leaves numbers alone', () => {
    for (const h of HOSTILE) expect(neutraliseCell(h)).toBe(`'${h}`);
    const csv = writeCsv(['Nom', 'Valeur'], [...HOSTILE.map((h) => [h, -3.5])]);
    expect(dangerous(csv)).toEqual([]);
    expect(cells(csv).filter((c) => c === '-3,5')).toHaveLength(HOSTILE.length);
    expect(restoreCell("'=1+1")).toBe('=1+1');
    expect(restoreCell("'abc")).toBe("'abc");
  });

  const hostileStaff = parseStaffCsv(
    ['id;annual_hours;contract_ref;birth_year;jobs', ...HOSTILE.map((h, i) => `"${h.replace(/"/g, '""')}${i}";1607;"${h.replace(/"/g, '""')}";1980;mecanicien`)].join('\n'),
    sample,
  );

  it('the staff file keeps hostile ids and contract numbers, written safe and read back the same', () => {
    expect(hostileStaff.issues).toEqual([]);
    const csv = formatStaffCsv(hostileStaff.employees, sample, { delimiter: ';' });
    expect(dangerous(csv)).toEqual([]);
    expect(parseStaffCsv(csv, sample).employees).toEqual(hostileStaff.employees);
  });

  it('every CSV export of the app and the CLI: no cell starts a formula', async () => {
    const company = { formatVersion: 1 as const, answers: { 'q-activite': 'atelier' }, measures: [] };
    const evaluation = evaluateCompanySync({ referential: sample, company, year: 2024 }, hostileStaff.employees);
    expect(evaluation.summaries.length).toBe(HOSTILE.length);
    const hostileLabels = structuredClone(sample);
    hostileLabels.jobs[0]!.label = '=CMD|" /C calc"!A0';
    const matrix = duerMatrix(hostileLabels, hostileStaff.employees, evaluation);
    const staff = createEvaluator(sample, company, { year: 2024 }).evaluateStaff(hostileStaff.employees);
    const report: EvaluationReport = {
      referential: sample,
      contentHash: contentHash(sample),
      company,
      year: 2024,
      yearFromClock: false,
      forced: undefined,
      yearVersion: undefined,
      presumption: goodFaithPresumption({}, 2024),
      employees: hostileStaff.employees,
      staff,
      rowOf: new Map(),
      errors: [],
    };
    const estimate = [estimateHeadcount(hostileLabels, [{ name: '=x', company, employees: hostileStaff.employees }], 2024)];
    const exports = {
      declaration: declarationCsv(hostileStaff.employees, evaluation),
      declarationCodes: declarationCsv(hostileStaff.employees, evaluation, { variant: 'codes' }),
      duer: duerCsv(matrix),
      duerCodes: duerCsv(matrix, { variant: 'codes' }),
      staff: formatStaffCsv(hostileStaff.employees, sample),
      cliEvaluate: await renderCsv(report),
      estimate: estimateCsv(estimate),
      estimateCodes: estimateCsv(estimate, { variant: 'codes' }),
    };
    for (const [name, csv] of Object.entries(exports)) {
      // the hostile values are there, neutralised
      expect(`${name}: ${cells(csv).some((c) => c.startsWith("'="))}`).toBe(`${name}: true`);
      expect(`${name}: ${dangerous(csv).join(' | ')}`).toBe(`${name}: `);
    }
    expect((await renderCsv(report)).split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    // the workbooks pass their text cells through the same neutralisation
    for (const sheet of [duerSheet(matrix), resultsSheet(evaluation, ['noise'])]) {
      const texts = sheet.data.flat().flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
      expect(texts.filter((t) => FORMULA_START.test(t))).toEqual([]);
      expect(texts.some((t) => t.startsWith("'="))).toBe(true);
    }
  });
});

describe('the Markdown escaper', () => {
  it('escapes HTML, links and structure; the text reads the same once rendered', () => {
    const md = mdText(HOSTILE_MD);
    expect(md).not.toMatch(/<|>/);
    expect(md).not.toContain('](');
    expect(md).not.toMatch(/[a-z]:\/\//i);
    expect(md).not.toMatch(/(^|[^\\])\|/);
    expect(md).toContain('javascript\\:alert');
    expect(md).toContain('www\\.exemple');
    expect(mdText('# titre')).toBe('\\# titre');
    expect(mdText('1. un')).toBe('1\\. un');
    expect(mdText('version 1.0.0')).toBe('version 1.0.0');
    expect(mdText('ligne\nsuivante')).toBe('ligne suivante');
    expect(mdCode('a`b|c')).toBe('``a`b\\|c``');
  });

  /** A referential whose every label is hostile. */
  function hostileReferential(): Referential {
    const r = structuredClone(sample);
    r.identity.title = HOSTILE_MD;
    for (const j of r.jobs) {
      j.label = `${j.label} ${HOSTILE_MD}`;
      for (const t of j.tasks) t.label = `${t.label} ${HOSTILE_MD}`;
    }
    for (const s of r.situations) s.label = `${s.label} ${HOSTILE_MD}`;
    for (const q of r.questions) q.label = `${q.label} ${HOSTILE_MD}`;
    for (const m of r.measures) m.label = `${m.label} ${HOSTILE_MD}`;
    return r;
  }
  /** No raw tag, no link syntax, no autolink scheme outside code spans. */
  const unsafe = (md: string) => {
    const prose = md.replace(/`[^`]*`/g, '');
    return [/<(img|script|a|javascript)/i.test(prose) && 'html', /\]\(/.test(prose) && 'link', /(?<!\\)javascript:/i.test(prose) && 'scheme', /https?:\/\//i.test(prose) && 'url'].filter(Boolean);
  };

  it('every Markdown export: the comparison report, the estimate, the check report', () => {
    const a = sample;
    const b = hostileReferential();
    b.identity.version = '2.0.0';
    expect(unsafe(diffMarkdown(diff(a, b), a, b))).toEqual([]);
    expect(unsafe(diffMarkdown(diff(b, a), b, a))).toEqual([]);
    const est = estimateHeadcount(b, [{ name: 'x', company: { answers: { 'q-activite': 'atelier' }, measures: [] }, employees: [] }], 2024);
    expect(unsafe(estimateMarkdown([est], b.identity.title, [{ staffPath: HOSTILE_MD, companyPath: 'c.json', weight: 1 }]))).toEqual([]);
    const graph = decompile(b);
    expect(unsafe(checkReportMarkdown(checkExport(graph, '2026-01-01 10:00')))).toEqual([]);
    // and the hostile text is still there, escaped, for the reader
    expect(diffMarkdown(diff(a, b), a, b)).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });
});
