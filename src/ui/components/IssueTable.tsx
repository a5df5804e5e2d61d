import type { LoadIssue } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import { DataTable } from './DataTable.tsx';
import { issueMessage } from '../../present/issues.ts';

/** Located problems of a document: JSON path and French message, one row each. */
export function IssueTable({ issues, caption }: { issues: readonly LoadIssue[]; caption: string }) {
  return (
    <DataTable className="issues" caption={caption} columns={[fr.import.issuePath, fr.import.issueMessage]}>
      {issues.map((issue, i) => (
        <tr key={i} data-code={issue.code}>
          <td>
            <code>{issue.path}</code>
          </td>
          <td>{issueMessage(issue)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
