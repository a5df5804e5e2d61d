/**
 * Fuzzing on tens of thousands of hostile inputs (issue 10): `npm run fuzz -- --seed 7 --count 20000`.
 *
 * The cases are those of test/fuzz.test.ts (test/support/hostile.ts: seeded mutations of the samples),
 * run through the same harness (loaders, checker, evaluator, storage imports on fake-indexeddb, CLI) in
 * a worker thread that a watchdog ends when one case runs longer than `--hang-ms`: that case counts as
 * a hang and the run goes on with the next one. Prints the figures; exit code 1 when any case crashed,
 * hung, gave an unlocated error or a leaking message, stored something on refusal or changed a
 * prototype.
 *
 * Options: --seed N (1), --count N (20000), --from N (0), --hang-ms N (10000), --no-storage, --no-cli,
 * --case N (replays one case in this process and prints it; with --out FILE, writes its bytes there).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createHarness, emptyFigures, tally, type CaseOutcome, type FuzzFigures } from '../test/support/fuzz-harness.ts';
import { hostileCase, type CaseKind } from '../test/support/hostile.ts';

interface Job {
  seed: number;
  from: number;
  to: number;
  storage: boolean;
  cli: boolean;
}

type Message = { type: 'start'; index: number } | { type: 'done'; index: number; kind: CaseKind; mutations: string[]; base: string; outcome: CaseOutcome } | { type: 'ready' };

if (!isMainThread) {
  const job = workerData as Job;
  const harness = await createHarness(`fuzz-worker-${job.seed}-${job.from}`);
  parentPort!.postMessage({ type: 'ready' } satisfies Message);
  for (let index = job.from; index < job.to; index++) {
    parentPort!.postMessage({ type: 'start', index } satisfies Message);
    const c = hostileCase(harness.samples, job.seed, index);
    const outcome = await harness.runCase(c, { storage: job.storage, cli: job.cli });
    parentPort!.postMessage({ type: 'done', index, kind: c.kind, mutations: c.mutations, base: c.base, outcome } satisfies Message);
  }
  await harness.close();
} else {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '20000' },
      from: { type: 'string', default: '0' },
      'hang-ms': { type: 'string', default: '10000' },
      'no-storage': { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
      case: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const storage = !values['no-storage'];
  const cli = !values['no-cli'];
  if (values.case !== undefined) await replay(seed, Number(values.case), values.out, storage, cli);
  else await campaign({ seed, from: Number(values.from), to: Number(values.from) + Number(values.count), storage, cli }, Number(values['hang-ms']));
}

async function replay(seed: number, index: number, out: string | undefined, storage: boolean, cli: boolean): Promise<void> {
  const harness = await createHarness(`fuzz-replay-${seed}-${index}`);
  const c = hostileCase(harness.samples, seed, index);
  if (out) writeFileSync(out, c.bytes);
  const outcome = await harness.runCase(c, { storage, cli });
  await harness.close();
  console.log(`cas ${c.id} (${c.kind}, ${c.base}) : ${c.mutations.join(' ; ')}`);
  console.log(`${c.bytes.length} octets${out ? `, écrits dans ${out}` : ''} ; ${outcome.accepted ? 'accepté' : 'refusé'} ; ${outcome.issues} problème(s) signalé(s)`);
  for (const p of outcome.problems) console.log(`  ${p.problem} : ${p.detail}`);
  process.exitCode = outcome.problems.length > 0 ? 1 : 0;
}

async function campaign(job: Job, hangMs: number): Promise<void> {
  const figures: FuzzFigures = emptyFigures();
  const failures: string[] = [];
  const started = Date.now();
  let next = job.from;
  while (next < job.to) {
    next = await runWorker({ ...job, from: next }, hangMs, figures, failures);
    if (next < job.to) process.stderr.write(`cas ${job.seed}:${next - 1} : plus de ${hangMs} ms, compté comme blocage ; reprise au suivant\n`);
  }
  const seconds = (Date.now() - started) / 1000;
  const line = (label: string, value: number | string) => `${label.padEnd(40)} ${value}`;
  console.log(
    [
      `Fuzzing — graine ${job.seed}, cas ${job.from} à ${job.to - 1}, ${seconds.toFixed(0)} s${job.storage ? '' : ', sans stockage'}${job.cli ? '' : ', sans CLI'}`,
      line('entrées', figures.inputs),
      ...Object.entries(figures.byKind).map(([kind, n]) => line(`  dont ${kind}`, n)),
      line('acceptées / refusées', `${figures.accepted} / ${figures.refused}`),
      line('problèmes signalés à l’utilisateur', figures.issues),
      line('plantages (exception)', figures.crashes),
      line('blocages (> ' + hangMs + ' ms)', figures.hangs),
      line('erreurs non localisées', figures.unlocated),
      line('messages laissant voir du JavaScript', figures.messages),
      line('enregistré malgré un refus', figures.stored),
      line('prototypes modifiés', figures.prototype),
      line('codes de sortie hors 0/1/2 ou erreur interne', figures.exit),
    ].join('\n'),
  );
  if (failures.length > 0) console.log(`\nPremiers cas en défaut (rejouer : npm run fuzz -- --seed ${job.seed} --case N) :\n${failures.slice(0, 30).join('\n')}`);
  const bad = figures.crashes + figures.hangs + figures.unlocated + figures.messages + figures.stored + figures.prototype + figures.exit;
  process.exitCode = bad > 0 ? 1 : 0;
}

/** Runs cases from `job.from` in one worker; resolves with the index to resume at (job.to when done). */
function runWorker(job: Job, hangMs: number, figures: FuzzFigures, failures: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: job });
    let current = job.from;
    let ready = false;
    let running = false;
    let since = Date.now();
    const watchdog = setInterval(() => {
      if (!running || Date.now() - since <= hangMs) return;
      clearInterval(watchdog);
      figures.hangs += 1;
      figures.inputs += 1;
      failures.push(`${job.seed}:${current} blocage`);
      void worker.terminate().then(() => resolve(current + 1));
    }, Math.min(1000, hangMs / 4));
    worker.on('message', (m: Message) => {
      if (m.type === 'ready') ready = true;
      else if (m.type === 'start') {
        current = m.index;
        running = true;
        since = Date.now();
      } else if (m.type === 'done') {
        running = false;
        tally(figures, { kind: m.kind } as Parameters<typeof tally>[1], m.outcome);
        for (const p of m.outcome.problems) failures.push(`${job.seed}:${m.index} ${m.kind} ${m.base} [${m.mutations.join(' ; ')}] ${p.problem} : ${p.detail}`);
        if ((m.index + 1) % 1000 === 0) process.stderr.write(`… ${m.index + 1 - job.from} cas\n`);
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      if (!ready) return reject(error);
      // A crash of the worker itself (out of memory): the case counts as a crash, the run goes on.
      figures.crashes += 1;
      figures.inputs += 1;
      failures.push(`${job.seed}:${current} le processus de test a échoué : ${error.message}`);
      resolve(current + 1);
    });
    worker.on('exit', () => {
      clearInterval(watchdog);
      if (!running) resolve(job.to);
    });
  });
}
