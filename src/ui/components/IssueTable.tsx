import type { LoadIssue } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import { issueMessage } from '../../present/issues.ts';

/** Located problems of a document: JSON path and French message, one row each. */
export function IssueTable({ issues, caption }: { issues: readonly LoadIssue[]; caption: string }) {
  return (
    <table className="issues">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{fr.import.issuePath}</th>
          <th scope="col">{fr.import.issueMessage}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={i} data-code={issue.code}>
            <td>
              <code>{issue.path}</code>
            </td>
            <td>{issueMessage(issue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
