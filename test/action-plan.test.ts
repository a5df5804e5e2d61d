import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosisNotes, penaltyRuleText, planFromDraft, themeName, themeRuleText } from '../src/present/obligation.ts';
import {
  actionPlanDraft,
  applyPlanCommand,
  createEvaluator,
  loadReferentialText,
  penaltyEstimate,
  planLatestEnd,
  THEME_IDS,
  THEME_RULES,
  themeIssues,
  themeRule,
  validateActionPlan,
  type ActionPlan,
  type Employee,
  type ThemeId,
} from '../src/core/index.ts';
import { issueText } from '../src/ui/i18n/fr-plan.ts';

/*
 * After the obligation to negotiate (L4162-1): the agreement or action plan. Themes: D138-27 CSS
 * (2012–2014: 3 of 6, one of exposure reduction / workstation adaptation), D4163-3 (décret 2014-1158,
 * 2015–2018: 1° at least one of poly-exposure reduction / workstation adaptation, 2° at least two), then
 * D4162-3 (décret 2017-1769, from 2019: 1° at least two of three, 2° at least two, and measures for using
 * points, L4163-7 I 1° and 2°). Prior diagnosis, quantified objectives and indicators (D4162-2); record of
 * disagreement then action plan after the CSE's opinion (L4162-2); at most three years, filed with the
 * DREETS (L4162-3); penalty at most 1 % of the remuneration of the employees concerned during the periods
 * not covered (L4162-4 II), rate set by the DREETS (R4162-6). Code du travail on Légifrance:
 * https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050
 */

const rule2019 = themeRule('2025-01-01')!;
const codes = (themes: ThemeId[], date = '2025-01-01') => themeIssues(themes, themeRule(date)!).map((i) => i.code);

describe('themes by the text in force on the start date', () => {
  it('picks the wording by date, at and around each change', () => {
    expect(themeRule('2011-12-31')).toBeUndefined();
    expect(themeRule('2012-01-01')?.id).toBe('d138-27-css');
    expect(themeRule('2014-12-31')?.id).toBe('d138-27-css');
    expect(themeRule('2015-01-01')?.id).toBe('d4163-3-2015');
    expect(themeRule('2018-12-31')?.id).toBe('d4163-3-2015');
    expect(themeRule('2019-01-01')?.id).toBe('d4162-3');
  });
  it('each wording is cited by its article, and the themes by their titles', () => {
    expect(THEME_RULES.map((r) => themeRuleText(r).split(' ').slice(0, 2).join(' '))).toEqual(['article D138-27', 'article D4163-3', 'article D4162-3']);
    expect(themeRuleText(rule2019)).toContain('L4163-7 I 1° et 2°');
    expect(new Set(THEME_IDS.map(themeName)).size).toBe(THEME_IDS.length);
    expect(themeName('skills')).toMatch(/^Développement des compétences/);
    expect(themeName('salaires')).toBe('salaires');
  });
  it('D4162-3: 1°{a, b} + 2°{a, c} is valid (the worked example)', () => {
    expect(codes(['reduction_polyexposure', 'workstation_adaptation', 'working_conditions', 'end_of_career'])).toEqual([]);
  });
  it('D4162-3: 1°{a} + 2°{a, b, c} is refused now (one theme of the 1° short), valid under the 2015 text', () => {
    const themes: ThemeId[] = ['reduction_polyexposure', 'working_conditions', 'skills', 'end_of_career'];
    expect(codes(themes)).toEqual(['plan.group1_too_few']);
    expect(codes(themes, '2016-06-01')).toEqual([]);
    expect(themeIssues(themes, rule2019)[0]!.params).toEqual({ chosen: 1, minimum: 2, rule: 'd4162-3' });
  });
  it('D4162-3: one theme of the 2° short, a repeated theme, a theme of no list', () => {
    expect(codes(['reduction_polyexposure', 'exposure_reduction', 'skills'])).toEqual(['plan.group2_too_few']);
    expect(codes(['reduction_polyexposure', 'exposure_reduction', 'skills', 'skills'])).toEqual(['plan.theme_repeated', 'plan.group2_too_few']);
    const repeated = themeIssues(['reduction_polyexposure', 'exposure_reduction', 'skills', 'skills'], rule2019)[0]!;
    expect(repeated).toEqual({ code: 'plan.theme_repeated', path: 'themes[3].theme', params: { theme: 'skills' } });
    expect(issueText(repeated)).toBe(`Thème « ${themeName('skills')} » choisi deux fois.`);
    expect(codes(['reduction_polyexposure', 'exposure_reduction', 'skills', 'end_of_career', 'salaires' as ThemeId])).toEqual(['plan.theme_unknown']);
  });
  it('2015 text: "reduction of exposures" is not one of its 1° themes; 2012–2014: three of six with one of the first two', () => {
    expect(codes(['exposure_reduction', 'skills', 'end_of_career'], '2016-01-01')).toEqual(['plan.theme_unknown', 'plan.group1_too_few']);
    expect(codes(['exposure_reduction', 'skills', 'end_of_career'], '2013-01-01')).toEqual([]);
    expect(codes(['reduction_polyexposure', 'skills', 'end_of_career'], '2013-01-01')).toEqual(['plan.theme_unknown', 'plan.group1_too_few']);
  });
});

function plan(overrides: Partial<ActionPlan> = {}): ActionPlan {
  return {
    kind: 'action_plan',
    status: 'draft',
    start: '2025-01-01',
    end: '2027-12-31',
    diagnosis: { year: 2024, employees: 120, declaredExposed: 36, polyExposed: 4, byFactor: [], byJob: [], outsideDeclaration: [], particularlyExposed: [], notes: [] },
    themes: (['reduction_polyexposure', 'workstation_adaptation', 'working_conditions', 'end_of_career'] as ThemeId[]).map((theme) => ({
      theme,
      measures: ['Mesure'],
      objectives: [{ text: 'Objectif', baseline: 4, target: 2, unit: 'salariés', indicator: 'Indicateur annuel' }],
    })),
    pointUseMeasures: { training: 'Abondement des formations', partTime: 'Temps partiel de fin de carrière' },
    unionDelegates: true,
    ...overrides,
  };
}

describe('validation of the agreement or plan', () => {
  it('a complete plan has no issue', () => {
    expect(validateActionPlan(plan())).toEqual([]);
  });
  it('three years at most (L4162-3 2°): at, just under and just over', () => {
    expect(planLatestEnd('2025-01-01')).toBe('2027-12-31');
    expect(validateActionPlan(plan({ end: '2027-12-30' }))).toEqual([]);
    expect(validateActionPlan(plan({ end: '2028-01-01' })).map((i) => [i.code, i.path])).toEqual([['plan.duration_too_long', 'end']]);
    expect(validateActionPlan(plan({ end: '2024-12-31' })).map((i) => i.code)).toEqual(['plan.dates_invalid']);
  });
  it('each theme needs a quantified objective with an indicator; the diagnosis; the use of points from 2019', () => {
    const p = plan();
    p.themes[0]!.objectives = [];
    p.themes[1]!.objectives[0] = { text: 'Aménager', unit: 'postes', indicator: '' };
    delete p.diagnosis;
    delete p.pointUseMeasures;
    expect(validateActionPlan(p).map((i) => [i.code, i.path])).toEqual([
      ['plan.diagnosis_missing', 'diagnosis'],
      ['plan.objective_missing', 'themes[0].objectives'],
      ['plan.objective_not_quantified', 'themes[1].objectives[0].target'],
      ['plan.indicator_missing', 'themes[1].objectives[0].indicator'],
      ['plan.point_use_missing', 'pointUseMeasures'],
    ]);
    // before 2019 no measures for using points were required
    const p2015 = plan({ start: '2016-01-01', end: '2018-12-31', themes: plan().themes.filter((t) => t.theme !== 'workstation_adaptation') });
    delete p2015.pointUseMeasures;
    expect(validateActionPlan(p2015)).toEqual([]);
  });
});

describe('status: draft → consulted → filed → expired', () => {
  it('an action plan: record of disagreement, CSE opinion, filing with the DREETS, expiry after its end', () => {
    let p = plan();
    expect(applyPlanCommand(p, { type: 'cse.consult', date: '2024-12-01', opinion: 'favourable' })).toEqual({ ok: false, refusals: [{ code: 'plan.disagreement_record_missing', params: {} }] });
    const steps = [
      { type: 'disagreement.record', date: '2024-11-15' },
      { type: 'cse.consult', date: '2024-12-01', opinion: 'unfavourable' },
      { type: 'file', date: '2024-12-20', reference: 'DREETS-2024-118' },
    ] as const;
    for (const step of steps) {
      const next = applyPlanCommand(p, step);
      if (!next.ok) throw new Error(JSON.stringify(next.refusals));
      p = next.plan;
    }
    expect(p).toMatchObject({ status: 'filed', disagreementRecord: { date: '2024-11-15' }, cseConsultation: { date: '2024-12-01', opinion: 'unfavourable' }, filing: { date: '2024-12-20', authority: 'DREETS', reference: 'DREETS-2024-118' } });
    expect(applyPlanCommand(p, { type: 'expire', today: '2027-12-31' })).toEqual({ ok: false, refusals: [{ code: 'plan.not_expired', params: { end: '2027-12-31' } }] });
    const expired = applyPlanCommand(p, { type: 'expire', today: '2028-01-01' });
    expect(expired.ok && expired.plan.status).toBe('expired');
  });
  it('no union delegates: no record of disagreement needed; an agreement needs its signature to be filed', () => {
    expect(applyPlanCommand(plan({ unionDelegates: false }), { type: 'cse.consult', date: '2024-12-01', opinion: 'none' }).ok).toBe(true);
    const consulted = applyPlanCommand(plan({ kind: 'agreement' }), { type: 'cse.consult', date: '2024-12-01', opinion: 'favourable' });
    if (!consulted.ok) throw new Error('fixture');
    expect(applyPlanCommand(consulted.plan, { type: 'file', date: '2024-12-20' })).toEqual({ ok: false, refusals: [{ code: 'plan.signature_missing', params: {} }] });
    expect(applyPlanCommand(plan({ kind: 'agreement' }), { type: 'disagreement.record', date: '2024-11-15' })).toEqual({ ok: false, refusals: [{ code: 'plan.not_an_action_plan', params: {} }] });
  });
  it('an invalid plan cannot be filed; a consulted plan can be reopened', () => {
    const bad = plan({ status: 'consulted', cseConsultation: { date: '2024-12-01', opinion: 'favourable' }, themes: plan().themes.slice(1) });
    const refused = applyPlanCommand(bad, { type: 'file', date: '2024-12-20' });
    expect(refused).toEqual({ ok: false, refusals: [{ code: 'plan.invalid', params: { count: 1, codes: 'plan.group1_too_few' } }] });
    const reopened = applyPlanCommand(bad, { type: 'reopen' });
    expect(reopened.ok && [reopened.plan.status, reopened.plan.cseConsultation]).toEqual(['draft', undefined]);
    expect(applyPlanCommand(plan(), { type: 'file', date: '2024-12-20' }).ok).toBe(false);
  });
});

describe('the penalty at stake (L4162-4 II, R4162-6)', () => {
  it('8 months uncovered, 2 400 000 € paid to the employees concerned → at most 24 000 € (1 %)', () => {
    expect(penaltyEstimate({ remuneration: 2_400_000, months: 8 })).toMatchObject({ base: 2_400_000, months: 8, maximumRate: 0.01, maximum: 24_000 });
    // the same from a monthly payroll: 300 000 € × 8 = 2 400 000 €
    expect(penaltyEstimate({ monthlyRemuneration: 300_000, months: 8 }).maximum).toBe(24_000);
    expect(penaltyEstimate({ remuneration: 12_345.67 }).maximum).toBe(123.46);
    expect(penaltyEstimate({ remuneration: 0 }).maximum).toBe(0);
    expect(() => penaltyEstimate({ remuneration: -1 })).toThrow(RangeError);
    expect(penaltyEstimate({ remuneration: 1 }).legalBasis).toContain('L4162-4 II');
    expect(penaltyRuleText(penaltyEstimate({ remuneration: 1 }))).toMatch(/^Pénalité d’au plus 1\u202f% des rémunérations .*\(L4162-4 II\)/);
  });
});

describe('a draft from the evaluation', () => {
  const root = join(import.meta.dirname, '..');
  const loaded = loadReferentialText(readFileSync(join(root, 'referentials', 'exemple-atelier.json'), 'utf8'));
  if (!loaded.ok) throw new Error('sample');
  const referential = loaded.value;
  const employees: Employee[] = [
    { id: 'M1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] },
    { id: 'M2', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 50 }, { job: 'agent-nuit', share: 50 }], answers: { 'q-equipes-alternantes': false } },
    { id: 'N1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'agent-nuit', share: 100 }], answers: { 'q-equipes-alternantes': false } },
    { id: 'T1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }], temporary: { agency: 'Intérim Nord' } },
  ];
  const staff = createEvaluator(referential, { answers: { 'q-activite': 'atelier' }, measures: [] }, { year: 2024 }).evaluateStaff(employees);

  it('diagnosis: declared exposures per factor and job, poly-exposure, outside the declaration, temporary workers apart', () => {
    const draft = actionPlanDraft({ referential, staff, employees, year: 2024, start: '2025-01-01' });
    // M1 noise 1231.2 h; M2 noise 615.6 h and night 55 nights (< 100); N1 night 110 nights; T1 apart.
    expect(draft.diagnosis).toMatchObject({ year: 2024, employees: 3, declaredExposed: 3, polyExposed: 0 });
    expect(draft.diagnosis!.byFactor).toEqual([
      { factor: 'noise', label: 'Bruit', exposed: 2 },
      { factor: 'night_work', label: 'Travail de nuit', exposed: 1 },
    ]);
    // by main job: M2 (50 / 50) under the first listed, the mechanic's
    expect(draft.diagnosis!.byJob).toEqual([
      { job: 'mecanicien', label: 'Mécanicien', employees: 2, exposed: { noise: 2 } },
      { job: 'agent-nuit', label: 'Agent de maintenance de nuit', employees: 1, exposed: { night_work: 1 } },
    ]);
    expect(draft.diagnosis!.outsideDeclaration).toEqual([{ factor: 'awkward_postures', label: 'Postures pénibles', employees: 2 }]);
    expect(draft.diagnosis.temporary).toBe(1);
    expect(planFromDraft(draft).diagnosis!.notes).toEqual(['1 intérimaire hors du diagnostic : son exposition est déclarée par l’entreprise de travail temporaire.']);
    expect(diagnosisNotes({ temporary: 2 })).toEqual(['2 intérimaires hors du diagnostic : leur exposition est déclarée par l’entreprise de travail temporaire.']);
    expect(diagnosisNotes({ temporary: 0 })).toEqual([]);
  });
  it('themes meeting the rule of the start date, objectives to quantify, three years', () => {
    const draft = actionPlanDraft({ referential, staff, employees, year: 2024, start: '2025-01-01' });
    expect(draft.themes.map((t) => t.theme)).toEqual(['exposure_reduction', 'workstation_adaptation', 'working_conditions', 'keeping_in_activity']);
    expect(draft.end).toBe('2027-12-31');
    expect(themeIssues(draft.themes.map((t) => t.theme), rule2019)).toEqual([]);
    // Only the targets and the measures for using points are left to the company.
    expect(validateActionPlan(planFromDraft(draft)).map((i) => i.code)).toEqual(['plan.objective_not_quantified', 'plan.objective_not_quantified', 'plan.objective_not_quantified', 'plan.objective_not_quantified', 'plan.point_use_missing']);
    expect(draft.themes[0]!.objectives[0]).toEqual({ theme: 'exposure_reduction', follows: 'declared_exposed', baseline: 3 });
    expect(draft.themes[2]!.objectives[0]).toEqual({ theme: 'working_conditions', follows: 'theme_actions' });
    const worded = planFromDraft(draft).themes;
    expect(worded[0]!.objectives[0]).toMatchObject({ baseline: 3, unit: 'salariés' });
    // A theme's own actions start from the theme's title, as the texts word it.
    expect(worded[2]!.objectives[0]).toMatchObject({ text: themeName('working_conditions'), unit: 'actions' });
    expect(worded[2]!.objectives[0]!.baseline).toBeUndefined();
    const old = actionPlanDraft({ referential, staff, employees, year: 2016, start: '2016-01-01' });
    expect(old.themes.map((t) => t.theme)).toEqual(['workstation_adaptation', 'working_conditions', 'keeping_in_activity']);
    expect(old.pointUseMeasures).toBeUndefined();
  });
});
