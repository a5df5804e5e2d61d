import { assign, fromPromise, setup } from 'xstate';
import { applyResolutions, type GraphDocument, type LoadIssue, type MergeResult, type Result, type Side } from '../../core/index.ts';
import type { Prepared } from './merge.ts';

/*
 * « Fusionner le fichier d'un collègue » as a statechart:
 *
 *   choosing ──file──▶ preparing ──merged──▶ resolving ──apply (every conflict decided)──▶ applying ──▶ applied
 *      ▲                  │  └──no common base──▶ needBase ──base file──▶ preparing
 *      └──refused─────────┘
 *
 * The two slow steps are actors the dialog provides: `prepare` (read the files, find the common base,
 * merge) and `apply` (one undoable editor step, then the check and the scenarios). Each choice reruns
 * the merge with the choices made (`applyResolutions`); a conflict that a choice brings is marked new
 * and left to decide. The machine reads no clock and touches no storage.
 */

export interface FileText {
  name: string;
  text: Result<string, LoadIssue>;
}

export interface PrepareInput {
  theirs: FileText;
  base?: FileText;
}

export type PrepareOutput = Prepared | { kind: 'invalid'; message: string; issues?: LoadIssue[] };

export interface MergeMachineContext {
  theirs?: FileText;
  baseNeeded?: string;
  /** How the common base was found, in French. */
  how?: string;
  result?: MergeResult<GraphDocument>;
  choices: Record<string, Side>;
  /** Conflicts that appeared after a choice, not decided yet. */
  fresh: string[];
  problem?: { message: string; issues?: LoadIssue[] };
}

export type MergeMachineEvent =
  | { type: 'file'; file: FileText }
  | { type: 'base'; file: FileText }
  | { type: 'choose'; conflict: string; side: Side }
  | { type: 'apply' }
  | { type: 'cancel' };

export const mergeMachine = setup({
  types: {
    context: {} as MergeMachineContext,
    events: {} as MergeMachineEvent,
  },
  actors: {
    // Provided by the dialog (storage candidates) or a test.
    prepare: fromPromise<PrepareOutput, PrepareInput>(async () => {
      throw new Error('prepare: provide it');
    }),
    apply: fromPromise<void, { result: MergeResult<GraphDocument>; name: string }>(async () => {
      throw new Error('apply: provide it');
    }),
  },
  guards: {
    allDecided: ({ context }) => context.result !== undefined && context.result.pending.length === 0,
  },
}).createMachine({
  id: 'merge',
  context: { choices: {}, fresh: [] },
  initial: 'choosing',
  on: { cancel: '.cancelled' },
  states: {
    choosing: {
      on: { file: { target: 'preparing', actions: assign(({ event }) => ({ theirs: event.file, problem: undefined, baseNeeded: undefined })) } },
    },
    preparing: {
      invoke: {
        src: 'prepare',
        input: ({ context, event }) => ({ theirs: context.theirs!, ...(event.type === 'base' ? { base: event.file } : {}) }),
        onDone: [
          {
            guard: ({ event }) => event.output.kind === 'merged',
            target: 'resolving',
            actions: assign(({ event }) => {
              const out = event.output as Extract<Prepared, { kind: 'merged' }>;
              return { result: out.result, how: out.how, choices: {}, fresh: [], problem: undefined };
            }),
          },
          {
            guard: ({ event }) => event.output.kind === 'needBase',
            target: 'needBase',
            actions: assign(({ event }) => ({ baseNeeded: (event.output as { message: string }).message, problem: undefined })),
          },
          {
            target: 'choosing',
            actions: assign(({ event }) => {
              const out = event.output as { message: string; issues?: LoadIssue[] };
              return { problem: { message: out.message, ...(out.issues ? { issues: out.issues } : {}) } };
            }),
          },
        ],
        onError: { target: 'choosing', actions: assign(({ event }) => ({ problem: { message: event.error instanceof Error ? event.error.message : String(event.error) } })) },
      },
    },
    needBase: {
      on: {
        base: { target: 'preparing' },
        file: { target: 'preparing', actions: assign(({ event }) => ({ theirs: event.file, problem: undefined, baseNeeded: undefined })) },
      },
    },
    resolving: {
      on: {
        choose: {
          actions: assign(({ context, event }) => {
            const previous = new Set(context.result!.conflicts.map((c) => c.id));
            const result = applyResolutions(context.result!, { [event.conflict]: event.side });
            const fresh = [...context.fresh.filter((id) => id !== event.conflict), ...result.conflicts.filter((c) => !previous.has(c.id)).map((c) => c.id)];
            return { result, choices: { ...context.choices, [event.conflict]: event.side }, fresh: fresh.filter((id) => result.pending.some((c) => c.id === id)) };
          }),
        },
        apply: { guard: 'allDecided', target: 'applying' },
      },
    },
    applying: {
      invoke: {
        src: 'apply',
        input: ({ context }) => ({ result: context.result!, name: context.theirs!.name }),
        onDone: 'applied',
        onError: { target: 'resolving', actions: assign(({ event }) => ({ problem: { message: event.error instanceof Error ? event.error.message : String(event.error) } })) },
      },
    },
    applied: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
