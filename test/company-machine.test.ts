import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import { contentHash, loadReferential, type Employee, type Referential } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { evaluateCompanySync, type CompanyEvaluation } from '../src/ui/company/evaluation.ts';
import { type EvaluatedStaff, companyMachine, currentStep, type CompanyEmitted, type CompanyMachineInput, type EvaluateStaffInput, type ParseStaffInput } from '../src/ui/company/machine.ts';

/*
 * The company workspace's guided flow, as an actor alone: no React, no Dexie. What it would store is
 * what it emits; the two slow jobs are replaced where a test needs to see inside them.
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferential(JSON.parse(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8')));
if (!loaded.ok) throw new Error('sample does not load');
const sample: Referential = loaded.value;
const SAMPLE = { key: 'exemple-atelier@1.0.0', referential: sample, contentHash: contentHash(sample) };
const STAFF_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-exemple.csv'), 'utf8');
const BROKEN_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-erreurs.csv'), 'utf8');
const mechanic: Employee = { id: 'MEC-01', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] };

function start(input: Partial<CompanyMachineInput> = {}, machine = companyMachine) {
  const actor = createActor(machine, {
    input: { companyId: 'c1', year: 2024, profile: { name: '' }, answers: {}, measures: [], employees: [], ...input },
  });
  const emitted: CompanyEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as CompanyEmitted));
  actor.start();
  const step = () => currentStep(actor.getSnapshot().value);
  return { actor, emitted, step };
}

const ready = { profile: { name: 'Garage Exemple SARL' }, referential: SAMPLE, answers: { 'q-activite': 'atelier' } };

describe('steps and their guards', () => {
  it('a new company starts at the profile and cannot leave it without a valid profile', () => {
    const { actor, emitted, step } = start();
    expect(step()).toBe('profile');
    expect(emitted).toEqual([{ type: 'company.save', patch: { step: 'profile' } }]);
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('profile');
    actor.send({ type: 'PROFILE.SET', profile: { name: 'Garage', siret: '12345678901234' } });
    // 12345678901234 fails the Luhn check: still stuck.
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('profile');
    actor.send({ type: 'PROFILE.SET', profile: { name: 'Garage', siret: '73282932000074', headcount: 12 } });
    expect(emitted.at(-1)).toEqual({ type: 'company.save', patch: { profile: { name: 'Garage', siret: '73282932000074', headcount: 12 } } });
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('referential');
  });

  it('the referential steps need a referential; choosing one drops the answers and measures it does not know', () => {
    const { actor, emitted, step } = start({ profile: { name: 'Garage' }, answers: { 'q-ancienne': 'x' }, measures: [{ measure: 'm-ancienne' }] });
    actor.send({ type: 'GOTO', step: 'answers' });
    expect(step()).toBe('profile');
    actor.send({ type: 'GOTO', step: 'results' });
    expect(step()).toBe('profile');
    actor.send({ type: 'REFERENTIAL.SET', referential: SAMPLE });
    expect(actor.getSnapshot().context.answers).toEqual({});
    expect(actor.getSnapshot().context.measures).toEqual([]);
    expect(emitted.at(-1)).toEqual({ type: 'company.save', patch: { referentialKey: SAMPLE.key, answers: {}, measures: [] } });
    actor.send({ type: 'GOTO', step: 'answers' });
    expect(step()).toBe('answers');
  });

  it('the answers step is left once every answer a tree needs is given', () => {
    const { actor, emitted, step } = start({ profile: { name: 'Garage' }, referential: SAMPLE, step: 'answers' });
    expect(step()).toBe('answers');
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('answers');
    actor.send({ type: 'ANSWER.SET', question: 'q-activite', value: 'atelier' });
    expect(emitted.at(-1)).toEqual({ type: 'company.save', patch: { answers: { 'q-activite': 'atelier' } } });
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('measures');
    actor.send({ type: 'BACK' });
    expect(step()).toBe('answers');
    actor.send({ type: 'ANSWER.SET', question: 'q-activite', value: undefined });
    expect(actor.getSnapshot().context.answers).toEqual({});
  });

  it('measures are stored with their date, in the referential’s order, and removed when unticked', () => {
    const { actor, emitted } = start({ ...ready, step: 'measures' });
    actor.send({ type: 'MEASURE.SET', measure: 'm-bruit-80', inPlace: true, since: '2024-09-01' });
    expect(emitted.at(-1)).toEqual({ type: 'company.save', patch: { measures: [{ measure: 'm-bruit-80', since: '2024-09-01' }] } });
    actor.send({ type: 'MEASURE.SET', measure: 'm-bruit-80', inPlace: true });
    expect(actor.getSnapshot().context.measures).toEqual([{ measure: 'm-bruit-80' }]);
    actor.send({ type: 'MEASURE.SET', measure: 'm-bruit-80', inPlace: false });
    expect(actor.getSnapshot().context.measures).toEqual([]);
  });

  it('resumes at the stored step when it is still available, at the nearest available one before it otherwise', () => {
    expect(start({ ...ready, step: 'staff' }).step()).toBe('staff');
    // Results need staff (another year, not entered yet): back to the staff step.
    expect(start({ ...ready, step: 'results' }).step()).toBe('staff');
    // Without a referential, only the first two steps are open.
    expect(start({ profile: { name: 'Garage' }, step: 'measures' }).step()).toBe('referential');
    expect(start({ ...ready, step: 'nimporte' }).step()).toBe('profile');
  });

  it('every step is saved when entered, so that a reload resumes there', () => {
    const { actor, emitted } = start(ready);
    for (const step of ['referential', 'answers', 'measures', 'staff', 'profile'] as const) actor.send({ type: 'GOTO', step });
    expect(emitted.filter((e) => e.type === 'company.save' && e.patch.step).map((e) => (e as { patch: { step: string } }).patch.step)).toEqual([
      'profile',
      'referential',
      'answers',
      'measures',
      'staff',
      'profile',
    ]);
  });
});

describe('the staff step', () => {
  it('imports the sample staff file: progress, then the employees, saved once', async () => {
    const { actor, emitted } = start({ ...ready, step: 'staff' });
    actor.send({ type: 'CSV.IMPORT', file: 'salaries-exemple.csv', text: STAFF_TEXT, at: '2025-01-15T10:00:00.000Z' });
    expect(actor.getSnapshot().context.csv).toMatchObject({ status: 'parsing', file: 'salaries-exemple.csv' });
    await waitFor(actor, (s) => s.context.csv.status !== 'parsing');
    const context = actor.getSnapshot().context;
    expect(context.csv).toEqual({ status: 'accepted', file: 'salaries-exemple.csv', count: 8 });
    expect(context.employees).toEqual(parseStaffCsv(STAFF_TEXT, sample).employees);
    expect(context.staffSource).toEqual({ file: 'salaries-exemple.csv', importedAt: '2025-01-15T10:00:00.000Z' });
    const saves = emitted.filter((e) => e.type === 'staff.save');
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ employees: context.employees, source: context.staffSource });
  });

  it('reports progress from the parser and keeps the last figures', async () => {
    const progress: Array<[number, number]> = [];
    const fake = fromCallback<EventObject, ParseStaffInput>(({ input, sendBack }) => {
      sendBack({ type: 'CSV.PROGRESS', done: 2, total: 8 });
      sendBack({ type: 'CSV.PROGRESS', done: 8, total: 8 });
      setTimeout(() => sendBack({ type: 'CSV.PARSED', result: parseStaffCsv(input.file.text ?? '', input.referential) }), 0);
    });
    const { actor } = start({ ...ready, step: 'staff' }, companyMachine.provide({ actors: { parseStaff: fake } }));
    actor.subscribe((s) => {
      if (s.context.csv.status === 'parsing') progress.push([s.context.csv.done, s.context.csv.total]);
    });
    actor.send({ type: 'CSV.IMPORT', file: 'f.csv', text: STAFF_TEXT, at: 'now' });
    await waitFor(actor, (s) => s.context.csv.status === 'accepted');
    expect(progress).toContainEqual([2, 8]);
    expect(progress).toContainEqual([8, 8]);
  });

  it('a file with errors is refused whole: every issue kept, the staff unchanged, nothing saved', async () => {
    const { actor, emitted } = start({ ...ready, step: 'staff', employees: [mechanic] });
    const before = emitted.length;
    actor.send({ type: 'CSV.IMPORT', file: 'salaries-erreurs.csv', text: BROKEN_TEXT, at: 'now' });
    await waitFor(actor, (s) => s.context.csv.status !== 'parsing');
    const context = actor.getSnapshot().context;
    expect(context.csv.status).toBe('rejected');
    if (context.csv.status !== 'rejected') return;
    expect(context.csv.issues).toEqual(parseStaffCsv(BROKEN_TEXT, sample).issues);
    expect(context.csv.issues.length).toBeGreaterThan(10);
    expect(context.csv.issues.every((i) => i.row >= 1)).toBe(true);
    expect(context.employees).toEqual([mechanic]);
    expect(emitted.slice(before)).toEqual([]);
  });

  it('a file of headers only is refused too', async () => {
    const { actor, emitted } = start({ ...ready, step: 'staff' });
    actor.send({ type: 'CSV.IMPORT', file: 'vide.csv', text: 'id;annual_hours;birth_year;jobs\n', at: 'now' });
    await waitFor(actor, (s) => s.context.csv.status !== 'parsing');
    expect(actor.getSnapshot().context.csv).toMatchObject({ status: 'rejected', issues: [{ row: 1, message: expect.stringContaining('Aucun salarié') }] });
    expect(emitted.some((e) => e.type === 'staff.save')).toBe(false);
  });

  it('the table edits one employee at a time, each change saved', () => {
    const { actor, emitted } = start({ ...ready, step: 'staff' });
    actor.send({ type: 'STAFF.PUT', employee: mechanic });
    actor.send({ type: 'STAFF.PUT', employee: { ...mechanic, id: 'MEC-02', annualHours: 803.5 } });
    actor.send({ type: 'STAFF.PUT', employee: { ...mechanic, id: 'MEC-01B', jobs: [{ job: 'mecanicien', share: 50 }, { job: 'agent-nuit', share: 50 }] }, replaces: 'MEC-01' });
    actor.send({ type: 'STAFF.REMOVE', id: 'MEC-02' });
    expect(actor.getSnapshot().context.employees.map((e) => e.id)).toEqual(['MEC-01B']);
    expect(emitted.filter((e) => e.type === 'staff.save')).toHaveLength(4);
  });

  it('cannot go to the results without staff', () => {
    const { actor, step } = start({ ...ready, step: 'staff' });
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('staff');
  });
});

describe('the results', () => {
  const employees = parseStaffCsv(STAFF_TEXT, sample).employees;

  it('evaluates on entering, with the shared evaluator, and saves the evaluation', async () => {
    const { actor, emitted, step } = start({ ...ready, employees, step: 'staff' });
    actor.send({ type: 'EVALUATE' });
    expect(step()).toBe('results');
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    const evaluation = actor.getSnapshot().context.evaluation!;
    expect(evaluation).toEqual(evaluateCompanySync({ referential: sample, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 }, employees));
    const mec = evaluation.summaries.find((s) => s.employee === 'MEC-01')!;
    expect(mec.exposed).toEqual(['noise']);
    expect(mec.factors.find((f) => f.factor === 'noise')?.exposure).toBeCloseTo(1231.2, 6);
    expect(emitted.filter((e) => e.type === 'evaluation.save')).toEqual([{ type: 'evaluation.save', evaluation, referential: { key: SAMPLE.key, contentHash: SAMPLE.contentHash } }]);
  });

  it('evaluates again only when something that changes the results changed', async () => {
    let runs = 0;
    const counted = fromPromise<CompanyEvaluation | EvaluatedStaff, EvaluateStaffInput>(async ({ input }) => {
      runs++;
      return evaluateCompanySync(input.inputs, input.employees);
    });
    const { actor } = start({ ...ready, employees, step: 'results' }, companyMachine.provide({ actors: { evaluateStaff: counted } }));
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    expect(runs).toBe(1);
    actor.send({ type: 'GOTO', step: 'staff' });
    actor.send({ type: 'GOTO', step: 'results' });
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    expect(runs).toBe(1);
    // The noise measure in place all year: the mechanic is no longer exposed (1 231.2 h → 273.6 h).
    actor.send({ type: 'MEASURE.SET', measure: 'm-bruit-80', inPlace: true });
    actor.send({ type: 'GOTO', step: 'results' });
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    expect(runs).toBe(2);
    const mec = actor.getSnapshot().context.evaluation!.summaries.find((s) => s.employee === 'MEC-01')!;
    expect(mec.exposed).toEqual([]);
    expect(mec.factors.find((f) => f.factor === 'noise')?.exposure).toBeCloseTo(273.6, 6);
    actor.send({ type: 'EVALUATE' });
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    expect(runs).toBe(3);
  });

  it('answers changed during an evaluation: its result is not taken as fresh, the results are evaluated again', async () => {
    // Each run waits until the test releases it, so that the answers can change while it runs.
    const releases: Array<() => void> = [];
    const seen: EvaluateStaffInput[] = [];
    const held = fromPromise<CompanyEvaluation | EvaluatedStaff, EvaluateStaffInput>(async ({ input }) => {
      seen.push(input);
      await new Promise<void>((resolve) => releases.push(resolve));
      return evaluateCompanySync(input.inputs, input.employees);
    });
    const { actor, emitted } = start({ ...ready, employees, step: 'results' }, companyMachine.provide({ actors: { evaluateStaff: held } }));
    await waitFor(actor, () => releases.length === 1);
    // The noise measure in place all year, set while the first run still reads the old measures.
    actor.send({ type: 'MEASURE.SET', measure: 'm-bruit-80', inPlace: true });
    releases[0]!();
    await waitFor(actor, () => releases.length === 2);
    expect(actor.getSnapshot().matches({ results: 'evaluating' })).toBe(true);
    expect(emitted.filter((e) => e.type === 'evaluation.save')).toEqual([]);
    expect(seen[1]!.inputs.company.measures.map((m) => m.measure)).toEqual(['m-bruit-80']);
    releases[1]!();
    await waitFor(actor, (s) => s.matches({ results: 'ready' }));
    // With the measure the mechanic is no longer exposed (1 231.2 h → 273.6 h): the second run's result.
    const mec = actor.getSnapshot().context.evaluation!.summaries.find((s) => s.employee === 'MEC-01')!;
    expect(mec.exposed).toEqual([]);
    expect(mec.factors.find((f) => f.factor === 'noise')?.exposure).toBeCloseTo(273.6, 6);
    expect(emitted.filter((e) => e.type === 'evaluation.save')).toHaveLength(1);
  });

  it('a refused company input ends in a failed state with the message, and can be retried', async () => {
    const failing = fromPromise<CompanyEvaluation | EvaluatedStaff, EvaluateStaffInput>(async () => {
      throw new Error('mesure de prévention « m-x » inconnue dans ce référentiel');
    });
    const { actor, emitted } = start({ ...ready, employees, step: 'results' }, companyMachine.provide({ actors: { evaluateStaff: failing } }));
    await waitFor(actor, (s) => s.matches({ results: 'failed' }));
    expect(actor.getSnapshot().context.evaluationError).toContain('m-x');
    expect(emitted.some((e) => e.type === 'evaluation.save')).toBe(false);
    actor.send({ type: 'EVALUATE' });
    expect(actor.getSnapshot().matches({ results: 'evaluating' })).toBe(true);
  });
});
