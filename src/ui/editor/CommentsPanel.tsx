import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  exposureAnchors,
  labelledAnchor,
  parseJsonText,
  resolutionOf,
  threadStatus,
  type CommentAnchor,
  type CommentsImport,
  type CommentThread,
  type GraphDocument,
  type LoadIssue,
} from '../../core/index.ts';
import { slugify } from '../../core/graph/commands/index.ts';
import { namedAnchor } from '../../present/comments.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import './collab.css';
import { formatTimestamp } from '../format.ts';
import { frCollab } from '../i18n/fr-collab.ts';
import { readJsonFile } from '../jsonFile.ts';
import { downloadFile, rememberAuthor, rememberedAuthor } from '../lifecycle/browser.ts';
import { targetText, useCommentsModel, useCommentsState } from './comments.ts';
import { useController, useGraph, useView } from './hooks.ts';
import { takeChosenFile } from '../files.ts';

const t = frCollab.comments;

/**
 * The comment threads of what the editor shows: open ones by default, each leading to its element;
 * a new remark on the selected node, link, exposure or the referential as a whole; replies, resolution
 * with how the remark was addressed, reopening; a reviewer's export of their own remarks and the
 * author's import of them. Signed with a name asked once and remembered.
 */
export function CommentsPanel() {
  const model = useCommentsModel();
  const state = useCommentsState();
  const graph = useGraph();
  const [openOnly, setOpenOnly] = useState(true);
  const [author, setAuthor] = useState(rememberedAuthor);
  const id = useId();
  const open = state.threads.filter((x) => threadStatus(x) === 'open').length;
  const shown = openOnly ? state.threads.filter((x) => threadStatus(x) === 'open') : state.threads;
  const version = graph.referential.identity.version;
  return (
    <section className="editor-panel comments-panel" aria-labelledby={`${id}-heading`} data-testid="comments-panel" data-mode={state.mode}>
      <h2 id={`${id}-heading`}>{t.heading}</h2>
      <p className="help">{state.mode === 'version' ? t.onVersion(version) : t.onDraft}</p>
      <p className="comments-summary" role="status" data-testid="comments-summary">
        {t.summary(open, state.threads.length)}
      </p>
      {state.review.length > 0 && (
        <div className="comments-review" role="note">
          <p>{t.review(state.review.length, version)}</p>
          <button type="button" className="small" onClick={() => model.takeReview()}>
            {t.reviewTake}
          </button>
        </div>
      )}
      <AuthorField author={author} onChange={setAuthor} />
      {author && <NewThread author={author} />}
      <label className="check">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} />
        <span>{t.openOnly}</span>
      </label>
      {shown.length === 0 ? (
        <p className="help">{openOnly ? t.none : t.noneAtAll}</p>
      ) : (
        <ol className="comment-threads" aria-label={t.listLabel}>
          {shown.map((thread) => (
            <ThreadItem key={thread.id} thread={thread} graph={graph} author={author} />
          ))}
        </ol>
      )}
      <Exchange author={author} />
    </section>
  );
}

function AuthorField({ author, onChange }: { author: string; onChange: (name: string) => void }) {
  const id = useId();
  const [editing, setEditing] = useState(author === '');
  const [value, setValue] = useState(author);
  if (!editing && author) {
    return (
      <p className="comments-author">
        {t.authorIs(author)}{' '}
        <button type="button" className="small link" onClick={() => setEditing(true)}>
          {t.authorChange}
        </button>
      </p>
    );
  }
  const save = (event: FormEvent) => {
    event.preventDefault();
    const name = value.trim();
    if (!name) return;
    rememberAuthor(name);
    onChange(name);
    setEditing(false);
  };
  return (
    <form className="field comments-author" onSubmit={save}>
      <label htmlFor={id}>{t.author}</label>
      <input id={id} type="text" value={value} autoComplete="name" onChange={(e) => setValue(e.currentTarget.value)} />
      <button type="submit" className="small" disabled={!value.trim()}>
        {t.authorSave}
      </button>
      {!author && <p className="help">{t.authorMissing}</p>}
    </form>
  );
}

interface AnchorOption {
  key: string;
  anchor: CommentAnchor;
  text: string;
}

/** What a new remark can be attached to: the selected node (and each exposure of a situation), the selected link, the referential. */
function anchorOptions(graph: GraphDocument, nodes: readonly string[], edges: readonly string[]): AnchorOption[] {
  const out: AnchorOption[] = [];
  const push = (key: string, anchor: CommentAnchor) => {
    const labelled = labelledAnchor(graph, anchor);
    out.push({ key, anchor: labelled, text: targetText(graph, labelled) });
  };
  const node = nodes.length === 1 ? graph.nodes.find((n) => n.id === nodes[0]) : undefined;
  if (node) {
    push(`node:${node.id}`, { on: 'node', node: node.id });
    if (node.kind === 'situation') exposureAnchors(node).forEach((a, i) => push(`exposure:${i}`, a));
  }
  if (edges.length === 1 && graph.edges.some((e) => e.id === edges[0])) push(`edge:${edges[0]}`, { on: 'edge', edge: edges[0]! });
  push('referential', { on: 'referential' });
  return out;
}

function NewThread({ author }: { author: string }) {
  const model = useCommentsModel();
  const graph = useGraph();
  const view = useView();
  const controller = useController();
  const id = useId();
  const options = useMemo(() => anchorOptions(graph, view.selectedNodes, view.selectedEdges), [graph, view.selectedNodes, view.selectedEdges]);
  const [key, setKey] = useState(options[0]!.key);
  const [text, setText] = useState('');
  // A new selection proposes its element first (adjusted during render, not after).
  const proposed = options[0]!.key;
  const [lastProposed, setLastProposed] = useState(proposed);
  if (lastProposed !== proposed) {
    setLastProposed(proposed);
    setKey(proposed);
  }
  const chosen = options.find((o) => o.key === key) ?? options[0]!;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const result = await model.add(chosen.anchor, text.trim(), author);
    if (result.ok) {
      setText('');
      controller.notify(t.added(chosen.text));
    }
  };
  return (
    <form className="comments-new" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t.newHeading}</h3>
      <div className="field">
        <label htmlFor={`${id}-on`}>{t.on}</label>
        <select id={`${id}-on`} value={chosen.key} onChange={(e) => setKey(e.currentTarget.value)} aria-describedby={options.length === 1 ? `${id}-hint` : undefined}>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.key === 'referential' ? t.onReferential : o.text}
            </option>
          ))}
        </select>
        {options.length === 1 && (
          <p className="help" id={`${id}-hint`}>
            {t.selectHint}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t.text}</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={!text.trim()}>
        {t.add}
      </button>
    </form>
  );
}

type Action = null | 'reply' | 'resolve' | 'reopen';

function ThreadItem({ thread, graph, author }: { thread: CommentThread; graph: GraphDocument; author: string }) {
  const model = useCommentsModel();
  const controller = useController();
  const id = useId();
  const [action, setAction] = useState<Action>(null);
  const [text, setText] = useState('');
  const target = namedAnchor(graph, thread.anchor);
  const where = target.exists ? t.onTarget(target.kind, target.label, target.detail) : t.detached(target.kind, target.label);
  const named = targetText(graph, thread.anchor);
  const status = threadStatus(thread);
  const resolution = resolutionOf(thread);
  const last = thread.history.at(-1);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const run = action === 'reply' ? model.reply(thread.id, text.trim(), author) : action === 'resolve' ? model.resolve(thread.id, text, author) : action === 'reopen' ? model.reopen(thread.id, text, author) : null;
    if (!run) return;
    if ((await run).ok) {
      setAction(null);
      setText('');
    }
  };
  const labels: Record<Exclude<Action, null>, { field: string; send: string }> = {
    reply: { field: t.replyText, send: t.send },
    resolve: { field: t.resolveNote, send: t.resolveConfirm },
    reopen: { field: t.reopenNote, send: t.reopen },
  };
  return (
    <li className={`comment-thread status-${status}${target.exists ? '' : ' is-detached'}`} data-thread={thread.id} data-status={status}>
      <p className="comment-where">
        <strong>{where}</strong> <span className={`badge comment-status-${status}`}>{t.status[status]}</span>
      </p>
      {!target.exists && <p className="help">{t.detachedHint}</p>}
      <p className="comment-meta">
        {t.by(thread.author, formatTimestamp(thread.date))} {thread.edited && t.edited(formatTimestamp(thread.edited))}
      </p>
      <p className="comment-text">{thread.text}</p>
      {thread.replies.length > 0 && (
        <ol className="comment-replies" aria-label={t.replies(thread.replies.length)}>
          {thread.replies.map((r) => (
            <li key={r.id}>
              <p className="comment-meta">{t.by(r.author, formatTimestamp(r.date))}</p>
              <p className="comment-text">{r.text}</p>
            </li>
          ))}
        </ol>
      )}
      {resolution && (
        <p className="comment-resolution">
          {t.resolution(resolution.author, formatTimestamp(resolution.date))}
          {resolution.note ? ` : ${resolution.note}` : ''}
        </p>
      )}
      {status === 'open' && last?.action === 'reopened' && (
        <p className="comment-meta">
          {t.reopened(last.author, formatTimestamp(last.date))}
          {last.note ? ` : ${last.note}` : ''}
        </p>
      )}
      {action === null ? (
        <div className="button-row">
          {target.exists && target.node && (
            <button type="button" className="small" aria-label={t.showLabel(named)} onClick={() => controller.focusNode(target.node!)}>
              {t.show}
            </button>
          )}
          {author && (
            <>
              <button type="button" className="small" aria-label={t.replyLabel(thread.author, named)} onClick={() => setAction('reply')}>
                {t.reply}
              </button>
              {status === 'open' ? (
                <button type="button" className="small" aria-label={t.resolveLabel(thread.author, named)} onClick={() => setAction('resolve')}>
                  {t.resolve}
                </button>
              ) : (
                <button type="button" className="small" aria-label={t.reopenLabel(thread.author, named)} onClick={() => setAction('reopen')}>
                  {t.reopen}
                </button>
              )}
            </>
          )}
        </div>
      ) : (
        <form className="comment-action" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`${id}-text`}>{labels[action].field}</label>
            {/* The form opens on the user's request: the focus goes to the field it opened for. */}
            {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
            <textarea id={`${id}-text`} rows={2} value={text} autoFocus onChange={(e) => setText(e.currentTarget.value)} />
          </div>
          <div className="button-row">
            <button type="submit" className="small" disabled={action === 'reply' && !text.trim()}>
              {labels[action].send}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setAction(null);
                setText('');
              }}
            >
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

type Report = { kind: 'ok' | 'error'; lines: string[]; refused?: LoadIssue[] } | null;

/** The remarks as a small file: a reviewer's own out, anyone's in. */
function Exchange({ author }: { author: string }) {
  const model = useCommentsModel();
  const id = useId();
  const [report, setReport] = useState<Report>(null);
  const exportMine = () => {
    if (!model.hasThreadsOf(author)) return setReport({ kind: 'error', lines: [t.exportMineNone] });
    const file = model.exportMine(author);
    const name = `${file.referential.id}-${file.referential.version}.commentaires-${slugify(author) || 'relecteur'}.json`;
    downloadFile({ name, type: 'application/json', text: `${JSON.stringify(file, null, 2)}\n` });
    setReport({ kind: 'ok', lines: [t.exported(name, file.comments.length)] });
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    let text;
    try {
      text = await readJsonFile(file);
    } catch {
      return setReport({ kind: 'error', lines: [t.unreadable(file.name)] });
    }
    const json = text.ok ? parseJsonText(text.value) : text;
    if (!json.ok) return setReport({ kind: 'error', lines: [t.invalidFile(file.name)], refused: json.issues });
    setReport(importReport(file.name, await model.importData(json.value)));
  };
  return (
    <div className="comments-exchange">
      <h3>{t.exchange}</h3>
      <p className="help">{t.exchangeHelp}</p>
      <p>
        <button type="button" className="small" disabled={!author} onClick={exportMine}>
          {t.exportMine}
        </button>
      </p>
      <div className="field">
        <label htmlFor={`${id}-import`}>{t.importLabel}</label>
        <input id={`${id}-import`} type="file" accept=".json,application/json" onChange={(e) => void importFile(e)} />
      </div>
      <div aria-live="polite" data-testid="comments-report">
        {report && (
          <div className={report.kind === 'ok' ? 'success-text' : 'error-box'} role={report.kind === 'ok' ? 'status' : 'alert'}>
            {report.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
            {report.refused && report.refused.length > 0 && <IssueTable issues={report.refused} caption={t.refusedCaption} />}
          </div>
        )}
      </div>
    </div>
  );
}

function importReport(name: string, outcome: CommentsImport): Report {
  const i = t.imported;
  const counts: Array<[number, (n: number) => string]> = [
    [outcome.added.length, i.added],
    [outcome.updated.length, i.updated],
    [outcome.unchanged.length, i.unchanged],
    [outcome.detached.length, i.detached],
    [outcome.refused.length, i.refused],
  ];
  const accepted = outcome.added.length + outcome.updated.length + outcome.unchanged.length;
  // Refused whole (another referential, another version, not a comments file): the reasons say it all.
  if (accepted === 0 && outcome.refused.length > 0) return { kind: 'error', lines: [t.importReport(name), t.nothingImported], refused: outcome.refused };
  const lines = [t.importReport(name), ...counts.filter(([n]) => n > 0).map(([n, say]) => `${say(n)}.`)];
  if (outcome.version === 'content_changed') lines.push(t.contentChanged);
  if (outcome.version === 'other_version') lines.push(t.otherVersion);
  return { kind: 'ok', lines, refused: outcome.refused };
}
