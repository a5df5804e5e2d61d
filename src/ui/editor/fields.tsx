import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { useController } from './hooks.ts';
import { parseDecimal } from './text.ts';

/*
 * Form fields of the panels. A text or number field commits what is typed as it is typed — after a
 * short pause, and at once on Enter, when it loses the focus, or when the page is hidden or left — and
 * every commit of one visit to the field merges into one step of the history, so one field edit is
 * one undo step and nothing typed is lost with the tab. A value refused while typing is only reported
 * once the field is left: it then stays in the field, marked invalid, with the reason in the editor's
 * message. Échap undoes the visit's edit.
 */

/** Pause in typing after which the text is committed (and so saved). */
export const COMMIT_DELAY_MS = 400;

/** `final`: Enter or leaving the field, rather than a pause while typing. Returns whether the value was taken; undefined when nothing was committed. */
type Commit<T> = (value: T, final: boolean) => boolean | undefined;

let sessions = 0;

/**
 * The typed text of a field and its commits: debounced while typing, flushed on Enter, blur, unmount
 * and by the page-exit guard (src/ui/editor/pending.ts), one history step per visit. `same` says when
 * the typed text already is the document's value (a number typed `1,50` is the shown `1,5`).
 */
function useCommittedText(shown: string, commit: (text: string, final: boolean) => boolean | undefined, same: (text: string, shown: string) => boolean, live: boolean) {
  const controller = useController();
  const id = useId();
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  // The latest props for the callbacks below, updated after each render (never during one).
  const latest = useRef({ shown, commit, same });
  useLayoutEffect(() => {
    latest.current = { shown, commit, same };
  });
  // `synced`: the text the document last took from this field (its re-render may not have come yet).
  const state = useRef<{ text: string; synced: string; timer: ReturnType<typeof setTimeout> | null; session: string | null; committed: boolean }>({ text: shown, synced: shown, timer: null, session: null, committed: false });
  const pending = () => state.current.text !== state.current.synced && !latest.current.same(state.current.text, latest.current.shown);

  const run = useCallback(
    (final: boolean) => {
      const s = state.current;
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      const { shown: current, commit: onCommit, same: equal } = latest.current;
      const unchanged = equal(s.text, current);
      // The last commit still runs after commits made while typing: what only Enter does (an id that
      // follows the label) happens then, in the same step.
      if (unchanged && !(final && s.committed)) {
        if (final) {
          s.session = null;
          s.committed = false;
          setInvalid(false);
        }
        return;
      }
      s.session ??= `field:${id}:${++sessions}`;
      const ok = controller.edits.commit({ key: s.session, final }, () => onCommit(s.text, final));
      if (ok) {
        s.committed = true;
        s.synced = s.text;
      }
      if (final) {
        setInvalid(ok === false || (ok === undefined && !unchanged));
        s.session = null;
        s.committed = false;
      } else if (ok) setInvalid(false);
    },
    [controller, id],
  );

  // Registered with the editor: flushed (as a pause would) before the page goes or another tab's
  // changes are taken; pending while the document does not have the typed text.
  useEffect(() => {
    const unregister = controller.edits.register({
      flush: () => live && run(false),
      pending,
    });
    // The field's own state object (never replaced), not a DOM node.
    const s = state.current;
    return () => {
      unregister();
      // Unmounted with text typed (the panel closed): committed, not dropped.
      if (s.timer || pending()) run(true);
    };
  }, [controller, run, live]);

  // The document changed under the field (undo, another tab): show it — unless it is the typed text
  // coming back from a commit, or typing is about to commit on top of it.
  useEffect(() => {
    const s = state.current;
    if (s.timer || latest.current.same(s.text, shown)) return;
    s.text = shown;
    s.synced = shown;
    setText(shown);
    setInvalid(false);
  }, [shown]);

  const change = (next: string) => {
    const s = state.current;
    s.text = next;
    setText(next);
    if (!live) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => run(false), COMMIT_DELAY_MS);
  };
  const escape = () => {
    const s = state.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    // What this visit committed is one step on top of the history: undone, the field shows the value before.
    if (s.session && controller.store.history.at(-1)?.mergeKey === s.session) controller.undo();
    s.session = null;
    s.committed = false;
    s.text = latest.current.shown;
    s.synced = latest.current.shown;
    setText(latest.current.shown);
    setInvalid(false);
  };
  return { text, invalid, change, commitNow: () => run(true), escape };
}

const sameText = (a: string, b: string) => a === b || a.trim() === b.trim();

export function TextField(props: {
  label: string;
  value: string;
  onCommit: Commit<string>;
  multiline?: boolean;
  help?: string;
  disabled?: boolean;
  inputRef?: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
  main?: boolean;
  /** False: committed only on Enter or leaving the field (a rename, which may ask first); the page-exit guard still counts it. */
  commitOnInput?: boolean;
}) {
  const { label, value, onCommit, multiline, help, disabled, inputRef, main, commitOnInput = true } = props;
  const id = useId();
  const field = useCommittedText(value, (text, final) => onCommit(text, final), sameText, commitOnInput);
  const common = {
    id,
    value: field.text,
    disabled,
    'aria-invalid': field.invalid || undefined,
    'aria-describedby': help ? `${id}-help` : undefined,
    onBlur: field.commitNow,
    // The field a new node's panel focuses first: its name.
    ...(main ? { 'data-main-field': '' } : {}),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          ref={inputRef}
          rows={3}
          onChange={(e) => field.change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') field.escape();
          }}
        />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type="text"
          onChange={(e) => field.change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') field.commitNow();
            if (e.key === 'Escape') field.escape();
          }}
        />
      )}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

/** A number, typed the French way (decimal comma accepted); empty commits `undefined` when `optional`. */
export function NumberField(props: { label: string; value: number | undefined; onCommit: Commit<number | undefined>; unit?: string; optional?: boolean; disabled?: boolean; compact?: boolean }) {
  const { label, value, onCommit, unit, optional, disabled, compact } = props;
  const id = useId();
  const shown = value === undefined ? '' : formatNumber(value, 6).replace(/[\u202f\u00a0]/g, '');
  const field = useCommittedText(
    shown,
    (text, final) => {
      const parsed = parseDecimal(text);
      // Halfway through a number (« 12, »): nothing to commit yet.
      if (parsed === undefined && !(optional && text.trim() === '')) return final ? false : undefined;
      return onCommit(parsed, final);
    },
    (text, current) => text === current || (parseDecimal(text) ?? (text.trim() === '' ? null : NaN)) === (parseDecimal(current) ?? (current.trim() === '' ? null : NaN)),
    true,
  );
  const input = (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      className="number"
      value={field.text}
      disabled={disabled}
      aria-invalid={field.invalid || undefined}
      onChange={(e) => field.change(e.target.value)}
      onBlur={field.commitNow}
      onKeyDown={(e) => {
        if (e.key === 'Enter') field.commitNow();
        if (e.key === 'Escape') field.escape();
      }}
    />
  );
  if (compact) {
    return (
      <span className="with-unit">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        {input}
        {unit && <span className="unit">{unit}</span>}
      </span>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="with-unit">
        {input}
        {unit && <span className="unit">{unit}</span>}
      </span>
      {field.invalid && <p className="help error-text">{frEditor.properties.invalid}</p>}
    </div>
  );
}

export function SelectField<T extends string>(props: { label: string; value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (value: T) => void; disabled?: boolean; compact?: boolean; children?: ReactNode }) {
  const { label, value, options, onChange, disabled, compact } = props;
  const id = useId();
  const select = (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return compact ? (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {select}
    </>
  ) : (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {select}
      {props.children}
    </div>
  );
}
