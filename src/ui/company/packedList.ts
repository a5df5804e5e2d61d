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
}

/** Items a decoded chunk holds, and decoded chunks kept: a window of rows, a walk in order. */
const KEPT_CHUNKS = 4;

/** Packs items (JSON data: strings, numbers, booleans, plain objects and arrays) into one chunk. */
export function packChunk<T>(items: readonly T[]): PackedChunk {
  const bytes = new TextEncoder().encode(JSON.stringify(items));
  // The encoder's buffer is exactly the text's bytes: it can be transferred as it is.
  return { bytes: bytes.buffer as ArrayBuffer, count: items.length };
}

export function unpackChunk<T>(chunk: PackedChunk): T[] {
  return JSON.parse(new TextDecoder().decode(chunk.bytes)) as T[];
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
