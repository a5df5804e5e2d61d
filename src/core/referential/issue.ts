import { formatPath, type PathSegment } from '../util/path.ts';

/** A located problem found while loading a document. `message` is French, for users. */
export interface LoadIssue {
  code: string;
  path: string;
  message: string;
}

export function issue(code: string, path: readonly PathSegment[], message: string): LoadIssue {
  return { code, path: formatPath(path), message };
}

/** One line per issue, `$.jobs[0].id : message`, for the CLI and plain-text reports. */
export function formatIssues(issues: readonly LoadIssue[], file?: string): string {
  const prefix = file ? `${file} ` : '';
  return issues.map((i) => `${prefix}${i.path} : ${i.message}`).join('\n');
}
