import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  EvaluationError,
  findCriterion,
  loadReferential,
  QUANTITY_UNITS,
  regulationById,
  type Exposure,
  type Quantity,
} from '../src/core/index.ts';
import { assessIntensity, intensityValues } from '../src/core/evaluate/intensity.ts';

/*
 * Repetitive work is defined by three linked quantities (D4161-2 as written by décret 2014-1159 of
 * 9 October 2014, then by décret 2015-1888 of 30 December 2015, now D4163-2 of the Code du travail,
 * https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050): a cycle of c seconds holding n
 * technical actions runs at m = n × 60 ÷ c actions per minute. Any two give the third. A criterion
 * whose test needs a quantity the situation neither states nor lets derive is an error — never 0 h.
 */

const e = (intensity: Array<[Quantity, number]>): Pick<Exposure, 'intensity'> => ({
  intensity: intensity.map(([quantity, value]) => ({ quantity, value, unit: QUANTITY_UNITS[quantity] })),
});
const criterion = (version: string, factor: Parameters<typeof findCriterion>[1], code: string) => findCriterion(regulationById(version)!, factor, code)!.criterion;
const rep2016 = criterion('2023-09-01', 'repetitive_work', 'repetitive_movements');
const rep2014 = criterion('2015-01-01', 'repetitive_work', 'repetitive_movements');

describe('intensityValues: the third quantity of repetitive work by arithmetic', () => {
  it('20 s at 45 actions/min → 45 × 20 ÷ 60 = 15 actions per cycle', () => {
    const { values, derived } = intensityValues(e([['cycle_time', 20], ['actions_per_minute', 45]]));
    expect(values.get('actions_per_cycle')).toBe(15);
    expect(derived).toEqual([{ quantity: 'actions_per_cycle', value: 15, actionsPerMinute: 45, cycleTime: 20 }]);
  });
  it('40 s and 20 actions → 20 × 60 ÷ 40 = 30 actions/min', () => {
    expect(intensityValues(e([['cycle_time', 40], ['actions_per_cycle', 20]])).values.get('actions_per_minute')).toBe(30);
  });
  it('15 actions at 45 actions/min → 15 × 60 ÷ 45 = 20 s', () => {
    expect(intensityValues(e([['actions_per_cycle', 15], ['actions_per_minute', 45]])).values.get('cycle_time')).toBe(20);
  });
  it('rounds to a millionth: 30.49 × 60 ÷ 61 = 29.990164', () => {
    expect(intensityValues(e([['cycle_time', 61], ['actions_per_cycle', 30.49]])).values.get('actions_per_minute')).toBe(29.990164);
  });
  it('derives nothing when all three or only one are stated, or from a zero divisor', () => {
    expect(intensityValues(e([['cycle_time', 20], ['actions_per_cycle', 10], ['actions_per_minute', 45]])).derived).toEqual([]);
    expect(intensityValues(e([['cycle_time', 20]])).derived).toEqual([]);
    expect(intensityValues(e([['actions_per_cycle', 10], ['actions_per_minute', 0]])).derived).toEqual([]);
  });
});

describe('assessIntensity: decided, or missing with what would decide it', () => {
  it('2016 text: at, just under and just over 15 actions in a 20 s cycle', () => {
    expect(assessIntensity(rep2016, e([['cycle_time', 20], ['actions_per_minute', 45]])).kind).toBe('met');
    expect(assessIntensity(rep2016, e([['cycle_time', 20], ['actions_per_minute', 44.97]])).kind).toBe('not_met');
    expect(assessIntensity(rep2016, e([['cycle_time', 20], ['actions_per_minute', 45.03]])).kind).toBe('met');
  });
  it('2016 text: a cycle alone is undecidable (≤ 30 s needs the actions, > 30 s the rate)', () => {
    expect(assessIntensity(rep2016, e([['cycle_time', 20]]))).toEqual({ kind: 'missing', quantities: ['actions_per_cycle'] });
    expect(assessIntensity(rep2016, e([['cycle_time', 45]]))).toEqual({ kind: 'missing', quantities: ['actions_per_minute'] });
  });
  it('2016 text: no cycle time is a case of the text ("absence de temps de cycle"), decided on the rate', () => {
    expect(assessIntensity(rep2016, e([['actions_per_minute', 30]])).kind).toBe('met');
    expect(assessIntensity(rep2016, e([['actions_per_minute', 29]])).kind).toBe('not_met');
    expect(assessIntensity(rep2016, e([['actions_per_cycle', 15]]))).toEqual({ kind: 'missing', quantities: ['actions_per_minute'] });
  });
  it('2014 text: a cycle ≤ 60 s decides alone; > 60 s needs the rate; no cycle is not repetitive work ("temps de cycle défini")', () => {
    expect(assessIntensity(rep2014, e([['cycle_time', 60]])).kind).toBe('met');
    expect(assessIntensity(rep2014, e([['cycle_time', 61]]))).toEqual({ kind: 'missing', quantities: ['actions_per_minute'] });
    expect(assessIntensity(rep2014, e([['cycle_time', 61], ['actions_per_cycle', 30.5]])).kind).toBe('met');
    expect(assessIntensity(rep2014, e([['actions_per_minute', 40]])).kind).toBe('not_met');
  });
  it('other factors: a load, an angle, a level that is not stated is missing', () => {
    expect(assessIntensity(criterion('2016-07-01', 'manual_handling', 'lift_carry'), e([]))).toEqual({ kind: 'missing', quantities: ['load'] });
    expect(assessIntensity(criterion('2016-07-01', 'awkward_postures', 'torso_bent'), e([]))).toEqual({ kind: 'missing', quantities: ['angle'] });
    expect(assessIntensity(criterion('2016-07-01', 'awkward_postures', 'squatting_kneeling'), e([])).kind).toBe('met');
    expect(assessIntensity(criterion('2023-09-01', 'extreme_temperatures', 'extreme_temperature'), e([]))).toEqual({ kind: 'missing', quantities: ['temperature'] });
  });
});

function referential(regulation: string, exposures: Exposure[]) {
  return {
    formatVersion: 1,
    id: 'essai',
    identity: { branch: 'Essai', title: 'Essai', version: '1.0.0', status: 'draft', authors: [], created: '2024-01-01' },
    regulation,
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: [], excluded: [] },
    questions: [],
    measures: [],
    jobs: [{ id: 'poste', label: 'Poste', tasks: [{ id: 'tache', label: 'Tâche', defaultShare: 100, entry: 's' }] }],
    nodes: [],
    situations: [{ id: 's', label: 'Situation', exposures }],
  };
}
const x = (factor: Exposure['factor'], criterionCode: string, intensity: Array<[Quantity, number]>): Exposure => ({
  factor,
  criterion: criterionCode,
  ...e(intensity),
  duration: { value: 900, unit: 'h/year' },
  conclusion: 'exposed',
});

describe('located errors, never a silent 0 h', () => {
  it('load: the JSON path of the intensity and the quantity to state', () => {
    const loaded = loadReferential(referential('2023-09-01', [x('repetitive_work', 'repetitive_movements', [['cycle_time', 45]])]));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues).toEqual([
      {
        code: 'ref.intensity_missing',
        path: '$.situations[0].exposures[0].intensity',
        params: { criterion: 'repetitive_movements', factor: 'repetitive_work', quantities: ['actions_per_minute'] },
      },
    ]);
  });
  it('load: a lift without its load', () => {
    const loaded = loadReferential(referential('2016-07-01', [x('manual_handling', 'lift_carry', [])]));
    expect(loaded.ok ? [] : loaded.issues.map((i) => [i.code, i.path])).toEqual([['ref.intensity_missing', '$.situations[0].exposures[0].intensity']]);
  });
  it('evaluation under another version than the target: EvaluationError on the situation', () => {
    const loaded = loadReferential(referential('2015-01-01', [x('repetitive_work', 'repetitive_movements', [['cycle_time', 45]])]));
    if (!loaded.ok) throw new Error('fixture');
    const employee = { id: 'E', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'poste', share: 100 }] };
    // 2015: 45 ≤ 60 → 900 h → exposed.
    expect(createEvaluator(loaded.value, { answers: {}, measures: [] }, { year: 2015 }).evaluate(employee).exposedFactors).toEqual(['repetitive_work']);
    let error: unknown;
    try {
      createEvaluator(loaded.value, { answers: {}, measures: [] }, { year: 2024 }).evaluate(employee);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EvaluationError);
    expect((error as EvaluationError).code).toBe('referential_invalid');
    expect((error as EvaluationError).field).toBe('situations.s');
    expect((error as EvaluationError).employee).toBe('E');
    expect((error as EvaluationError).params).toEqual({ problem: 'unplaced', situation: 's', reason: 'intensity', factor: 'repetitive_work', criterion: 'repetitive_movements', version: '2023-09-01', quantities: ['actions_per_minute'] });
  });
  it('the explanation shows the derivation', () => {
    const loaded = loadReferential(referential('2023-09-01', [x('repetitive_work', 'repetitive_movements', [['cycle_time', 20], ['actions_per_minute', 45]])]));
    if (!loaded.ok) throw new Error('fixture');
    const result = createEvaluator(loaded.value, { answers: {}, measures: [] }, { year: 2024, trace: true }).evaluate({ id: 'E', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'poste', share: 100 }] });
    // The derivation comes first, then the conversion at full time: 45 × 20 ÷ 60 = 15 actions; 900 h/an stated.
    expect(result.trace?.[0]?.arithmetic.slice(0, 2)).toEqual([
      { kind: 'derived', derived: { quantity: 'actions_per_cycle', value: 15, actionsPerMinute: 45, cycleTime: 20 } },
      { kind: 'full_time', stated: { value: 900, unit: 'h/year' }, value: 900, unit: 'h/year' },
    ]);
  });
});
