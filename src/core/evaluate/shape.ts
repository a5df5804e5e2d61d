import type { Referential } from '../referential/schema.ts';
import { EvaluationError, type ReferentialProblem } from './errors.ts';

/*
 * The evaluator is given referentials built in code too, that never went through the loader. Before it
 * reads one, this checks the shape of everything it dereferences — arrays where it iterates, strings
 * where it looks ids up, finite numbers where it computes — so that a malformed referential is an
 * `EvaluationError` (`referential_invalid`) naming the field, never a `TypeError` halfway through an
 * employee. It is no substitute for the loader: references, units and cycles are checked there (a
 * dangling reference met by an evaluation is its own located error, see tree.ts).
 */

type Path = string;
type ShapeExpected = Extract<ReferentialProblem, { problem: 'shape' }>['expected'];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const bad = (path: Path, expected: ShapeExpected) => new EvaluationError('referential_invalid', path, { problem: 'shape', expected });

function object(x: unknown, path: Path): Record<string, unknown> {
  if (!isObject(x)) throw bad(path, 'object');
  return x;
}
function array(x: unknown, path: Path): unknown[] {
  if (!Array.isArray(x)) throw bad(path, 'list');
  return x;
}
function string(x: unknown, path: Path): void {
  if (typeof x !== 'string') throw bad(path, 'text');
}
function finite(x: unknown, path: Path): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw bad(path, 'number');
}
function optionalFinite(x: unknown, path: Path): void {
  if (x !== undefined) finite(x, path);
}
function oneOf(x: unknown, values: readonly string[], path: Path): void {
  if (typeof x !== 'string' || !values.includes(x)) throw bad(path, { oneOf: values });
}

/** Throws `EvaluationError` (`referential_invalid`, with the field) on the first malformed part. */
export function checkReferentialShape(referential: Referential): void {
  const r = object(referential, '');
  const year = object(r.workingYear, 'workingYear');
  for (const key of ['annualHours', 'workingDays'] as const) {
    finite(year[key], `workingYear.${key}`);
    if ((year[key] as number) <= 0) throw bad(`workingYear.${key}`, 'positive_number');
  }
  array(object(r.factors, 'factors').retained, 'factors.retained');

  array(r.questions, 'questions').forEach((raw, i) => {
    const q = object(raw, `questions[${i}]`);
    string(q.id, `questions[${i}].id`);
    oneOf(q.scope, ['company', 'employee'], `questions[${i}].scope`);
    oneOf(q.type, ['boolean', 'choice', 'number'], `questions[${i}].type`);
    if (q.type === 'choice') array(q.choices, `questions[${i}].choices`).forEach((c, k) => string(object(c, `questions[${i}].choices[${k}]`).id, `questions[${i}].choices[${k}].id`));
    if (q.type === 'number') {
      optionalFinite(q.min, `questions[${i}].min`);
      optionalFinite(q.max, `questions[${i}].max`);
    }
  });
  array(r.measures, 'measures').forEach((m, i) => string(object(m, `measures[${i}]`).id, `measures[${i}].id`));

  array(r.jobs, 'jobs').forEach((raw, i) => {
    const job = object(raw, `jobs[${i}]`);
    string(job.id, `jobs[${i}].id`);
    array(job.tasks, `jobs[${i}].tasks`).forEach((rawTask, k) => {
      const task = object(rawTask, `jobs[${i}].tasks[${k}]`);
      string(task.id, `jobs[${i}].tasks[${k}].id`);
      finite(task.defaultShare, `jobs[${i}].tasks[${k}].defaultShare`);
      string(task.entry, `jobs[${i}].tasks[${k}].entry`);
    });
  });

  array(r.nodes, 'nodes').forEach((raw, i) => {
    const node = object(raw, `nodes[${i}]`);
    string(node.id, `nodes[${i}].id`);
    oneOf(node.kind, ['question', 'measure'], `nodes[${i}].kind`);
    if (node.kind === 'measure') {
      for (const key of ['measure', 'applied', 'notApplied'] as const) string(node[key], `nodes[${i}].${key}`);
      return;
    }
    string(node.question, `nodes[${i}].question`);
    array(node.branches, `nodes[${i}].branches`).forEach((rawBranch, k) => {
      const path = `nodes[${i}].branches[${k}]`;
      const branch = object(rawBranch, path);
      string(branch.next, `${path}.next`);
      const when = object(branch.when, `${path}.when`);
      if ('oneOf' in when) array(when.oneOf, `${path}.when.oneOf`);
      else if (!('is' in when)) {
        optionalFinite(when.min, `${path}.when.min`);
        optionalFinite(when.max, `${path}.when.max`);
      }
    });
  });

  array(r.situations, 'situations').forEach((raw, i) => {
    const situation = object(raw, `situations[${i}]`);
    string(situation.id, `situations[${i}].id`);
    array(situation.exposures, `situations[${i}].exposures`).forEach((rawExposure, k) => {
      const path = `situations[${i}].exposures[${k}]`;
      const exposure = object(rawExposure, path);
      string(exposure.factor, `${path}.factor`);
      string(exposure.criterion, `${path}.criterion`);
      string(exposure.conclusion, `${path}.conclusion`);
      array(exposure.intensity, `${path}.intensity`).forEach((m, n) => {
        const measured = object(m, `${path}.intensity[${n}]`);
        string(measured.quantity, `${path}.intensity[${n}].quantity`);
        finite(measured.value, `${path}.intensity[${n}].value`);
      });
      if (exposure.duration !== undefined) {
        const duration = object(exposure.duration, `${path}.duration`);
        finite(duration.value, `${path}.duration.value`);
        string(duration.unit, `${path}.duration.unit`);
      }
    });
  });

  if (r.particularlyExposed !== undefined) {
    array(object(r.particularlyExposed, 'particularlyExposed').entries, 'particularlyExposed.entries').forEach((raw, i) => {
      const entry = object(raw, `particularlyExposed.entries[${i}]`);
      string(entry.job, `particularlyExposed.entries[${i}].job`);
      array(entry.factors, `particularlyExposed.entries[${i}].factors`);
      if (entry.tasks !== undefined) array(entry.tasks, `particularlyExposed.entries[${i}].tasks`);
    });
  }
}
