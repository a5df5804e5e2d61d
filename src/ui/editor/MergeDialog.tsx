import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { createActor, fromPromise } from 'xstate';
import { conflictTitle, describeSide, describeValue, type GraphDocument, type MergeConflict, type MergeResult, type Side } from '../../core/index.ts';
import { baseCandidates, keepSnapshot, withAncestry, type LogigrammeDb } from '../../storage/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import './collab.css';
import { useDb } from '../context.ts';
import { formatNumber } from '../format.ts';
import { frCollab } from '../i18n/fr-collab.ts';
import { readJsonFile } from '../jsonFile.ts';
import type { EditorController } from './controller.ts';
import { useController, useEditorSnapshot } from './hooks.ts';
import { prepareMerge, readBaseFile, readColleagueGraph } from './merge.ts';
import { mergeMachine, type FileText, type PrepareOutput } from './mergeMachine.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useModal } from '../components/useModal.ts';
import { takeChosenFile } from '../files.ts';

const t = frCollab.merge;
const num = (n: number) => formatNumber(n);

/** The toolbar's « Fusionner le fichier d'un collègue » and its dialog (an editable draft only). */
export function MergeButton() {
  const { readOnly } = useEditorSnapshot();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" ref={button} disabled={readOnly} title={readOnly ? t.readOnly : undefined} onClick={() => setOpen(true)}>
        {t.open}
      </button>
      {open && (
        <MergeDialog
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

function createMergeActor(db: LogigrammeDb, controller: EditorController) {
  const prepare = fromPromise<PrepareOutput, { theirs: FileText; base?: FileText }>(async ({ input }) => {
    const theirs = readColleagueGraph(input.theirs.name, input.theirs.text);
    if (!theirs.ok) return { kind: 'invalid', message: theirs.message, ...(theirs.issues ? { issues: theirs.issues } : {}) };
    let given;
    if (input.base) {
      const base = readBaseFile(input.base.name, input.base.text);
      if (!base.ok) return { kind: 'invalid', message: base.message, ...(base.issues ? { issues: base.issues } : {}) };
      given = { name: input.base.name, candidate: base.value };
    }
    const ours = controller.store.graph;
    const candidates = await baseCandidates(db, ours.referential.id);
    return prepareMerge(ours, await withAncestry(db, ours), theirs.value, candidates, given);
  });
  const apply = fromPromise<void, { result: MergeResult<GraphDocument>; name: string }>(async ({ input }) => {
    const outcome = controller.run({ type: 'graph/replace', graph: input.result.document }, t.history(input.name));
    if (!outcome.ok) throw new Error(outcome.message);
    // Checked at once: the findings panel and the scenarios follow the merged draft without waiting.
    controller.checkNow();
    const scenarios = controller.getConsistency()?.scenarios ?? [];
    await keepSnapshot(db, controller.store.graph.referential.id, { at: new Date().toISOString(), reason: 'received', graph: input.result.inputs.theirs });
    controller.notify(outcome.changed ? t.applied(input.result.conflicts.length, scenarios.filter((s) => s.passed).length, scenarios.length) : t.nothing);
  });
  return createActor(mergeMachine.provide({ actors: { prepare, apply } }));
}

/**
 * The merge of a colleague's logigramme: the file, the common base (found, or asked for), the merge
 * and its conflicts side by side, one choice each, applied as one undoable step.
 */
function MergeDialog({ onClose }: { onClose: () => void }) {
  const db = useDb();
  const controller = useController();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useModal(dialog, true);
  // A new actor per mount (React's development double effects stop the first one).
  const [actor, setActor] = useState<ReturnType<typeof createMergeActor> | null>(null);
  useEffect(() => {
    const a = createMergeActor(db, controller);
    a.start();
    // The actor exists only once the effect made it (one per mount, stopped by the cleanup).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setActor(a);
    heading.current?.focus();
    return () => {
      a.stop();
    };
  }, [db, controller]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!actor) return () => undefined;
      const s = actor.subscribe(onChange);
      return () => s.unsubscribe();
    },
    [actor],
  );
  const snapshot = useSyncExternalStore(subscribe, () => actor?.getSnapshot() ?? null);
  const state = (snapshot?.value as string | undefined) ?? 'choosing';
  useEffect(() => {
    if (state === 'applied' || state === 'cancelled') onClose();
  }, [state, onClose]);
  const send = (event: Parameters<NonNullable<typeof actor>['send']>[0]) => actor?.send(event);
  const { result, choices, fresh, problem, baseNeeded, how } = snapshot?.context ?? { choices: {}, fresh: [] as string[] };

  const pending = result?.pending.length ?? 0;
  return (
    <div className="editor-dialog-backdrop">
      {/* Échap closes the dialog, from wherever the focus is inside it (WAI-ARIA dialog pattern). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        ref={dialog}
        className="editor-dialog merge-dialog tone-normal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="merge-dialog"
        data-state={state}
        onKeyDown={(event) => {
          // The editor's shortcuts (Suppr, digits…) never act behind the dialog.
          event.stopPropagation();
          if (event.key === 'Escape') send({ type: 'cancel' });
        }}
      >
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t.title}
        </h2>
        {(state === 'choosing' || state === 'needBase') && (
          <>
            <p>{t.intro}</p>
            <JsonFileField id={`${id}-file`} label={t.file} onFile={(file) => send({ type: 'file', file })} />
          </>
        )}
        {state === 'needBase' && baseNeeded && (
          <div className="merge-base" role="alert">
            <h3>{t.baseNeeded}</h3>
            <p>{baseNeeded}</p>
            <JsonFileField id={`${id}-base`} label={t.baseFile} onFile={(file) => send({ type: 'base', file })} />
          </div>
        )}
        {(state === 'preparing' || state === 'applying') && (
          <p role="status" aria-busy="true">
            {state === 'preparing' ? t.reading : t.applying}
          </p>
        )}
        {problem && (
          <div className="error-box" role="alert" data-testid="merge-problem">
            <p className="error-text">{problem.message}</p>
            {problem.issues && <IssueTable issues={problem.issues} caption={t.issuesCaption} />}
          </div>
        )}
        {state === 'resolving' && result && (
          <>
            {how && <p>{how}</p>}
            <p role="status" data-testid="merge-pending">
              {result.conflicts.length === 0 ? t.noConflict : `${t.conflicts(result.conflicts.length)} ${t.pending(pending)}`}
            </p>
            {result.conflicts.length > 0 && (
              <ol className="merge-conflicts" aria-label={t.conflictList}>
                {result.conflicts.map((c, i) => (
                  <ConflictItem key={c.id} conflict={c} name={`${id}-c${i}`} chosen={choices[c.id]} fresh={fresh.includes(c.id)} onChoose={(side) => send({ type: 'choose', conflict: c.id, side })} />
                ))}
              </ol>
            )}
            {result.notices.length > 0 && (
              <>
                <h3>{t.notices}</h3>
                <ul className="merge-notices">
                  {result.notices.map((n, i) => (
                    <li key={i}>{n.message}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <div className="button-row">
          {state === 'resolving' && (
            <button type="button" className="primary" disabled={pending > 0} onClick={() => send({ type: 'apply' })}>
              {t.apply}
            </button>
          )}
          <button type="button" onClick={() => send({ type: 'cancel' })}>
            {state === 'resolving' ? t.cancel : t.close}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A JSON file input: the chosen file's text (or why it cannot be read), handed over once read. */
function JsonFileField({ id, label, onFile }: { id: string; label: string; onFile: (file: FileText) => void }) {
  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    let text: FileText['text'];
    try {
      text = await readJsonFile(file);
    } catch {
      text = { ok: false, issues: [{ code: 'file.unreadable', path: '$', message: frCollab.comments.unreadable(file.name) }] };
    }
    onFile({ name: file.name, text });
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept=".json,application/json" onChange={(e) => void read(e)} />
    </div>
  );
}

function ConflictItem({ conflict, name, chosen, fresh, onChoose }: { conflict: MergeConflict; name: string; chosen: Side | undefined; fresh: boolean; onChoose: (side: Side) => void }) {
  const title = useMemo(() => conflictTitle(conflict), [conflict]);
  const field = conflict.field?.path.split('.').at(-1) ?? '';
  return (
    <li className="merge-conflict" data-conflict={conflict.id} data-chosen={chosen ?? ''}>
      <fieldset>
        <legend>
          {title} {fresh && <span className="badge">{t.fresh}</span>}
        </legend>
        <DataTable className="merge-sides" caption={title} captionHidden columns={[t.columns.base, t.columns.ours, t.columns.theirs]}>
          <tr>
            <td>{describeValue(conflict.base, num, field)}</td>
            <td>{describeSide(conflict.ours, conflict, num)}</td>
            <td>{describeSide(conflict.theirs, conflict, num)}</td>
          </tr>
        </DataTable>
        <div className="merge-choice" role="radiogroup" aria-label={t.choiceLabel(title)}>
          <label className="check">
            <input type="radio" name={name} checked={chosen === 'ours'} onChange={() => onChoose('ours')} />
            <span>{t.keepOurs}</span>
          </label>
          <label className="check">
            <input type="radio" name={name} checked={chosen === 'theirs'} onChange={() => onChoose('theirs')} />
            <span>{t.takeTheirs}</span>
          </label>
        </div>
      </fieldset>
    </li>
  );
}
