import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import type { DraftRecord, LogigrammeDb } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { LifecyclePanel } from '../lifecycle/LifecyclePanel.tsx';
import { handleEditorKey } from './actions.ts';
import { Canvas } from './Canvas.tsx';
import { ConfirmDialog, HelpPanel, NoticeBar, Palette, Toolbar } from './Chrome.tsx';
import { EditorController } from './controller.ts';
import './editor.css';
import { FindingsPanel } from './FindingsPanel.tsx';
import { EditorContext, useController, useEditorSnapshot, useView } from './hooks.ts';
import { computeLayout } from './layoutClient.ts';
import { Autosaver, openOrCreateDraft } from './persistence.ts';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { ScenariosPanel } from './ScenariosPanel.tsx';
import { EditorStore } from './store.ts';
import { TableView } from './TableView.tsx';

type Opening = { status: 'loading' } | { status: 'layout' } | { status: 'ready'; draft: DraftRecord } | { status: 'failed'; message: string };

/**
 * `#/editeur/<referential id>`: the working draft of a referential, opened (or created from the latest
 * stored version, or empty) and saved on every change.
 */
export function EditorScreen({ referentialId }: { referentialId: string }) {
  const db = useDb();
  const [opening, setOpening] = useState<Opening>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    // A first opening lays the stored version out: in the layout worker, so the page stays responsive.
    openOrCreateDraft(db, referentialId, undefined, { layout: computeLayout, onStage: () => live && setOpening({ status: 'layout' }) })
      .then((draft) => live && setOpening({ status: 'ready', draft }))
      .catch((error: unknown) => live && setOpening({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
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
  return <Editor db={db} draft={opening.draft} />;
}

export function Editor({ db, draft }: { db: LogigrammeDb; draft: DraftRecord }) {
  const [{ controller, saver }] = useState(() => {
    const saver = new Autosaver(db, draft.id);
    const store = new EditorStore(draft.graph, { readOnly: draft.lifecycle.state !== 'draft', onChange: saver.save });
    return { controller: new EditorController(store), saver };
  });
  // Another screen (the lifecycle) may move the draft to review: the editor then becomes read-only.
  const record = useLiveQuery(() => db.drafts.get(draft.id), [db, draft.id]);
  const stored = record.status === 'ready' ? record.value : undefined;
  const lifecycle = stored?.lifecycle.state ?? draft.lifecycle.state;
  useEffect(() => controller.store.setReadOnly(lifecycle !== 'draft'), [controller, lifecycle]);
  // The draft changed elsewhere (a lifecycle step, an import, another tab): take it, never overwrite it.
  const seen = useRef(new Set([draft.updatedAt]));
  useEffect(() => {
    if (!stored || seen.current.has(stored.updatedAt) || saver.wrote(stored.updatedAt) || saver.busy) return;
    seen.current.add(stored.updatedAt);
    controller.store.replace(stored.graph);
    controller.notify(frEditor.notices.reloaded);
  }, [controller, saver, stored]);
  useEffect(() => controller.start(), [controller]);
  useEffect(() => () => void saver.flush(), [saver]);

  return (
    <EditorContext.Provider value={controller}>
      <ReactFlowProvider>
        <EditorLayout lifecycle={lifecycle} saver={saver} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}

function EditorLayout({ lifecycle, saver }: { lifecycle: string; saver: Autosaver }) {
  const snapshot = useEditorSnapshot();
  const view = useView();
  const root = useRef<HTMLDivElement>(null);
  const controller = useController();
  const identity = snapshot.graph.referential.identity;

  useEffect(() => {
    document.title = `${frEditor.screen.documentTitle(identity.title)} — ${fr.app.name}`;
  }, [identity.title]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      // Shortcuts act in the editor (or with nothing focused), never in the app's other regions.
      if (target instanceof Node && target !== document.body && !root.current?.contains(target)) return;
      handleEditorKey(controller, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  return (
    <div className="editor-screen" ref={root}>
      <header className="editor-header">
        <p className="editor-back">
          <a href={hrefFor({ screen: 'list' })}>{frEditor.screen.backToList}</a>
        </p>
        <h1>{frEditor.screen.heading(identity.title)}</h1>
        <p className="help">{frEditor.screen.subtitle(snapshot.graph.referential.id, identity.version)}</p>
      </header>
      <Toolbar saver={saver} />
      {snapshot.readOnly && (
        <p className="read-only-banner" role="note">
          {frEditor.screen.readOnly(statusLabel(lifecycle))}
        </p>
      )}
      <NoticeBar />
      <div className={`editor-body${view.tableOpen ? ' with-table' : ''}`}>
        <Palette />
        <div className="editor-center">
          <Canvas />
          {view.tableOpen && <TableView />}
        </div>
        <aside className="editor-side" aria-label={frEditor.properties.heading}>
          <HelpPanel />
          <FindingsPanel />
          <PropertiesPanel />
          <ScenariosPanel />
          <details className="editor-panel editor-lifecycle">
            <summary>{frEditor.screen.lifecycle}</summary>
            <LifecyclePanel referentialId={snapshot.graph.referential.id} headingLevel={3} />
          </details>
        </aside>
      </div>
      <ConfirmDialog />
    </div>
  );
}

