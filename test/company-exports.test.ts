import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, createEvaluator, loadReferential, type Employee, type Referential } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { buildCompanyFile, companyFileText, COMPANY_FILE_MIGRATIONS, loadCompanyFileText, recordsFromCompanyFile } from '../src/ui/company/companyFile.ts';
import { parseStaffCsvSlices } from '../src/ui/company/csvChunks.ts';
import { compactEvaluation, evaluateCompany, evaluateCompanySync, mergeTotals, readStoredEvaluation, type CompanyInputs } from '../src/ui/company/evaluation.ts';
import { declarationCsv, declarationRows, duerCsv, duerMatrix, periodInYear } from '../src/ui/company/exports.ts';
import { isValidSiret, readProfileDraft } from '../src/ui/company/profile.ts';
import { compareEvaluations, employeeWithShares, measuresWithWhatIf } from '../src/ui/company/whatif.ts';

/*
 * The company workspace's pure helpers: the sliced staff-file parser (equal to parseStaffCsv), the
 * sliced evaluation (equal to evaluateStaff), the declaration and DUER exports, the company file, the
 * what-if comparison and the profile checks. Figures worked out by hand on the sample referential.
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferential(JSON.parse(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8')));
if (!loaded.ok) throw new Error('sample does not load');
const sample: Referential = loaded.value;
const STAFF_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-exemple.csv'), 'utf8');
const BROKEN_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-erreurs.csv'), 'utf8');
const staff = parseStaffCsv(STAFF_TEXT, sample).employees;
const INPUTS: CompanyInputs = { referential: sample, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 };

function sliced(text: string, lines: number) {
  const parsing = parseStaffCsvSlices(text, sample, lines);
  const progress: Array<{ done: number; total: number }> = [];
  let step = parsing.next();
  while (!step.done) {
    progress.push(step.value);
    step = parsing.next();
  }
  return { result: step.value, progress };
}

describe('the staff file parsed in slices equals parseStaffCsv on the whole file', () => {
  it('the sample and the broken sample, whatever the slice size', () => {
    for (const text of [STAFF_TEXT, BROKEN_TEXT, STAFF_TEXT.replace(/\n/g, '\r\n'), `\uFEFF${BROKEN_TEXT}`]) {
      for (const lines of [1, 2, 3, 5, 100]) expect(sliced(text, lines).result).toEqual(parseStaffCsv(text, sample));
    }
  });

  it('reports progress per slice up to the number of data lines', () => {
    const { progress } = sliced(STAFF_TEXT, 3);
    expect(progress).toEqual([
      { done: 3, total: 8 },
      { done: 6, total: 8 },
      { done: 8, total: 8 },
    ]);
  });

  it('generated files with duplicates across slices, blank lines, bad cells and a nameless column', () => {
    const cell = fc.constantFrom('MEC-1', 'MEC-2', 'N-1', '', 'X');
    const line = fc.record({
      id: cell,
      hours: fc.constantFrom('1607', '803,5', 'plein', '0', ''),
      start: fc.constantFrom('', '2024-03-01', '01/03/2024'),
      end: fc.constantFrom('', '2024-02-01', '2024-08-31'),
      birth: fc.constantFrom('1980', '1956', '80', ''),
      jobs: fc.constantFrom('mecanicien', 'agent-nuit', 'mecanicien:50|agent-nuit:50', 'mecanicien:60|agent-nuit:30', 'mecaniciens'),
      answer: fc.constantFrom('', 'oui', 'non', 'peut-être'),
      extra: fc.constantFrom('', '', 'x'),
      blank: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(';', ','), (rows, size, d) => {
        const header = ['id', 'annual_hours', 'contract_start', 'contract_end', 'contract_ref', 'birth_year', 'jobs', 'tasks', 'q:q-equipes-alternantes', ''].join(d);
        const body = rows.map((r, i) =>
          r.blank ? '' : [r.id === 'X' ? `E${i}` : r.id, d === ',' ? r.hours.replace(',', '.') : r.hours, r.start, r.end, '', r.birth, r.jobs, '', r.answer, r.extra].join(d),
        );
        const text = [header, ...body].join('\n');
        expect(sliced(text, size).result).toEqual(parseStaffCsv(text, sample));
      }),
      { seed: 20260, numRuns: 200 },
    );
  });

  it('a file with quotes reports its progress line by line too, with the same result', () => {
    const text = 'id,annual_hours,birth_year,jobs\n"A,1",1607,1980,mecanicien\nB,1607,1980,"mecanicien"\n';
    const { result, progress } = sliced(text, 1);
    expect(result).toEqual(parseStaffCsv(text, sample));
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
  });
});

describe('the staff evaluated in slices equals evaluateStaff', () => {
  it('results, errors and totals', async () => {
    const employees: Employee[] = [...staff, { ...staff[0]!, id: 'HORS', contract: { end: '2023-06-30' } }, ...staff.map((e) => ({ ...e, id: `${e.id}-b` }))];
    const whole = evaluateCompanySync(INPUTS, employees);
    const slices = await evaluateCompany(INPUTS, employees, { sliceSize: 3, pause: async () => {} });
    expect(slices).toEqual(whole);
    expect(whole.errors).toEqual([{ index: 8, employee: 'HORS', code: 'contract_outside_year', field: 'contract', column: 'contract_end', message: expect.stringContaining('ne couvre aucun jour de 2024') }]);
    const direct = createEvaluator(sample, INPUTS.company, { year: 2024 }).evaluateStaff(employees);
    expect(whole.totals).toEqual(direct.totals);
    expect(mergeTotals([direct.totals])).toEqual(direct.totals);
  });
});

describe('the stored evaluation', () => {
  it('leaves out the factors with neither verdict nor exposure, and reads back to the same comparison', () => {
    const full = evaluateCompanySync(INPUTS, staff);
    const stored = compactEvaluation(full);
    const mec = stored.summaries.find((s) => s.employee === 'MEC-01')!;
    // Noise exposed; postures 729.6 h under the threshold but not zero: both kept, the eight others dropped.
    expect(mec.factors.map((f) => f.factor)).toEqual(['awkward_postures', 'noise']);
    expect(readStoredEvaluation(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(compareEvaluations(full, stored).changes).toEqual([]);
    expect(readStoredEvaluation({ summaries: 'x' })).toBeUndefined();
  });
});

describe('the declaration file', () => {
  const evaluation = evaluateCompanySync(INPUTS, staff);

  it('one row per employee and declared factor, with the contract’s period in the year and the points', () => {
    const rows = declarationRows(staff, evaluation);
    // Declared: MEC-01 (noise 1231.2 h), MEC-02 (half time: 615.6 h ≥ 600), NUIT-01 (110 nights ≥ 100),
    // NUIT-02 (40 shifts ≥ 30), CDD-01 (noise, March–August: two whole quarters), SEN-01 (born 1955: doubled).
    // Not declared: MEC-03 at 40 % time (1231.2 × 0.4 = 492.48 h < 600); POLY-01, half mechanic with engines
    // 30 % / bodywork 70 % (0.5 × (0.3 × 1596 + 0.7 × 684) = 478.8 h of noise) and half night agent
    // (0.5 × 110 = 55 nights < 100).
    expect(rows.map((r) => [r.employee, r.code, r.periodStart, r.periodEnd, r.points])).toEqual([
      ['MEC-01', '07', '2024-01-01', '2024-12-31', 4],
      ['MEC-02', '07', '2024-01-01', '2024-12-31', 4],
      ['NUIT-01', '08', '2024-01-01', '2024-12-31', 4],
      ['NUIT-02', '09', '2024-01-01', '2024-12-31', 4],
      ['CDD-01', '07', '2024-03-01', '2024-08-31', 2],
      ['SEN-01', '07', '2024-01-01', '2024-12-31', 8],
    ]);
    expect(rows[0]).toMatchObject({ contract: 'CDI-0001', factor: 'noise', factorLabel: 'Bruit', year: 2024 });
  });

  it('as CSV for French spreadsheets: BOM, `;`, CRLF, French headers, JJ/MM/AAAA, a labelled total row', () => {
    const csv = declarationCsv(staff, evaluation);
    expect(csv.startsWith('\uFEFFMatricule;N° de contrat;Code facteur;Facteur de risques;Code DSN (S21.G00.34.001);Année;Début de période;Fin de période;Points de l’année\r\n')).toBe(true);
    expect(csv).toContain('CDD-01;CDD-2024-017;noise;Bruit;07;2024;01/03/2024;31/08/2024;2\r\n');
    // six lines for six employees; points 4 + 4 + 4 + 4 + 2 + 8 = 26, each employee counted once
    expect(parseLines(csv).at(-1)).toBe('Total : 6 lignes, 6 salariés déclarés;;;;;2024;;;26');
    expect(parseLines(csv)).toHaveLength(8);
  });

  it('the machine-readable variant keeps its stable codes and ISO dates', () => {
    const csv = declarationCsv(staff, evaluation, { variant: 'codes' });
    expect(csv.startsWith('\uFEFFemployee;contract_ref;factor;factor_label;S21.G00.34.001;year;period_start;period_end;points\r\n')).toBe(true);
    expect(csv).toContain('CDD-01;CDD-2024-017;noise;Bruit;07;2024;2024-03-01;2024-08-31;2\r\n');
    expect(parseLines(csv)).toHaveLength(7);
  });

  it('the period is the contract’s days within the year', () => {
    const e = (start?: string, end?: string): Employee => ({ ...staff[0]!, contract: { ...(start ? { start } : {}), ...(end ? { end } : {}) } });
    expect(periodInYear(e('2023-05-01', '2025-01-31'), 2024)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(periodInYear(e('2024-05-01'), 2024)).toEqual({ start: '2024-05-01', end: '2024-12-31' });
    expect(periodInYear(e(undefined, '2024-02-15'), 2024)).toEqual({ start: '2024-01-01', end: '2024-02-15' });
  });
});

const parseLines = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\r\n');

describe('the DUER matrix', () => {
  it('jobs × factors: employees exposed / employees holding the job; the total counts each employee once', () => {
    const m = duerMatrix(sample, staff, evaluateCompanySync(INPUTS, staff));
    expect(m.factors).toEqual(['awkward_postures', 'noise', 'night_work', 'alternating_shifts']);
    const mechanic = m.rows.find((r) => r.job === 'mecanicien')!;
    const night = m.rows.find((r) => r.job === 'agent-nuit')!;
    // Mechanics: MEC-01, MEC-02, MEC-03, POLY-01, CDD-01, SEN-01 = 6; noise: all but MEC-03 and POLY-01 = 4.
    expect(mechanic.headcount).toBe(6);
    expect(mechanic.exposed.noise).toBe(4);
    expect(mechanic.exposed.night_work).toBe(0);
    // Night job: POLY-01 (counted in both of its jobs), NUIT-01, NUIT-02 = 3; night work NUIT-01; shifts NUIT-02.
    expect([night.headcount, night.exposed.night_work, night.exposed.alternating_shifts]).toEqual([3, 1, 1]);
    expect(m.total.headcount).toBe(8);
    expect(m.total.exposed).toMatchObject({ noise: 4, night_work: 1, alternating_shifts: 1, awkward_postures: 0 });
    // three-state cells: mechanics are exposed to noise; postures 729.6 h < 900 for a full-time mechanic:
    // some exposure under the threshold → prevention to put in place. POLY-01 (half mechanic) counts in
    // both of its jobs, as in the counts: the night job shows postures to prevent too; nobody there has
    // vibrations or chemicals.
    expect([mechanic.state.noise, mechanic.state.awkward_postures, night.state.awkward_postures, night.state.night_work, night.state.mechanical_vibrations]).toEqual(['exposed', 'prevention', 'prevention', 'exposed', 'none']);
    const csv = duerCsv(m);
    expect(parseLines(csv)[0]).toBe(
      'Poste;Effectif;Postures pénibles — exposés;Postures pénibles — part;Postures pénibles — situation;Bruit — exposés;Bruit — part;Bruit — situation;Travail de nuit — exposés;Travail de nuit — part;Travail de nuit — situation;Travail en équipes successives alternantes — exposés;Travail en équipes successives alternantes — part;Travail en équipes successives alternantes — situation',
    );
    // 4 / 6 = 66,7 %, shown as a percentage
    // night work on the mechanic row: POLY-01's 55 nights (0.5 × 110 < 100), under the threshold
    expect(parseLines(csv)[1]).toBe('Mécanicien;6;0;0\u202f%;non exposé mais prévention à mettre en place;4;66,7\u202f%;exposé;0;0\u202f%;non exposé mais prévention à mettre en place;0;0\u202f%;non exposé');
    expect(parseLines(csv).at(-1)).toBe('Total entreprise (chaque salarié compté une fois);8;0;0\u202f%;non exposé mais prévention à mettre en place;4;50\u202f%;exposé;1;12,5\u202f%;exposé;1;12,5\u202f%;exposé');
    expect(parseLines(duerCsv(m, { variant: 'codes' }))[1]).toBe('mecanicien;Mécanicien;6;0;0;prevention;4;0,6667;exposed;0;0;prevention;0;0;none');
  });
});

describe('the company file', () => {
  const evaluation = evaluateCompanySync(INPUTS, staff);
  const company = {
    id: 'c1',
    profile: { name: 'Garage Exemple SARL', siret: '73282932000074', headcount: 12, extendedBranchAgreement: false },
    referentialKey: 'exemple-atelier@1.0.0',
    year: 2024,
    answers: { 'q-activite': 'atelier' },
    measures: [{ measure: 'm-bruit-80', since: '2024-09-01' }],
    step: 'results',
    updatedAt: '2025-01-15T10:00:00.000Z',
  };
  const file = buildCompanyFile(
    company,
    [{ key: 'c1@2024', companyId: 'c1', year: 2024, employees: staff, source: { file: 'salaries.csv', importedAt: '2025-01-15T10:00:00.000Z' }, updatedAt: 'x' }],
    [{ key: 'c1@2024', companyId: 'c1', year: 2024, referentialKey: 'exemple-atelier@1.0.0', contentHash: contentHash(sample), results: evaluation, evaluatedAt: '2025-01-15T10:01:00.000Z' }],
    { key: 'exemple-atelier@1.0.0', id: 'exemple-atelier', version: '1.0.0', contentHash: contentHash(sample) },
    '2025-01-16T08:00:00.000Z',
  );

  it('round-trips through its JSON text, validated', () => {
    const text = companyFileText(file);
    const back = loadCompanyFileText(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value).toEqual(file);
    expect(back.value.formatVersion).toBe(1);
    const records = recordsFromCompanyFile(back.value, 'c2', 'now');
    expect(records.company).toEqual({ ...company, id: 'c2', updatedAt: 'now' });
    expect(records.staff[0]).toMatchObject({ key: 'c2@2024', companyId: 'c2', employees: staff });
    expect(records.evaluations[0]).toMatchObject({ key: 'c2@2024', companyId: 'c2', results: evaluation });
  });

  it('refuses, with located French issues, a file that is not one, a newer one, or a broken one', () => {
    const bad = (doc: unknown) => {
      const r = loadCompanyFileText(typeof doc === 'string' ? doc : JSON.stringify(doc));
      return r.ok ? [] : r.issues;
    };
    expect(bad('{ "formatVersion": 1,')[0]?.code).toMatch(/^json\./);
    expect(bad({ ...file, formatVersion: 2 })).toEqual([expect.objectContaining({ code: 'format.version_newer', path: '$.formatVersion' })]);
    expect(bad({ ...file, kind: 'autre' })[0]).toMatchObject({ path: '$.kind' });
    const broken = structuredClone(file) as { staff: Array<{ employees: Array<{ annualHours: unknown }> }>; company: { profile: { siret: string } } };
    broken.staff[0]!.employees[1]!.annualHours = 'mi-temps';
    broken.company.profile.siret = '123';
    const paths = bad(broken).map((i) => i.path);
    expect(paths).toContain('$.staff[0].employees[1].annualHours');
    expect(paths).toContain('$.company.profile.siret');
  });

  it('has a migration ledger entry point (empty: only format 1 exists)', () => {
    expect(COMPANY_FILE_MIGRATIONS).toEqual({});
    expect(loadCompanyFileText(JSON.stringify({ ...file, formatVersion: 0 })).ok).toBe(false);
  });
});

describe('what-if comparison', () => {
  it('the noise measure in place all year: MEC-01 1 231.2 h exposed → 273.6 h not exposed, 4 → 0 points', () => {
    // By hand: engines 7 h × 228 d × 60 % = 957.6 h at 85 dB(A), bodywork 3 h × 228 d × 40 % = 273.6 h at 82 dB(A).
    // With the measure, engines are at 79 dB(A) < 81: only the 273.6 h of bodywork count, < 600 h.
    const before = evaluateCompanySync(INPUTS, staff);
    const measures = measuresWithWhatIf([], { measures: { 'm-bruit-80': true }, shares: {} });
    expect(measures).toEqual([{ measure: 'm-bruit-80' }]);
    const after = evaluateCompanySync({ ...INPUTS, company: { ...INPUTS.company, measures } }, staff);
    const c = compareEvaluations(before, after);
    const mec = c.changes.find((x) => x.employee === 'MEC-01')!;
    expect(mec.flips).toEqual([{ factor: 'noise', before: 'exposed', after: 'not_exposed' }]);
    expect([mec.pointsBefore, mec.pointsAfter]).toEqual([4, 0]);
    expect(mec.exposures[0]!.before).toBeCloseTo(1231.2, 6);
    expect(mec.exposures[0]!.after).toBeCloseTo(273.6, 6);
    expect(c.factors.find((f) => f.factor === 'noise')).toEqual({ factor: 'noise', exposedBefore: 4, exposedAfter: 0, becameExposed: 0, noLongerExposed: 4 });
    // Points: 4 (MEC-01) + 4 (MEC-02) + 4 (NUIT-01) + 4 (NUIT-02) + 2 (CDD-01) + 8 (SEN-01) = 26 before;
    // the four noise exposures go: 26 − (4 + 4 + 2 + 8) = 8 after.
    expect([c.pointsBefore, c.pointsAfter]).toEqual([26, 8]);
    // The rows the results table marks, by position in the second list: the four noise exposures lost,
    // and the two whose noise hours fell without a verdict changing (MEC-03 at 40 %: 492.48 → 109.44 h;
    // POLY-01: 478.8 h → 0.5 × 0.7 × 684 = 239.4 h, the engines no longer counting).
    const marked = after.summaries.filter((_, i) => c.changedAt[i] === 1).map((s) => s.employee);
    expect(marked).toEqual(['MEC-01', 'MEC-02', 'MEC-03', 'POLY-01', 'CDD-01', 'SEN-01']);
    expect(marked).toEqual(c.changes.map((x) => x.employee));
  });

  it('an unticked measure and a share change; employees only on one side are added or removed', () => {
    expect(measuresWithWhatIf([{ measure: 'm-bruit-80', since: '2020-01-01' }], { measures: { 'm-bruit-80': false }, shares: {} })).toEqual([]);
    const poly = staff.find((e) => e.id === 'POLY-01')!;
    expect(employeeWithShares(poly, { mecanicien: 100, 'agent-nuit': 0 }).jobs).toEqual([{ job: 'mecanicien', share: 100, tasks: poly.jobs[0]!.tasks }]);
    const before = evaluateCompanySync(INPUTS, staff.slice(0, 2));
    const after = evaluateCompanySync(INPUTS, staff.slice(1, 3));
    expect(compareEvaluations(before, after).changes.map((c) => [c.employee, c.status])).toEqual([
      ['MEC-01', 'removed'],
      ['MEC-03', 'added'],
    ]);
    // In the second list (MEC-02, MEC-03): only the added one is marked; the removed one has no row there.
    expect([...compareEvaluations(before, after).changedAt]).toEqual([0, 1]);
  });
});

describe('the profile', () => {
  it('SIRET: 14 digits and a Luhn key; La Poste’s own rule', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    // La Poste (SIREN 356 000 000): digit sum a multiple of 5. 3+5+6+0+…+0+4+8 = 26 no; 3+5+6+4+7 = 25 yes.
    expect(isValidSiret('35600000000048')).toBe(false);
    expect(isValidSiret('35600000000047')).toBe(true);
  });

  it('reads the draft field by field with French messages', () => {
    const draft = { name: ' Garage ', siret: '732 829 320 00074', headcount: '120', inGroup: true, groupHeadcount: '80', extendedBranchAgreement: false, claimsIndex: '0,32' };
    const r = readProfileDraft(draft);
    expect(r.profile).toBeUndefined();
    expect(r.issues).toEqual([{ field: 'groupHeadcount', message: 'Le groupe compte au moins les 120 salariés de l’entreprise.' }]);
    expect(readProfileDraft({ ...draft, groupHeadcount: '400' }).profile).toEqual({
      name: 'Garage',
      siret: '73282932000074',
      headcount: 120,
      groupHeadcount: 400,
      extendedBranchAgreement: false,
      claimsIndex: 0.32,
    });
    expect(readProfileDraft({ ...draft, name: '', siret: '12345678901234', headcount: 'douze', claimsIndex: 'x', inGroup: false }).issues.map((i) => i.field)).toEqual([
      'name',
      'siret',
      'headcount',
      'claimsIndex',
    ]);
  });
});
