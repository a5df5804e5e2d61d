import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { canonicalJson, contentHash, legacyContentHash, loadReferential, loadReferentialText, shortHash } from '../src/core/index.ts';

/*
 * Canonical JSON (RFC 8785, JCS) and the referential's content hash: `sha256:` + 64 hex digits of the
 * canonical form of its content — leaving out `contentHash`, `$schema`, `formatVersion` and the lifecycle
 * fields `identity.status` and `identity.homologation`, so the homologated version keeps the hash of the
 * submitted one (the arrêté homologates what was filed). Format 1 hashed everything but `contentHash` and
 * `$schema` (`legacyContentHash`): a format-1 file's stated hash stays verifiable.
 */

/** The current definition, written independently of the core: what the hash must cover. */
function contentOf(doc: Record<string, unknown>): Record<string, unknown> {
  const { contentHash: _h, $schema: _s, formatVersion: _f, ...rest } = doc;
  const identity = rest.identity;
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) return rest;
  const { status: _st, homologation: _ho, ...kept } = identity as Record<string, unknown>;
  return { ...rest, identity: kept };
}

const SAMPLE_TEXT = readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8');
const SAMPLE = JSON.parse(SAMPLE_TEXT) as Record<string, any>;

/** Independent SHA-256 (node:crypto), to check the core's @noble/hashes result. */
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Small deterministic generator (mulberry32) so a shuffle is reproducible from a seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same JSON value with every object's keys in a shuffled order (arrays keep their order). */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  // Object.fromEntries defines own properties, so a generated "__proto__" key stays a plain key.
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

/** Keys in reverse order, recursively: the most different order from the file's. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

const HASH_FORMAT = /^sha256:[0-9a-f]{64}$/;

describe('canonicalJson', () => {
  it('sorts keys and drops insignificant whitespace', () => {
    // Keys a < b < c, and d < e inside c; no space anywhere outside strings.
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { e: 1.5, d: 'é' } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"d":"é","e":1.5}}');
  });

  it('keeps array order (arrays are ordered content)', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('formats numbers the ECMAScript way (RFC 8785 §3.2.2.3)', () => {
    // 1e21 → "1e+21", 1e-7 → "1e-7", 0.000001 stays decimal, -0 → "0", 1.0 is 1.
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 1.0, 100, 1.5e300])).toBe('[1e+21,1e-7,0.000001,0,1,100,1.5e+300]');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    // \r (000D) < 1 (0031) < \u0080 < ö (00F6) < € (20AC) < 😀 (D83D DE00) < \ufb33
    const obj = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const keys = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const text = canonicalJson(obj);
    const positions = keys.map((k) => text.indexOf(JSON.stringify(k) + ':'));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow();
  });
});

describe('contentHash: known vectors', () => {
  it('{} hashes to the well-known SHA-256 of the two bytes "{}"', () => {
    expect(contentHash({})).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(sha256Hex('{}')).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('a small object hashes to SHA-256 of its canonical text, computed independently with node:crypto', () => {
    const expected = sha256Hex('{"a":[true,null,"x"],"b":1,"c":{"d":"é","e":1.5}}');
    expect(contentHash({ c: { e: 1.5, d: 'é' }, b: 1, a: [true, null, 'x'] })).toBe(`sha256:${expected}`);
  });

  it('the sample hashes to SHA-256 of the canonical form of its content', () => {
    expect(contentHash(SAMPLE)).toBe(`sha256:${sha256Hex(canonicalJson(contentOf(SAMPLE)))}`);
    // the sample states no status-free copy by itself: the format-1 definition differs
    expect(legacyContentHash(SAMPLE)).toBe(`sha256:${sha256Hex(canonicalJson({ ...SAMPLE, formatVersion: 1 }))}`);
    expect(legacyContentHash(SAMPLE)).not.toBe(contentHash(SAMPLE));
  });

  it('format is sha256: + 64 lowercase hex digits; shortHash keeps the first 12', () => {
    const hash = contentHash(SAMPLE);
    expect(hash).toMatch(HASH_FORMAT);
    expect(shortHash(hash)).toBe(hash.slice(7, 19));
    expect(shortHash(hash)).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('contentHash of the sample referential', () => {
  it('is the same whatever key order and indentation of the file', () => {
    const reference = contentHash(SAMPLE);
    const texts = [
      JSON.stringify(reverseKeys(SAMPLE)),
      JSON.stringify(reverseKeys(SAMPLE), null, 4),
      JSON.stringify(shuffleKeys(SAMPLE, rng(7)), null, '\t'),
      JSON.stringify(shuffleKeys(SAMPLE, rng(2026)), null, 1).replace(/\n/g, '\r\n'),
    ];
    for (const text of texts) {
      expect(text).not.toBe(SAMPLE_TEXT);
      expect(contentHash(JSON.parse(text))).toBe(reference);
      const loaded = loadReferentialText(text);
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(contentHash(loaded.value)).toBe(reference);
    }
  });

  it('a hash stated in a re-ordered, re-indented copy is accepted on load', () => {
    const doc = reverseKeys(SAMPLE) as Record<string, unknown>;
    const text = JSON.stringify({ ...doc, contentHash: contentHash(SAMPLE) }, null, 3);
    expect(loadReferentialText(text).ok).toBe(true);
  });

  const mutations: Array<[string, (d: any) => void]> = [
    ['a default share (60/40 → 61/39)', (d) => ((d.jobs[0].tasks[0].defaultShare = 61), (d.jobs[0].tasks[1].defaultShare = 39))],
    ['a duration (7 → 7.5 h/day)', (d) => (d.situations[0].exposures[0].duration.value = 7.5)],
    ['a label (one trailing space)', (d) => (d.jobs[0].label = 'Mécanicien ')],
    ['the order of the jobs', (d) => d.jobs.reverse()],
    ['the regulation targeted', (d) => (d.regulation = '2017-10-01')],
    ['a removed optional description', (d) => delete d.measures[0].description],
    ['an added prevention measure', (d) => d.measures.push({ id: 'm-table', label: 'Table élévatrice', kind: 'collective' })],
    ['a number written as a string', (d) => (d.workingYear.annualHours = '1607')],
    ['a conclusion', (d) => (d.situations[3].exposures[1].conclusion = 'exposed')],
  ];

  it.each(mutations)('changes when %s changes', (_what, mutate) => {
    const doc = structuredClone(SAMPLE);
    mutate(doc);
    expect(contentHash(doc)).not.toBe(contentHash(SAMPLE));
  });

  it('the nine changes above give nine different hashes', () => {
    const hashes = mutations.map(([, mutate]) => {
      const doc = structuredClone(SAMPLE);
      mutate(doc);
      return contentHash(doc);
    });
    expect(new Set([...hashes, contentHash(SAMPLE)]).size).toBe(10);
  });

  it('leaves out the top-level contentHash and $schema fields', () => {
    const reference = contentHash(SAMPLE);
    expect(contentHash({ ...SAMPLE, contentHash: 'sha256:' + 'f'.repeat(64) })).toBe(reference);
    expect(contentHash({ ...SAMPLE, $schema: 'https://example.org/referential.schema.json' })).toBe(reference);
    expect(contentHash({ ...SAMPLE, $schema: 'a', contentHash: 'b' })).toBe(reference);
  });

  it('leaves out formatVersion and the lifecycle fields: the homologated version has the hash of the submitted one', () => {
    const submitted = { ...structuredClone(SAMPLE), identity: { ...SAMPLE.identity, status: 'submitted' } };
    const homologated = { ...structuredClone(SAMPLE), identity: { ...SAMPLE.identity, status: 'homologated', homologation: { arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026' } } };
    expect(contentHash(homologated)).toBe(contentHash(submitted));
    expect(contentHash({ ...SAMPLE, formatVersion: 2 })).toBe(contentHash(SAMPLE));
    // under the format-1 definition they differed: the reason for the change
    expect(legacyContentHash(homologated)).not.toBe(legacyContentHash(submitted));
    // the rest of the identity is content
    expect(contentHash({ ...SAMPLE, identity: { ...SAMPLE.identity, version: '1.0.1' } })).not.toBe(contentHash(SAMPLE));
  });

  it('a format-1 file stating the format-1 hash loads, and carries the current hash; a wrong one is refused', () => {
    const v1: Record<string, any> = { ...structuredClone(SAMPLE), formatVersion: 1 };
    const loaded = loadReferential({ ...v1, contentHash: legacyContentHash(v1) });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value.contentHash).toBe(contentHash(SAMPLE));
    const tampered = loadReferential({ ...v1, identity: { ...v1.identity, status: 'homologated' }, contentHash: legacyContentHash(v1) });
    expect(tampered.ok ? [] : tampered.issues.map((i) => i.code)).toEqual(['hash.mismatch']);
    // a format-2 file states the current hash only
    const v2 = loadReferential({ ...v1, formatVersion: 2, contentHash: legacyContentHash(v1) });
    expect(v2.ok ? [] : v2.issues.map((i) => i.code)).toEqual(['hash.mismatch']);
    expect(loadReferential({ ...v1, formatVersion: 2, contentHash: contentHash(v1) }).ok).toBe(true);
  });

  it('only at the top level: a nested contentHash key is content', () => {
    expect(contentHash({ a: { contentHash: 'x' } })).not.toBe(contentHash({ a: {} }));
    expect(contentHash({ a: { contentHash: 'x' } })).toBe(`sha256:${sha256Hex('{"a":{"contentHash":"x"}}')}`);
  });

  it('does not modify the document', () => {
    const doc = structuredClone(SAMPLE);
    doc.contentHash = 'sha256:' + '0'.repeat(64);
    const copy = structuredClone(doc);
    contentHash(doc);
    expect(doc).toEqual(copy);
  });

  it('loading and hashing the loaded value gives the file’s hash', () => {
    const loaded = loadReferential(structuredClone(SAMPLE));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(contentHash(loaded.value)).toBe(contentHash(SAMPLE));
  });
});

// Leaves that JSON can carry exactly (no NaN / ±Infinity, which canonical JSON refuses).
const jsonLeaf = fc.oneof(fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(null));

describe('properties (fast-check, fixed seeds)', () => {
  it('the hash ignores key order and whitespace for arbitrary JSON objects (fc.dictionary of fc.jsonValue)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer(), fc.integer({ min: 0, max: 10 }), (obj, seed, indent) => {
        const reordered = JSON.parse(JSON.stringify(shuffleKeys(obj, rng(seed)), null, indent));
        expect(contentHash(reordered)).toBe(contentHash(obj));
        expect(canonicalJson(reordered)).toBe(canonicalJson(obj));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('the hash ignores key order for fc.object values, and matches node:crypto', () => {
    fc.assert(
      fc.property(fc.object({ values: [jsonLeaf] }), fc.integer(), (obj, seed) => {
        const hash = contentHash(obj);
        expect(contentHash(shuffleKeys(obj, rng(seed)) as object)).toBe(hash);
        expect(hash).toMatch(HASH_FORMAT);
        expect(hash).toBe(`sha256:${sha256Hex(canonicalJson(contentOf(obj as Record<string, unknown>)))}`);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('canonicalJson round-trips through JSON.parse and is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        // JSON.stringify/parse is the reference for what JSON keeps (-0 becomes 0).
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('object keys come out sorted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer()), (obj) => {
        const keys = Object.keys(JSON.parse(canonicalJson(obj)) as object);
        expect(keys).toEqual(Object.keys(obj).sort());
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('different canonical texts give different hashes (no collision among generated values)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(contentHash({ v: a })).not.toBe(contentHash({ v: b }));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
