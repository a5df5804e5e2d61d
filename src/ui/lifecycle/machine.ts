import { assign, setup, type SnapshotFrom } from 'xstate';
import type { GraphDocument } from '../../core/index.ts';
import {
  applyLifecycleCommand,
  editRefusals,
  initialLifecycle,
  lifecycleRefusals,
  type Lifecycle,
  type LifecycleCommand,
  type LifecycleRefusal,
  type LifecycleState,
} from '../../core/lifecycle/index.ts';

/*
 * The lifecycle of one referential version as a statechart:
 *
 *   draft ──review.request──▶ in_review ──submit──▶ submitted ──homologate──▶ homologated ──expire──▶ expired
 *     ▲                         │                     │                          │  ├──supersede──▶ superseded
 *     │                         │                     │                          │  └──renewal.request (recorded, stays homologated)
 *     └──────review.return──────┴─────────────────────┘                          │
 *     └──────────────────────version.start (homologated, expired, superseded)────┘
 *
 * Guards are thin calls into the core rules (src/core/lifecycle): going to review and submitting need a
 * clean check and passing scenarios (checkGraph + runScenarios on the compiled referential); a
 * homologated version never changes (`graph.change` only in draft). Every transition is recorded with
 * its date, author and note, which the events carry: the machine never reads the clock.
 */

export interface LifecycleContext {
  graph: GraphDocument;
  lifecycle: Lifecycle;
}

export interface LifecycleInput {
  graph: GraphDocument;
  /** The persisted lifecycle to resume from; a new draft when absent. */
  lifecycle?: Lifecycle;
}

/** The editor replaces the logigramme (only while in draft). */
export type GraphChangeEvent = { type: 'graph.change'; graph: GraphDocument };
export type LifecycleEvent = LifecycleCommand | GraphChangeEvent;

const RESUME = ['in_review', 'submitted', 'homologated', 'expired', 'superseded'] as const satisfies readonly LifecycleState[];

export const lifecycleMachine = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  guards: {
    resumesIn: ({ context }, params: { state: LifecycleState }) => context.lifecycle.state === params.state,
    commandAllowed: ({ context, event }) => event.type !== 'graph.change' && lifecycleRefusals(context.lifecycle, context.graph, event).length === 0,
    editAllowed: ({ context, event }) => event.type === 'graph.change' && editRefusals(context.lifecycle, context.graph, event.graph).length === 0,
  },
  actions: {
    record: assign(({ context, event }) => {
      if (event.type === 'graph.change') return {};
      const step = applyLifecycleCommand(context.lifecycle, context.graph, event);
      return step.ok ? { lifecycle: step.value.lifecycle, graph: step.value.graph } : {};
    }),
    edit: assign(({ event }) => (event.type === 'graph.change' ? { graph: event.graph } : {})),
  },
}).createMachine({
  id: 'referentialLifecycle',
  context: ({ input }) => ({ graph: input.graph, lifecycle: input.lifecycle ?? initialLifecycle() }),
  // Resumes in the persisted state (a stored draft may be anywhere in its life).
  initial: 'resuming',
  states: {
    resuming: {
      always: [...RESUME.map((state) => ({ guard: { type: 'resumesIn' as const, params: { state } }, target: state })), { target: 'draft' }],
    },
    draft: {
      on: {
        'graph.change': { guard: 'editAllowed', actions: 'edit' },
        'review.request': { guard: 'commandAllowed', target: 'in_review', actions: 'record' },
      },
    },
    in_review: {
      on: {
        submit: { guard: 'commandAllowed', target: 'submitted', actions: 'record' },
        'review.return': { guard: 'commandAllowed', target: 'draft', actions: 'record' },
      },
    },
    submitted: {
      on: {
        homologate: { guard: 'commandAllowed', target: 'homologated', actions: 'record' },
        'review.return': { guard: 'commandAllowed', target: 'draft', actions: 'record' },
      },
    },
    homologated: {
      on: {
        expire: { guard: 'commandAllowed', target: 'expired', actions: 'record' },
        // The renewal request is a recorded step; the version stays homologated until renewed or expired.
        'renewal.request': { guard: 'commandAllowed', target: 'homologated', reenter: false, actions: 'record' },
        supersede: { guard: 'commandAllowed', target: 'superseded', actions: 'record' },
        'version.start': { guard: 'commandAllowed', target: 'draft', actions: 'record' },
      },
    },
    expired: {
      on: { 'version.start': { guard: 'commandAllowed', target: 'draft', actions: 'record' } },
    },
    superseded: {
      on: { 'version.start': { guard: 'commandAllowed', target: 'draft', actions: 'record' } },
    },
  },
});

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;

/**
 * Why the machine would ignore `event` in this snapshot (empty when it would take it): the same core
 * rules its guards call, so a button can be disabled with the reason the machine would refuse it for.
 */
export function refusalsOf(snapshot: LifecycleSnapshot, event: LifecycleEvent): LifecycleRefusal[] {
  const { lifecycle, graph } = snapshot.context;
  return event.type === 'graph.change' ? editRefusals(lifecycle, graph, event.graph) : lifecycleRefusals(lifecycle, graph, event);
}
