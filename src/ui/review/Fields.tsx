import { useId, useState, type ChangeEvent } from 'react';
import type { LoadIssue } from '../../core/index.ts';
import type { CsvIssue } from '../../io/staff-csv.ts';
import { frReview } from '../i18n/fr-review.ts';
import { decodeStaffBytes, ENCODING_LABELS } from '../../io/decode.ts';
import { looksLikeXlsx, readWorkbook } from '../../io/staff-xlsx.ts';
import { readFileBytes } from '../company/download.ts';
import { MAX_FILE_BYTES, readText } from './files.ts';
import type { IssueSide, Located, StaffFile, TextFile } from './inputs.ts';
import { DataTable } from '../components/DataTable.tsx';
import { takeChosenFile } from '../files.ts';
import { issueMessage } from '../../present/issues.ts';

type ReadState = { status: 'idle' } | { status: 'reading'; file: string } | { status: 'done'; file: string } | { status: 'failed'; message: string };

/** What reading a chosen file gave: the value handed over and how to name the file, or why it failed. */
type ReadOutcome<T> = { ok: true; value: T; shown: string } | { ok: false; message: string };

async function readTextFile(file: File): Promise<ReadOutcome<TextFile>> {
  const text = await readText(file);
  return { ok: true, value: { name: file.name, text }, shown: file.name };
}

/**
 * A staff file as the company workspace and the command line accept it: an Excel workbook (first sheet;
 * the workbook library loaded on first use), or CSV text whose encoding the app's and the CLI's one decoder detects
 * and the field says.
 */
async function readStaffFile(file: File): Promise<ReadOutcome<StaffFile>> {
  const bytes = new Uint8Array(await readFileBytes(file));
  if (looksLikeXlsx(bytes)) {
    const book = await readWorkbook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (!book.ok) return { ok: false, message: `${file.name} : ${book.issue.message}` };
    return { ok: true, value: { name: file.name, source: { kind: 'xlsx', sheet: book.value } }, shown: `${file.name} (${frReview.files.workbook(book.value.sheet)})` };
  }
  const decoded = decodeStaffBytes(bytes);
  if (!decoded.ok) return { ok: false, message: `${file.name} : ${decoded.message}` };
  return { ok: true, value: { name: file.name, source: { kind: 'csv', text: decoded.text } }, shown: `${file.name} (${ENCODING_LABELS[decoded.encoding]})` };
}

/**
 * A file input that reads the chosen file as text and hands it over; the file's own checks are the
 * caller's. Choosing the same file again (after fixing it) reads it again.
 */
export function FileField(props: FieldProps & { onLoad: (file: TextFile) => void }) {
  return <ReadingField {...props} read={readTextFile} />;
}

/** A staff file input: CSV in any of the accepted encodings, or an Excel workbook. */
export function StaffFileField(props: FieldProps & { onLoad: (file: StaffFile) => void }) {
  return <ReadingField {...props} accept={STAFF_ACCEPT} read={readStaffFile} />;
}

const STAFF_ACCEPT = '.csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface FieldProps {
  label: string;
  accept?: string;
  help?: string;
  testId?: string;
}

function ReadingField<T>({ label, accept, help, onLoad, testId, read }: FieldProps & { onLoad: (value: T) => void; read: (file: File) => Promise<ReadOutcome<T>> }) {
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
      const outcome = await read(file);
      if (!outcome.ok) {
        setState({ status: 'failed', message: outcome.message });
        return;
      }
      setState({ status: 'done', file: outcome.shown });
      onLoad(outcome.value);
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
