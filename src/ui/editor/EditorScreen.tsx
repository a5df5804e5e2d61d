import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { commentedVersion, type GraphDocument } from '../../core/index.ts';
import { idUses, renameStaffIds, type DraftRecord, type LogigrammeDb, type StoredReferential } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { LifecyclePanel } from '../lifecycle/LifecyclePanel.tsx';
import { handleEditorKey, inField } from './actions.ts';
import { Canvas, Minimap } from './Canvas.tsx';
import { ConfirmDialog, FocusBanner, HelpPanel, NoticeBar, Palette, Toolbar } from './Chrome.tsx';
import { CommentsContext, CommentsModel, type CommentsMode } from './comments.ts';
import { CommentsPanel } from './CommentsPanel.tsx';
import { EditorController, type EditorServices } from './controller.ts';
import { MergeButton } from './MergeDialog.tsx';
import './editor.css';
import { FindingsPanel } from './FindingsPanel.tsx';
import { EditorContext, useController, useEditorSnapshot, useView } from './hooks.ts';
import { computeLayout } from './layoutClient.ts';
import { guardPageExit } from './pending.ts';
import { createDraftFrom, openDraftOrStored, type Autosaver } from './persistence.ts';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { ScenariosPanel } from './ScenariosPanel.tsx';
import { EditorStore } from './store.ts';
import { TableView } from './TableView.tsx';
import { DraftSync, type TabPresence } from './tabs.ts';
import { TabsNotice } from './TabsNotice.tsx';

type Opening =
  | { status: 'loading' }
  | { status: 'layout' }
  | { status: 'ready'; draft: DraftRecord }
  | { status: 'stored'; stored: StoredReferential; graph: GraphDocument; next: string }
  | { status: 'failed'; message: string };

/**
 * `#/editeur/<referential id>`: the working draft of a referential, saved on every change; or, when
 * there is none, its latest published version read-only, with « Créer la version … » to start one.
 */
export function EditorScreen({ referentialId }: { referentialId: string }) {
  const db = useDb();
  const [opening, setOpening] = useState<Opening>({ status: 'loading' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    // A stored version is laid out in the layout worker, so the page stays responsive.
    openDraftOrStored(db, referentialId, undefined, { layout: computeLayout, onStage: () => live.current && setOpening({ status: 'layout' }) })
      .then((opened) => {
        if (!live.current) return;
        setOpening(opened.kind === 'draft' ? { status: 'ready', draft: opened.record } : { status: 'stored', stored: opened.stored, graph: opened.graph, next: opened.next });
      })
      .catch((error: unknown) => live.current && setOpening({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live.current = false;
    };
  }, [db, referentialId]);
  if (opening.status === 'loading') return <p role="status">{frEditor.screen.loading}</p>;
  if (opening.status === 'layout') {
    return (
      <div className="editor-opening" role="status" aria-busy="true" data-testid="editor-opening">
        <p>{frEditor.screen.layingOut}</p>
        <progress aria-label={frEditor.screen.layingOutProgress} />
      </div>
    );
  }
  if (opening.status === 'failed') {
    return (
      <p role="alert" className="error-text">
        {frEditor.screen.failed(opening.message)}
      </p>
    );
  }
  if (opening.status === 'stored') {
    const create = () =>
      createDraftFrom(db, opening.stored.key, { layout: computeLayout })
        .then((draft) => live.current && setOpening({ status: 'ready', draft }))
        .catch((error: unknown) => live.current && setOpening({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return <StoredVersion key={opening.stored.key} stored={opening.stored} graph={opening.graph} next={opening.next} onCreate={create} />;
  }
  return <Editor db={db} draft={opening.draft} />;
}

/** A published version, read-only: never a draft until « Créer la version … » is pressed. */
function StoredVersion({ stored, graph, next, onCreate }: { stored: StoredReferential; graph: GraphDocument; next: string; onCreate: () => void }) {
  const db = useDb();
  const [controller] = useState(() => new EditorController(new EditorStore(graph, { readOnly: true })));
  // Commented beside the version: its document and hash never change.
  const [comments] = useState(() => new CommentsModel(controller, db, { kind: 'version', at: { id: stored.id, version: stored.version }, version: { id: stored.id, version: stored.version, contentHash: stored.contentHash } }));
  const [busy, setBusy] = useState(false);
  useEffect(() => controller.start(), [controller]);
  useEffect(() => comments.start(), [comments]);
  return (
    <EditorContext.Provider value={controller}>
      <CommentsContext.Provider value={comments}>
      <ReactFlowProvider>
        <EditorLayout
          state={stored.status}
          saver={null}
          banner={
            <div className="read-only-banner stored-banner" role="note">
              <p>{frEditor.screen.storedReadOnly(stored.version, statusLabel(stored.status))}</p>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  onCreate();
                }}
              >
                {frEditor.screen.createVersion(next)}
              </button>
            </div>
          }
        />
      </ReactFlowProvider>
      </CommentsContext.Provider>
    </EditorContext.Provider>
  );
}

export function Editor({ db, draft }: { db: LogigrammeDb; draft: DraftRecord }) {
  const [{ controller, sync }] = useState(() => {
    const sync = new DraftSync(db, draft, { readOnly: draft.lifecycle.state !== 'draft' });
    const services: EditorServices = {
      idUses: (id) => idUses(db, draft.id, id),
      renameStaff: (from, to) => renameStaffIds(db, draft.id, from, to, new Date().toISOString()),
    };
    const controller = new EditorController(sync.store, services);
    sync.options = { ...sync.options, notify: (text, kind) => controller.notify(text, kind), flushEdits: () => controller.edits.flushAll(), onRenamed: (renamed) => followRenames(controller, renamed) };
    return { controller, sync };
  });
  // Another screen (the lifecycle) may move the draft to review: the editor then becomes read-only.
  const record = useLiveQuery(() => db.drafts.get(draft.id), [db, draft.id]);
  const stored = record.status === 'ready' ? record.value : undefined;
  const lifecycle = stored?.lifecycle.state ?? draft.lifecycle.state;
  useEffect(() => controller.store.setReadOnly(lifecycle !== 'draft'), [controller, lifecycle]);
  // The draft changed elsewhere (a lifecycle step, an import, another tab): taken when this tab has
  // nothing unsaved, else this tab's edits are replayed on top of it (src/ui/editor/tabs.ts).
  useEffect(() => void sync.check(), [sync, stored]);
  useEffect(() => sync.start(), [sync]);
  useEffect(() => guardPageExit(controller.edits, sync.saver), [controller, sync]);
  useEffect(() => controller.start(), [controller]);
  useEffect(
    () => () => {
      controller.edits.flushAll();
      void sync.saver.flush();
    },
    [controller, sync],
  );
  // An editable draft keeps its remarks in its graph (undoable, autosaved); a draft in review or
  // submitted is commented beside its version, like a published one.
  const version = stored?.graph.referential.identity.version ?? draft.graph.referential.identity.version;
  const editable = lifecycle === 'draft';
  const comments = useMemo(() => {
    const mode: CommentsMode = editable ? { kind: 'draft' } : { kind: 'version', at: { id: draft.id, version }, version: commentedVersion(controller.store.graph) };
    return new CommentsModel(controller, db, mode);
  }, [controller, db, draft.id, editable, version]);
  useEffect(() => comments.start(), [comments]);

  return (
    <EditorContext.Provider value={controller}>
      <CommentsContext.Provider value={comments}>
        <ReactFlowProvider>
          <EditorLayout state={lifecycle} saver={sync.saver} tabs={sync.presence} />
        </ReactFlowProvider>
      </CommentsContext.Provider>
    </EditorContext.Provider>
  );
}

/** Ids of this tab's new elements renamed by a replay (another tab took them): the selection follows. */
function followRenames(controller: EditorController, renamed: ReadonlyArray<{ from: string; to: string }>) {
  const to = new Map(renamed.map((r) => [r.from, r.to]));
  const view = controller.getView();
  if (view.selectedNodes.some((id) => to.has(id))) controller.select(view.selectedNodes.map((id) => to.get(id) ?? id), view.selectedEdges);
}

function EditorLayout({ state, saver, banner, tabs }: { state: string; saver: Autosaver | null; banner?: ReactNode; tabs?: TabPresence }) {
  const snapshot = useEditorSnapshot();
  const view = useView();
  const root = useRef<HTMLDivElement>(null);
  const controller = useController();
  const referential = snapshot.graph.referential;
  const identity = referential.identity;

  useEffect(() => {
    document.title = `${frEditor.screen.documentTitle(identity.title)} — ${fr.app.name}`;
  }, [identity.title]);

  useEffect(() => {
    // Shortcuts act wherever the focus is in the editor, or on what holds it (the page's <main>, the
    // body after a click on empty canvas), never in the app's other regions.
    const inEditor = (target: EventTarget | null) => {
      const element = root.current;
      return !element || !(target instanceof Node) || target === document.body || element.contains(target) || target.contains(element);
    };
    const onKey = (event: KeyboardEvent) => {
      if (inEditor(event.target)) handleEditorKey(controller, event);
    };
    // Copy and paste go through the system clipboard (a graph fragment as JSON), never while typing.
    const onCopy = (event: ClipboardEvent) => {
      if (!inEditor(event.target) || inField(event.target) || window.getSelection()?.toString()) return;
      if (controller.copy(event.clipboardData)) event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!inEditor(event.target) || inField(event.target) || controller.store.readOnly) return;
      if (controller.paste(event.clipboardData?.getData('text/plain') ?? '')) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [controller]);

  return (
    <div className={`editor-screen${snapshot.readOnly ? ' is-frozen' : ''}`} ref={root}>
      <header className="editor-header">
        <p className="editor-back">
          <a href={hrefFor({ screen: 'list' })}>{frEditor.screen.backToList}</a>
        </p>
        <h1>{frEditor.screen.heading(identity.title)}</h1>
        <p className="editor-state" data-testid="editor-state">
          <span className={`state-badge state-${state}`}>{statusLabel(state)}</span> <span>{frEditor.screen.version(identity.version)}</span>{' '}
          <span className="help">{frEditor.screen.idLine(referential.id)}</span>
        </p>
      </header>
      {banner}
      {tabs && <TabsNotice presence={tabs} />}
      <Toolbar saver={saver} printHref={hrefFor({ screen: 'editor', id: referential.id, print: true })} extra={saver ? <MergeButton /> : undefined} />
      {snapshot.readOnly && !banner && (
        <p className="read-only-banner" role="note">
          {frEditor.screen.readOnly(statusLabel(state))}
        </p>
      )}
      <NoticeBar />
      {view.mode === 'table' ? (
        <div className="editor-body mode-table">
          <HelpPanel />
          <TableView />
        </div>
      ) : (
        <div className="editor-body mode-graph">
          <Palette />
          <div className="editor-center">
            <FocusBanner />
            <Canvas />
          </div>
          <aside className="editor-side" aria-label={frEditor.screen.sidePanels}>
            <Minimap />
            <HelpPanel />
            <FindingsPanel />
            <CommentsPanel />
            <PropertiesPanel />
            <ScenariosPanel />
            {saver && (
              <details className="editor-panel editor-lifecycle">
                <summary>{frEditor.screen.lifecycle}</summary>
                <LifecyclePanel referentialId={referential.id} headingLevel={3} />
              </details>
            )}
          </aside>
        </div>
      )}
      <ConfirmDialog />
    </div>
  );
}
