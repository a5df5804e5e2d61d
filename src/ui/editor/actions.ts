import type { GraphNodeKind } from '../../core/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import type { EditorController } from './controller.ts';

/**
 * The editor's keyboard actions as declarative records, read by the key handler and the help panel
 * alike (one list, so the help never drifts from what the keys do).
 */
export interface EditorAction {
  id: string;
  label: string;
  /** How the keys are written in the help panel. */
  keys: string[];
  matches: (event: KeyboardEvent) => boolean;
  run: (controller: EditorController) => void;
  /** Also runs while a form field has the focus (none do: typing must stay typing). */
  inFields?: boolean;
}

/** How the keys are written, in French (Maj, Suppr, Échap). */
const K = frEditor.keys;

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();

/** Digits add a node of a kind beside the selected one (the palette's order). */
const ADD_KEYS: ReadonlyArray<[string, GraphNodeKind]> = [
  ['1', 'job'],
  ['2', 'task'],
  ['3', 'question'],
  ['4', 'measure'],
  ['5', 'situation'],
];

/** Focus back on the canvas, on the node being edited (after typing its label, Échap). */
function backToCanvas(c: EditorController): void {
  const id = c.getView().selectedNodes[0] ?? c.getView().current;
  (document.activeElement as HTMLElement | null)?.blur();
  if (id) c.focusNode(id, { quiet: true });
}

export const EDITOR_ACTIONS: readonly EditorAction[] = [
  {
    id: 'back-to-canvas',
    label: frEditor.actions.backToCanvas,
    keys: K['back-to-canvas']!,
    inFields: true,
    matches: (e) => e.key === 'Escape' && inField(e.target) && !!(e.target as HTMLElement).closest('.properties'),
    run: backToCanvas,
  },
  ...ADD_KEYS.map(
    ([digit, kind]): EditorAction => ({
      id: `add-${kind}`,
      label: frEditor.actions.add(frEditor.kinds[kind]),
      keys: [digit],
      matches: (e) => !mod(e) && !e.altKey && e.key === digit,
      run: (c) => void c.addNode(kind),
    }),
  ),
  { id: 'undo', label: frEditor.actions.undo, keys: K['undo']!, matches: (e) => mod(e) && !e.shiftKey && key(e) === 'z', run: (c) => c.undo() },
  { id: 'redo', label: frEditor.actions.redo, keys: K['redo']!, matches: (e) => mod(e) && ((e.shiftKey && key(e) === 'z') || (!e.shiftKey && key(e) === 'y')), run: (c) => c.redo() },
  { id: 'delete', label: frEditor.actions.delete, keys: K['delete']!, matches: (e) => !mod(e) && !e.shiftKey && (e.key === 'Delete' || e.key === 'Backspace'), run: (c) => c.deleteSelection() },
  {
    id: 'delete-subtree',
    label: frEditor.actions.deleteSubtree,
    keys: K['delete-subtree']!,
    matches: (e) => !mod(e) && e.shiftKey && e.key === 'Delete',
    run: (c) => {
      const [only] = c.getView().selectedNodes;
      if (only && c.getView().selectedNodes.length === 1) c.requestRemoveSubtree(only);
    },
  },
  // Copy and paste are the browser's own clipboard events (the screen handles them), so the system
  // clipboard carries the fragment between tabs and drafts; listed here for the help panel.
  { id: 'copy', label: frEditor.actions.copy, keys: K['copy']!, matches: () => false, run: (c) => void c.copy() },
  { id: 'paste', label: frEditor.actions.paste, keys: K['paste']!, matches: () => false, run: (c) => void c.paste() },
  { id: 'duplicate', label: frEditor.actions.duplicate, keys: K['duplicate']!, matches: (e) => mod(e) && key(e) === 'd', run: (c) => c.duplicate() },
  { id: 'select-all', label: frEditor.actions.selectAll, keys: K['select-all']!, matches: (e) => mod(e) && key(e) === 'a', run: (c) => c.selectAll() },
  { id: 'fit', label: frEditor.actions.fit, keys: K['fit']!, matches: (e) => !mod(e) && !e.altKey && key(e) === 'f', run: (c) => c.fitView() },
  { id: 'layout', label: frEditor.actions.layout, keys: K['layout']!, matches: (e) => !mod(e) && e.shiftKey && key(e) === 'l', run: (c) => void c.autoLayout() },
  {
    id: 'focus-mode',
    label: frEditor.actions.focusMode,
    keys: K['focus-mode']!,
    matches: (e) => !mod(e) && !e.altKey && !e.shiftKey && key(e) === 'i',
    run: (c) => {
      const view = c.getView();
      c.setFocusRoot(view.focusRoot ? null : (view.selectedNodes[0] ?? null));
    },
  },
  { id: 'table', label: frEditor.actions.table, keys: K['table']!, matches: (e) => !mod(e) && !e.shiftKey && key(e) === 't', run: (c) => c.toggleTable() },
  {
    id: 'search',
    label: frEditor.actions.search,
    keys: K['search']!,
    matches: (e) => !mod(e) && e.key === '/',
    run: () => document.querySelector<HTMLInputElement>('[data-editor-search]')?.focus(),
  },
  { id: 'help', label: frEditor.actions.help, keys: K['help']!, matches: (e) => !mod(e) && e.key === '?', run: (c) => c.toggleHelp() },
  {
    id: 'escape',
    label: frEditor.actions.escape,
    keys: K['escape']!,
    matches: (e) => e.key === 'Escape',
    run: (c) => {
      const view = c.getView();
      if (view.confirm) c.answerConfirm(false);
      else if (view.helpOpen) c.toggleHelp(false);
      // The properties panel was about to take the focus (a node just named): Échap goes back to the canvas.
      else if (c.propertiesFocusPending) backToCanvas(c);
      else c.select([]);
    },
  },
];

export function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The editor's key handler: the first matching action runs, and the browser's own is prevented. */
export function handleEditorKey(controller: EditorController, event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  const typing = inField(event.target);
  for (const action of EDITOR_ACTIONS) {
    if (typing && !action.inFields) continue;
    if (action.matches(event)) {
      event.preventDefault();
      action.run(controller);
      return true;
    }
  }
  return false;
}
