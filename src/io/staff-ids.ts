/*
 * Unique employee identifiers across a staff file of any size. The whole-file readers keep every id
 * with its line (`ExactIds`); a streamed file keeps 48 bits of hash of each id instead
 * (`CompactIds`: 6 bytes a slot, 8 MB a million rows), and calls an id *possibly* seen before a
 * candidate. Candidates are rare (an identifier really repeated, or two ids that share those 48 bits:
 * about one file in 500 at a million rows, one in 5 at 10 million), and the caller then
 * reads the file again with `ExactIds` limited to them, so what is reported is always exact.
 */

/** The line (or position) where an identifier was first seen, or undefined the first time. */
export interface IdRegistry {
  previous(id: string, row: number): number | undefined;
}

/** Every identifier and its first line (optionally only the `only` ones). */
export class ExactIds implements IdRegistry {
  private readonly seen = new Map<string, number>();
  constructor(private readonly only?: ReadonlySet<string>) {}
  previous(id: string, row: number): number | undefined {
    if (this.only && !this.only.has(id)) return undefined;
    const first = this.seen.get(id);
    if (first === undefined) this.seen.set(id, row);
    return first;
  }
}

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-rotate mix, each finalised). */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0 || 1];
}

/** Never reports a duplicate itself: collects the candidates for an exact check (6 bytes a slot). */
export class CompactIds implements IdRegistry {
  private keys = new Uint32Array(1 << 16);
  private marks = new Uint16Array(1 << 16);
  private count = 0;
  readonly candidates = new Set<string>();

  previous(id: string): undefined {
    const [key, second] = hashes(id);
    const mark = second & 0xffff || 1;
    const mask = this.keys.length - 1;
    let i = key & mask;
    for (; this.marks[i] !== 0; i = (i + 1) & mask) {
      if (this.keys[i] === key && this.marks[i] === mark) {
        this.candidates.add(id);
        return undefined;
      }
    }
    this.keys[i] = key;
    this.marks[i] = mark;
    if (++this.count * 4 > this.keys.length * 3) this.grow();
    return undefined;
  }

  private grow(): void {
    const keys = this.keys;
    const marks = this.marks;
    this.keys = new Uint32Array(keys.length * 2);
    this.marks = new Uint16Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let k = 0; k < keys.length; k++) {
      if (marks[k] === 0) continue;
      let i = keys[k]! & mask;
      while (this.marks[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[k]!;
      this.marks[i] = marks[k]!;
    }
  }
}
