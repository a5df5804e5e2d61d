import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, loadReferential, type ArithmeticStep, type EmployeeResult, type FactorCode } from '../src/core/index.ts';
import { absenceText, arithmeticText, contributionArithmetic, derivedText, pointsLines, pointsStepText } from '../src/present/evaluation.ts';

/*
 * The evaluator's explanation in French (src/present/evaluation.ts): the core hands over steps with
 * figures, units and ids; this is the only place that writes them, with the one number formatter —
 * decimal comma, narrow no-break space (U+202F) between thousands and before %, plurals from 2.
 */

const NNBSP = '\u202f';
const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')));
if (!loaded.ok) throw new Error('sample does not load');
const sample = loaded.value;

describe('a contribution’s arithmetic', () => {
  it('French figures and units: 7 h/jour × 228 = 1 596 h/an; × 60 % × 1 = 957,6 h/an', () => {
    const steps: ArithmeticStep[] = [
      { kind: 'full_time', stated: { value: 7, unit: 'h/day' }, value: 1596, unit: 'h/year' },
      { kind: 'share', of: 'job', percent: 100 },
      { kind: 'share', of: 'task', percent: 60 },
      { kind: 'working_time', ratio: 1 },
      { kind: 'result', value: 957.6, unit: 'h/year' },
    ];
    expect(arithmeticText(steps, '2023-09-01')).toBe(`7 h/jour = 1${NNBSP}596 h/an à temps plein ; × 100${NNBSP}% (poste) × 60${NNBSP}% (tâche) × 1 (temps de travail) = 957,6 h/an`);
  });

  it('up to four decimals, the deduction of nights (plural), the part of the year in French dates, the presence', () => {
    const steps: ArithmeticStep[] = [
      { kind: 'full_time', stated: { value: 150, unit: 'nights/year' }, value: 150, unit: 'nights/year' },
      { kind: 'night_deduction', nights: 75 },
      { kind: 'share', of: 'job', percent: 100 / 3 },
      { kind: 'share', of: 'task', percent: 100 },
      { kind: 'period', fraction: 244 / 366, from: '2024-01-01', to: '2024-08-31' },
      { kind: 'working_time', ratio: 0.5 },
      { kind: 'presence', ratio: 184 / 366 },
      { kind: 'result', value: 1234.56789, unit: 'nights/year' },
    ];
    expect(arithmeticText(steps, '2023-09-01')).toBe(
      `150 nuits/an = 150 nuits/an à temps plein − 75 nuits déjà comptées en équipes alternantes ; × 33,3333${NNBSP}% (poste) × 100${NNBSP}% (tâche) × 0,6667 (part de l’année du 01/01/2024 au 31/08/2024) × 0,5 (temps de travail) × 0,5027 (présence hors absences longues) = 1${NNBSP}234,5679 nuits/an`,
    );
    expect(arithmeticText([{ kind: 'full_time', stated: { value: 1, unit: 'nights/year' }, value: 1, unit: 'nights/year' }, { kind: 'night_deduction', nights: 1 }], '2023-09-01')).toBe('1 nuits/an = 1 nuits/an à temps plein − 1 nuit déjà comptée en équipes alternantes');
  });

  it('an intensity under the threshold names the test of the regulation version, and counts nothing', () => {
    const steps: ArithmeticStep[] = [{ kind: 'full_time', stated: { value: 7, unit: 'h/day' }, value: 1596, unit: 'h/year' }, { kind: 'intensity_not_met', factor: 'noise', criterion: 'daily_level' }];
    expect(arithmeticText(steps, '2023-09-01')).toMatch(new RegExp(`^7 h/jour = 1${NNBSP}596 h/an à temps plein ; intensité sous le seuil \\(.*81.*\\) : non compté$`));
    expect(arithmeticText([{ kind: 'grid' }, { kind: 'intensity_not_met', factor: 'noise', criterion: 'inconnu' }], '2023-09-01')).toBe('grille de l’arrêté ; intensité sous le seuil (inconnu) : non compté');
  });

  it('repetitive work: the derived quantity, each of the three ways', () => {
    expect(derivedText({ quantity: 'actions_per_cycle', value: 15, actionsPerMinute: 45, cycleTime: 20 })).toBe('45 actions/min × 20 s ÷ 60 = 15 actions par cycle');
    expect(derivedText({ quantity: 'actions_per_minute', value: 30, actionsPerCycle: 20, cycleTime: 40 })).toBe('20 actions × 60 ÷ 40 s = 30 actions/min');
    expect(derivedText({ quantity: 'cycle_time', value: 22.5, actionsPerCycle: 15, actionsPerMinute: 40 })).toBe('15 actions × 60 ÷ 40 actions/min = 22,5 s de cycle');
    expect(derivedText({ quantity: 'actions_per_cycle', value: 1, actionsPerMinute: 3, cycleTime: 20 })).toBe('3 actions/min × 20 s ÷ 60 = 1 action par cycle');
  });

  it('the sample mechanic: every contribution written in French figures (957,6 h/an, never 957.6)', () => {
    const result = createEvaluator(sample, { answers: { 'q-activite': 'atelier' }, measures: [] }, { year: 2024, trace: true }).evaluate({ id: 'M', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] });
    const texts = result.trace!.map((c) => contributionArithmetic(result, c));
    // Engines: 7 h/day × 228 days = 1 596 h at full time, × 60 % of the job's time = 957.6 h (85 dB(A)).
    expect(texts).toContain(`7 h/jour = 1${NNBSP}596 h/an à temps plein ; × 100${NNBSP}% (poste) × 60${NNBSP}% (tâche) × 1 (temps de travail) = 957,6 h/an`);
    for (const t of texts) expect(t).not.toMatch(/\d\.\d|undefined|NaN|\[object/);
  });
});

describe('how the points were counted', () => {
  const label = (code: FactorCode) => ({ awkward_postures: 'Postures pénibles', noise: 'Bruit' })[code as string] ?? code;
  it('one line per step, plurals from 2, French dates', () => {
    expect(pointsStepText({ kind: 'factor_periods', factor: 'awkward_postures', periods: 4, from: '2017-01-01', notEarning: 1 }, label)).toBe(
      'Postures pénibles : 4 périodes complètes de trois mois d’exposition à partir du 01/01/2017, dont 1 sans point (le facteur n’ouvrait plus de droits à la fin de la période)',
    );
    expect(pointsStepText({ kind: 'factor_periods', factor: 'noise', periods: 1, from: '2024-10-01', notEarning: 0 }, label)).toBe('Bruit : 1 période complète de trois mois d’exposition à partir du 01/10/2024');
    expect(pointsStepText({ kind: 'factor_no_period', factor: 'noise' }, label)).toBe('Bruit : moins de trois mois d’exposition dans l’année');
    expect(pointsStepText({ kind: 'former_rule', several: 3, single: 1 }, label)).toBe('Règle antérieure au 1er septembre 2023 : 3 périodes à plusieurs facteurs × 2 points + 1 période à un facteur × 1 point');
    expect(pointsStepText({ kind: 'per_factor_rule', periods: 8 }, label)).toBe('Règle à partir du 1er septembre 2023 : 8 périodes par facteur × 1 point');
    expect(pointsStepText({ kind: 'leftover_months', months: 2 }, label)).toBe('2 mois hors période complète de trois mois : aucun point');
    expect(pointsStepText({ kind: 'short_contract' }, label)).toBe('Contrat de moins d’un mois : aucune déclaration, aucun point');
    expect(pointsStepText({ kind: 'doubled' }, label)).toBe('Né(e) avant le 1er juillet 1956 : points doublés');
  });
  it('the factor’s label comes from the result', () => {
    const result = { factors: [{ factor: 'noise', label: 'Bruit' }], points: { detail: [{ kind: 'factor_no_period', factor: 'noise' }] } } as unknown as EmployeeResult;
    expect(pointsLines(result)).toEqual(['Bruit : moins de trois mois d’exposition dans l’année']);
  });
});

describe('long absences', () => {
  it('the periods, the re-assessment over days of presence, the rule and the factors under their threshold', () => {
    const result = { factors: [{ factor: 'night_work', label: 'Travail de nuit' }] } as unknown as EmployeeResult;
    const absence = { contractDays: 366, absentDays: 182, presence: 184 / 366, periods: [{ from: '2024-01-01', to: '2024-06-30', days: 182, reason: 'long_sick_leave' as const }], changed: ['night_work' as const] };
    expect(absenceText({ factors: result.factors, absence })).toBe(
      'Absence longue remettant manifestement en cause l’exposition (instruction DGT-DSS n° 1 du 13 mars 2015) : arrêt maladie de longue durée du 01/01/2024 au 30/06/2024 (182 jours). Exposition réelle de l’année = exposition du poste × 184 jours de présence / 366 jours du contrat dans l’année, comparée au seuil annuel inchangé. L’absence fait passer sous le seuil : Travail de nuit — non déclaré pour l’année.',
    );
    const oneDay = { ...absence, absentDays: 1, periods: [{ ...absence.periods[0]!, to: '2024-01-01', days: 1 }], changed: [] };
    expect(absenceText({ factors: result.factors, absence: oneDay })).toMatch(/\(1 jour\)\. .* 365 jours de présence .* Aucun facteur ne passe sous son seuil du fait de l’absence\.$/);
  });
});
