/*
 * A long list kept off the page's JavaScript heap. 100 000 employees or result summaries received from
 * a Web Worker as objects are a million small objects the page's garbage collector copies and marks
 * again and again (pauses of 25–40 ms of CPU each, two to four times that on a loaded machine). Packed,
 * each chunk of the list is the UTF-8 JSON of its items in a transferred ArrayBuffer: memory outside
 * the heap, which no collection copies. The page reads the list as an ordinary read-only array — the
 * rows in view, the first summary, a search — and only the chunks read are decoded, a few at a time;
 * what is decoded dies young, where collecting it costs nothing.
 */

/** The JSON text of a chunk of items, as bytes. */
export interface PackedChunk {
  bytes: ArrayBuffer;
  count: number;
  /** Each item's key (an employee's id), one a line: an item is found by its key without decoding the chunks (findByKey). */
  keys?: string;
}

/** Decoded chunks kept: a window of rows, a walk in order. */
const KEPT_CHUNKS = 4;

/** A chunk's JSON: each shared field's distinct values once (`parts`), the items naming them by number. */
interface ChunkText {
  shared: string[];
  parts: unknown[];
  items: Array<Record<string, unknown>>;
}

/**
 * Packs items (JSON data: strings, numbers, booleans, plain objects and arrays) into one chunk. The
 * `shared` fields repeat from item to item (the same factor figures, the same job list): each distinct
 * value is written once per chunk, which keeps 100 000 result summaries to a few dozen megabytes rather
 * than sixty — memory outside the heap still counts towards the collector's pace.
 */
export function packChunk<T extends object>(items: readonly T[], shared: ReadonlyArray<keyof T & string> = [], key?: keyof T & string): PackedChunk {
  const parts: unknown[] = [];
  // The workers share equal parts by reference (sharedParts.ts): a reference seen is found at once,
  // an equal value by its text.
  const byReference = new Map<unknown, number>();
  const byText = new Map<string, number>();
  const partOf = (value: unknown): number => {
    let at = byReference.get(value);
    if (at !== undefined) return at;
    const text = JSON.stringify(value);
    at = byText.get(text);
    if (at === undefined) {
      at = parts.push(value) - 1;
      byText.set(text, at);
    }
    if (typeof value === 'object' && value !== null) byReference.set(value, at);
    return at;
  };
  const packed = items.map((item) => {
    const copy = { ...item } as Record<string, unknown>;
    for (const field of shared) if (copy[field] !== undefined) copy[field] = partOf(copy[field]);
    return copy;
  });
  const text: ChunkText = { shared: [...shared], parts, items: packed };
  const bytes = new TextEncoder().encode(JSON.stringify(text));
  // The encoder's buffer is exactly the text's bytes: it can be transferred as it is.
  const keys = key === undefined ? undefined : items.map((item) => String(item[key])).join('\n');
  return { bytes: bytes.buffer as ArrayBuffer, count: items.length, ...(keys === undefined ? {} : { keys }) };
}

/** The items of a chunk; items of one chunk share their equal parts (read-only, as every list of the app). */
export function unpackChunk<T>(chunk: PackedChunk): T[] {
  const { shared, parts, items } = JSON.parse(new TextDecoder().decode(chunk.bytes)) as ChunkText;
  for (const item of items) for (const field of shared) if (item[field] !== undefined) item[field] = parts[item[field] as number];
  return items as T[];
}

const packedChunks = new WeakMap<object, readonly PackedChunk[]>();

/** The chunks of a packed list (to send them on as they are), or undefined for any other array. */
export const chunksOf = (list: readonly unknown[]): readonly PackedChunk[] | undefined => packedChunks.get(list);

/** The list as a plain array, which can be stored or posted: a packed list decoded whole, any other as it is. */
export const cloneable = <T>(list: readonly T[]): T[] => (packedChunks.has(list) ? [...list] : (list as T[]));

const isIndex = (key: string | symbol): key is string => typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);

/**
 * The chunks read as one read-only array. Array methods (slice, filter, find, map, iteration) work on
 * it and decode as they go; it cannot be changed in place (the app replaces its lists, never mutates
 * them) and, being a proxy, cannot be structured-cloned: what crosses to a worker are its chunks
 * (chunksOf), what the page stores a copy (cloneable).
 */
export function packedList<T>(chunks: readonly PackedChunk[]): readonly T[] {
  const starts: number[] = [];
  let length = 0;
  for (const c of chunks) {
    starts.push(length);
    length += c.count;
  }
  const decoded = new Map<number, T[]>();
  const chunkAt = (index: number): number => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const item = (index: number): T => {
    const c = chunkAt(index);
    let items = decoded.get(c);
    if (items) decoded.delete(c);
    else items = unpackChunk<T>(chunks[c]!);
    // Most recently read last: the first key is the one to drop.
    decoded.set(c, items);
    if (decoded.size > KEPT_CHUNKS) decoded.delete(decoded.keys().next().value!);
    return items[index - starts[c]!]!;
  };
  const target: T[] = [];
  target.length = length;
  const list = new Proxy(target, {
    get: (t, key, receiver) => (isIndex(key) && Number(key) < length ? item(Number(key)) : Reflect.get(t, key, receiver)),
    // Array methods ask whether an index is there before reading it (the target itself is all holes).
    has: (t, key) => (isIndex(key) ? Number(key) < length : Reflect.has(t, key)),
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
  packedChunks.set(list, chunks);
  return list;
}

/**
 * The item whose `key` field is `value` (an employee by id). Over a packed list whose chunks carry their
 * keys, a text search in each chunk's keys, then one chunk decoded; over any other list, `find`.
 */
export function findByKey<T>(list: readonly T[], key: keyof T & string, value: string): T | undefined {
  const chunks = packedChunks.get(list);
  if (!chunks || value.includes('\n') || chunks.some((c) => c.keys === undefined)) return list.find((item) => item[key] === value);
  let start = 0;
  for (const c of chunks) {
    const at = c.count === 0 ? -1 : lineOf(c.keys!, value);
    if (at >= 0) {
      let k = 0;
      for (let i = 0; i < at; i++) if (c.keys!.charCodeAt(i) === 10) k++;
      return list[start + k];
    }
    start += c.count;
  }
  return undefined;
}

/** Where `value`'s line starts in keys written one a line, or -1 (read in place: no copy of the keys). */
function lineOf(keys: string, value: string): number {
  if (keys === value || keys.startsWith(`${value}\n`)) return 0;
  const inside = keys.indexOf(`\n${value}\n`);
  if (inside >= 0) return inside + 1;
  return keys.endsWith(`\n${value}`) ? keys.length - value.length : -1;
}
