import { useId, useState, type ChangeEvent } from 'react';
import type { LoadIssue } from '../../core/index.ts';
import type { CsvIssue } from '../../io/staff-csv.ts';
import { frReview } from '../i18n/fr-review.ts';
import { decodeStaffBytes, ENCODING_LABELS } from '../../io/decode.ts';
import { readFileBytes } from '../company/download.ts';
import { MAX_FILE_BYTES, readText } from './files.ts';
import type { IssueSide, Located, TextFile } from './inputs.ts';
import { DataTable } from '../components/DataTable.tsx';
import { takeChosenFile } from '../files.ts';
import { issueMessage } from '../../present/issues.ts';

type ReadState = { status: 'idle' } | { status: 'reading'; file: string } | { status: 'done'; file: string } | { status: 'failed'; message: string };

/**
 * A file input that reads the chosen file as text and hands it over; the file's own checks are the
 * caller's. Choosing the same file again (after fixing it) reads it again.
 */
export function FileField({
  label,
  accept,
  help,
  onLoad,
  testId,
  staff = false,
}: {
  label: string;
  accept: string;
  help?: string;
  onLoad: (file: TextFile) => void;
  testId?: string;
  /** A staff file: its encoding detected and said by the app's and the CLI's one decoder. */
  staff?: boolean;
}) {
  const id = useId();
  const [state, setState] = useState<ReadState>({ status: 'idle' });
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = takeChosenFile(event.currentTarget);
    if (!file) return;
    setState({ status: 'reading', file: file.name });
    try {
      if (file.size > MAX_FILE_BYTES) {
        setState({ status: 'failed', message: frReview.files.tooLarge(file.name) });
        return;
      }
      if (staff) {
        const decoded = decodeStaffBytes(new Uint8Array(await readFileBytes(file)));
        if (!decoded.ok) {
          setState({ status: 'failed', message: `${file.name} : ${decoded.message}` });
          return;
        }
        setState({ status: 'done', file: `${file.name} (${ENCODING_LABELS[decoded.encoding]})` });
        onLoad({ name: file.name, text: decoded.text });
        return;
      }
      const text = await readText(file);
      setState({ status: 'done', file: file.name });
      onLoad({ name: file.name, text });
    } catch {
      setState({ status: 'failed', message: frReview.files.unreadable(file.name) });
    }
  };
  return (
    <div className="field rv-file">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      <input id={id} type="file" accept={accept} aria-describedby={help ? `${id}-help` : undefined} onChange={(e) => void onChange(e)} data-testid={testId} />
      <span aria-live="polite" className="rv-file-status">
        {state.status === 'reading' && <span role="status">{frReview.files.reading}</span>}
        {state.status === 'done' && <span className="help">{frReview.files.loaded(state.file)}</span>}
        {state.status === 'failed' && (
          <span role="alert" className="error-text">
            {state.message}
          </span>
        )}
      </span>
    </div>
  );
}

const sideLabel = (side: IssueSide) => (side === 'both' ? frReview.files.both : side === 'before' ? frReview.files.beforeOnly : frReview.files.afterOnly);

/** Problems of a staff file, by line and column. The version column appears when the versions disagree. */
export function CsvIssueTable({ issues, caption }: { issues: ReadonlyArray<Located<CsvIssue>>; caption: string }) {
  const sides = issues.some((i) => i.side !== 'both');
  return (
    <DataTable className="issues rv-issues" scroll caption={caption} columns={[frReview.files.row, frReview.files.column, frReview.files.problem, sides && frReview.files.version]}>
      {issues.map(({ issue, side }, i) => (
        <tr key={i} data-row={issue.row} data-column={issue.column}>
          <td className="num">{issue.row}</td>
          <td>{issue.column ? <code>{issue.column}</code> : frReview.files.wholeLine}</td>
          <td>{issue.message}</td>
          {sides && <td>{sideLabel(side)}</td>}
        </tr>
      ))}
    </DataTable>
  );
}

/** Problems of a JSON file, by JSON path. */
export function JsonIssueTable({ issues, caption }: { issues: ReadonlyArray<Located<LoadIssue>>; caption: string }) {
  const sides = issues.some((i) => i.side !== 'both');
  return (
    <DataTable className="issues rv-issues" scroll caption={caption} columns={[frReview.files.path, frReview.files.problem, sides && frReview.files.version]}>
      {issues.map(({ issue, side }, i) => (
        <tr key={i} data-code={issue.code}>
          <td>
            <code>{issue.path}</code>
          </td>
          <td>{issueMessage(issue)}</td>
          {sides && <td>{sideLabel(side)}</td>}
        </tr>
      ))}
    </DataTable>
  );
}
