import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { contentHash, loadReferentialText, type LoadIssue, type Referential } from '../../core/index.ts';
import { listReferentials, openStored, type StoredReferential } from '../../storage/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { frReview } from '../i18n/fr-review.ts';
import { fr } from '../i18n/fr.ts';
import { sourceLabel, statusLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { Comparison, type VersionSide } from './Comparison.tsx';
import { FileField } from './Fields.tsx';
import type { TextFile } from './inputs.ts';
import { ANY_REFERENTIAL, historyById, lastTwo, pickerDefaults, versionsFor, type PickerChoice } from './picker.ts';
import './review.css';

/*
 * `#/comparer/<a>/<b>`: two versions of a referential compared. The versions come from the browser's
 * store (their keys `id@version` are in the URL, so a reload shows the same comparison) or from two
 * files, validated and never stored (and never in the URL).
 */

type Mode = 'stored' | 'files';
type SideState = { status: 'missing'; key: string } | { status: 'invalid'; key: string; issues: LoadIssue[] } | { status: 'ok'; side: VersionSide };
type FileState = { status: 'invalid'; file: string; issues: LoadIssue[] } | { status: 'ok'; file: string; side: VersionSide };

/** Set when the user asks for a comparison: the next screen moves focus to its summary. */
let focusSummaryOnMount = false;

export function ReviewScreen({ a, b }: { a?: string; b?: string }) {
  const db = useDb();
  const list = useLiveQuery(() => listReferentials(db), [db]);
  const [mode, setMode] = useState<Mode>('stored');
  const [files, setFiles] = useState<{ before?: FileState; after?: FileState }>({});

  useEffect(() => {
    document.title = `${frReview.title} — ${fr.app.name}`;
  }, []);

  // Stored documents are loaded again through the core (never trusted as stored), once per version.
  const [opened] = useState(() => new Map<string, ReturnType<typeof openStored>>());
  const records = list.status === 'ready' ? list.value : null;
  const stored = useMemo((): [SideState, SideState] | null => {
    if (!records || !a || !b) return null;
    const side = (key: string): SideState => {
      const record = records.find((r) => r.key === key);
      if (!record) return { status: 'missing', key };
      const id = `${record.key}|${record.contentHash}`;
      const loaded = opened.get(id) ?? openStored(record);
      opened.set(id, loaded);
      if (!loaded.ok) return { status: 'invalid', key, issues: loaded.issues };
      return { status: 'ok', side: { referential: loaded.value, hash: record.contentHash, name: frReview.picker.sideLabel(record.title, record.version) } };
    };
    return [side(a), side(b)];
  }, [records, a, b, opened]);

  const switchMode = (next: Mode) => {
    setMode(next);
    // The address says what is shown: stored keys in stored mode, nothing for files.
    const href = next === 'files' ? hrefFor({ screen: 'review' }) : hrefFor(a ? (b ? { screen: 'review', a, b } : { screen: 'review', a }) : { screen: 'review' });
    if (window.location.hash !== href) window.history.replaceState(window.history.state, '', href);
  };

  let sides: [VersionSide, VersionSide] | null = null;
  if (mode === 'stored' && stored && stored[0].status === 'ok' && stored[1].status === 'ok') sides = [stored[0].side, stored[1].side];
  if (mode === 'files' && files.before?.status === 'ok' && files.after?.status === 'ok') sides = [files.before.side, files.after.side];

  return (
    <div className="review-screen">
      <h1>{frReview.title}</h1>
      <p className="help rv-intro">{frReview.intro}</p>
      <section className="panel rv-picker" aria-labelledby="rv-picker-heading">
        <h2 id="rv-picker-heading">{frReview.picker.heading}</h2>
        <fieldset className="rv-mode">
          <legend>{frReview.picker.source}</legend>
          <label className="rv-radio">
            <input type="radio" name="rv-mode" value="stored" checked={mode === 'stored'} onChange={() => switchMode('stored')} /> {frReview.picker.stored}
          </label>
          <label className="rv-radio">
            <input type="radio" name="rv-mode" value="files" checked={mode === 'files'} onChange={() => switchMode('files')} /> {frReview.picker.files}
          </label>
        </fieldset>
        {mode === 'stored' &&
          (list.status === 'loading' ? (
            <p role="status">{fr.app.loading}</p>
          ) : list.status === 'error' ? (
            <p role="alert" className="error-text">
              {fr.app.startFailed}
              {String(list.error)}
            </p>
          ) : (
            <StoredPicker records={list.value} a={a} b={b} />
          ))}
        {mode === 'stored' && stored && stored.map((s, i) => <SideProblem key={i} state={s} />)}
        {mode === 'files' && <FilesPicker files={files} onChange={setFiles} />}
      </section>
      {sides && <Comparison key={`${mode}|${sides[0].hash}|${sides[1].hash}|${sides[0].name}|${sides[1].name}`} before={sides[0]} after={sides[1]} />}
      {sides && <FocusSummary />}
    </div>
  );
}

/** Moves focus to the summary after the user asked for a comparison (keyboard and screen-reader users). */
function FocusSummary() {
  useEffect(() => {
    if (!focusSummaryOnMount) return;
    focusSummaryOnMount = false;
    const heading = document.getElementById('rv-summary-heading');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, []);
  return null;
}

function SideProblem({ state }: { state: SideState }) {
  if (state.status === 'missing') {
    return (
      <p role="alert" className="error-text">
        {frReview.picker.notStored(state.key)}
      </p>
    );
  }
  if (state.status === 'invalid') {
    return (
      <div role="alert" className="error-box">
        <p className="error-text">{frReview.picker.unreadable(state.key)}</p>
        <IssueTable issues={state.issues} caption={frReview.picker.issuesCaption(state.key)} />
      </div>
    );
  }
  return null;
}

function StoredPicker({ records, a, b }: { records: StoredReferential[]; a?: string; b?: string }) {
  const t = frReview.picker;
  const [choice, setChoice] = useState<PickerChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (records.length === 0) return <p>{t.none}</p>;
  const byId = historyById(records);
  const current = choice ?? pickerDefaults(records, a, b);
  const versions = versionsFor(records, current.refId);
  const any = current.refId === ANY_REFERENTIAL;
  const option = (r: StoredReferential) => (any ? t.anyOption(r.title, r.version) : t.versionOption(r.version, statusLabel(r.status), sourceLabel(r.source)));

  const onReferential = (refId: string) => {
    setError(null);
    setChoice({ refId, ...lastTwo(versionsFor(records, refId)) });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!current.before || !current.after || current.before === current.after) {
      setError(t.sameVersion);
      return;
    }
    setError(null);
    focusSummaryOnMount = true;
    window.location.hash = hrefFor({ screen: 'review', a: current.before, b: current.after });
  };

  return (
    <form className="rv-stored" onSubmit={onSubmit} noValidate>
      <div className="grid">
        <div className="field">
          <label htmlFor="rv-referential">{t.referential}</label>
          <select id="rv-referential" value={current.refId} onChange={(e) => onReferential(e.currentTarget.value)}>
            {[...byId.entries()].map(([id, list]) => (
              <option key={id} value={id}>
                {t.referentialOption(list[0]!.title, id, list.length)}
              </option>
            ))}
            <option value={ANY_REFERENTIAL}>{t.anyReferential}</option>
          </select>
        </div>
        <VersionSelect id="rv-before" label={t.before} versions={versions} option={option} value={current.before} onChange={(before) => setChoice({ ...current, before })} />
        <VersionSelect id="rv-after" label={t.after} versions={versions} option={option} value={current.after} onChange={(after) => setChoice({ ...current, after })} />
      </div>
      {!any && versions.length < 2 && <p className="help">{t.oneVersion}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t.compare}
      </button>
    </form>
  );
}

function FilesPicker({ files, onChange }: { files: { before?: FileState; after?: FileState }; onChange: (next: (old: { before?: FileState; after?: FileState }) => { before?: FileState; after?: FileState }) => void }) {
  const t = frReview.picker;
  const load = (which: 'before' | 'after') => (file: TextFile) => {
    const loaded = loadReferentialText(file.text);
    const state: FileState = loaded.ok
      ? { status: 'ok', file: file.name, side: { referential: loaded.value, hash: contentHash(loaded.value), name: t.fileSide(file.name, loaded.value.identity.version) } }
      : { status: 'invalid', file: file.name, issues: loaded.issues };
    onChange((old) => ({ ...old, [which]: state }));
  };
  return (
    <div className="rv-files">
      <p className="help">{t.filesHelp}</p>
      <div className="grid">
        <div>
          <FileField label={t.beforeFile} accept=".json,application/json" onLoad={load('before')} testId="review-file-before" />
          <FileOutcome state={files.before} />
        </div>
        <div>
          <FileField label={t.afterFile} accept=".json,application/json" onLoad={load('after')} testId="review-file-after" />
          <FileOutcome state={files.after} />
        </div>
      </div>
    </div>
  );
}

function FileOutcome({ state }: { state: FileState | undefined }) {
  const t = frReview.picker;
  if (!state) return null;
  if (state.status === 'ok') {
    const r: Referential = state.side.referential;
    return <p className="success-text">{t.fileOk(state.file, r.identity.title, r.identity.version)}</p>;
  }
  return (
    <div role="alert" className="error-box" data-testid="review-file-errors">
      <p className="error-text">{t.fileInvalid(state.file, state.issues.length)}</p>
      <IssueTable issues={state.issues} caption={t.issuesCaption(state.file)} />
    </div>
  );
}

/** One side of the comparison: a stored version chosen from the list. */
function VersionSelect({
  id,
  label,
  versions,
  option,
  value,
  onChange,
}: {
  id: string;
  label: string;
  versions: readonly StoredReferential[];
  option: (r: StoredReferential) => string;
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {versions.map((r) => (
          <option key={r.key} value={r.key}>
            {option(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
