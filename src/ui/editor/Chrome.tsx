import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { GraphNodeKind } from '../../core/index.ts';
import { nodeLabel } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { EDITOR_ACTIONS } from './actions.ts';
import { PALETTE_MIME } from './Canvas.tsx';
import { useController, useEditorSnapshot, useGraph, useView } from './hooks.ts';
import type { Autosaver, SaveState } from './persistence.ts';
import { searchKey } from './text.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useModal } from '../components/useModal.ts';

/*
 * The editor's chrome around the canvas: toolbar, palette, search, help, notices, confirmation.
 */

const PALETTE: GraphNodeKind[] = ['job', 'task', 'question', 'measure', 'situation', 'note', 'group'];

export function Palette() {
  const controller = useController();
  const { readOnly } = useEditorSnapshot();
  return (
    <nav className="editor-palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading">{frEditor.palette.heading}</h2>
      <p className="help" id="palette-help">
        {frEditor.palette.help}
      </p>
      <ul>
        {PALETTE.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`palette-item palette-${kind}`}
              draggable={!readOnly}
              disabled={readOnly}
              title={frEditor.kindHelp[kind]}
              aria-label={frEditor.palette.add(frEditor.kinds[kind])}
              aria-describedby="palette-help"
              onDragStart={(event) => {
                event.dataTransfer.setData(PALETTE_MIME, kind);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={(event) => controller.addNode(kind, undefined, { focus: event.detail === 0 })}
            >
              {frEditor.kinds[kind]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `extra`: tools of the open document's kind (the merge of a colleague's file, on a draft). */
export function Toolbar({ saver, printHref, extra }: { saver: Autosaver | null; printHref: string; extra?: ReactNode }) {
  const controller = useController();
  const snapshot = useEditorSnapshot();
  const view = useView();
  const save = useSyncExternalStore(saver?.subscribe ?? noSubscribe, saver?.getState ?? savedState);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={frEditor.toolbar.label}>
      <button type="button" onClick={() => controller.undo()} disabled={!snapshot.canUndo} title={snapshot.undoLabel ? frEditor.toolbar.undoWhat(snapshot.undoLabel) : frEditor.toolbar.nothingToUndo}>
        ↶ {frEditor.toolbar.undo}
      </button>
      <button type="button" onClick={() => controller.redo()} disabled={!snapshot.canRedo} title={snapshot.redoLabel ? frEditor.toolbar.redoWhat(snapshot.redoLabel) : frEditor.toolbar.nothingToRedo}>
        ↷ {frEditor.toolbar.redo}
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" onClick={() => void controller.autoLayout()} disabled={snapshot.readOnly || view.layoutRunning || view.mode === 'table'}>
        {view.layoutRunning ? frEditor.toolbar.layoutRunning : frEditor.toolbar.layout}
      </button>
      <button type="button" onClick={() => controller.fitView()} disabled={view.mode === 'table'}>
        {frEditor.toolbar.fit}
      </button>
      <button type="button" aria-pressed={view.mode === 'table'} onClick={() => controller.toggleTable()}>
        {frEditor.toolbar.table}
      </button>
      <a className="button-link" href={printHref}>
        {frEditor.toolbar.print}
      </a>
      <button type="button" aria-pressed={view.helpOpen} onClick={() => controller.toggleHelp()}>
        {frEditor.toolbar.help}
      </button>
      {extra}
      <span className="toolbar-sep" aria-hidden="true" />
      <SearchBox />
      {saver && (
        <span className={`save-state save-${save.status}`} role="status" data-testid="save-state">
          {save.status === 'saving' ? frEditor.save.saving : save.status === 'saved' ? frEditor.save.saved : frEditor.save.failed(save.message)}
        </span>
      )}
    </div>
  );
}

const noSubscribe = () => () => undefined;
const SAVED: SaveState = { status: 'saved' };
const savedState = () => SAVED;

/** Finds nodes by label (accents and case ignored); Enter or a click focuses one. */
export function SearchBox() {
  const controller = useController();
  const graph = useGraph();
  const id = useId();
  const [query, setQuery] = useState('');
  // Built only while searching, so that editing a 2 000-node graph never pays for it.
  const searching = query.trim() !== '';
  const index = useMemo(() => (searching ? graph.nodes.map((n) => ({ id: n.id, kind: n.kind, label: nodeLabel(graph, n), key: searchKey(`${nodeLabel(graph, n)} ${n.id}`) })) : []), [graph, searching]);
  const results = useMemo(() => {
    const q = searchKey(query.trim());
    return q === '' ? [] : index.filter((n) => n.key.includes(q)).slice(0, 8);
  }, [index, query]);
  const go = (nodeId: string) => {
    controller.focusNode(nodeId);
    setQuery('');
  };
  return (
    <div className="editor-search" role="search">
      <label htmlFor={id} className="visually-hidden">
        {frEditor.search.label}
      </label>
      <input
        id={id}
        type="search"
        data-editor-search=""
        placeholder={frEditor.search.placeholder}
        value={query}
        autoComplete="off"
        {...(query.trim() !== '' ? { 'aria-controls': `${id}-results` } : {})}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0]) {
            e.preventDefault();
            go(results[0].id);
          }
          if (e.key === 'Escape') setQuery('');
        }}
      />
      {query.trim() !== '' && (
        <div className="search-results" id={`${id}-results`}>
          <p className="visually-hidden" role="status">
            {frEditor.search.count(results.length)}
          </p>
          {results.length === 0 ? (
            <p className="help">{frEditor.search.none}</p>
          ) : (
            <ul aria-label={frEditor.search.results}>
              {results.map((r) => (
                <li key={r.id}>
                  <button type="button" className="link" onClick={() => go(r.id)}>
                    {frEditor.kinds[r.kind]} : {r.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function HelpPanel() {
  const controller = useController();
  const view = useView();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view.helpOpen) heading.current?.focus();
  }, [view.helpOpen]);
  if (!view.helpOpen) return null;
  return (
    <section className="editor-help" aria-labelledby="help-heading">
      <h2 id="help-heading" ref={heading} tabIndex={-1}>
        {frEditor.help.heading}
      </h2>
      <DataTable caption={frEditor.help.heading} captionHidden columns={[frEditor.help.key, frEditor.help.action]}>
        {EDITOR_ACTIONS.map((a) => (
          <tr key={a.id}>
            <td>
              {a.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' / '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </td>
            <td>{a.label}</td>
          </tr>
        ))}
      </DataTable>
      <p className="help">{frEditor.help.tips}</p>
      <button type="button" onClick={() => controller.toggleHelp(false)}>
        {frEditor.help.close}
      </button>
    </section>
  );
}

/** Shown while the focus mode hides the rest of the logigramme, with the way back. */
export function FocusBanner() {
  const controller = useController();
  const view = useView();
  const graph = useGraph();
  const root = view.focusRoot ? graph.nodes.find((n) => n.id === view.focusRoot) : undefined;
  if (!root) return null;
  return (
    <div className="focus-banner" role="note">
      <span>{frEditor.focusMode.banner(nodeLabel(graph, root))}</span>
      <button type="button" className="small" onClick={() => controller.setFocusRoot(null)}>
        {frEditor.focusMode.leave}
      </button>
    </div>
  );
}

/** The last notice: a refusal as an alert (with its reason), anything else as a polite status. */
export function NoticeBar() {
  const controller = useController();
  const view = useView();
  const notice = view.notice;
  return (
    <div className="editor-notices">
      <div role="alert" className={notice?.kind === 'error' ? 'notice notice-error' : 'notice-empty'} data-testid="editor-alert">
        {notice?.kind === 'error' && (
          <>
            <span key={notice.seq}>{notice.text}</span>
            <button type="button" className="small" onClick={() => controller.dismissNotice()} aria-label={frEditor.notices.dismiss}>
              ×
            </button>
          </>
        )}
      </div>
      <div role="status" className={notice?.kind === 'info' ? 'notice notice-info' : 'notice-empty'} data-testid="editor-status">
        {notice?.kind === 'info' && <span key={notice.seq}>{notice.text}</span>}
      </div>
    </div>
  );
}

/** A confirmation in the page (not window.confirm): focus on the safe choice, Escape cancels. */
export function ConfirmDialog() {
  const controller = useController();
  const { confirm } = useView();
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useModal(dialog, confirm !== null && confirm !== undefined);
  useEffect(() => {
    if (confirm) cancel.current?.focus();
  }, [confirm]);
  if (!confirm) return null;
  return (
    <div className="editor-dialog-backdrop">
      <div ref={dialog} className={`editor-dialog tone-${confirm.tone ?? 'danger'}`} role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-message">
        <h2 id="confirm-title">{confirm.title}</h2>
        <div id="confirm-message">
          <p>{confirm.message}</p>
          {confirm.details && confirm.details.length > 0 && (
            <ul>
              {confirm.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="button-row">
          <button type="button" ref={cancel} onClick={() => controller.answerConfirm(false)}>
            {frEditor.confirm.cancel}
          </button>
          <button type="button" className={confirm.tone === 'normal' ? '' : 'danger'} onClick={() => controller.answerConfirm(true)}>
            {confirm.confirmLabel}
          </button>
          {confirm.alternative && (
            <button type="button" onClick={() => controller.answerConfirm('alternative')}>
              {confirm.alternative.label}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
