import { REFERENTIAL_FORMAT_VERSION, type Employee, type Exposure, type Referential } from '../src/core/index.ts';

/** Small deterministic PRNG (mulberry32) so that generated data are the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const EXPOSURE_KINDS: Array<(r: ReturnType<typeof prng>) => Exposure> = [
  (r) => ({ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: r.int(75, 92), unit: 'dB(A)' }], duration: { value: r.int(1, 8), unit: 'h/day' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'noise', criterion: 'peak', intensity: [{ quantity: 'peak_level', value: r.int(125, 140), unit: 'dB(C)' }], duration: { value: r.int(50, 300), unit: 'events/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'night_work', criterion: 'night', intensity: [{ quantity: 'night_hours', value: r.int(0, 5), unit: 'h' }], duration: { value: r.int(20, 220), unit: 'nights/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'alternating_shifts', criterion: 'alternating_shift_night', intensity: [{ quantity: 'night_hours', value: r.int(0, 5), unit: 'h' }], duration: { value: r.int(10, 80), unit: 'nights/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'awkward_postures', criterion: 'torso_bent', intensity: [{ quantity: 'angle', value: r.int(20, 70), unit: '°' }], duration: { value: r.int(1, 7), unit: 'h/day' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'manual_handling', criterion: 'lift_carry', intensity: [{ quantity: 'load', value: r.int(5, 30), unit: 'kg' }], duration: { value: r.int(10, 60), unit: 'percent_of_working_time' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'extreme_temperatures', criterion: 'extreme_temperature', intensity: [{ quantity: 'temperature', value: r.int(-10, 40), unit: '°C' }], duration: { value: r.int(200, 1500), unit: 'h/year' }, conclusion: 'to_analyse' }),
  (r) => ({ factor: 'repetitive_work', criterion: 'repetitive_movements', intensity: [{ quantity: 'cycle_time', value: r.int(10, 90), unit: 's' }, { quantity: 'actions_per_cycle', value: r.int(5, 40), unit: 'actions' }, { quantity: 'actions_per_minute', value: r.int(10, 50), unit: 'actions/min' }], duration: { value: r.int(1, 8), unit: 'h/day' }, conclusion: 'to_analyse' }),
];

/**
 * A referential of `jobs` × `tasks` whose every task has a full binary decision tree of depth 4:
 * a company choice, a prevention measure, an employee-level yes/no question and a company numeric
 * range, so that both the per-company precomputation and the per-employee walk are exercised.
 */
export function generateReferential(options: { jobs: number; tasks: number; seed: number }): Referential {
  const r = prng(options.seed);
  const referential: Referential = {
    formatVersion: REFERENTIAL_FORMAT_VERSION,
    id: `bench-${options.jobs}x${options.tasks}`,
    identity: { branch: 'Branche générée', title: 'Référentiel généré pour les mesures', version: '1.0.0', status: 'draft', authors: ['bench'], created: '2026-01-01' },
    regulation: '2023-09-01',
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: ['noise', 'night_work', 'alternating_shifts', 'awkward_postures', 'manual_handling', 'extreme_temperatures', 'repetitive_work'], excluded: [] },
    questions: [
      { id: 'q-activity', label: 'Activité', scope: 'company', type: 'choice', choices: [{ id: 'workshop', label: 'Atelier' }, { id: 'site', label: 'Chantier' }] },
      { id: 'q-alone', label: 'Travail seul', scope: 'employee', type: 'boolean' },
      { id: 'q-load', label: 'Charge moyenne', scope: 'company', type: 'number', unit: 'kg', min: 0 },
    ],
    measures: [{ id: 'm-lift', label: 'Table élévatrice', kind: 'collective' }],
    jobs: [],
    nodes: [],
    situations: [],
    scenarios: [],
  };
  let n = 0;
  const situation = () => {
    const id = `s${n++}`;
    const count = r.int(1, 4);
    referential.situations.push({ id, label: `Situation ${id}`, exposures: Array.from({ length: count }, () => r.pick(EXPOSURE_KINDS)(r)) });
    return id;
  };
  const numeric = () => {
    const id = `n${n++}`;
    referential.nodes.push({ id, kind: 'question', question: 'q-load', branches: [{ when: { max: 20 }, next: situation() }, { when: { min: 20 }, next: situation() }] });
    return id;
  };
  const personal = () => {
    const id = `n${n++}`;
    referential.nodes.push({ id, kind: 'question', question: 'q-alone', branches: [{ when: { is: true }, next: numeric() }, { when: { is: false }, next: numeric() }] });
    return id;
  };
  const measure = () => {
    const id = `n${n++}`;
    referential.nodes.push({ id, kind: 'measure', measure: 'm-lift', applied: personal(), notApplied: personal() });
    return id;
  };
  const root = () => {
    const id = `n${n++}`;
    referential.nodes.push({ id, kind: 'question', question: 'q-activity', branches: [{ when: { oneOf: ['workshop'] }, next: measure() }, { when: { oneOf: ['site'] }, next: measure() }] });
    return id;
  };
  for (let j = 0; j < options.jobs; j++) {
    const base = Math.floor(100 / options.tasks);
    referential.jobs.push({
      id: `job${j}`,
      label: `Poste ${j}`,
      tasks: Array.from({ length: options.tasks }, (_, t) => ({ id: `job${j}-task${t}`, label: `Tâche ${t}`, defaultShare: t === 0 ? 100 - base * (options.tasks - 1) : base, entry: root() })),
    });
  }
  return referential;
}

/** Employees polyvalent over 1–4 jobs, some with task-share overrides; shares always total 100. */
export function generateEmployees(referential: Referential, count: number, seed: number): Employee[] {
  const r = prng(seed);
  const jobs = referential.jobs;
  const employees: Employee[] = [];
  for (let i = 0; i < count; i++) {
    const k = Math.min(r.int(1, 4), jobs.length);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(r.int(0, jobs.length - 1));
    const shares = splitHundred(r, k);
    const missions = [...chosen].map((index, m) => {
      const job = jobs[index]!;
      const mission: Employee['jobs'][number] = { job: job.id, share: shares[m]! };
      if (r.next() < 0.2 && job.tasks.length >= 2) {
        const t = splitHundred(r, 2);
        mission.tasks = [{ task: job.tasks[0]!.id, share: t[0]! }, { task: job.tasks[1]!.id, share: t[1]! }];
      }
      return mission;
    });
    const employee: Employee = {
      id: `E${i}`,
      annualHours: r.next() < 0.2 ? 803.5 : 1607,
      contract: r.next() < 0.1 ? { start: '2024-03-15', end: '2024-11-30' } : {},
      birth: r.int(1958, 2004),
      jobs: missions,
    };
    if (referential.questions.some((q) => q.scope === 'employee')) employee.answers = { 'q-alone': r.next() < 0.5 };
    employees.push(employee);
  }
  return employees;
}

/** `k` integer shares summing to exactly 100. */
function splitHundred(r: ReturnType<typeof prng>, k: number): number[] {
  const cuts = Array.from({ length: k - 1 }, () => r.int(1, 99)).sort((a, b) => a - b);
  const out: number[] = [];
  let previous = 0;
  for (const c of cuts) {
    out.push(c - previous);
    previous = c;
  }
  out.push(100 - previous);
  return out;
}

/**
 * A later version of `referential` with about `rate` of its elements edited the way a working group
 * edits: renamed jobs, changed task weightings, re-pointed branches, changed durations and conclusions,
 * removed and added situations, a task moved to another job, reordered situations.
 */
export function editReferential(referential: Referential, options: { seed: number; rate: number }): Referential {
  const r = prng(options.seed);
  const b: Referential = JSON.parse(JSON.stringify(referential)) as Referential;
  const hit = () => r.next() < options.rate;
  b.identity.version = '1.1.0';
  for (const job of b.jobs) {
    if (hit()) job.label = `${job.label} (révisé)`;
    if (hit() && job.tasks.length >= 2) {
      const moved = Math.min(5, job.tasks[1]!.defaultShare);
      job.tasks[0]!.defaultShare += moved;
      job.tasks[1]!.defaultShare -= moved;
    }
  }
  const situationIds = b.situations.map((s) => s.id);
  for (const node of b.nodes) {
    if (node.kind === 'question' && hit()) node.branches[0]!.next = r.pick(situationIds);
    if (node.kind === 'measure' && hit()) [node.applied, node.notApplied] = [node.notApplied, node.applied];
  }
  for (const s of b.situations) {
    for (const e of s.exposures) {
      if (hit() && e.duration) e.duration.value = Math.round(e.duration.value * (0.8 + 0.4 * r.next()) * 100) / 100;
      if (hit()) e.conclusion = r.pick(['exposed', 'not_exposed', 'to_analyse'] as const);
    }
    if (hit()) s.label = `${s.label} — révisée`;
  }
  // Removals only of situations nothing points at any more, so the edited version stays valid.
  const targets = new Set<string>([...b.jobs.flatMap((j) => j.tasks.map((t) => t.entry)), ...b.nodes.flatMap((n) => (n.kind === 'measure' ? [n.applied, n.notApplied] : n.branches.map((x) => x.next)))]);
  b.situations = b.situations.filter((s) => targets.has(s.id) || !hit());
  const extra = Math.max(1, Math.round(b.situations.length * options.rate));
  for (let i = 0; i < extra; i++) b.situations.push({ id: `s-new-${i}`, label: `Nouvelle situation ${i}`, exposures: [r.pick(EXPOSURE_KINDS)(r)] });
  if (b.jobs.length >= 2 && b.jobs[0]!.tasks.length >= 2) {
    const task = b.jobs[0]!.tasks.pop()!;
    b.jobs[0]!.tasks[0]!.defaultShare += task.defaultShare;
    b.jobs[1]!.tasks[b.jobs[1]!.tasks.length - 1]!.defaultShare += task.defaultShare;
    b.jobs[1]!.tasks.push({ ...task, defaultShare: 0 });
  }
  if (b.situations.length >= 2) b.situations.unshift(b.situations.pop()!);
  return b;
}
