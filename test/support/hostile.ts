import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A seeded, replayable generator of hostile inputs: mutations of the repository's samples (referentials,
 * logigrammes, the company file, staff files, and a backup of a browser holding the samples). Case
 * `index` of seed `seed` depends on nothing else, so any case can be replayed on its own
 * (`npm run fuzz -- --seed 7 --case 1234`). Used by test/fuzz.test.ts (a few hundred cases
 * in `npm test`) and scripts/fuzz.ts (tens of thousands).
 */

export type CaseKind = 'referential' | 'graph' | 'company' | 'staff' | 'backup';
export const CASE_KINDS: readonly CaseKind[] = ['referential', 'graph', 'company', 'staff', 'backup'];

export interface Sample {
  name: string;
  text: string;
}

export type Samples = Record<CaseKind, Sample[]>;

export interface HostileCase {
  /** `seed:index`, what to pass back to replay it. */
  id: string;
  kind: CaseKind;
  base: string;
  /** The mutations applied, in order, with their parameters. */
  mutations: string[];
  bytes: Uint8Array;
}

/** The samples of the repository (a backup text is made by the caller, which has a database). */
export function repositorySamples(root: string, backup: string): Samples {
  const read = (dir: string, test: (name: string) => boolean): Sample[] =>
    readdirSync(join(root, dir))
      .filter(test)
      .sort()
      .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(root, dir, name), 'utf8') }));
  return {
    referential: read('referentials', (n) => n.endsWith('.json') && !n.endsWith('.graph.json') && !n.includes('whatif')),
    graph: read('referentials', (n) => n.endsWith('.graph.json')),
    company: read('examples', (n) => n.endsWith('.json')),
    staff: read('examples', (n) => n.endsWith('.csv')),
    backup: [{ name: 'sauvegarde (échantillons)', text: backup }],
  };
}

// ─────────────────────────────── Randomness ───────────────────────────────

/** mulberry32: small, fast, good enough to pick mutations; the state is one 32-bit integer. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of one case: seed and index mixed (splitmix32), so cases are independent of each other. */
function caseSeed(seed: number, index: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index >>> 0, 0x85ebca6b) + 0x6a09e667) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

// ─────────────────────────────── JSON documents ───────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Slot {
  parent: Json[] | Record<string, Json>;
  key: string | number;
  value: Json;
}

/** Every value of the document with where it sits (iteratively: mutations may have nested it deeply). */
function slots(doc: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i, value: x });
        stack.push(x);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v, key: k, value: x });
        stack.push(x);
      }
    }
  }
  return out;
}

const set = (s: Slot, value: Json) => void ((s.parent as Record<string | number, Json>)[s.key] = value);

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', 'isPrototypeOf', '__defineGetter__'];
const FORMULAS = ['=1+1', '=HYPERLINK("http://exemple.invalid","x")', '+33 1 23', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', "=cmd|' /C calc'!A0"];
const CONTROLS = ['\u0000', '\u0007', '\u001b', '\u2028', '\u2029', '\u202e', '\ufeff', '\ud800', '\u0085'];
/** Number literals JSON.stringify cannot write, put in the text through a placeholder. */
const NUMBERS = ['1e309', '-1e309', '1e-400', '1.7976931348623157e308', '-0', '9007199254740993', '1e21', '123456789012345678901234567890', '0.000000000000000000001'];
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

interface Placeholders {
  raw: Map<string, string>;
  counter: number;
}
/** A string standing for raw JSON text, swapped in after serialisation. */
function placeholder(p: Placeholders, raw: string): string {
  const key = `\u0001RAW${p.counter++}\u0001`;
  p.raw.set(key, raw);
  return key;
}

function deepText(rnd: Random, depth: number): string {
  return rnd.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
}

function randomValue(rnd: Random, not: string): Json {
  const choices: Array<[string, () => Json]> = [
    ['string', () => rnd.pick(['', 'x', 'oui', '2024-13-45', 'é'.repeat(rnd.int(1, 50))])],
    ['number', () => rnd.pick([0, -1, 1.5, 100, 8785, 1e9, -273.15])],
    ['boolean', () => rnd.chance(0.5)],
    ['null', () => null],
    ['array', () => rnd.pick([[], [1, 'a'], [null]])],
    ['object', () => rnd.pick<Json>([{}, { id: 'x' }, { formatVersion: 1 }])],
  ];
  const kept = choices.filter(([type]) => type !== not);
  return rnd.pick(kept)[1]();
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** One value-level mutation; returns its description. */
function mutateValue(rnd: Random, doc: { root: Json }, p: Placeholders, text: () => string): string {
  const all = slots(doc.root);
  if (all.length === 0) return 'aucune (document vide)';
  const strings = all.filter((s) => typeof s.value === 'string');
  const numbers = all.filter((s) => typeof s.value === 'number');
  const containers = all.filter((s) => s.value !== null && typeof s.value === 'object');
  const objects = [doc.root, ...containers.map((s) => s.value)].filter((v): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v));
  const op = rnd.pick(['wrong-type', 'remove-key', 'empty', 'proto-id', 'proto-key', 'dangling-ref', 'formula', 'control', 'huge-string', 'huge-array', 'number', 'deep', 'duplicate-key', 'swap-ids']);
  switch (op) {
    case 'wrong-type': {
      const s = rnd.pick(all);
      set(s, randomValue(rnd, typeOf(s.value)));
      return `wrong-type ${String(s.key)}`;
    }
    case 'remove-key': {
      const o = rnd.pick(objects);
      const keys = Object.keys(o);
      if (keys.length === 0) return 'remove-key (objet vide)';
      const k = rnd.pick(keys);
      delete o[k];
      return `remove-key ${k}`;
    }
    case 'empty': {
      if (containers.length === 0) return 'empty (rien)';
      const s = rnd.pick(containers);
      set(s, Array.isArray(s.value) ? [] : {});
      return `empty ${String(s.key)}`;
    }
    case 'proto-id': {
      const ids = [...new Set(strings.map((s) => s.value as string).filter((v) => ID_LIKE.test(v)))];
      if (ids.length === 0) return 'proto-id (aucun identifiant)';
      const id = rnd.pick(ids);
      const name = rnd.pick(PROTOTYPE_NAMES);
      // Every occurrence, as a value or as a key (answers and layouts are keyed by id).
      const renamed = JSON.parse(JSON.stringify(doc.root).split(JSON.stringify(id)).join(JSON.stringify(name))) as Json;
      doc.root = renamed;
      return `proto-id ${id} → ${name}`;
    }
    case 'proto-key': {
      const o = rnd.pick(objects);
      const name = rnd.pick(PROTOTYPE_NAMES);
      const value = rnd.pick<Json>([{ polluted: true }, 'x', 1, true, null, []]);
      // `__proto__` cannot be set as an own key by assignment; the text gets it through a placeholder key.
      if (name === '__proto__') o[placeholder(p, '"__proto__"')] = value;
      else Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
      return `proto-key ${name}`;
    }
    case 'dangling-ref': {
      const refs = strings.filter((s) => ID_LIKE.test(s.value as string));
      if (refs.length === 0) return 'dangling-ref (rien)';
      const s = rnd.pick(refs);
      set(s, rnd.pick(['absent', 'x-inconnu', ...strings.slice(0, 20).map((x) => x.value as string)]));
      return `dangling-ref ${String(s.key)}`;
    }
    case 'formula': {
      if (strings.length === 0) return 'formula (rien)';
      const s = rnd.pick(strings);
      const f = rnd.pick(FORMULAS);
      set(s, rnd.chance(0.5) ? f : `${f}${s.value as string}`);
      return `formula ${JSON.stringify(f)}`;
    }
    case 'control': {
      if (strings.length === 0) return 'control (rien)';
      const s = rnd.pick(strings);
      const c = rnd.pick(CONTROLS);
      const v = s.value as string;
      const at = rnd.int(0, v.length);
      set(s, `${v.slice(0, at)}${c}${v.slice(at)}`);
      return `control U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
    case 'huge-string': {
      const s = rnd.pick(strings.length > 0 ? strings : all);
      const length = rnd.pick([99_999, 100_000, 100_001, 250_000]);
      set(s, rnd.pick(['x', 'é', '"', '\\', '💥']).repeat(length).slice(0, length));
      return `huge-string ${length}`;
    }
    case 'huge-array': {
      const arrays = containers.filter((s) => Array.isArray(s.value) && (s.value as Json[]).length > 0);
      if (arrays.length === 0) return 'huge-array (rien)';
      const s = rnd.pick(arrays);
      const items = s.value as Json[];
      const times = rnd.int(2, Math.max(2, Math.floor(20_000 / Math.max(1, text().length / 50))));
      set(s, Array.from({ length: Math.min(items.length * times, 5_000) }, (_, i) => items[i % items.length]!));
      return `huge-array ×${times}`;
    }
    case 'number': {
      const s = rnd.pick(numbers.length > 0 ? numbers : all);
      const literal = rnd.pick(NUMBERS);
      set(s, placeholder(p, literal));
      return `number ${literal}`;
    }
    case 'deep': {
      const s = rnd.pick(all);
      const depth = rnd.pick([60, 63, 64, 65, 100, 4_100, 20_000]);
      set(s, placeholder(p, deepText(rnd, depth)));
      return `deep ${depth}`;
    }
    case 'duplicate-key': {
      const withKeys = objects.filter((o) => Object.keys(o).length > 0);
      if (withKeys.length === 0) return 'duplicate-key (rien)';
      const o = rnd.pick(withKeys);
      const k = rnd.pick(Object.keys(o));
      o[placeholder(p, JSON.stringify(k))] = randomValue(rnd, 'none');
      return `duplicate-key ${k}`;
    }
    default: {
      // swap-ids: two id-like values exchanged
      const refs = strings.filter((s) => ID_LIKE.test(s.value as string));
      if (refs.length < 2) return 'swap-ids (rien)';
      const a = rnd.pick(refs);
      const b = rnd.pick(refs);
      const va = a.value;
      set(a, b.value);
      set(b, va);
      return 'swap-ids';
    }
  }
}

function serialise(root: Json, p: Placeholders, rnd: Random): string {
  let text = JSON.stringify(root, null, rnd.pick([0, 2])) ?? 'null';
  // Placeholders sit in strings (`"\u0001RAW0\u0001"`), as keys or values; JSON.stringify escapes
  // \u0001, so look for the escaped form.
  for (const [key, raw] of p.raw) {
    const quoted = JSON.stringify(key);
    text = text.split(quoted).join(raw);
  }
  return text;
}

// ─────────────────────────────── Text and bytes ───────────────────────────────

const encoder = new TextEncoder();
const INVALID_BYTES: number[][] = [[0xe9], [0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff]];

function mutateText(rnd: Random, text: string, json: boolean): { text: string; what: string } {
  const at = rnd.int(0, text.length);
  const op = rnd.pick(json ? ['cut', 'bom', 'bom-inside', 'raw-control', 'comment', 'trailing-comma', 'nul'] : ['cut', 'bom', 'raw-control', 'nul', 'quote', 'line-endings']);
  switch (op) {
    case 'cut':
      return { text: text.slice(0, at), what: `cut ${at}` };
    case 'bom':
      return { text: `\uFEFF${text}`, what: 'bom' };
    case 'bom-inside':
      return { text: `${text.slice(0, at)}\uFEFF${text.slice(at)}`, what: `bom-inside ${at}` };
    case 'raw-control':
      return { text: `${text.slice(0, at)}${rnd.pick(['\u0000', '\u0008', '\u001f', '\u007f', '\u2028'])}${text.slice(at)}`, what: `raw-control ${at}` };
    case 'comment':
      return { text: `${text.slice(0, at)}/* x */${text.slice(at)}`, what: `comment ${at}` };
    case 'trailing-comma':
      return { text: text.replace(/\s*([}\]])\s*$/, ',$1'), what: 'trailing-comma' };
    case 'quote':
      return { text: `${text.slice(0, at)}"${text.slice(at)}`, what: `quote ${at}` };
    case 'line-endings':
      return { text: text.replace(/\n/g, () => rnd.pick(['\n', '\r\n', '\r'])), what: 'line-endings' };
    default:
      return { text: `${text.slice(0, at)}\u0000${text.slice(at)}`, what: `nul ${at}` };
  }
}

function mutateBytes(rnd: Random, bytes: Uint8Array, text: string): { bytes: Uint8Array; what: string } {
  const op = rnd.pick(['invalid', 'latin1', 'utf16', 'garbage']);
  switch (op) {
    case 'invalid': {
      const at = rnd.int(0, bytes.length);
      const bad = rnd.pick(INVALID_BYTES);
      const out = new Uint8Array(bytes.length + bad.length);
      out.set(bytes.subarray(0, at));
      out.set(bad, at);
      out.set(bytes.subarray(at), at + bad.length);
      return { bytes: out, what: `invalid-utf8 ${bad.map((b) => b.toString(16)).join(' ')} @${at}` };
    }
    case 'latin1':
      return { bytes: Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff), what: 'latin1' };
    case 'utf16': {
      const out = new Uint8Array(2 + text.length * 2);
      out[0] = 0xff;
      out[1] = 0xfe;
      for (let i = 0; i < text.length; i++) {
        out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
        out[3 + 2 * i] = text.charCodeAt(i) >> 8;
      }
      return { bytes: out, what: 'utf16' };
    }
    default: {
      const n = rnd.int(0, 2_000);
      return { bytes: Uint8Array.from({ length: n }, () => rnd.int(0, 255)), what: `garbage ${n}` };
    }
  }
}

// ─────────────────────────────── Staff files ───────────────────────────────

function mutateStaff(rnd: Random, text: string): { text: string; what: string } {
  const lines = text.split(/\r?\n/);
  const delimiter = lines[0]?.includes(';') ? ';' : ',';
  const op = rnd.pick(['formula-cell', 'control-cell', 'huge-cell', 'many-columns', 'many-rows', 'swap-delimiter', 'duplicate-header', 'proto-column', 'number-cell', 'empty', 'header-only', 'text']);
  const cellEdit = (value: (old: string) => string) => {
    const row = rnd.int(0, Math.max(0, lines.length - 1));
    const cells = (lines[row] ?? '').split(delimiter);
    const col = rnd.int(0, Math.max(0, cells.length - 1));
    cells[col] = value(cells[col] ?? '');
    lines[row] = cells.join(delimiter);
    return `r${row + 1}c${col + 1}`;
  };
  switch (op) {
    case 'formula-cell': {
      const f = rnd.pick(FORMULAS);
      const where = cellEdit(() => f);
      return { text: lines.join('\n'), what: `formula-cell ${JSON.stringify(f)} ${where}` };
    }
    case 'control-cell': {
      const c = rnd.pick(CONTROLS);
      return { text: lines.join('\n'), what: `control-cell ${cellEdit((old) => `${old}${c}`)}` };
    }
    case 'huge-cell': {
      const n = rnd.pick([10_000, 100_001, 500_000]);
      return { text: lines.join('\n'), what: `huge-cell ${n} ${cellEdit(() => 'x'.repeat(n))}` };
    }
    case 'many-columns': {
      const n = rnd.pick([100, 1_000, 5_000]);
      lines[0] = `${lines[0]}${`${delimiter}c`.repeat(n)}`;
      return { text: lines.join('\n'), what: `many-columns ${n}` };
    }
    case 'many-rows': {
      const n = rnd.pick([100, 2_000]);
      const body = lines.slice(1).filter((l) => l.trim() !== '');
      const rows = Array.from({ length: n }, (_, i) => (body[i % Math.max(1, body.length)] ?? '').replace(/^[^;,]*/, `E${i}`));
      return { text: [lines[0], ...rows].join('\n'), what: `many-rows ${n}` };
    }
    case 'swap-delimiter':
      return { text: lines.map((l) => l.split(delimiter).join(delimiter === ';' ? ',' : ';')).join('\n'), what: 'swap-delimiter' };
    case 'duplicate-header': {
      const cells = (lines[0] ?? '').split(delimiter);
      lines[0] = [...cells, rnd.pick(cells)].join(delimiter);
      return { text: lines.join('\n'), what: 'duplicate-header' };
    }
    case 'proto-column': {
      const name = rnd.pick(PROTOTYPE_NAMES);
      lines[0] = `${lines[0]}${delimiter}q:${name}`;
      for (let i = 1; i < lines.length; i++) if (lines[i]) lines[i] = `${lines[i]}${delimiter}${rnd.pick(['oui', 'x', '1', ''])}`;
      return { text: lines.join('\n'), what: `proto-column q:${name}` };
    }
    case 'number-cell': {
      const n = rnd.pick(['1e309', 'NaN', 'Infinity', '-0', '1,5e3', '99999999999999999999', '0x10']);
      return { text: lines.join('\n'), what: `number-cell ${n} ${cellEdit(() => n)}` };
    }
    case 'empty':
      return { text: '', what: 'empty' };
    case 'header-only':
      return { text: lines[0] ?? '', what: 'header-only' };
    default:
      return { ...mutateText(rnd, text, false) };
  }
}

// ─────────────────────────────── Cases ───────────────────────────────

/** Case `index` of `seed`: a sample of one kind with one to three mutations. */
export function hostileCase(samples: Samples, seed: number, index: number): HostileCase {
  const rnd = new Random(prng(caseSeed(seed, index)));
  const kind = CASE_KINDS[index % CASE_KINDS.length]!;
  const sample = rnd.pick(samples[kind]);
  const mutations: string[] = [];
  const count = rnd.int(1, 3);
  let text = sample.text;
  let bytes: Uint8Array | undefined;
  if (kind === 'staff') {
    for (let i = 0; i < count; i++) {
      if (rnd.chance(0.15)) {
        const m = mutateBytes(rnd, encoder.encode(text), text);
        bytes = m.bytes;
        mutations.push(m.what);
        break;
      }
      const m = mutateStaff(rnd, text);
      text = m.text;
      mutations.push(m.what);
    }
  } else {
    const doc = { root: JSON.parse(text) as Json };
    const p: Placeholders = { raw: new Map(), counter: 0 };
    const valueOps = rnd.int(rnd.chance(0.2) ? 0 : 1, count);
    for (let i = 0; i < valueOps; i++) mutations.push(mutateValue(rnd, doc, p, () => text));
    text = valueOps > 0 ? serialise(doc.root, p, rnd) : text;
    for (let i = valueOps; i < count; i++) {
      if (rnd.chance(0.3)) {
        const m = mutateBytes(rnd, encoder.encode(text), text);
        bytes = m.bytes;
        mutations.push(m.what);
        break;
      }
      const m = mutateText(rnd, text, true);
      text = m.text;
      mutations.push(m.what);
    }
    if (mutations.length === 0) mutations.push('aucune');
  }
  return { id: `${seed}:${index}`, kind, base: sample.name, mutations, bytes: bytes ?? encoder.encode(text) };
}
