import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadGraph,
  loadGraphText,
  loadReferential,
  loadReferentialText,
  parseJsonText,
  type LoadIssue,
  type Result,
} from '../src/core/index.ts';
import { loadCompanyText } from '../src/io/company.ts';
import { validateBackup } from '../src/storage/backup.ts';

/*
 * Issue 10, points 4 and 9: the one JSON reader bounds its resources and refuses, located by JSON path
 * and by line and column, what JSON.parse would accept silently but wrongly. Every test here fails on
 * main e472799: deep nesting threw RangeError (through the JSON copy of migrateDocument), a cycle threw
 * TypeError, huge texts and strings were accepted, a duplicate key kept its last value without a word,
 * `1e309` became "null reçu", `__proto__` was dropped silently.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const GRAPH_TEXT = readFileSync(join(ROOT, 'referentials', 'fp2e-eau.graph.json'), 'utf8');
const COMPANY_TEXT = readFileSync(join(ROOT, 'examples', 'entreprise-exemple.json'), 'utf8');

/** The issues of a refused result (fails when the result is accepted). */
function refused<T>(result: Result<T, LoadIssue>): LoadIssue[] {
  if (result.ok) throw new Error('expected a refusal');
  return result.issues;
}

/** `"title": "…"` of the sample replaced by a value written as raw JSON text. */
const withTitle = (raw: string) => SAMPLE_TEXT.replace(/"title": "[^"]*"/, `"title": ${raw}`);

describe('nesting depth', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('a 5 KB referential with 4 100 nested arrays is refused, located, never a RangeError', () => {
    const text = withTitle(deep(4100));
    const issues = refused(loadReferentialText(text));
    expect(issues).toHaveLength(1);
    const [i] = issues;
    expect(i!.code).toBe('limit.depth');
    // The 65th level opens inside $.identity.title, at the 63rd nested array.
    expect(i!.path).toBe(`$.identity.title${'[0]'.repeat(62)}`);
    const titleLine = SAMPLE_TEXT.split('\n').findIndex((l) => l.includes('"title"')) + 1;
    expect(i!.line).toBe(titleLine);
    // The title's 4 100 arrays inside the root and identity objects: 4 102 levels, 64 at most.
    expect(i!.code === 'limit.depth' && i!.params).toEqual({ limit: 64, depth: 4102 });
  });

  it('every JSON input path applies it: logigramme, company file, backup', () => {
    const nested = `{"formatVersion": 1, "x": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    expect(refused(loadGraphText(nested))[0]!.code).toBe('limit.depth');
    expect(refused(loadCompanyText(nested))[0]!.code).toBe('limit.depth');
    const backup = validateBackup(nested);
    expect(backup.ok ? [] : backup.issues.map((i) => i.code)).toEqual(['limit.depth']);
  });

  it('data that did not come from text (a stored record): 10 000 levels or a cycle are refused, not thrown', () => {
    let value: unknown = 1;
    for (let i = 0; i < 10_000; i++) value = { a: value };
    const deepDoc = { ...(JSON.parse(SAMPLE_TEXT) as object), extra: value };
    expect(refused(loadReferential(deepDoc)).map((i) => i.code)).toEqual(['limit.depth']);
    const cyclic: Record<string, unknown> = { formatVersion: 1, kind: 'logigramme' };
    cyclic.self = cyclic;
    expect(refused(loadGraph(cyclic)).map((i) => i.code)).toEqual(['limit.depth']);
  });

  it('64 levels are read; the sample graph and referential are far below', () => {
    expect(parseJsonText(deep(64)).ok).toBe(true);
    expect(refused(parseJsonText(deep(65)))[0]!.code).toBe('limit.depth');
    expect(loadGraphText(GRAPH_TEXT).ok).toBe(true);
  });

  it('unbalanced brackets are a located syntax error, never a crash', () => {
    const issues = refused(parseJsonText(']]]]}}}{[[[[{'));
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['json.syntax', 1, 1]]);
  });
});

describe('size and string length', () => {
  it('a text above the size limit is refused before it is scanned, with both sizes', () => {
    const text = `"${'x'.repeat(20 * 1024 * 1024)}"`; // 20 Mio of text, plus its two quotes
    const issues = refused(loadReferentialText(text));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['limit.size', '$']]);
    expect(issues[0]!.code === 'limit.size' && issues[0]!.params).toEqual({ size: 20 * 1024 * 1024 + 2, limit: 20 * 1024 * 1024 });
  });

  it('a title of 100 001 characters is refused at its path, line and column', () => {
    const issues = refused(loadReferentialText(withTitle(`"${'é'.repeat(100_001)}"`)));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['limit.string', '$.identity.title']]);
    expect(issues[0]!.code === 'limit.string' && issues[0]!.params).toEqual({ of: 'text', length: 100_001, limit: 100_000 });
    expect(issues[0]!.column).toBe(14);
  });

  it('a property name of 100 001 characters too', () => {
    const issues = refused(parseJsonText(`{"${'k'.repeat(100_001)}": 1}`));
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['limit.string', 1, 2]]);
  });
});

describe('what JSON.parse accepts silently', () => {
  it('a duplicate key is refused at its path, naming where the first one is', () => {
    const text = SAMPLE_TEXT.replace('"id": "exemple-atelier",', '"id": "exemple-atelier",\n  "id": "autre-id",');
    const issues = refused(loadReferentialText(text));
    expect(issues.map((i) => [i.code, i.path, i.line, i.column])).toEqual([['json.duplicate_key', '$.id', 4, 3]]);
    expect(issues[0]!.code === 'json.duplicate_key' && issues[0]!.params).toEqual({ key: 'id', firstLine: 3, firstColumn: 3 });
  });

  it('a duplicate key deep in a logigramme and in a company file', () => {
    const graph = GRAPH_TEXT.replace(/"kind": "job",/, '"kind": "job", "kind": "task",');
    const [issue] = refused(loadGraphText(graph));
    expect(issue!.code).toBe('json.duplicate_key');
    expect(issue!.path).toMatch(/^\$\.nodes\[\d+\]\.kind$/);
    const company = COMPANY_TEXT.replace('"q-activite": "atelier"', '"q-activite": "atelier", "q-activite": "chantier"');
    expect(refused(loadCompanyText(company)).map((i) => [i.code, i.path])).toEqual([['json.duplicate_key', '$.answers["q-activite"]']]);
  });

  it('the same key in two objects is no duplicate', () => {
    expect(parseJsonText('[{"a": 1}, {"a": 2}]').ok).toBe(true);
  });

  it('1e309 is a number out of range at its path, never "null reçu"', () => {
    const text = SAMPLE_TEXT.replace('"annualHours": 1607', '"annualHours": 1e309');
    const issues = refused(loadReferentialText(text));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['json.number_range', '$.workingYear.annualHours']]);
    expect(issues[0]!.code === 'json.number_range' && issues[0]!.params).toEqual({ value: '1e309' });
    expect(refused(parseJsonText('[-1e400]'))[0]!.path).toBe('$[0]');
  });

  it('Infinity in data that did not come from text is out of range too (a JSON copy would make it null)', () => {
    const doc = JSON.parse(SAMPLE_TEXT) as { workingYear: { annualHours: number } };
    doc.workingYear.annualHours = Number.POSITIVE_INFINITY;
    expect(refused(loadReferential(doc)).map((i) => [i.code, i.path])).toEqual([['json.number_range', '$.workingYear.annualHours']]);
  });

  it('a `__proto__` key is refused and changes no prototype', () => {
    const company = COMPANY_TEXT.replace('"q-activite": "atelier"', '"__proto__": {"polluted": true}, "q-activite": "atelier"');
    expect(refused(loadCompanyText(company)).map((i) => [i.code, i.path])).toEqual([['json.reserved_key', '$.answers.__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('syntax errors carry their line and column as fields too', () => {
    const issues = refused(parseJsonText('{\n  "a": 1,\n}'));
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['json.syntax', 3, 1]]);
  });

  it('at most 100 issues from one text', () => {
    const text = `{${Array.from({ length: 500 }, () => '"a": 1').join(',')}}`;
    expect(refused(parseJsonText(text))).toHaveLength(100);
  });
});
