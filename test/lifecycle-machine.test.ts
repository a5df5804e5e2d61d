import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decompile, loadReferential, type GraphDocument } from '../src/core/index.ts';
import {
  commandsFrom,
  LIFECYCLE_COMMAND_TYPES,
  LIFECYCLE_STATES,
  LIFECYCLE_TRANSITIONS,
  type Lifecycle,
  type LifecycleCommand,
  type LifecycleCommandType,
  type LifecycleState,
} from '../src/core/lifecycle/index.ts';
import { lifecycleMachine, refusalsOf, type LifecycleEvent } from '../src/ui/lifecycle/machine.ts';

/*
 * The lifecycle machine alone, as an actor: every transition with what it records, every refusal with
 * its reason, the homologation dates. Time is passed in by the events, so every run is the same.
 */

const SAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
const loaded = loadReferential(SAMPLE);
if (!loaded.ok) throw new Error('sample does not load');
const GRAPH: GraphDocument = decompile(loaded.value);

/** The sample with a factor left out without justification: an error-level finding, scenarios unchanged. */
const BROKEN: GraphDocument = structuredClone(GRAPH);
BROKEN.referential.factors.excluded[0]!.justification = '';
/** The sample with one scenario expecting the wrong verdict. */
const FAILING: GraphDocument = structuredClone(GRAPH);
{
  const s = FAILING.referential.scenarios[0]!;
  const [factor, verdict] = Object.entries(s.expected.factors)[0]!;
  (s.expected.factors as Record<string, string>)[factor] = verdict === 'exposed' ? 'not_exposed' : 'exposed';
}

const AT = '2026-01-10T09:00:00+01:00';
const sign = (at = AT, author = 'Claire Martin', note = '') => ({ at, author, note });

const cmd = {
  review: (s = sign()): LifecycleCommand => ({ type: 'review.request', ...s }),
  back: (s = sign(AT, 'Relecteur INRS', 'Revoir le bruit des bancs moteurs.')): LifecycleCommand => ({ type: 'review.return', ...s }),
  submit: (s = sign()): LifecycleCommand => ({ type: 'submit', ...s }),
  homologate: (arreteDate = '2026-03-02', arreteReference = 'Arrêté du 2 mars 2026 (NOR MTRT2600001A)', s = sign('2026-03-20T10:00:00+01:00')): LifecycleCommand => ({
    type: 'homologate',
    arreteDate,
    arreteReference,
    ...s,
  }),
  expire: (at: string): LifecycleCommand => ({ type: 'expire', ...sign(at) }),
  supersede: (byVersion: string): LifecycleCommand => ({ type: 'supersede', byVersion, ...sign('2027-01-05T10:00:00+01:00') }),
  start: (bump: 'major' | 'minor' = 'minor', after?: string[]): LifecycleCommand => ({ type: 'version.start', bump, ...(after ? { after } : {}), ...sign('2027-01-05T10:00:00+01:00', 'Claire Martin', 'Réévaluation') }),
};

function start(graph: GraphDocument = GRAPH, lifecycle?: Lifecycle) {
  const actor = createActor(lifecycleMachine, { input: lifecycle ? { graph, lifecycle } : { graph } });
  actor.start();
  return actor;
}

/** An actor driven to `state` along the main path. */
function reach(state: 'in_review' | 'submitted' | 'homologated') {
  const actor = start();
  actor.send(cmd.review());
  if (state !== 'in_review') actor.send(cmd.submit());
  if (state === 'homologated') actor.send(cmd.homologate());
  expect(actor.getSnapshot().value).toBe(state);
  return actor;
}

/** Sends an event the machine must refuse: nothing changes, and the reason is the expected one. */
function expectRefused(actor: ReturnType<typeof start>, event: LifecycleEvent, codes: string[]) {
  const before = actor.getSnapshot();
  expect(before.can(event)).toBe(false);
  expect(refusalsOf(before, event).map((r) => r.code)).toEqual(codes);
  actor.send(event);
  const after = actor.getSnapshot();
  expect(after.value).toBe(before.value);
  expect(after.context).toBe(before.context);
}

describe('the lifecycle machine', () => {
  it('starts a new draft with no transition', () => {
    const s = start().getSnapshot();
    expect(s.value).toBe('draft');
    expect(s.context.lifecycle).toEqual({ state: 'draft', transitions: [] });
  });

  it('resumes in the persisted state', () => {
    for (const state of LIFECYCLE_STATES) {
      expect(start(GRAPH, { state, transitions: [] }).getSnapshot().value).toBe(state);
    }
  });

  it('draft → in_review, recording date, author and note; the graph says "in_review"', () => {
    const actor = start();
    actor.send(cmd.review(sign(AT, '  Claire Martin ', ' Première relecture ')));
    const s = actor.getSnapshot();
    expect(s.value).toBe('in_review');
    expect(s.context.lifecycle.state).toBe('in_review');
    expect(s.context.lifecycle.transitions).toEqual([{ from: 'draft', to: 'in_review', at: AT, author: 'Claire Martin', note: 'Première relecture' }]);
    expect(s.context.graph.referential.identity.status).toBe('in_review');
  });

  it('refuses review while the check has error-level findings', () => {
    const actor = start(BROKEN);
    expectRefused(actor, cmd.review(), ['lifecycle.check_errors']);
    expect(refusalsOf(actor.getSnapshot(), cmd.review())[0]!.params.count).toBeGreaterThan(0);
  });

  it('refuses review while a scenario fails, naming it', () => {
    const actor = start(FAILING);
    expectRefused(actor, cmd.review(), ['lifecycle.scenarios_failing']);
    expect(refusalsOf(actor.getSnapshot(), cmd.review())[0]!.params).toEqual({ count: 1, scenarios: FAILING.referential.scenarios[0]!.label });
  });

  it('refuses a transition without author, or with a timestamp that is not one', () => {
    const actor = start();
    expectRefused(actor, cmd.review(sign(AT, '   ')), ['lifecycle.author_missing']);
    expectRefused(actor, cmd.review(sign('2026-01-10', 'Claire Martin')), ['lifecycle.bad_timestamp']);
  });

  it('in_review → draft with the reviewers’ note, which is required', () => {
    const actor = reach('in_review');
    expectRefused(actor, cmd.back(sign(AT, 'Relecteur INRS', '  ')), ['lifecycle.note_missing']);
    actor.send(cmd.back());
    const s = actor.getSnapshot();
    expect(s.value).toBe('draft');
    expect(s.context.lifecycle.reviewNote).toBe('Revoir le bruit des bancs moteurs.');
    expect(s.context.lifecycle.transitions.at(-1)).toEqual({ from: 'in_review', to: 'draft', at: AT, author: 'Relecteur INRS', note: 'Revoir le bruit des bancs moteurs.' });
    // Not filed yet: the version number stays.
    expect(s.context.graph.referential.identity.version).toBe('1.0.0');
    expect(s.context.graph.referential.identity.status).toBe('draft');
    // Going to review again clears the note (it stays in the history).
    actor.send(cmd.review());
    expect(actor.getSnapshot().context.lifecycle.reviewNote).toBeUndefined();
  });

  it('in_review → submitted, still guarded by the check (an edit cannot happen in review)', () => {
    const actor = reach('in_review');
    expectRefused(actor, { type: 'graph.change', graph: BROKEN }, ['lifecycle.locked_in_review']);
    actor.send(cmd.submit());
    const s = actor.getSnapshot();
    expect(s.value).toBe('submitted');
    expect(s.context.graph.referential.identity.status).toBe('submitted');
    // Resumed in review with a graph that no longer passes (e.g. a newer checker): submission refused.
    const resumed = start(BROKEN, { state: 'in_review', transitions: [] });
    expectRefused(resumed, cmd.submit(), ['lifecycle.check_errors']);
    const failing = start(FAILING, { state: 'in_review', transitions: [] });
    expectRefused(failing, cmd.submit(), ['lifecycle.scenarios_failing']);
  });

  it('submitted → draft with the note; the filed version keeps its number, the draft takes the next patch', () => {
    const actor = reach('submitted');
    actor.send(cmd.back());
    const s = actor.getSnapshot();
    expect(s.value).toBe('draft');
    expect(s.context.graph.referential.identity.version).toBe('1.0.1');
    expect(s.context.lifecycle.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['draft→in_review', 'in_review→submitted', 'submitted→draft']);
  });

  it('submitted → homologated: the arrêté’s date and reference, expiry five years later, on the graph too', () => {
    const actor = reach('homologated');
    const s = actor.getSnapshot();
    const homologation = { arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026 (NOR MTRT2600001A)', expires: '2031-03-02' };
    expect(s.context.lifecycle.homologation).toEqual(homologation);
    expect(s.context.graph.referential.identity).toMatchObject({ status: 'homologated', homologation });
    expect(s.context.lifecycle.transitions.at(-1)).toMatchObject({ from: 'submitted', to: 'homologated', at: '2026-03-20T10:00:00+01:00' });
  });

  it('refuses a homologation without a valid arrêté date or reference, or dated after today', () => {
    const actor = reach('submitted');
    expectRefused(actor, cmd.homologate('2026-02-30'), ['lifecycle.arrete_date_invalid']);
    expectRefused(actor, cmd.homologate('2026-03-21'), ['lifecycle.arrete_date_future']);
    expectRefused(actor, cmd.homologate('2026-03-02', ' '), ['lifecycle.arrete_reference_missing']);
    expectRefused(actor, cmd.homologate('', '', sign('2026-03-20T10:00:00+01:00', '')), ['lifecycle.author_missing', 'lifecycle.arrete_date_invalid', 'lifecycle.arrete_reference_missing']);
    // The arrêté may be dated the day it is recorded.
    expect(actor.getSnapshot().can(cmd.homologate('2026-03-20'))).toBe(true);
  });

  it('a homologated version never changes', () => {
    const actor = reach('homologated');
    const edited = structuredClone(actor.getSnapshot().context.graph);
    edited.nodes[0] = { ...edited.nodes[0]!, label: 'Autre libellé' } as GraphDocument['nodes'][number];
    expectRefused(actor, { type: 'graph.change', graph: edited }, ['lifecycle.frozen']);
    expectRefused(actor, cmd.review(), ['lifecycle.not_from_state']);
    expectRefused(actor, cmd.submit(), ['lifecycle.not_from_state']);
    expectRefused(actor, cmd.back(), ['lifecycle.not_from_state']);
    expectRefused(actor, cmd.homologate(), ['lifecycle.not_from_state']);
  });

  it('homologated → expired only from the expiry date', () => {
    const actor = reach('homologated');
    expectRefused(actor, cmd.expire('2031-03-01T23:59:00+01:00'), ['lifecycle.not_expired']);
    expect(refusalsOf(actor.getSnapshot(), cmd.expire('2031-03-01T23:59:00+01:00'))[0]!.params).toEqual({ expires: '2031-03-02' });
    actor.send(cmd.expire('2031-03-02T08:00:00+01:00'));
    const s = actor.getSnapshot();
    expect(s.value).toBe('expired');
    // The homologated content stays as it was; the arrêté stays on record.
    expect(s.context.graph.referential.identity.status).toBe('homologated');
    expect(s.context.lifecycle.homologation?.expires).toBe('2031-03-02');
    expectRefused(actor, { type: 'graph.change', graph: GRAPH }, ['lifecycle.frozen']);
  });

  it('homologated → superseded only by a later version', () => {
    const actor = reach('homologated');
    expectRefused(actor, cmd.supersede('1.0.0'), ['lifecycle.supersede_not_later']);
    expectRefused(actor, cmd.supersede('0.9.0'), ['lifecycle.supersede_not_later']);
    expectRefused(actor, cmd.supersede('deux'), ['lifecycle.supersede_not_later']);
    actor.send(cmd.supersede('1.1.0'));
    expect(actor.getSnapshot().value).toBe('superseded');
    expect(actor.getSnapshot().context.lifecycle.transitions.at(-1)).toMatchObject({ from: 'homologated', to: 'superseded' });
  });

  it('startNewVersion: a new draft with the next minor version by default, major on request', () => {
    const minor = reach('homologated');
    minor.send(cmd.start());
    const s = minor.getSnapshot();
    expect(s.value).toBe('draft');
    expect(s.context.graph.referential.identity.version).toBe('1.1.0');
    expect(s.context.graph.referential.identity.status).toBe('draft');
    expect(s.context.graph.referential.identity.homologation).toBeUndefined();
    expect(s.context.lifecycle.homologation).toBeUndefined();
    expect(s.context.lifecycle.transitions.at(-1)).toEqual({ from: 'homologated', to: 'draft', at: '2027-01-05T10:00:00+01:00', author: 'Claire Martin', note: 'Réévaluation' });
    // The new draft is editable again.
    const edited = { ...s.context.graph, nodes: s.context.graph.nodes.slice() };
    minor.send({ type: 'graph.change', graph: edited });
    expect(minor.getSnapshot().context.graph).toBe(edited);

    const major = reach('homologated');
    major.send(cmd.start('major'));
    expect(major.getSnapshot().context.graph.referential.identity.version).toBe('2.0.0');

    // Above every version stored elsewhere.
    const above = reach('homologated');
    above.send(cmd.start('minor', ['1.4.2']));
    expect(above.getSnapshot().context.graph.referential.identity.version).toBe('1.5.0');
  });

  it('startNewVersion also from expired and superseded, never from draft or review', () => {
    for (const state of ['expired', 'superseded'] as const) {
      const actor = start(GRAPH, { state, transitions: [] });
      actor.send(cmd.start());
      expect(actor.getSnapshot().value).toBe('draft');
    }
    expectRefused(start(), cmd.start(), ['lifecycle.not_from_state']);
    expectRefused(reach('in_review'), cmd.start(), ['lifecycle.not_from_state']);
    expectRefused(reach('submitted'), cmd.start(), ['lifecycle.not_from_state']);
  });

  it('edits in draft: the lifecycle fields of the identity are not the editor’s', () => {
    const actor = start();
    const renamed = structuredClone(GRAPH);
    renamed.referential.id = 'autre-id';
    expectRefused(actor, { type: 'graph.change', graph: renamed }, ['lifecycle.identity_managed']);
    const promoted = structuredClone(GRAPH);
    promoted.referential.identity.status = 'homologated';
    expectRefused(actor, { type: 'graph.change', graph: promoted }, ['lifecycle.identity_managed']);
    const renumbered = structuredClone(GRAPH);
    renumbered.referential.identity.version = '2.0.0';
    actor.send({ type: 'graph.change', graph: renumbered });
    expect(actor.getSnapshot().context.graph.referential.identity.version).toBe('2.0.0');
  });

  it('records a renewal request as a step; the version stays homologated; a second one, or one after expiry, is refused (D4163-6, décret 2025-277)', () => {
    const homologation = { arreteDate: '2026-03-02', arreteReference: 'x', expires: '2031-03-02' };
    const actor = start(GRAPH, { state: 'homologated', transitions: [], homologation });
    const request: LifecycleCommand = { type: 'renewal.request', at: '2030-08-20T10:00:00+02:00', author: 'Claire Martin', note: 'Réévaluation faite en juin' };
    actor.send(request);
    const { lifecycle } = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe('homologated');
    expect(lifecycle.renewalRequested).toEqual({ on: '2030-08-20', author: 'Claire Martin', note: 'Réévaluation faite en juin' });
    expect(lifecycle.transitions.at(-1)).toEqual({ from: 'homologated', to: 'homologated', at: '2030-08-20T10:00:00+02:00', author: 'Claire Martin', note: 'Réévaluation faite en juin' });
    expect(refusalsOf(actor.getSnapshot(), request).map((r) => r.code)).toEqual(['lifecycle.renewal_already_requested']);
    const late = start(GRAPH, { state: 'homologated', transitions: [], homologation });
    expect(refusalsOf(late.getSnapshot(), { ...request, at: '2031-03-02T10:00:00+01:00' }).map((r) => r.code)).toEqual(['lifecycle.already_expired']);
    expect(refusalsOf(late.getSnapshot(), { ...request, at: '2031-03-01T10:00:00+01:00' })).toEqual([]);
  });

  it('takes exactly the commands of the core transition table, from every state', () => {
    const valid: Record<LifecycleCommandType, LifecycleCommand> = {
      'review.request': cmd.review(),
      'review.return': cmd.back(),
      submit: cmd.submit(),
      homologate: cmd.homologate(),
      expire: cmd.expire('2032-01-01T10:00:00+01:00'),
      'renewal.request': { type: 'renewal.request', at: '2030-06-01T10:00:00+02:00', author: 'Claire Martin', note: 'Réévaluation faite' },
      supersede: cmd.supersede('9.0.0'),
      'version.start': cmd.start(),
    };
    const homologation = { arreteDate: '2026-03-02', arreteReference: 'x', expires: '2031-03-02' };
    for (const state of LIFECYCLE_STATES) {
      const snapshot = start(GRAPH, { state, transitions: [], ...(state === 'homologated' ? { homologation } : {}) }).getSnapshot();
      const taken = LIFECYCLE_COMMAND_TYPES.filter((type) => snapshot.can(valid[type]));
      expect(taken, state).toEqual(commandsFrom(state));
      for (const type of taken) {
        const actor = start(GRAPH, { state, transitions: [], ...(state === 'homologated' ? { homologation } : {}) });
        actor.send(valid[type]);
        expect(actor.getSnapshot().value).toBe(LIFECYCLE_TRANSITIONS[type].to as LifecycleState);
        expect(actor.getSnapshot().context.lifecycle.state).toBe(LIFECYCLE_TRANSITIONS[type].to);
      }
    }
  });
});
