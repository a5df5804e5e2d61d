import { REFERENTIAL_FORMAT_VERSION, type Employee, type FactorCode, type Referential } from '../src/core/index.ts';

/*
 * The ceiling the general evaluator is compared with: one small fixed referential (4 jobs × 2 tasks,
 * no decision node) and a function written by hand for it alone, with every figure precomputed.
 * test/bench-specialised-agrees.test.ts proves both give the same answers.
 */

const task = (id: string, share: number, entry: string) => ({ id, label: id, defaultShare: share, entry });

export const FIXED_REFERENTIAL: Referential = {
  formatVersion: REFERENTIAL_FORMAT_VERSION,
  id: 'bench-fixed',
  identity: { branch: 'Branche de mesure', title: 'Référentiel fixe', version: '1.0.0', status: 'draft', authors: ['bench'], created: '2026-01-01' },
  regulation: '2023-09-01',
  workingYear: { annualHours: 1607, workingDays: 228 },
  factors: { retained: ['noise', 'awkward_postures', 'night_work', 'alternating_shifts', 'extreme_temperatures'], excluded: [] },
  questions: [],
  measures: [],
  jobs: [
    { id: 'A', label: 'A', tasks: [task('A1', 60, 's-noise'), task('A2', 40, 's-postures')] },
    { id: 'B', label: 'B', tasks: [task('B1', 50, 's-night'), task('B2', 50, 's-none')] },
    { id: 'C', label: 'C', tasks: [task('C1', 70, 's-shifts'), task('C2', 30, 's-noise-low')] },
    { id: 'D', label: 'D', tasks: [task('D1', 50, 's-cold'), task('D2', 50, 's-cold')] },
  ],
  nodes: [],
  situations: [
    { id: 's-noise', label: 'Bruit', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 85, unit: 'dB(A)' }], duration: { value: 7, unit: 'h/day' }, conclusion: 'exposed' }] },
    { id: 's-postures', label: 'Postures', exposures: [{ factor: 'awkward_postures', criterion: 'arms_above_shoulders', intensity: [], duration: { value: 4, unit: 'h/day' }, conclusion: 'exposed' }] },
    { id: 's-night', label: 'Nuit', exposures: [{ factor: 'night_work', criterion: 'night', intensity: [{ quantity: 'night_hours', value: 5, unit: 'h' }], duration: { value: 150, unit: 'nights/year' }, conclusion: 'exposed' }] },
    { id: 's-none', label: 'Rien', exposures: [] },
    {
      id: 's-shifts',
      label: 'Équipes',
      exposures: [
        { factor: 'alternating_shifts', criterion: 'alternating_shift_night', intensity: [{ quantity: 'night_hours', value: 5, unit: 'h' }], duration: { value: 40, unit: 'nights/year' }, conclusion: 'exposed' },
        { factor: 'night_work', criterion: 'night', intensity: [{ quantity: 'night_hours', value: 5, unit: 'h' }], duration: { value: 40, unit: 'nights/year' }, conclusion: 'not_exposed' },
      ],
    },
    { id: 's-noise-low', label: 'Bruit modéré', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 82, unit: 'dB(A)' }], duration: { value: 3, unit: 'h/day' }, conclusion: 'exposed' }] },
    { id: 's-cold', label: 'Froid', exposures: [{ factor: 'extreme_temperatures', criterion: 'extreme_temperature', intensity: [{ quantity: 'temperature', value: 2, unit: '°C' }], duration: { value: 1000, unit: 'h/year' }, conclusion: 'exposed' }] },
  ],
  scenarios: [],
};

// Per task at 100 % time: [noise h, postures h, night nights, shift nights, cold h]. 7 h × 228 days =
// 1596 h; 4 h × 228 = 912 h; 3 h × 228 = 684 h; the 40 shift nights are deducted from night work.
const TASK_VECTORS: Record<string, readonly [number, number, number, number, number]> = {
  A1: [1596, 0, 0, 0, 0],
  A2: [0, 912, 0, 0, 0],
  B1: [0, 0, 150, 0, 0],
  B2: [0, 0, 0, 0, 0],
  C1: [0, 0, 0, 40, 0],
  C2: [684, 0, 0, 0, 0],
  D1: [0, 0, 0, 0, 1000],
  D2: [0, 0, 0, 0, 1000],
};
const DEFAULT_TASKS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  A: [['A1', 60], ['A2', 40]],
  B: [['B1', 50], ['B2', 50]],
  C: [['C1', 70], ['C2', 30]],
  D: [['D1', 50], ['D2', 50]],
};
const THRESHOLDS = [600, 900, 100, 30, 900] as const;
const FACTORS: readonly FactorCode[] = ['noise', 'awkward_postures', 'night_work', 'alternating_shifts', 'extreme_temperatures'];
const EARNS = [true, false, true, true, true] as const;
const DSN = ['07', '02', '08', '09', '06'] as const;

export interface SpecialisedResult {
  employee: string;
  exposures: number[];
  exposedFactors: FactorCode[];
  points: number;
  dsn: string[];
}

/** Year 2024 only (regulation 2023-09-01: 1 point per factor per whole 3-month period). */
export function evaluateFixed(employee: Employee): SpecialisedResult {
  const acc = [0, 0, 0, 0, 0];
  for (const mission of employee.jobs) {
    const tasks = mission.tasks ? mission.tasks.map((t) => [t.task, t.share] as const) : DEFAULT_TASKS[mission.job]!;
    for (const [id, share] of tasks) {
      const w = (mission.share / 100) * (share / 100);
      const v = TASK_VECTORS[id]!;
      for (let i = 0; i < 5; i++) acc[i]! += w * v[i]!;
    }
  }
  const ratio = employee.annualHours / 1607;
  const exposedFactors: FactorCode[] = [];
  const dsn: string[] = [];
  let earning = 0;
  for (let i = 0; i < 5; i++) {
    acc[i] = Math.round(acc[i]! * ratio * 1e6) / 1e6;
    if (acc[i]! >= THRESHOLDS[i]!) {
      exposedFactors.push(FACTORS[i]!);
      if (EARNS[i]) {
        earning++;
        dsn.push(DSN[i]!);
      }
    }
  }
  const start = employee.contract.start && employee.contract.start > '2024-01-01' ? employee.contract.start : '2024-01-01';
  const end = employee.contract.end && employee.contract.end < '2024-12-31' ? employee.contract.end : '2024-12-31';
  const periods = Math.floor(monthsBetween(start, end) / 3);
  const doubled = typeof employee.birth === 'number' ? employee.birth < 1956 : (employee.birth ?? '9999') < '1956-07-01';
  return { employee: employee.id, exposures: acc, exposedFactors, points: periods * earning * (doubled ? 2 : 1), dsn };
}

/**
 * Whole months from start to end inclusive, counted up to the day after the end: 2024-03-15 →
 * 2024-11-30 is 8 months (up to 2024-12-01). Month-end clamping is not handled: the generated
 * contracts never start after the 28th.
 */
function monthsBetween(start: string, end: string): number {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const after = new Date(`${end}T00:00:00Z`);
  after.setUTCDate(after.getUTCDate() + 1);
  const months = (after.getUTCFullYear() - sy) * 12 + (after.getUTCMonth() + 1 - sm);
  return after.getUTCDate() < sd ? months - 1 : months;
}
