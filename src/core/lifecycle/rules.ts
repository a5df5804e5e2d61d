import type { GraphDocument } from '../graph/schema.ts';
import type { Identity } from '../referential/schema.ts';
import type { Result } from '../util/result.ts';
import { isIsoDate } from '../util/dates.ts';
import { dateOfTimestamp, homologationExpiry } from './dates.ts';
import { readiness } from './readiness.ts';
import { compareVersions, isVersion, nextVersion } from './version.ts';

/*
 * The lifecycle of a referential version, as pure rules: which command is possible from which state,
 * why a command is refused, and what it records. The XState machine (src/ui/lifecycle/machine.ts) is the
 * statechart over these rules — its guards call `lifecycleRefusals`, its actions `applyLifecycleCommand` —
 * and the storage layer applies the same rules when it persists, so both refuse the same things with
 * the same reasons.
 */

export const LIFECYCLE_STATES = ['draft', 'in_review', 'submitted', 'homologated', 'expired', 'superseded'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export interface TransitionRecord {
  from: LifecycleState;
  to: LifecycleState;
  /** ISO timestamp with its offset, as the user's clock gave it. */
  at: string;
  author: string;
  note: string;
}

export interface HomologationRecord {
  arreteDate: string;
  arreteReference: string;
  expires: string;
}

/** What is persisted of a draft's lifecycle (the `lifecycle` field of a stored draft). */
export interface Lifecycle {
  state: LifecycleState;
  transitions: TransitionRecord[];
  homologation?: HomologationRecord;
  /** The reviewers' note, while a returned version is being reworked. */
  reviewNote?: string;
  /**
   * The renewal request of the homologated version (D4163-6 as amended by décret 2025-277: at the latest
   * six months before expiry, after re-evaluation). Also recorded as a transition of the history.
   */
  renewalRequested?: { on: string; author: string; note: string };
}

/** Who does it, when, and why: every transition carries them. */
export interface Signature {
  at: string;
  author: string;
  note: string;
}

export type LifecycleCommand =
  | ({ type: 'review.request' } & Signature)
  | ({ type: 'review.return' } & Signature)
  | ({ type: 'submit' } & Signature)
  | ({ type: 'homologate'; arreteDate: string; arreteReference: string } & Signature)
  | ({ type: 'expire' } & Signature)
  /** The branch asks the ministries to renew the homologation (the version stays homologated). */
  | ({ type: 'renewal.request' } & Signature)
  | ({ type: 'supersede'; byVersion: string } & Signature)
  /** `after`: versions already stored elsewhere, so that the new number is above all of them. */
  | ({ type: 'version.start'; bump: 'major' | 'minor'; after?: readonly string[] } & Signature);

export type LifecycleCommandType = LifecycleCommand['type'];

/** The transition table: from which states each command goes, and where. */
export const LIFECYCLE_TRANSITIONS: Record<LifecycleCommandType, { from: readonly LifecycleState[]; to: LifecycleState }> = {
  'review.request': { from: ['draft'], to: 'in_review' },
  'review.return': { from: ['in_review', 'submitted'], to: 'draft' },
  submit: { from: ['in_review'], to: 'submitted' },
  homologate: { from: ['submitted'], to: 'homologated' },
  expire: { from: ['homologated'], to: 'expired' },
  'renewal.request': { from: ['homologated'], to: 'homologated' },
  supersede: { from: ['homologated'], to: 'superseded' },
  'version.start': { from: ['homologated', 'expired', 'superseded'], to: 'draft' },
};

export const LIFECYCLE_COMMAND_TYPES = Object.keys(LIFECYCLE_TRANSITIONS) as LifecycleCommandType[];

export type LifecycleRefusalCode =
  | 'lifecycle.not_from_state'
  | 'lifecycle.bad_timestamp'
  | 'lifecycle.author_missing'
  | 'lifecycle.note_missing'
  | 'lifecycle.check_errors'
  | 'lifecycle.scenarios_failing'
  | 'lifecycle.arrete_date_invalid'
  | 'lifecycle.arrete_date_future'
  | 'lifecycle.arrete_reference_missing'
  | 'lifecycle.not_expired'
  | 'lifecycle.already_expired'
  | 'lifecycle.renewal_already_requested'
  | 'lifecycle.supersede_not_later'
  | 'lifecycle.frozen'
  | 'lifecycle.locked_in_review'
  | 'lifecycle.identity_managed';

/** Why a command is refused: a stable code and its parameters; the French text is the UI's catalogue. */
export interface LifecycleRefusal {
  code: LifecycleRefusalCode;
  params: Record<string, string | number>;
}

/** Commands possible from a state (the buttons a panel shows), in table order. */
export function commandsFrom(state: LifecycleState): LifecycleCommandType[] {
  return LIFECYCLE_COMMAND_TYPES.filter((type) => LIFECYCLE_TRANSITIONS[type].from.includes(state));
}

/** Only a draft's graph may change: under review it is locked, once homologated it is frozen for ever. */
export function isEditable(state: LifecycleState): boolean {
  return state === 'draft';
}

/**
 * Every reason to refuse `command` on a draft in `lifecycle` whose logigramme is `graph`; empty when it
 * is allowed. Going to review and submitting both need a clean check (no error-level finding) and every
 * scenario passing: reviewers read what would be filed.
 */
export function lifecycleRefusals(lifecycle: Lifecycle, graph: GraphDocument, command: LifecycleCommand): LifecycleRefusal[] {
  const rule = LIFECYCLE_TRANSITIONS[command.type];
  if (!rule.from.includes(lifecycle.state)) return [{ code: 'lifecycle.not_from_state', params: { command: command.type, state: lifecycle.state } }];
  const out: LifecycleRefusal[] = [];
  const today = dateOfTimestamp(command.at);
  if (!today) out.push({ code: 'lifecycle.bad_timestamp', params: { at: command.at } });
  if (command.author.trim() === '') out.push({ code: 'lifecycle.author_missing', params: {} });
  switch (command.type) {
    case 'review.return':
      if (command.note.trim() === '') out.push({ code: 'lifecycle.note_missing', params: {} });
      break;
    case 'review.request':
    case 'submit': {
      const ready = readiness(graph);
      if (ready.errors.length > 0) out.push({ code: 'lifecycle.check_errors', params: { count: ready.errors.length } });
      if (ready.failingScenarios.length > 0) {
        out.push({ code: 'lifecycle.scenarios_failing', params: { count: ready.failingScenarios.length, scenarios: ready.failingScenarios.map((s) => s.label).join(', ') } });
      }
      break;
    }
    case 'homologate':
      if (!isIsoDate(command.arreteDate)) out.push({ code: 'lifecycle.arrete_date_invalid', params: { date: command.arreteDate } });
      else if (today && command.arreteDate > today) out.push({ code: 'lifecycle.arrete_date_future', params: { date: command.arreteDate, today } });
      if (command.arreteReference.trim() === '') out.push({ code: 'lifecycle.arrete_reference_missing', params: {} });
      break;
    case 'expire': {
      const expires = lifecycle.homologation?.expires;
      if (expires && today && today < expires) out.push({ code: 'lifecycle.not_expired', params: { expires } });
      break;
    }
    case 'renewal.request': {
      const expires = lifecycle.homologation?.expires;
      if (lifecycle.renewalRequested) out.push({ code: 'lifecycle.renewal_already_requested', params: { on: lifecycle.renewalRequested.on } });
      if (expires && today && today >= expires) out.push({ code: 'lifecycle.already_expired', params: { expires } });
      break;
    }
    case 'supersede': {
      const version = graph.referential.identity.version;
      if (!isVersion(command.byVersion) || compareVersions(command.byVersion, version) <= 0) {
        out.push({ code: 'lifecycle.supersede_not_later', params: { by: command.byVersion, version } });
      }
      break;
    }
    case 'version.start':
      break;
  }
  return out;
}

/**
 * Reasons to refuse replacing the draft's logigramme by `next`: only a draft changes; its id, status and
 * homologation belong to the lifecycle (the version number may change while drafting).
 */
export function editRefusals(lifecycle: Lifecycle, current: GraphDocument, next: GraphDocument): LifecycleRefusal[] {
  if (lifecycle.state === 'in_review' || lifecycle.state === 'submitted') return [{ code: 'lifecycle.locked_in_review', params: { state: lifecycle.state } }];
  if (lifecycle.state !== 'draft') return [{ code: 'lifecycle.frozen', params: { state: lifecycle.state } }];
  const a = current.referential;
  const b = next.referential;
  const out: LifecycleRefusal[] = [];
  if (a.id !== b.id) out.push({ code: 'lifecycle.identity_managed', params: { field: 'id' } });
  if (a.identity.status !== b.identity.status) out.push({ code: 'lifecycle.identity_managed', params: { field: 'identity.status' } });
  if (JSON.stringify(a.identity.homologation) !== JSON.stringify(b.identity.homologation)) out.push({ code: 'lifecycle.identity_managed', params: { field: 'identity.homologation' } });
  return out;
}

export interface LifecycleStep {
  lifecycle: Lifecycle;
  graph: GraphDocument;
  transition: TransitionRecord;
}

/**
 * Applies an allowed command: the transition is recorded (date, author, note), the graph's identity
 * follows the lifecycle (status, homologation, version number). Refused commands change nothing.
 */
export function applyLifecycleCommand(lifecycle: Lifecycle, graph: GraphDocument, command: LifecycleCommand): Result<LifecycleStep, LifecycleRefusal> {
  const refusals = lifecycleRefusals(lifecycle, graph, command);
  if (refusals.length > 0) return { ok: false, issues: refusals };
  const to = LIFECYCLE_TRANSITIONS[command.type].to;
  const transition: TransitionRecord = { from: lifecycle.state, to, at: command.at, author: command.author.trim(), note: command.note.trim() };
  const { reviewNote: _reviewNote, homologation: _homologation, renewalRequested: _renewal, ...rest } = lifecycle;
  const base: Lifecycle = { ...rest, state: to, transitions: [...lifecycle.transitions, transition] };
  const identity = graph.referential.identity;
  let next: Lifecycle = { ...base, ...(lifecycle.homologation ? { homologation: lifecycle.homologation } : {}), ...(lifecycle.renewalRequested ? { renewalRequested: lifecycle.renewalRequested } : {}) };
  let nextGraph = graph;
  switch (command.type) {
    case 'review.request':
    case 'submit':
      nextGraph = withIdentity(graph, { ...identity, status: to });
      break;
    case 'review.return':
      next = { ...base, reviewNote: transition.note };
      // A submitted version was filed as it is: the reworked one needs its own number.
      nextGraph = withIdentity(graph, {
        ...identity,
        status: 'draft',
        ...(lifecycle.state === 'submitted' ? { version: nextVersion([identity.version], 'patch') } : {}),
      });
      break;
    case 'homologate': {
      const homologation: HomologationRecord = { arreteDate: command.arreteDate, arreteReference: command.arreteReference.trim(), expires: homologationExpiry(command.arreteDate) };
      next = { ...base, homologation };
      nextGraph = withIdentity(graph, { ...identity, status: 'homologated', homologation });
      break;
    }
    case 'expire':
    case 'supersede':
      // The homologated content never changes: only the lifecycle records the new state.
      break;
    case 'renewal.request':
      next = { ...next, renewalRequested: { on: dateOfTimestamp(command.at)!, author: transition.author, note: transition.note } };
      break;
    case 'version.start': {
      next = base;
      const { homologation: _h, ...kept } = identity;
      nextGraph = withIdentity(graph, { ...kept, status: 'draft', version: nextVersion([identity.version, ...(command.after ?? [])], command.bump) });
      break;
    }
  }
  return { ok: true, value: { lifecycle: next, graph: nextGraph, transition } };
}

function withIdentity(graph: GraphDocument, identity: Identity): GraphDocument {
  return { ...graph, referential: { ...graph.referential, identity } };
}

/** A new draft's lifecycle: no transition yet. */
export function initialLifecycle(): Lifecycle {
  return { state: 'draft', transitions: [] };
}
