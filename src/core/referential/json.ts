import { createScanner, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DOCUMENT_LIMITS, type JsonLimits } from '../util/limits.ts';
import type { PathSegment } from '../util/path.ts';
import { fail, ok, type Result } from '../util/result.ts';
import { issueOf, type IssueParamsByCode, type LoadIssue } from './issue.ts';

/*
 * The one reader of JSON text for every document of the product (referential, logigramme, company
 * file, backup), in the CLI and in the app. Before anything recursive touches the text, it enforces
 * the resource limits (size, nesting, string length) and finds what JSON.parse would accept silently
 * but wrongly: a property given twice (JSON keeps the last one), a number beyond the double range
 * (`1e309` becomes Infinity, then `null` once copied), and the `__proto__` name, which JavaScript
 * objects treat as their prototype rather than as a field.
 */

/** jsonc-parser's SyntaxKind values (an ambient const enum, which isolated modules cannot read). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, comma: 5, colon: 6, string: 10, number: 11, eof: 17 } as const;

/** At most this many issues from one scan: a generated file can repeat one mistake a million times. */
const MAX_ISSUES = 100;


/** Codes of issues that concern the whole file rather than one place in it. */
export const WHOLE_FILE_CODES: ReadonlySet<string> = new Set(['limit.size']);

/** A file (or text) over the size limit: the one issue, wherever the size is measured. */
export function sizeIssue(size: number, limits: JsonLimits): LoadIssue {
  return issueOf('limit.size', [], { size, limit: limits.bytes });
}

/**
 * JSON text → value, or located French issues; never throws, whatever the text. A UTF-8 byte order
 * mark is ignored. Refused: a text larger than `limits.bytes` or nested deeper than `limits.depth`
 * (both before parsing), strings longer than `limits.stringLength`, duplicate property names, numbers
 * out of the double range, `__proto__` property names, and syntax errors with their line and column.
 *
 * JSON.parse does the parsing. A well-formed file within the limits costs one more pass over its
 * characters (nesting, and the colons outside strings: one per property) and one over the parsed
 * value (strings, numbers, property names and their count: fewer properties than colons means one
 * was given twice). Only a file with a problem is scanned token by token (jsonc-parser, iteratively)
 * to locate each problem by JSON path, line and column.
 *
 * @example parseJsonText('{"a": 1, "a": 2}') // fails: `$.a : Propriété « a » en double (ligne 1, colonne 10 …)`
 */
export function parseJsonText(text: string, limits: JsonLimits = DOCUMENT_LIMITS): Result<unknown, LoadIssue> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.length > limits.bytes) return fail([sizeIssue(source.length, limits)]);
  const shape = measure(source);
  if (shape.depth > limits.depth) {
    const scan = scanJson(source, limits);
    if (scan.tooDeep) return fail([scan.tooDeep]);
  }
  let value: unknown;
  try {
    value = JSON.parse(source) as unknown;
  } catch (error) {
    // Safe to recurse to locate the error: the nesting is bounded.
    return fail([syntaxIssue(source, error)]);
  }
  const seen = inspect(value, limits);
  if (!seen.suspect && seen.properties === shape.colons) return ok(value);
  const scan = scanJson(source, limits);
  if (scan.tooDeep) return fail([scan.tooDeep]);
  if (scan.issues.length > 0) return fail(scan.issues);
  // The two views disagree without a located problem (not expected): the value's own check decides.
  const unlocated = valueLimitIssues(value, limits);
  return unlocated.length > 0 ? fail(unlocated) : ok(value);
}

/**
 * The deepest nesting of brackets outside strings, and the colons outside strings — one per property
 * in well-formed JSON. A plain loop over character codes, a fraction of JSON.parse's time; on text
 * that is not well-formed, strings are delimited as JSON.parse and jsonc-parser delimit them up to
 * the first error, so the depth bounds what either would recurse into.
 */
function measure(source: string): { depth: number; colons: number } {
  let depth = 0;
  let deepest = 0;
  let colons = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth -= 1;
    } else if (c === 0x3a) colons += 1;
  }
  return { depth: deepest, colons };
}

/**
 * The parsed value's properties counted, and whether anything in it needs the token scan: a string or
 * a property name over the limit, a number that overflowed, a `__proto__` property (JSON.parse makes it
 * an own property). Iterative; the nesting is already bounded.
 */
function inspect(value: unknown, limits: JsonLimits): { properties: number; suspect: boolean } {
  let properties = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.length > limits.stringLength) return { properties, suspect: true };
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { properties, suspect: true };
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if (key.length > limits.stringLength || key === '__proto__') return { properties, suspect: true };
        properties += 1;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return { properties, suspect: false };
}

function syntaxIssue(source: string, error: unknown): LoadIssue {
  const errors: ParseError[] = [];
  parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return issueOf('json.syntax', [], { detail: error instanceof Error ? error.message : String(error) });
  const before = source.slice(0, first.offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return issueOf('json.syntax', [], { error: printParseErrorCode(first.error) }, { line, column });
}

interface Frame {
  object: boolean;
  /** Array: index of the current element. */
  index: number;
  /** Object: the current property name, and whether the next string is a name. */
  key: string | undefined;
  expectKey: boolean;
  /** Object: the names seen so far and the offset of each in the text. */
  keys: Map<string, number> | undefined;
}

/** Line and column (from 1) of an offset; only computed for the few issues reported. */
function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

interface Scan {
  tooDeep: LoadIssue | undefined;
  issues: LoadIssue[];
}

/**
 * One pass over the tokens, with an explicit stack (never recursion): the JSON path of every token is
 * known, so each finding is located twice, by path and by line and column.
 */
function scanJson(source: string, limits: JsonLimits): Scan {
  const scanner = createScanner(source, true);
  const frames: Frame[] = [];
  const issues: LoadIssue[] = [];
  let level = 0;
  let deepest = 0;
  let deepAt: { path: PathSegment[]; line: number; column: number } | undefined;

  const path = (): PathSegment[] => {
    const out: PathSegment[] = [];
    for (const f of frames) {
      if (!f.object) out.push(f.index);
      else if (f.key !== undefined) out.push(f.key);
    }
    return out;
  };
  const report = <C extends 'limit.string' | 'json.reserved_key' | 'json.duplicate_key' | 'json.number_range'>(code: C, at: PathSegment[], params: IssueParamsByCode[C]) => {
    if (issues.length >= MAX_ISSUES) return;
    issues.push(issueOf(code, at, params, { line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 }));
  };

  for (let token = scanner.scan(); token !== TOKEN.eof; token = scanner.scan()) {
    if (token === TOKEN.openBrace || token === TOKEN.openBracket) {
      level += 1;
      if (level > deepest) deepest = level;
      if (level > limits.depth) {
        deepAt ??= { path: path(), line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 };
        continue;
      }
      frames.push({ object: token === TOKEN.openBrace, index: 0, key: undefined, expectKey: true, keys: token === TOKEN.openBrace ? new Map() : undefined });
      continue;
    }
    if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
      // An unbalanced closer is a syntax error that JSON.parse reports; the counts just stay sane.
      if (level > 0) level -= 1;
      if (level < frames.length) frames.pop();
      continue;
    }
    // Inside a part already too deep only the nesting is counted.
    if (level > frames.length) continue;
    const top = frames[frames.length - 1];
    if (token === TOKEN.comma) {
      if (top?.object) {
        top.expectKey = true;
        top.key = undefined;
      } else if (top) top.index += 1;
    } else if (token === TOKEN.colon) {
      if (top?.object) top.expectKey = false;
    } else if (token === TOKEN.string) {
      const value = scanner.getTokenValue();
      if (top?.object && top.expectKey) {
        top.expectKey = false;
        top.key = value;
        const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
        if (value.length > limits.stringLength) {
          report('limit.string', path(), { of: 'name', length: value.length, limit: limits.stringLength });
        } else if (value === '__proto__') {
          report('json.reserved_key', path(), { key: value });
        }
        const previous = top.keys!.get(value);
        if (previous !== undefined) {
          const first = position(source, previous);
          report('json.duplicate_key', path(), { key: shown, firstLine: first.line, firstColumn: first.column });
        } else top.keys!.set(value, scanner.getTokenOffset());
      } else if (value.length > limits.stringLength) {
        report('limit.string', path(), { of: 'text', length: value.length, limit: limits.stringLength });
      }
    } else if (token === TOKEN.number) {
      const literal = scanner.getTokenValue();
      if (!Number.isFinite(Number(literal))) {
        const shown = literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
        report('json.number_range', path(), { value: shown });
      }
    }
  }

  const tooDeep = deepAt
    ? issueOf('limit.depth', deepAt.path, { limit: limits.depth, depth: deepest }, { line: deepAt.line, column: deepAt.column })
    : undefined;
  return { tooDeep, issues };
}

/**
 * The same limits on data that did not come from text (a record read back from the browser's
 * database, a document built by a program): nesting (which also stops on a cycle), string length and
 * numbers JSON cannot carry (Infinity, NaN, which a JSON copy would turn into `null`). Iterative,
 * like the scan. Returns no issue for data within the limits.
 */
export function valueLimitIssues(data: unknown, limits: JsonLimits = DOCUMENT_LIMITS): LoadIssue[] {
  interface Entry {
    value: unknown;
    depth: number;
    parent: Entry | undefined;
    segment: PathSegment | undefined;
  }
  const pathOf = (entry: Entry): PathSegment[] => {
    const out: PathSegment[] = [];
    for (let e: Entry | undefined = entry; e?.segment !== undefined; e = e.parent) out.push(e.segment);
    return out.reverse();
  };
  const issues: LoadIssue[] = [];
  const stack: Entry[] = [{ value: data, depth: 0, parent: undefined, segment: undefined }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) issues.push(issueOf('json.number_range', pathOf(entry), { value: String(value) }));
    } else if (typeof value === 'string') {
      if (value.length > limits.stringLength) issues.push(issueOf('limit.string', pathOf(entry), { of: 'text', length: value.length, limit: limits.stringLength }));
    } else if (typeof value === 'object' && value !== null) {
      const depth = entry.depth + 1;
      if (depth > limits.depth) {
        return [issueOf('limit.depth', pathOf(entry), { limit: limits.depth })];
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth, parent: entry, segment: i });
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          if (key.length > limits.stringLength) issues.push(issueOf('limit.string', pathOf(entry), { of: 'name', length: key.length, limit: limits.stringLength }));
          else stack.push({ value: (value as Record<string, unknown>)[key], depth, parent: entry, segment: key });
        }
      }
    }
  }
  return issues;
}
