import { describe, expect, it } from 'vitest';
import { BACKUP_LIMITS, DOCUMENT_LIMITS, parseJsonText } from '../src/core/index.ts';
import { errorId } from '../src/cli/fault.ts';
import { decodeJsonBytes } from '../src/io/utf8.ts';

/*
 * The parts behind issue 10's points 4 and 6 (new in this change, so absent from main e472799): the
 * one limits table, the strict UTF-8 decoder's way of locating a bad byte, and the error id an
 * internal fault tells the user to report.
 */

describe('the limits table (src/core/util/limits.ts, documented in the README)', () => {
  it('one document: 20 Mio, 64 levels, 100 000 characters per string; a backup: 200 Mio', () => {
    expect(DOCUMENT_LIMITS).toEqual({ bytes: 20 * 1024 * 1024, depth: 64, stringLength: 100_000 });
    expect(BACKUP_LIMITS).toEqual({ bytes: 200 * 1024 * 1024, depth: 64, stringLength: 100_000 });
  });
  it('a caller may pass its own limits, and the size is said in French', () => {
    const custom = { ...DOCUMENT_LIMITS, bytes: 100 };
    const r = parseJsonText(`[${'1,'.repeat(60)}1]`, custom);
    expect(r.ok ? null : r.issues[0]).toEqual({ code: 'limit.size', path: '$', params: { size: 123, limit: 100 } });
  });
});

describe('the quick path of the JSON reader (one pass over characters, one over the value)', () => {
  it('colons and brackets inside strings, escaped quotes and backslashes do not count', () => {
    expect(parseJsonText('{"a:\\"[": ":{", "b": "\\\\", "c": ["]]]]", {"d": "\\u0022:"}]}')).toEqual({ ok: true, value: { 'a:"[': ':{', b: '\\', c: [']]]]', { d: '":' }] } });
  });
  it('a duplicate anywhere (in an array, deep) is caught and then located by the token scan', () => {
    const r = parseJsonText('[1, {"x": [{"k": 1, "k": 1}]}]');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.line, i.column])).toEqual([['json.duplicate_key', '$[1].x[0].k', 1, 21]]);
  });
  it('brackets inside an unterminated string do not count as nesting: a syntax error, located', () => {
    const r = parseJsonText(`{"a": "${'['.repeat(100)}`);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['json.syntax']);
  });
});

describe('strict UTF-8 decoding', () => {
  it('a real U+FFFD (EF BF BD) before the bad byte is skipped when locating it', () => {
    const bytes = Buffer.concat([Buffer.from('["\uFFFD", "', 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from('"]')]);
    const decoded = decodeJsonBytes(bytes);
    // `[` `"` `\uFFFD` `"` `,` ` ` `"` are 7 characters and 9 bytes: the bad byte is column 8, byte 10.
    expect(decoded.ok ? null : [decoded.issues[0]!.line, decoded.issues[0]!.column]).toEqual([1, 8]);
    expect(decoded.ok ? null : decoded.issues[0]).toMatchObject({ code: 'encoding.utf8', params: { offset: 9, byte: 0xc3 } });
  });
  it('on a later line, the column counts characters, not bytes', () => {
    const decoded = decodeJsonBytes(Buffer.concat([Buffer.from('{\n  "é": "à', 'utf8'), Buffer.from([0xff]), Buffer.from('"}')]));
    expect(decoded.ok ? null : [decoded.issues[0]!.line, decoded.issues[0]!.column]).toEqual([2, 10]);
  });
  it('valid UTF-8 with a BOM decodes, the BOM kept for the JSON reader to skip', () => {
    const decoded = decodeJsonBytes(Buffer.from('\uFEFF{"a": "é"}', 'utf8'));
    expect(decoded).toEqual({ ok: true, value: '\uFEFF{"a": "é"}' });
    expect(parseJsonText(decoded.ok ? decoded.value : '').ok).toBe(true);
  });
});

describe('the error id of an internal fault', () => {
  const thrown = (make: () => Error) => {
    try {
      throw make();
    } catch (error) {
      return error;
    }
  };
  it('is the same for two occurrences of one fault (numbers in the message aside), and differs between faults', () => {
    // One place in the code, failing twice on different sizes.
    const fault = (size: number) => thrown(() => new RangeError(`Invalid string length ${size}`));
    const a = fault(123);
    const b = fault(456);
    expect(errorId(a)).toMatch(/^LGM-[0-9A-F]{8}$/);
    expect(errorId(a)).toBe(errorId(b));
    expect(errorId(a)).not.toBe(errorId(thrown(() => new TypeError('other'))));
  });
});
