import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { actionPlanDraft, createEvaluator, loadReferential, type Referential } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { LogigrammeDb } from '../src/storage/index.ts';
import { exportBackup, importBackup } from '../src/storage/backup.ts';
import { actionPlanMachine } from '../src/ui/company/actionPlanMachine.ts';
import { planMarkdown } from '../src/ui/company/actionPlanExport.ts';
import { buildCompanyFile, companyFileText, loadCompanyFileText, recordsFromCompanyFile } from '../src/ui/company/companyFile.ts';
import { agencySheetCsv, agencySheets, channelText, companyDeclarationLines, correctionCsv, correctionSince } from '../src/ui/company/declarationFiles.ts';
import { evaluateCompanySync, type CompanyInputs } from '../src/ui/company/evaluation.ts';
import { declarationCsv } from '../src/ui/company/exports.ts';
import { presumptionFor } from '../src/ui/company/homologation.ts';
import { companyObligation } from '../src/ui/company/obligation.ts';
import { createCompany, exportCompany, importCompany, listDeclarations, saveDeclaration } from '../src/ui/company/storage.ts';
import { issueMessage } from '../src/present/issues.ts';
import { planFromDraft } from '../src/present/obligation.ts';

/*
 * The company side of issue 9 (law round 2): the declaration without the temporary workers, the
 * agencies' exposure sheets, the code 99 correction from the declaration stored when filed, the
 * presumption of good faith for the year evaluated, the declaration channel, the obligation's share and
 * the agreement / action plan statechart. Figures worked out by hand on the sample referential and
 * examples/salaries-absences-interim.csv.
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferential(JSON.parse(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8')));
if (!loaded.ok) throw new Error('sample does not load');
const sample: Referential = loaded.value;
const staff = parseStaffCsv(readFileSync(join(ROOT, 'examples', 'salaries-absences-interim.csv'), 'utf8'), sample).employees;
const INPUTS: CompanyInputs = { referential: sample, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 };
const evaluation = evaluateCompanySync(INPUTS, staff);
const csvLines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

describe('the year as evaluated: absences, temporary workers, channel', () => {
  it('re-assesses NUIT-01 on the days present: 110 nights × 275/366 = 82,65 < 100 → not declared', () => {
    // Absent 01/01–31/03/2024: 31 + 29 + 31 = 91 days of 366; present 275 days.
    const nuit = evaluation.summaries.find((s) => s.employee === 'NUIT-01')!;
    expect(nuit.absence).toMatchObject({ contractDays: 366, absentDays: 91, changed: ['night_work'] });
    expect(nuit.absence!.presence).toBeCloseTo(275 / 366, 12);
    expect(nuit.factors.find((f) => f.factor === 'night_work')!.exposure).toBeCloseTo((110 * 275) / 366, 6);
    expect(nuit.declared).toEqual([]);
  });

  it('leaves the temporary worker out of the company declaration, its totals and the obligation share', () => {
    // MEC-01 and MEC-04 declared 07 (noise); INT-01 (Intérim Nord) also exposed, declared by the agency.
    expect(companyDeclarationLines(staff, evaluation).map((l) => `${l.employee}:${l.code}`)).toEqual(['MEC-01:07', 'MEC-04:07']);
    expect(csvLines(declarationCsv(staff, evaluation)).some((l) => l.startsWith('INT-01;'))).toBe(false);
    expect(evaluation.totals).toMatchObject({ employees: 4, evaluated: 3, temporaryWorkers: 1, exposedDeclared: 2 });
    // 80 employees, 2 declared exposed by the company: 2 / 80 = 2,5 % < 25 % (D4162-1), INT-01 not counted.
    const { assessment, declared } = companyObligation({ name: 'x', headcount: 80 }, evaluation);
    expect(declared).toBe(2);
    expect(assessment.exposedShare).toBe(0.025);
    expect(assessment.outcome).toBe('not_triggered');
    // …but an AT/MP claims index of 0,31 > 0,25 triggers it (D4162-1 2°); 0,25 exactly does not.
    expect(companyObligation({ name: 'x', headcount: 80, claimsIndex: 0.31 }, evaluation).assessment.outcome).toBe('applies');
    expect(companyObligation({ name: 'x', headcount: 80, claimsIndex: 0.25 }, evaluation).assessment.outcome).toBe('not_triggered');
  });

  it('writes the agency its sheet: the worker, the mission, the factor with exposure against threshold, the presumption', () => {
    const sheets = agencySheets(staff, evaluation);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatchObject({ agency: 'Intérim Nord', agencySiret: '12345678900011', year: 2024, channel: 'dsn' });
    expect(sheets[0]!.workers.map((w) => [w.employee, w.mission, w.factors.map((f) => f.code)])).toEqual([['INT-01', 'MIS-2024-031', ['07']]]);
    const presumption = presumptionFor(sample, 'draft', [], 2024);
    const lines = csvLines(agencySheetCsv(sheets[0]!, staff, { company: 'Garage', referential: 'exemple', presumption }));
    // Engines 7 h × 228 days × 60 % = 957,6 h + bodywork 3 h × 228 × 40 % = 273,6 h: 1 231,2 h ≥ 600 h; 2 points (Feb–Jul: two quarters).
    expect(lines).toContain('Intérim Nord;12345678900011;INT-01;MIS-2024-031;01/02/2024;31/07/2024;Bruit;07;1231,2;600;h/an;2');
    expect(lines.some((l) => l.includes('Référentiel non homologué'))).toBe(true);
  });

  it('names the channel of the year: DADS for 2016 exposures, DSN for 2017 on', () => {
    expect(channelText('dads', 2016)).toContain('DADS');
    expect(channelText('dads', 2016)).toContain('pas dans la DSN');
    expect(channelText('dsn', 2017)).toContain('DSN, bloc S21.G00.34');
    expect(evaluateCompanySync({ ...INPUTS, year: 2016 }, []).year).toBe(2016);
  });
});

describe('corrections against the declaration stored when filed', () => {
  it('a measure put in place cancels noise for MEC-01 and MEC-04: 99 per contract, nothing redeclared', () => {
    const filed = companyDeclarationLines(staff, evaluation);
    // « Bruit ramené sous 80 dB(A) » all year: only the 273,6 h of bodywork count, < 600 h.
    const after = evaluateCompanySync({ ...INPUTS, company: { ...INPUTS.company, measures: [{ measure: 'm-bruit-80' }] } }, staff);
    const correction = correctionSince(filed, staff, after);
    expect(correction.lines.map((l) => `${l.employee}:${l.code}:${l.kind}`)).toEqual(['MEC-01:99:cancellation', 'MEC-04:99:cancellation']);
    expect(correction.withdrawn.map((l) => l.factor)).toEqual(['noise', 'noise']);
    const lines = csvLines(correctionCsv(correction, after, '2025-01-05'));
    expect(lines[0]).toBe('Matricule;N° de contrat;Code DSN (S21.G00.34.001);Facteur de risques;Année (S21.G00.34.003);Nature de la ligne');
    expect(lines[1]).toBe('MEC-01;CDI-0001;99;;2024;annulation des facteurs déclarés (code 99)');
    expect(lines).toContain('MEC-04;CDI-0008;07;Bruit;2024;retiré : déclaré le 05/01/2025, plus dû');
    expect(lines).toContain('Total : 2 lignes à transmettre, dont 2 annulations;;;;2024;');
  });

  it('the same results give no correction; an added factor alone gives only the new line', () => {
    const filed = companyDeclarationLines(staff, evaluation);
    expect(correctionSince(filed, staff, evaluation)).toEqual({ lines: [], withdrawn: [], unchanged: 2 });
    const correction = correctionSince(filed.slice(0, 1), staff, evaluation);
    expect(correction.lines).toEqual([{ employee: 'MEC-04', contract: 'CDI-0008', year: 2024, code: '07', factor: 'noise', kind: 'new' }]);
  });

  it('stores each declaration filed, lists them oldest first, and carries them in the company file', async () => {
    const db = new LogigrammeDb(`law-${Math.random()}`);
    const company = await createCompany(db, 'Garage', 2024, '2025-01-01T00:00:00.000Z');
    const lines = companyDeclarationLines(staff, evaluation);
    await saveDeclaration(db, company.id, { year: 2024, declaredAt: '2025-01-10T09:00:00.000Z', channel: 'dsn', kind: 'declaration', lines, contentHash: 'h' });
    await saveDeclaration(db, company.id, { year: 2024, declaredAt: '2025-01-05T09:00:00.000Z', channel: 'dsn', kind: 'declaration', lines: lines.slice(0, 1), contentHash: 'h' });
    expect((await listDeclarations(db, company.id, 2024)).map((d) => d.lines.length)).toEqual([1, 2]);
    const file = (await exportCompany(db, company.id, '2025-02-01T00:00:00.000Z'))!;
    expect(file.declarations).toHaveLength(2);
    const read = loadCompanyFileText(companyFileText(file));
    expect(read.ok).toBe(true);
    const id = await importCompany(db, read.ok ? read.value : file);
    expect((await listDeclarations(db, id, 2024)).map((d) => d.declaredAt)).toEqual(['2025-01-05T09:00:00.000Z', '2025-01-10T09:00:00.000Z']);
    // The one-file backup of the browser carries them too (4 records: 2 companies × 2 declarations).
    const backup = await exportBackup(db);
    expect(backup.counts.declarations).toBe(4);
    const target = new LogigrammeDb(`law-restore-${Math.random()}`);
    expect(await importBackup(target, backup.text)).toMatchObject({ ok: true, counts: { declarations: 4, actionPlans: 0 } });
    expect((await listDeclarations(target, id, 2024)).map((d) => d.lines.length)).toEqual([1, 2]);
    // A declaration whose key does not follow its fields is refused with its path, and nothing changes.
    const broken = JSON.parse(backup.text) as { tables: { declarations: Array<{ key: string }> } };
    broken.tables.declarations[0]!.key = 'x';
    const refused = await importBackup(target, JSON.stringify(broken));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]!.path).toBe('$.tables.declarations[0].key');
    expect(await target.declarations.count()).toBe(4);
    target.close();
    db.close();
  });

  it('refuses a company file whose stored declaration has a malformed code, with its path', () => {
    const file = buildCompanyFile({ id: 'c', profile: { name: 'x' }, year: 2024, answers: {}, measures: [], updatedAt: '' }, [], [], undefined, '2025-01-01', {
      declarations: [{ key: 'k', companyId: 'c', year: 2024, declaredAt: 'x', channel: 'dsn', kind: 'declaration', lines: [{ employee: 'A', year: 2024, code: '7' }], contentHash: 'h' }],
    });
    const read = loadCompanyFileText(companyFileText(file));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(issueMessage(read.issues[0]!)).toContain('Code DSN à deux chiffres attendu');
    expect(recordsFromCompanyFile({ ...file, declarations: [] }, 'n', '').declarations).toEqual([]);
  });
});

describe('the presumption of good faith for the year evaluated (L4163-2 II and IV)', () => {
  const homologated = (arreteDate: string, status = 'homologated'): Referential => ({ ...sample, identity: { ...sample.identity, status: status as Referential['identity']['status'], homologation: { arreteDate, arreteReference: 'Arrêté' } } });

  it('a draft referential never gives it; an arrêté of 30/11/2016 gives it for 2025, not for 2026', () => {
    expect(presumptionFor(sample, 'draft', [], 2024)).toMatchObject({ applies: false, reason: 'never_homologated' });
    // Décret 2025-277 art. 2: deemed homologated until 27/03/2026; the 2026 declaration is dated 31/12/2026.
    expect(presumptionFor(homologated('2016-11-30'), 'homologated', [], 2025)).toMatchObject({ applies: true });
    expect(presumptionFor(homologated('2016-11-30'), 'homologated', [], 2026)).toMatchObject({ applies: false, reason: 'expired' });
  });

  it('the stored log ends it: expired on 2024-06-01, the 2024 declaration (31/12) is not covered, 2023 is', () => {
    const log = [{ status: 'homologated', at: '2019-06-01T10:00:00Z' }, { status: 'expired', at: '2024-06-01T10:00:00Z' }];
    expect(presumptionFor(homologated('2019-06-01'), 'expired', log, 2024)).toMatchObject({ applies: false, reason: 'expired' });
    expect(presumptionFor(homologated('2019-06-01'), 'expired', log, 2023)).toMatchObject({ applies: true });
    // A document claiming an arrêté while stored as a draft gives nothing.
    expect(presumptionFor(homologated('2019-06-01', 'draft'), 'draft', [], 2023)).toMatchObject({ applies: false, reason: 'never_homologated' });
  });
});

describe('the agreement / action plan statechart', () => {
  const results = createEvaluator(sample, INPUTS.company, { year: 2024 }).evaluateStaff(staff);
  const draft = () => planFromDraft(actionPlanDraft({ referential: sample, staff: results, employees: staff, year: 2024, start: '2025-01-01', kind: 'action_plan' }));

  it('refuses a theme choice that breaks D4162-3 and keeps the former themes', () => {
    const actor = createActor(actionPlanMachine, { input: {} }).start();
    expect(actor.getSnapshot().value).toBe('none');
    actor.send({ type: 'CREATE', plan: draft() });
    const before = actor.getSnapshot().context.plan!.themes.map((t) => t.theme);
    // One theme of the 1° (two required from 2019) and three of the 2°.
    actor.send({ type: 'THEMES', themes: ['exposure_reduction', 'working_conditions', 'skills', 'end_of_career'] });
    expect(actor.getSnapshot().context.themeRefusals.map((i) => i.code)).toEqual(['plan.group1_too_few']);
    expect(actor.getSnapshot().context.plan!.themes.map((t) => t.theme)).toEqual(before);
    actor.send({ type: 'THEMES', themes: ['exposure_reduction', 'workstation_adaptation', 'working_conditions', 'skills'] });
    expect(actor.getSnapshot().context.themeRefusals).toEqual([]);
    expect(actor.getSnapshot().context.plan!.themes.map((t) => t.theme)).toEqual(['exposure_reduction', 'workstation_adaptation', 'working_conditions', 'skills']);
  });

  it('goes draft → consulted → filed only through the core rules, and says why it refuses', () => {
    const actor = createActor(actionPlanMachine, { input: { plan: draft() } }).start();
    expect(actor.getSnapshot().value).toBe('draft');
    // Union delegates and no record of disagreement: the action plan cannot go to the CSE (L4162-2).
    actor.send({ type: 'COMMAND', command: { type: 'cse.consult', date: '2025-02-01', opinion: 'favourable' } });
    expect(actor.getSnapshot().value).toBe('draft');
    expect(actor.getSnapshot().context.refusals.map((r) => r.code)).toEqual(['plan.disagreement_record_missing']);
    actor.send({ type: 'COMMAND', command: { type: 'disagreement.record', date: '2025-01-20' } });
    actor.send({ type: 'COMMAND', command: { type: 'cse.consult', date: '2025-02-01', opinion: 'favourable' } });
    expect(actor.getSnapshot().value).toBe('consulted');
    // Targets not yet quantified: the filing is refused as invalid, the plan stays consulted.
    actor.send({ type: 'COMMAND', command: { type: 'file', date: '2025-02-10' } });
    expect(actor.getSnapshot().value).toBe('consulted');
    expect(actor.getSnapshot().context.refusals.map((r) => r.code)).toEqual(['plan.invalid']);
    actor.send({ type: 'COMMAND', command: { type: 'reopen' } });
    const plan = actor.getSnapshot().context.plan!;
    plan.themes.forEach((t, i) => t.objectives.forEach((_, k) => actor.send({ type: 'OBJECTIVE', theme: i, objective: k, target: 0, indicator: 'Salariés exposés, chaque année' })));
    actor.send({ type: 'POINT_USE', training: 'Abondement des formations', partTime: 'Temps partiel de fin de carrière' });
    actor.send({ type: 'COMMAND', command: { type: 'cse.consult', date: '2025-02-01', opinion: 'favourable' } });
    actor.send({ type: 'COMMAND', command: { type: 'file', date: '2025-02-10', reference: 'DREETS-2025-1' } });
    expect(actor.getSnapshot().value).toBe('filed');
    expect(actor.getSnapshot().context.plan!.filing).toEqual({ date: '2025-02-10', authority: 'DREETS', reference: 'DREETS-2025-1' });
    // Editing a filed plan is not an event of that state: nothing changes.
    actor.send({ type: 'THEMES', themes: [] });
    expect(actor.getSnapshot().context.plan!.themes).toHaveLength(4);
  });

  it('prints as Markdown with the diagnosis, the escaped texts and the penalty: 1 % of 2 400 000 € = 24 000 €', () => {
    const plan = draft();
    plan.themes[0]!.measures = ['<script>x</script> capots [insonorisants](javascript:x)'];
    const md = planMarkdown(plan, 'Garage <b>', { remuneration: 2_400_000, months: 8 });
    expect(md).toContain('Garage &lt;b&gt;');
    expect(md).toContain('&lt;script&gt;x&lt;/script&gt; capots \\[insonorisants\\]\\(javascript\\:x\\)');
    expect(md).not.toContain('<script>');
    expect(md).toContain('Au plus 24\u202f000 € : 1\u202f% de 2\u202f400\u202f000 € sur 8 mois non couverts.');
    // The diagnosis leaves INT-01 out: 3 employees, 2 declared exposed (MEC-01, MEC-04).
    expect(md).toContain('3 salariés évalués, 2 déclarés exposés, dont 0 à au moins deux facteurs.');
  });
});
