import type { Autosaver } from './persistence.ts';

/*
 * What closing the tab now would lose: text typed in a field and not yet committed to the document,
 * a form not yet saved, a write of the draft queued or in flight. Fields commit as they are typed
 * (debounced, src/ui/editor/fields.tsx); this flushes them when the page is hidden or left, and asks
 * the browser to confirm leaving while something is still unwritten.
 */

/** One field or form holding typed text the document does not have yet. */
export interface PendingEdit {
  /** Commits what can be committed now (a field's typed text); a form that needs its own button does nothing. */
  flush(): void;
  /** Whether it still holds text the document does not have. */
  pending(): boolean;
}

/** A field edit session: its commits merge into one step of the history. */
export interface FieldSession {
  key: string;
  /** The last commit of the session (Enter, leaving the field) rather than one made while typing. */
  final: boolean;
}

/** The editor's fields and forms with typed text, and the field session being committed right now. */
export class PendingEdits {
  #edits = new Set<PendingEdit>();
  #session: FieldSession | null = null;

  register(edit: PendingEdit): () => void {
    this.#edits.add(edit);
    return () => this.#edits.delete(edit);
  }

  /** Commits every field's typed text now (before the page goes, or before another tab's changes are taken). */
  flushAll(): void {
    for (const edit of [...this.#edits]) edit.flush();
  }

  get pending(): boolean {
    for (const edit of this.#edits) if (edit.pending()) return true;
    return false;
  }

  /** The field session whose commit runs now, if any: the controller merges its commands into one step. */
  get session(): FieldSession | null {
    return this.#session;
  }

  /** Runs a field's commit as part of its session. */
  commit<T>(session: FieldSession, run: () => T): T {
    const outer = this.#session;
    this.#session = session;
    try {
      return run();
    } finally {
      this.#session = outer;
    }
  }
}

/**
 * Flushes typed text when the page is hidden or left (`visibilitychange`, `pagehide`: the last moments
 * a closing tab is sure to run), and asks the browser to confirm leaving (`beforeunload`) while a field
 * or a write is pending — the commit started by the flush included. Returns the function that stops.
 */
export function guardPageExit(edits: PendingEdits, saver: Pick<Autosaver, 'busy'>, target: Window = window): () => void {
  const flush = () => edits.flushAll();
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') flush();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    flush();
    if (!edits.pending && !saver.busy) return;
    // Both: the standard way, and the property older Chromium versions still read.
    event.preventDefault();
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  target.addEventListener('pagehide', flush);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('beforeunload', onBeforeUnload);
    target.removeEventListener('pagehide', flush);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
