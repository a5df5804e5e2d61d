import { useId, useState, type ChangeEvent } from 'react';
import { BACKUP_LIMITS, DOCUMENT_LIMITS, type JsonLimits, type LoadIssue, type Result } from '../../core/index.ts';
import {
  exportBackup,
  exportableDraft,
  exportCheckReport,
  exportGraph,
  exportReferential,
  importBackup,
  importDraftText,
  type DraftRecord,
  type ExportFile,
} from '../../storage/index.ts';
import { IssueTable } from '../components/IssueTable.tsx';
import { useDb } from '../context.ts';
import { frLifecycle as t } from '../i18n/fr-lifecycle.ts';
import { SubHeading } from './heading.tsx';
import { readJsonFile } from '../jsonFile.ts';
import { downloadFile, localTimestamp } from './browser.ts';
import { computeLayout } from '../editor/layoutClient.ts';
import { takeChosenFile } from '../files.ts';

type Feedback = { kind: 'ok' | 'error'; lines: string[]; issues?: { caption: string; list: LoadIssue[] } } | null;

/** Exports of the draft, import of a file into it, and the backup of the whole database. */
export function FilesPanel({ referentialId, draft, now }: { referentialId: string; draft: DraftRecord | undefined; now: () => Date }) {
  const db = useDb();
  const id = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [confirmed, setConfirmed] = useState(false);

  const offer = (file: ExportFile) => {
    downloadFile(file);
    setFeedback({ kind: 'ok', lines: [t.files.downloaded(file.name)] });
  };

  /**
   * Reads a chosen JSON file: its text, or why it is refused (too large, not UTF-8) with the place;
   * the input is reset so the same file can be chosen again.
   */
  const read = async (event: ChangeEvent<HTMLInputElement>, limits: JsonLimits = DOCUMENT_LIMITS): Promise<{ name: string; text: Result<string, LoadIssue> } | null> => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return null;
    try {
      return { name: file.name, text: await readJsonFile(file, limits) };
    } catch {
      setFeedback({ kind: 'error', lines: [t.files.unreadable(file.name)] });
      return null;
    }
  };

  const importIntoDraft = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = await read(event);
    if (!file) return;
    const outcome = file.text.ok ? await importDraftText(db, file.text.value, { expectedId: referentialId, replace: true, layout: computeLayout }) : { kind: 'invalid' as const, issues: file.text.issues };
    switch (outcome.kind) {
      case 'imported':
        setFeedback({
          kind: 'ok',
          lines: [
            t.files.imported(outcome.record.graph.referential.identity.version),
            ...(outcome.renumbered ? [t.files.renumbered(outcome.renumbered.from, outcome.renumbered.to)] : []),
            ...(outcome.statusReset ? [t.files.statusReset(outcome.statusReset)] : []),
          ],
        });
        break;
      case 'invalid':
        setFeedback({ kind: 'error', lines: [t.files.invalid(file.name, outcome.issues.length)], issues: { caption: t.files.issuesCaption, list: outcome.issues } });
        break;
      case 'mismatch':
        setFeedback({ kind: 'error', lines: [t.files.mismatch(outcome.expected, outcome.found)] });
        break;
      case 'locked':
        setFeedback({ kind: 'error', lines: [t.files.locked(outcome.state)] });
        break;
      case 'exists':
        // `replace` is set: only reached if the draft changed state meanwhile.
        setFeedback({ kind: 'error', lines: [t.files.locked(outcome.record.lifecycle.state)] });
        break;
    }
  };

  const backup = async () => {
    const file = await exportBackup(db, () => localTimestamp(now()));
    downloadFile({ name: file.name, type: 'application/json', text: file.text });
    setFeedback({ kind: 'ok', lines: [t.backup.exported(file.name, Object.values(file.counts).reduce((a, b) => a + b, 0))] });
  };

  const restore = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = await read(event, BACKUP_LIMITS);
    if (!file) return;
    const outcome = file.text.ok ? await importBackup(db, file.text.value) : file.text;
    setConfirmed(false);
    if (outcome.ok) {
      const head = outcome.head ? [t.backup.restoredHead(outcome.head.seq + 1, outcome.head.hash)] : [];
      setFeedback({ kind: 'ok', lines: [t.backup.restored(Object.values(outcome.counts).reduce((a, b) => a + b, 0)), ...head] });
    }
    else setFeedback({ kind: 'error', lines: [t.backup.invalid(file.name, outcome.issues.length)], issues: { caption: t.backup.issuesCaption, list: outcome.issues } });
  };

  const editable = draft?.lifecycle.state === 'draft' || !draft;
  return (
    <div className="lifecycle-files">
      <SubHeading>{t.files.heading}</SubHeading>
      {draft && (
        <ul className="lifecycle-exports">
          <li>
            <button type="button" onClick={() => (draft.graph.base ? offer(exportGraph(draft.graph)) : void exportableDraft(db, draft.id).then((graph) => offer(exportGraph(graph ?? draft.graph))))}>
              {t.files.exportGraph}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => offer(exportReferential(draft.graph))}>
              {t.files.exportReferential}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => offer(exportCheckReport(draft.graph, localTimestamp(now())).json)}>
              {t.files.exportReportJson}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => offer(exportCheckReport(draft.graph, localTimestamp(now())).markdown)}>
              {t.files.exportReportMd}
            </button>
          </li>
        </ul>
      )}
      {editable && (
        <div className="field">
          <label htmlFor={`${id}-import`}>{t.files.importLabel}</label>
          <p id={`${id}-import-help`} className="help">
            {t.files.importHelp}
          </p>
          <input id={`${id}-import`} type="file" accept=".json,application/json" aria-describedby={`${id}-import-help`} onChange={(e) => void importIntoDraft(e)} />
        </div>
      )}

      <SubHeading>{t.backup.heading}</SubHeading>
      <p className="help">{t.backup.help}</p>
      <p>
        <button type="button" onClick={() => void backup()}>
          {t.backup.export}
        </button>
      </p>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <span>{t.backup.confirm}</span>
      </label>
      <div className="field">
        <label htmlFor={`${id}-restore`}>{t.backup.importLabel}</label>
        <input id={`${id}-restore`} type="file" accept=".json,application/json" disabled={!confirmed} onChange={(e) => void restore(e)} />
      </div>

      <div aria-live="polite" data-testid="files-message">
        {feedback && (
          <div className={feedback.kind === 'ok' ? 'success-text' : 'error-box'} role={feedback.kind === 'ok' ? 'status' : 'alert'}>
            {feedback.lines.map((line, i) => (
              <p key={i} className={feedback.kind === 'error' ? 'error-text' : undefined}>
                {line}
              </p>
            ))}
            {feedback.issues && <IssueTable issues={feedback.issues.list} caption={feedback.issues.caption} />}
          </div>
        )}
      </div>
    </div>
  );
}
