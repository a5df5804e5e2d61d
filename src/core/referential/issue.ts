import { formatPath, type PathSegment } from '../util/path.ts';

/** A located problem found while loading a document. `message` is French, for users. */
export interface LoadIssue {
  code: string;
  path: string;
  message: string;
  /** Line and column (from 1) in the file's text, when the problem was found while reading the text. */
  line?: number;
  column?: number;
}

export function issue(code: string, path: readonly PathSegment[], message: string): LoadIssue {
  return { code, path: formatPath(path), message };
}

/** An issue found in the text itself: its JSON path when known, and where it is in the text. */
export function textIssue(code: string, path: readonly PathSegment[], message: string, line: number, column: number): LoadIssue {
  return { code, path: formatPath(path), message, line, column };
}

/** One line per issue, `$.jobs[0].id : message`, for the CLI and plain-text reports. */
export function formatIssues(issues: readonly LoadIssue[], file?: string): string {
  const prefix = file ? `${file} ` : '';
  return issues.map((i) => `${prefix}${i.path} : ${i.message}`).join('\n');
}
