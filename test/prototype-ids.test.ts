import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enablePatches, produceWithPatches } from 'immer';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvaluator, EvaluationError, loadReferential, runScenarios, type GraphDocument, type Referential } from '../src/core/index.ts';
import { applyCommand, canApply, type GraphCommand } from '../src/core/graph/commands/index.ts';
import { companyIssues, loadCompanyText } from '../src/io/company.ts';
import { fixture } from './commands/fixture.ts';
import { issueMessage } from '../src/present/issues.ts';
import { evaluationErrorMessage } from '../src/present/evaluation-errors.ts';

enablePatches();

/*
 * Issue 10, point 9: ids are letters, digits, `_ . -`, so `constructor`, `toString` or `hasOwnProperty`
 * are valid ids — and every record keyed by id (answers by question id, layout by node id) must look
 * them up as own properties. Each test fails on main e472799, where a missing answer to a question
 * `constructor` found Object.prototype's and printed « function Object() { [native code] } », and
 * collapsing a node `constructor` without a layout entry wrote `collapsed` onto the global Object.
 */

const SAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as Record<string, unknown>;

/** The sample with its company question renamed `constructor` and its employee question `toString`. */
function renamed(): Referential {
  const text = JSON.stringify({ ...SAMPLE, contentHash: undefined }).replaceAll('"q-activite"', '"constructor"').replaceAll('"q-equipes-alternantes"', '"toString"');
  const loaded = loadReferential(JSON.parse(text));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}

const snapshot = () => ({ prototype: Object.getOwnPropertyNames(Object.prototype).sort(), object: Object.getOwnPropertyNames(Object).sort() });
const before = snapshot();
afterEach(() => {
  expect(snapshot()).toEqual(before);
});

describe('the evaluator', () => {
  it('a missing company answer to `constructor` is « réponse manquante », never « function Object() »', () => {
    const r = renamed();
    const evaluator = createEvaluator(r, { answers: {}, measures: [] }, { year: 2024 });
    const employee = { id: 'E1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] };
    let error: unknown;
    try {
      evaluator.evaluate(employee);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvaluationError);
    expect((error as EvaluationError).code).toBe('answer_missing');
    expect((error as EvaluationError).params).toEqual({ question: 'constructor', scope: 'company' });
    expect(evaluationErrorMessage(error as EvaluationError, r)).not.toMatch(/function|native code/);
  });

  it('a scenario without the answer fails with the same message', () => {
    const r = renamed();
    const bare = { ...r, scenarios: r.scenarios.map((s) => ({ ...s, answers: {} })) };
    const outcomes = runScenarios(bare);
    expect(outcomes[0]!.error?.code).toBe('answer_missing');
    for (const o of outcomes) expect(o.error ? evaluationErrorMessage(o.error, bare) : '').not.toMatch(/function|native code/);
  });

  it('an employee question `toString` left unanswered is missing, not a function', () => {
    const r = renamed();
    const evaluator = createEvaluator(r, { answers: { constructor: 'atelier' } as Record<string, string>, measures: [] }, { year: 2024 });
    // `agent-nuit` starts at the node asking the employee question.
    let error: unknown;
    try {
      evaluator.evaluate({ id: 'E2', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'agent-nuit', share: 100 }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvaluationError);
    expect((error as EvaluationError).code).toBe('answer_missing');
    expect(evaluationErrorMessage(error as EvaluationError, r)).toMatch(/réponse manquante/);
  });
});

describe('the company file', () => {
  it('no answer to `constructor`: « réponse manquante », not « aucune suite pour la réponse undefined »', () => {
    const company = loadCompanyText(JSON.stringify({ formatVersion: 1, answers: {}, measures: [] }));
    if (!company.ok) throw new Error('valid company file');
    const issues = companyIssues(company.value, renamed());
    expect(issues.map((i) => [i.code, i.path])).toEqual([['company.answer_missing', '$.answers.constructor']]);
    expect(issueMessage(issues[0]!)).not.toMatch(/undefined|function/);
  });
});

describe('the logigramme editor commands', () => {
  /** The fixture with its job node renamed `constructor` and no layout entry for it. */
  function graph(): GraphDocument {
    const g = fixture();
    const text = JSON.stringify(g).replaceAll('"j1"', '"constructor"');
    const out = JSON.parse(text) as GraphDocument;
    Reflect.deleteProperty(out.layout.nodes, 'constructor');
    return out;
  }
  const apply = (g: GraphDocument, command: GraphCommand) => {
    expect(canApply(g, command)).toEqual({ ok: true });
    return produceWithPatches(g, (draft) => void applyCommand(draft, command))[0];
  };

  it('collapsing `constructor` stores its own layout entry and leaves Object alone', () => {
    const next = apply(graph(), { type: 'node/collapse', id: 'constructor', collapsed: true });
    expect(Object.hasOwn(next.layout.nodes, 'constructor')).toBe(true);
    expect(next.layout.nodes.constructor).toEqual({ x: 0, y: 0, collapsed: true });
    expect((Object as unknown as Record<string, unknown>).collapsed).toBeUndefined();
  });

  it('moving `constructor` too', () => {
    const next = apply(graph(), { type: 'node/move', positions: { constructor: { x: 5, y: 7 } } });
    expect(next.layout.nodes.constructor).toEqual({ x: 5, y: 7 });
    expect((Object as unknown as Record<string, unknown>).x).toBeUndefined();
  });
});
