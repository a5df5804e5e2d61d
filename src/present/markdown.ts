/*
 * The one Markdown escaper of the project: every text that comes from data (labels, ids, file names,
 * messages that quote them) and goes into a Markdown export passes through `mdText` or `mdCode`, so
 * that a label can neither inject HTML (`<img onerror=…>`, `<script>`) nor make a link
 * (`[x](javascript:…)`, `<javascript:…>`, a bare `https://…` or `www.…` that GFM would link), nor
 * break the structure of the report (a line break, a heading or list marker, a table pipe).
 *
 * How: `&`, `<`, `>` become HTML entities; the ASCII punctuation Markdown gives a meaning to inside a
 * line is backslash-escaped (CommonMark §2.4: an escaped character is always literal); the colon
 * after a URL scheme and the dot after `www` are escaped, which is what stops autolinks; a leading
 * block marker is escaped; line breaks become spaces. Rendered, the text reads as it was written.
 */

/** Punctuation that makes emphasis, links, images, code or table cells anywhere in a line. */
const INLINE = /[\\`*_[\]()!|~]/g;

/**
 * Text from data, safe anywhere in a Markdown line (a paragraph, a list item, a heading, a table cell).
 *
 * @example mdText('<b>Bruit</b> [x](javascript:alert(1))') // « &lt;b&gt;Bruit&lt;/b&gt; \[x\]\(javascript\:alert\(1\)\) »
 */
export function mdText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE, '\\$&')
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):/g, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/(\w)@(\w)/g, '$1\\@$2')
    // A block marker only counts at the start of a line and before a space: « # titre », « - x », « 1. x ».
    .replace(/^(\s*)([#+\-=])(?=\s|$|#)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * An id, a path or a hash as inline code: a fence longer than any run of backticks inside, and `|`
 * escaped (GFM table cells split on it even inside code). Code spans render literally: no HTML, no link.
 *
 * @example mdCode('n-bruit') // « `n-bruit` »
 */
export function mdCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table row from cells already escaped (`mdText`, `mdCode`, or our own figures). */
export const mdRow = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** A table header line and its separator; `right` lists the columns aligned right (figures). */
export function mdTableHead(headers: readonly string[], right: readonly number[] = []): string[] {
  return [mdRow(headers.map(mdText)), `|${headers.map((_, i) => (right.includes(i) ? '---:' : '---')).join('|')}|`];
}
