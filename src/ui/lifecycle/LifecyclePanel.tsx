import { useId, useMemo, useState } from 'react';
import { Heading, SubLevel, SubHeading } from './heading.tsx';
import { createActor } from 'xstate';
import { shortHash } from '../../core/index.ts';
import {
  commandsFrom,
  dateOfTimestamp,
  LIFECYCLE_TRANSITIONS,
  nextVersion,
  type LifecycleCommand,
  type LifecycleCommandType,
  type LifecycleRefusal,
} from '../../core/lifecycle/index.ts';
import { applyTransition, draftFromStored, expireStoredVersions, versionHistory, type DraftRecord, type TransitionOutcome, type VersionEntry } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { formatTimestamp } from '../format.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { statusLabel } from '../labels.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { localTimestamp } from './browser.ts';
import { FilesPanel } from './FilesPanel.tsx';
import { HomologationStatus } from './HomologationStatus.tsx';
import { lifecycleMachine, refusalsOf, type LifecycleSnapshot } from './machine.ts';
import { TransitionForm } from './TransitionForm.tsx';
import './lifecycle.css';
import { computeLayout } from '../editor/layoutClient.ts';
import { DataTable } from '../components/DataTable.tsx';

export interface LifecyclePanelProps {
  /** The referential id (not `id@version`): the panel follows its working draft and its stored versions. */
  referentialId: string;
  /** The clock, for tests; the user's own otherwise. */
  now?: () => Date;
  /** Level of the panel's heading (2 by default; 3 when mounted under another section's heading). */
  headingLevel?: 2 | 3;
}

/**
 * The lifecycle of a referential's working draft: its state, the steps it may take (each disabled with
 * the reason the machine would refuse it), the history of every step with date, author and note, the
 * homologation dates and the re-evaluation warning, and the file actions (export, import, backup).
 * The machine decides what is possible; the storage layer records the step in one transaction with the
 * same core rules, so another tab cannot slip a forbidden step in between.
 */
export function LifecyclePanel({ referentialId, now = () => new Date(), headingLevel = 2 }: LifecyclePanelProps) {
  const db = useDb();
  const headingId = useId();
  const data = useLiveQuery(async () => ({ draft: await db.drafts.get(referentialId), history: await versionHistory(db, referentialId) }), [db, referentialId]);
  return (
    <section className="panel lifecycle" aria-labelledby={headingId} data-testid="lifecycle-panel">
      <Heading level={headingLevel} id={headingId}>
        {t.panel.heading}
      </Heading>
      {data.status === 'loading' && <p role="status">{t.panel.loading}</p>}
      {data.status === 'error' && (
        <p role="alert" className="error-text">
          {t.outcome.failed(String(data.error))}
        </p>
      )}
      {data.status === 'ready' && (
        <>
          <SubLevel.Provider value={(headingLevel + 1) as 3 | 4}>
            <HomologationStatus
              history={data.value.history}
              today={localTimestamp(now()).slice(0, 10)}
              draftHandles={(version) => data.value.draft?.lifecycle.state === 'homologated' && data.value.draft.graph.referential.identity.version === version}
              renewalRequestedOn={(version) =>
                data.value.draft?.graph.referential.identity.version === version ? data.value.draft.lifecycle.renewalRequested?.on : undefined
              }
              onExpireStored={() => void expireStoredVersions(db, referentialId, localTimestamp(now()))}
            />
            {data.value.draft ? <DraftLifecycle draft={data.value.draft} history={data.value.history} now={now} /> : <NoDraft history={data.value.history} />}
            <FilesPanel referentialId={referentialId} draft={data.value.draft} now={now} />
          </SubLevel.Provider>
        </>
      )}
    </section>
  );
}

function NoDraft({ history }: { history: readonly VersionEntry[] }) {
  const db = useDb();
  const [message, setMessage] = useState('');
  const newest = history[0];
  const start = async () => {
    if (!newest) return;
    const outcome = await draftFromStored(db, newest.key, undefined, { layout: computeLayout });
    setMessage(outcome.kind === 'created' ? t.panel.started(outcome.version) : outcome.kind === 'invalid' ? t.outcome.invalid : t.outcome.missing);
  };
  return (
    <div>
      <p>{t.panel.noDraft}</p>
      {newest && (
        <button type="button" onClick={() => void start()}>
          {t.panel.startFrom(newest.version)}
        </button>
      )}
      <p role="status">{message}</p>
    </div>
  );
}

/** A machine snapshot resumed from the stored draft: what the buttons ask before anything is recorded. */
function snapshotOf(draft: DraftRecord): LifecycleSnapshot {
  const actor = createActor(lifecycleMachine, { input: { graph: draft.graph, lifecycle: draft.lifecycle } });
  actor.start();
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

/** A stand-in command with every form field filled: its refusals are the ones the form cannot fix. */
function probe(type: LifecycleCommandType, at: string): LifecycleCommand {
  const signed = { at, author: '—', note: '—' };
  switch (type) {
    case 'homologate':
      return { type, ...signed, arreteDate: dateOfTimestamp(at)!, arreteReference: '—' };
    case 'supersede':
      return { type, ...signed, byVersion: '999999.0.0' };
    case 'version.start':
      return { type, ...signed, bump: 'minor' };
    default:
      return { type, ...signed };
  }
}

type Message = { kind: 'ok' | 'error'; lines: string[] } | null;

function DraftLifecycle({ draft, history, now }: { draft: DraftRecord; history: readonly VersionEntry[]; now: () => Date }) {
  const db = useDb();
  const [open, setOpen] = useState<LifecycleCommandType | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const snapshot = useMemo(() => snapshotOf(draft), [draft]);
  const state = draft.lifecycle.state;
  const version = draft.graph.referential.identity.version;
  const at = localTimestamp(now());
  const commands = commandsFrom(state).map((type) => ({ type, reasons: refusalsOf(snapshot, probe(type, at)) }));
  const versions = [version, ...history.map((v) => v.version)];

  const confirm = async (command: LifecycleCommand): Promise<LifecycleRefusal[]> => {
    const stamped = { ...command, at: localTimestamp(now()) };
    const reasons = refusalsOf(snapshot, stamped);
    if (reasons.length > 0 || !snapshot.can(stamped)) return reasons;
    let outcome: TransitionOutcome;
    try {
      outcome = await applyTransition(db, draft.id, stamped);
    } catch (error) {
      setMessage({ kind: 'error', lines: [t.outcome.failed(error instanceof Error ? error.message : String(error))] });
      setOpen(null);
      return [];
    }
    setMessage(describe(outcome, state, LIFECYCLE_TRANSITIONS[stamped.type].to));
    if (outcome.kind === 'refused') return outcome.reasons;
    setOpen(null);
    return [];
  };

  return (
    <div className="lifecycle-draft" data-state={state}>
      <dl className="facts">
        <dt>{t.panel.version}</dt>
        <dd data-testid="draft-version">{version}</dd>
        <dt>{t.panel.state}</dt>
        <dd>
          <span className={`badge lifecycle-state state-${state}`} data-testid="lifecycle-state" data-state={state}>
            {statusLabel(state)}
          </span>
        </dd>
        <dt>{t.panel.updated}</dt>
        <dd>{formatTimestamp(draft.updatedAt)}</dd>
        {state === 'draft' && draft.lifecycle.reviewNote && (
          <>
            <dt>{t.panel.reviewNote}</dt>
            <dd className="review-note">{draft.lifecycle.reviewNote}</dd>
          </>
        )}
      </dl>

      <SubHeading>{t.panel.actions}</SubHeading>
      {commands.length === 0 && <p>{t.panel.noAction}</p>}
      <ul className="lifecycle-actions">
        {commands.map(({ type, reasons }) => (
          <li key={type}>
            <button
              type="button"
              aria-disabled={reasons.length > 0}
              aria-expanded={open === type}
              aria-describedby={reasons.length > 0 ? `reason-${type}` : undefined}
              data-command={type}
              className={reasons.length > 0 ? 'is-disabled' : undefined}
              onClick={() => {
                if (reasons.length > 0) return;
                setMessage(null);
                setOpen(open === type ? null : type);
              }}
            >
              {t.command[type]}
            </button>
            {reasons.length > 0 && (
              <span id={`reason-${type}`} className="refusal" data-testid={`reason-${type}`}>
                {reasons.map((r) => t.refusal(r)).join(' ')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <TransitionForm
          key={open}
          type={open}
          today={at.slice(0, 10)}
          nextVersions={{ minor: nextVersion(versions, 'minor'), major: nextVersion(versions, 'major') }}
          onConfirm={confirm}
          onCancel={() => setOpen(null)}
        />
      )}
      <div aria-live="polite" data-testid="lifecycle-message">
        {message && (
          <div className={message.kind === 'ok' ? 'success-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
      </div>

      <History draft={draft} />
    </div>
  );
}

function describe(outcome: TransitionOutcome, from: string, to: string): Message {
  switch (outcome.kind) {
    case 'applied': {
      const lines = [t.outcome.applied(from, outcome.record.lifecycle.state ?? to)];
      const p = outcome.published;
      if (p && (p.kind === 'stored' || p.kind === 'homologated' || p.kind === 'unchanged')) lines.push(t.outcome.published(p.record.key, p.record.contentHash));
      if (outcome.superseded.length > 0) lines.push(t.outcome.superseded(outcome.superseded.join(', ')));
      return { kind: 'ok', lines };
    }
    case 'refused':
      return null;
    case 'missing':
      return { kind: 'error', lines: [t.outcome.missing] };
    case 'not_published':
      return {
        kind: 'error',
        lines: [
          outcome.outcome.kind === 'conflict'
            ? t.outcome.conflict(outcome.outcome.existing.key, shortHash(outcome.outcome.existing.contentHash), shortHash(outcome.outcome.contentHash))
            : outcome.outcome.kind === 'quarantined'
              ? t.outcome.quarantined(outcome.outcome.existing.key)
              : t.outcome.invalid,
        ],
      };
  }
}

function History({ draft }: { draft: DraftRecord }) {
  const transitions = draft.lifecycle.transitions;
  return (
    <>
      <SubHeading>{t.panel.history}</SubHeading>
      {transitions.length === 0 ? (
        <p>{t.panel.noHistory}</p>
      ) : (
        <DataTable
          className="lifecycle-history"
          testId="lifecycle-history"
          scroll
          caption={t.panel.historyCaption}
          captionHidden
          columns={[t.panel.when, t.panel.from, t.panel.to, t.panel.author, t.panel.note]}
        >
          {[...transitions].reverse().map((tr, i) => (
            <tr key={transitions.length - i}>
              <td>
                <time dateTime={tr.at}>{formatTimestamp(tr.at)}</time>
              </td>
              <td>{statusLabel(tr.from)}</td>
              <td>{statusLabel(tr.to)}</td>
              <td>{tr.author}</td>
              <td className="note">{tr.note || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
