import { assign, setup } from 'xstate';
import {
  applyPlanCommand,
  PLAN_TRANSITIONS,
  planRefusals,
  themeIssues,
  themeRule,
  type ActionPlan,
  type PlanCommand,
  type PlanIssue,
  type PlanKind,
  type PlanRefusal,
  type PlanStatus,
  type PlanTheme,
  type ThemeId,
} from '../../core/index.ts';

/*
 * The agreement / action plan workspace as a statechart: no plan yet, then the plan's own lifecycle
 * (draft → consulted → filed → expired, L4162-2 and L4162-3 of the Code du travail). The machine only
 * wraps the core: every status change goes through `applyPlanCommand`, whose refusals (no record of
 * disagreement before an action plan's consultation, no filing before the CSE was consulted or while
 * the plan is invalid…) are kept for the screen; the content is editable in draft only. A theme choice
 * that does not meet the rule in force on the start date (D4162-3, D4163-3, D138-27 CSS) is refused and
 * the plan keeps its former themes.
 */

export interface PlanPenalty {
  remuneration: number;
  months: number;
}

export interface PlanContext {
  plan: ActionPlan | null;
  /** Why the last status command was refused (empty after a success). */
  refusals: PlanRefusal[];
  /** Why the last theme choice was refused. */
  themeRefusals: PlanIssue[];
  penalty?: PlanPenalty;
}

export type PlanEvent =
  | { type: 'CREATE'; plan: ActionPlan }
  | { type: 'THEMES'; themes: ThemeId[] }
  | { type: 'OBJECTIVE'; theme: number; objective: number; target?: number; indicator?: string }
  | { type: 'MEASURES'; theme: number; measures: string[] }
  | { type: 'POINT_USE'; training: string; partTime: string }
  | { type: 'KIND'; kind: PlanKind }
  | { type: 'UNION'; unionDelegates: boolean }
  | { type: 'COMMAND'; command: PlanCommand }
  | { type: 'PENALTY'; penalty: PlanPenalty | undefined }
  | { type: 'DISCARD' };

export interface PlanMachineInput {
  plan?: ActionPlan;
  penalty?: PlanPenalty;
}

/** The themes a choice would give the plan, each keeping its objectives and measures when it had some. */
export function withThemes(plan: ActionPlan, themes: readonly ThemeId[]): PlanTheme[] {
  return themes.map((theme) => plan.themes.find((t) => t.theme === theme) ?? { theme, measures: [], objectives: [{ text: '', unit: 'actions', indicator: '' }] });
}

/** Why a theme choice is refused under the rule of the plan's start date (empty when it is valid). */
export function themeChoiceIssues(plan: ActionPlan, themes: readonly ThemeId[]): PlanIssue[] {
  const rule = themeRule(plan.start);
  return rule ? themeIssues(themes, rule) : [{ code: 'plan.rule_none', path: 'start', params: { start: plan.start } }];
}

const toStatus = (status: PlanStatus) => ({ context, event }: { context: PlanContext; event: PlanEvent }) =>
  event.type === 'COMMAND' && context.plan !== null && planRefusals(context.plan, event.command).length === 0 && PLAN_TRANSITIONS[event.command.type].to === status;

const commandTransitions = [
  { guard: 'refused', actions: 'refuse' },
  { guard: 'toDraft', target: 'draft', actions: 'apply' },
  { guard: 'toConsulted', target: 'consulted', actions: 'apply' },
  { guard: 'toFiled', target: 'filed', actions: 'apply' },
  { guard: 'toExpired', target: 'expired', actions: 'apply' },
] as const;

export const actionPlanMachine = setup({
  types: { context: {} as PlanContext, events: {} as PlanEvent, input: {} as PlanMachineInput },
  guards: {
    hasPlan: ({ context }) => context.plan !== null,
    draftPlan: ({ context }) => context.plan?.status === 'draft',
    consultedPlan: ({ context }) => context.plan?.status === 'consulted',
    filedPlan: ({ context }) => context.plan?.status === 'filed',
    refused: ({ context, event }) => event.type === 'COMMAND' && (context.plan === null || planRefusals(context.plan, event.command).length > 0),
    toDraft: toStatus('draft'),
    toConsulted: toStatus('consulted'),
    toFiled: toStatus('filed'),
    toExpired: toStatus('expired'),
    themesValid: ({ context, event }) => event.type === 'THEMES' && context.plan !== null && themeChoiceIssues(context.plan, event.themes).length === 0,
  },
  actions: {
    create: assign(({ event }) => (event.type === 'CREATE' ? { plan: event.plan, refusals: [], themeRefusals: [] } : {})),
    discard: assign({ plan: null, refusals: [], themeRefusals: [] }),
    apply: assign(({ context, event }) => {
      if (event.type !== 'COMMAND' || !context.plan) return {};
      const outcome = applyPlanCommand(context.plan, event.command);
      return outcome.ok ? { plan: outcome.plan, refusals: [] } : { refusals: outcome.refusals };
    }),
    refuse: assign(({ context, event }) => (event.type === 'COMMAND' ? { refusals: context.plan ? planRefusals(context.plan, event.command) : [] } : {})),
    setThemes: assign(({ context, event }) => (event.type === 'THEMES' && context.plan ? { plan: { ...context.plan, themes: withThemes(context.plan, event.themes) }, themeRefusals: [] } : {})),
    refuseThemes: assign(({ context, event }) => (event.type === 'THEMES' && context.plan ? { themeRefusals: themeChoiceIssues(context.plan, event.themes) } : {})),
    edit: assign(({ context, event }) => {
      const plan = context.plan;
      if (!plan) return {};
      switch (event.type) {
        case 'OBJECTIVE':
          return {
            plan: {
              ...plan,
              themes: plan.themes.map((t, i) =>
                i !== event.theme
                  ? t
                  : {
                      ...t,
                      objectives: t.objectives.map((o, k) => {
                        if (k !== event.objective) return o;
                        const { target: _old, ...rest } = o;
                        const target = 'target' in event ? event.target : o.target;
                        return { ...rest, ...(target !== undefined ? { target } : {}), ...(event.indicator !== undefined ? { indicator: event.indicator } : {}) };
                      }),
                    },
              ),
            },
          };
        case 'MEASURES':
          return { plan: { ...plan, themes: plan.themes.map((t, i) => (i === event.theme ? { ...t, measures: event.measures } : t)) } };
        case 'POINT_USE':
          return { plan: { ...plan, pointUseMeasures: { training: event.training, partTime: event.partTime } } };
        case 'KIND': {
          // A change of kind drops the steps of the other kind (a signature, a record of disagreement).
          const { signature: _s, disagreementRecord: _d, ...rest } = plan;
          return { plan: { ...rest, kind: event.kind } };
        }
        case 'UNION':
          return { plan: { ...plan, unionDelegates: event.unionDelegates } };
        default:
          return {};
      }
    }),
    setPenalty: assign(({ event }) => (event.type === 'PENALTY' ? { penalty: event.penalty } : {})),
  },
}).createMachine({
  id: 'actionPlan',
  context: ({ input }) => ({ plan: input.plan ?? null, refusals: [], themeRefusals: [], ...(input.penalty ? { penalty: input.penalty } : {}) }),
  initial: 'start',
  on: { PENALTY: { actions: 'setPenalty' } },
  states: {
    start: {
      always: [
        { guard: 'draftPlan', target: 'draft' },
        { guard: 'consultedPlan', target: 'consulted' },
        { guard: 'filedPlan', target: 'filed' },
        { guard: 'hasPlan', target: 'expired' },
        { target: 'none' },
      ],
    },
    none: { on: { CREATE: { target: 'draft', actions: 'create' } } },
    draft: {
      on: {
        THEMES: [{ guard: 'themesValid', actions: 'setThemes' }, { actions: 'refuseThemes' }],
        OBJECTIVE: { actions: 'edit' },
        MEASURES: { actions: 'edit' },
        POINT_USE: { actions: 'edit' },
        KIND: { actions: 'edit' },
        UNION: { actions: 'edit' },
        COMMAND: [...commandTransitions],
        DISCARD: { target: 'none', actions: 'discard' },
      },
    },
    consulted: { on: { COMMAND: [...commandTransitions] } },
    filed: { on: { COMMAND: [...commandTransitions] } },
    expired: { on: { DISCARD: { target: 'none', actions: 'discard' } } },
  },
});
