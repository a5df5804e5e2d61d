import { REFERENTIAL_FORMAT_VERSION, type CompanyAnswers, type DecisionNode, type Employee, type Exposure, type Referential } from '../../src/core/index.ts';
import { prng } from '../../bench/generate.ts';

/*
 * Random referentials, companies and staff for the differential and robustness tests, each built from
 * one seed so that a failure replays (fast-check draws the seed). Every kind of tree the format has:
 * company and employee questions of the three types (with gaps between number ranges, so that some
 * answers reach no branch), prevention measures, situations mixing the decree's threshold criteria,
 * the chemicals grid, night work and alternating shifts (the deduction), factors without a legal
 * threshold after 2017-10-01; default task weightings that sometimes do not sum to 100.
 */

type Rng = ReturnType<typeof prng>;

const EXPOSURES: Array<(r: Rng) => Exposure> = [
  (r) => ({ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: r.int(78, 90), unit: 'dB(A)' }], duration: { value: r.int(1, 8), unit: 'h/day' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'noise', criterion: 'peak', intensity: [{ quantity: 'peak_level', value: r.int(130, 140), unit: 'dB(C)' }], duration: { value: r.int(50, 300), unit: 'events/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'night_work', criterion: 'night', intensity: [{ quantity: 'night_hours', value: r.int(0, 5), unit: 'h' }], duration: { value: r.int(20, 220), unit: 'nights/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'alternating_shifts', criterion: 'alternating_shift_night', intensity: [{ quantity: 'night_hours', value: r.int(0, 5), unit: 'h' }], duration: { value: r.int(10, 120), unit: 'nights/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'awkward_postures', criterion: 'torso_bent', intensity: [{ quantity: 'angle', value: r.int(20, 70), unit: '°' }], duration: { value: r.int(1, 7), unit: 'h/day' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'manual_handling', criterion: 'lift_carry', intensity: [{ quantity: 'load', value: r.int(5, 30), unit: 'kg' }], duration: { value: r.int(10, 80), unit: 'percent_of_working_time' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'extreme_temperatures', criterion: 'extreme_temperature', intensity: [{ quantity: 'temperature', value: r.int(-10, 40), unit: '°C' }], duration: { value: r.int(200, 1500), unit: 'h/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'repetitive_work', criterion: 'repetitive_movements', intensity: [{ quantity: 'cycle_time', value: r.int(10, 90), unit: 's' }, { quantity: 'actions_per_cycle', value: r.int(5, 40), unit: 'actions' }], duration: { value: r.int(1, 8), unit: 'h/day' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'hazardous_chemicals', criterion: 'grid_exposure', intensity: [], conclusion: r.pick(['exposed', 'to_analyse', 'not_exposed'] as const) }),
];

export function randomReferential(seed: number): Referential {
  const r = prng(seed);
  const referential: Referential = {
    formatVersion: REFERENTIAL_FORMAT_VERSION,
    id: `random-${seed}`,
    identity: { branch: 'Branche aléatoire', title: 'Référentiel aléatoire', version: '1.0.0', status: 'draft', authors: ['test'], created: '2026-01-01' },
    regulation: '2023-09-01',
    workingYear: { annualHours: r.pick([1607, 1600, 1820]), workingDays: r.pick([228, 218]) },
    factors: { retained: ['noise', 'night_work'], excluded: [] },
    questions: [
      { id: 'q-site', label: 'Site', scope: 'company', type: 'choice', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] },
      { id: 'q-volume', label: 'Volume', scope: 'company', type: 'number', unit: 't', min: 0, max: 100 },
      { id: 'q-alone', label: 'Seul', scope: 'employee', type: 'boolean' },
      { id: 'q-team', label: 'Équipe', scope: 'employee', type: 'choice', choices: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }, { id: 'z', label: 'Z' }] },
      { id: 'q-hours', label: 'Heures de nuit', scope: 'employee', type: 'number', unit: 'h', min: 0, max: 50 },
    ],
    measures: [
      { id: 'm1', label: 'Mesure 1', kind: 'collective' },
      { id: 'm2', label: 'Mesure 2', kind: 'organisational' },
    ],
    jobs: [],
    nodes: [],
    situations: [],
    scenarios: [],
  };
  let n = 0;
  const situations: string[] = [];
  for (let i = 0; i < r.int(3, 8); i++) {
    const id = `s${i}`;
    situations.push(id);
    referential.situations.push({ id, label: `Situation ${i}`, exposures: Array.from({ length: r.int(0, 3) }, () => r.pick(EXPOSURES)(r)) });
  }
  const tree = (depth: number): string => {
    if (depth === 0 || r.next() < 0.25) return r.pick(situations);
    const id = `n${n++}`;
    const kind = r.int(0, 5);
    let node: DecisionNode;
    if (kind === 0) node = { id, kind: 'measure', measure: r.pick(['m1', 'm2']), applied: tree(depth - 1), notApplied: tree(depth - 1) };
    else if (kind === 1) node = { id, kind: 'question', question: 'q-site', branches: [{ when: { oneOf: ['a'] }, next: tree(depth - 1) }, { when: { oneOf: r.next() < 0.8 ? ['b', 'c'] : ['b'] }, next: tree(depth - 1) }] };
    else if (kind === 2) node = { id, kind: 'question', question: 'q-volume', branches: [{ when: { max: 40 }, next: tree(depth - 1) }, { when: { min: 40 }, next: tree(depth - 1) }] };
    else if (kind === 3) node = { id, kind: 'question', question: 'q-alone', branches: [{ when: { is: true }, next: tree(depth - 1) }, { when: { is: false }, next: tree(depth - 1) }] };
    else if (kind === 4) node = { id, kind: 'question', question: 'q-team', branches: [{ when: { oneOf: ['x', 'y'] }, next: tree(depth - 1) }, { when: { oneOf: ['z'] }, next: tree(depth - 1) }] };
    // A gap between 10 and 12.5: those answers reach no branch (no_branch).
    else node = { id, kind: 'question', question: 'q-hours', branches: [{ when: { max: 10 }, next: tree(depth - 1) }, { when: { min: 12.5, max: 30 }, next: tree(depth - 1) }, { when: { min: 30 }, next: tree(depth - 1) }] };
    referential.nodes.push(node);
    return id;
  };
  const jobs = r.int(1, 5);
  for (let j = 0; j < jobs; j++) {
    const count = r.int(1, 4);
    const shares = splitHundred(r, count);
    if (r.next() < 0.1) shares[0] = Math.max(0, shares[0]! - 5);
    if (r.next() < 0.15 && count > 1) {
      shares[1] = shares[1]! + shares[0]!;
      shares[0] = 0;
    }
    referential.jobs.push({ id: `j${j}`, label: `Poste ${j}`, tasks: shares.map((share, t) => ({ id: `j${j}t${t}`, label: `Tâche ${t}`, defaultShare: share, entry: tree(3) })) });
  }
  if (r.next() < 0.3) referential.particularlyExposed = { entries: [{ job: 'j0', factors: ['manual_handling'] }] };
  return referential;
}

export function randomCompany(seed: number): CompanyAnswers {
  const r = prng(seed);
  const answers: CompanyAnswers['answers'] = {};
  if (r.next() < 0.95) answers['q-site'] = r.pick(['a', 'b', 'c']);
  if (r.next() < 0.95) answers['q-volume'] = r.pick([0, 10, 39.999, 40, 75, 100]);
  const measures: CompanyAnswers['measures'] = [];
  if (r.next() < 0.5) measures.push({ measure: 'm1' });
  // A measure put in place during some year: the year splits in two parts.
  if (r.next() < 0.4) measures.push({ measure: 'm2', since: r.pick(['2016-04-01', '2020-07-15', '2024-03-01', '2024-10-31']) });
  return { answers, measures };
}

const DATES = ['2015-06-30', '2016-01-01', '2016-09-15', '2017-03-01', '2017-09-30', '2017-11-02', '2020-02-29', '2023-08-31', '2023-09-01', '2024-01-01', '2024-02-29', '2024-03-15', '2024-04-20', '2024-11-30', '2024-12-31', '2025-06-01', '9999-12-31', '2024-02-30'];

/** Staff for `referential`; contract dates mostly in `year` (a few outside it, or not dates at all). */
export function randomStaff(referential: Referential, count: number, seed: number, year = 2024): Employee[] {
  const r = prng(seed);
  const pad = (x: number) => String(x).padStart(2, '0');
  const date = () => (r.next() < 0.8 ? `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : r.pick(DATES));
  const staff: Employee[] = [];
  for (let i = 0; i < count; i++) {
    const jobCount = Math.min(r.int(1, 3), referential.jobs.length);
    const chosen = new Set<number>();
    while (chosen.size < jobCount) chosen.add(r.int(0, referential.jobs.length - 1));
    const shares = splitHundred(r, jobCount);
    if (r.next() < 0.05) shares[0] = shares[0]! + 1;
    const jobs: Employee['jobs'] = [...chosen].map((index, m) => {
      const job = referential.jobs[index]!;
      const mission: Employee['jobs'][number] = { job: r.next() < 0.02 ? 'inconnu' : job.id, share: shares[m]! };
      if (r.next() < 0.3) {
        const taskShares = splitHundred(r, job.tasks.length);
        if (r.next() < 0.1) taskShares[0] = 0;
        mission.tasks = job.tasks.map((t, k) => ({ task: t.id, share: taskShares[k]! })).filter((t) => t.share > 0 || r.next() < 0.5);
        if (mission.tasks.reduce((sum, t) => sum + t.share, 0) !== 100) mission.tasks.push({ task: job.tasks[0]!.id, share: 0 });
      }
      return mission;
    });
    const contract: Employee['contract'] = {};
    if (r.next() < 0.4) contract.start = date();
    if (r.next() < 0.4) contract.end = date();
    if (contract.start && contract.end && contract.end < contract.start && r.next() < 0.8) [contract.start, contract.end] = [contract.end, contract.start];
    if (r.next() < 0.3) contract.reference = `C-${i}`;
    const employee: Employee = {
      id: `E${i}`,
      annualHours: r.pick([1607, 1607, 803.5, 1820, 160.7, 8784]),
      contract,
      jobs,
    };
    const birth = r.int(0, 9);
    if (birth < 6) employee.birth = r.int(1940, 2004);
    else if (birth === 6) employee.birth = 1956;
    else if (birth === 7) employee.birth = r.pick(['1956-06-30', '1956-07-01', '1950-01-01']);
    const answers: Record<string, boolean | string | number> = {};
    if (r.next() < 0.97) answers['q-alone'] = r.next() < 0.5;
    if (r.next() < 0.97) answers['q-team'] = r.pick(['x', 'y', 'z', 'x', 'y', 'z', 'w']);
    if (r.next() < 0.97) answers['q-hours'] = r.pick([0, 5, 9.99, 10, 12.5, 29, 30, 50, 0, 5, 20, 40, 11, 60]);
    if (r.next() < 0.03) answers['q-site'] = 'a';
    if (r.next() < 0.03) answers['q-alone'] = 'oui';
    if (r.next() < 0.98) employee.answers = answers;
    if (r.next() < 0.1) {
      const [from, to] = [date(), date()].sort();
      employee.absences = [{ from: from!, to: r.next() < 0.9 ? to! : from!.replace(/-\d\d$/, '-01'), reason: r.pick(['long_sick_leave', 'parental_leave'] as const) }];
    }
    if (r.next() < 0.05) employee.temporary = { agency: r.pick(['Intérim Nord', 'Intérim Sud']), agencySiret: '12345678901234' };
    staff.push(employee);
  }
  return staff;
}

function splitHundred(r: Rng, k: number): number[] {
  const cuts = Array.from({ length: k - 1 }, () => r.int(0, 100)).sort((a, b) => a - b);
  const out: number[] = [];
  let previous = 0;
  for (const c of cuts) {
    out.push(c - previous);
    previous = c;
  }
  out.push(100 - previous);
  return out;
}
