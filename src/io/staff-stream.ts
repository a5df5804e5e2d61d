import Papa from 'papaparse';
import { detectDelimiter, type CsvIssue } from './staff-csv.ts';
import { WINDOWS_1252_HIGH, type StaffEncoding } from './decode.ts';

/*
 * A staff file read in chunks, for files too large to hold (the command line streams them): bytes →
 * text under an explicit encoding → CSV records with their lines, or the elements of a JSON list. Each
 * step gives what the whole-file readers give (decode.ts, splitCsv, the JSON reader), in the same order
 * and with the same lines, holding one chunk and one record at a time. Pure TypeScript (papaparse
 * only), like the rest of src/io.
 */

/** A piece of the file: bytes, or text already decoded (tests hand text over). */
export type Chunk = Uint8Array | string;

/** The encoding a byte order mark announces, if any (the first bytes of the file). */
export function bomEncoding(first: Uint8Array): StaffEncoding | undefined {
  const [b0, b1, b2] = first;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8-bom';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  return undefined;
}

/** Why decoding stopped: not the encoding tried (UTF-8 without BOM: try Windows-1252), or a located refusal. */
export class DecodeStop extends Error {
  override readonly name = 'DecodeStop';
  constructor(
    /** `retry`: the bytes are not UTF-8, read them again as Windows-1252; `refuse`: the message says why. */
    readonly kind: 'retry' | 'refuse',
    message: string,
  ) {
    super(message);
  }
}

const C1_UNASSIGNED = /[\u0081\u008d\u008f\u0090\u009d]/;
const BOM_BROKEN = 'Le fichier annonce un encodage (marque d’ordre des octets) que son contenu ne respecte pas : enregistrez-le de nouveau en « CSV UTF-8 »';

/**
 * Chunks → text chunks with one line ending (`\n`) throughout, decoded as `encoding` says — what
 * decodeStaffBytes then splitCsv's normalisation give for the whole file. Throws DecodeStop: `retry`
 * when bytes read as plain UTF-8 are not UTF-8 (the caller reads the file again as Windows-1252, the
 * whole-file rule), `refuse` for a broken BOM file or a byte Windows-1252 does not know (with its line).
 */
export async function* decodeChunks(chunks: AsyncIterable<Chunk>, encoding: StaffEncoding): AsyncGenerator<string> {
  const label = encoding === 'utf-8-bom' || encoding === 'utf-8' ? 'utf-8' : encoding;
  const decoder = new TextDecoder(label, { fatal: encoding !== 'windows-1252' });
  let carriage = false;
  let lines = 1;
  const normalise = (text: string): string => {
    let out = carriage ? `\r${text}` : text;
    carriage = out.endsWith('\r');
    if (carriage) out = out.slice(0, -1);
    out = out.replace(/\r\n?/g, '\n');
    if (encoding === 'windows-1252') {
      out = out.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
      const bad = C1_UNASSIGNED.exec(out);
      if (bad) {
        const line = lines + (out.slice(0, bad.index).match(/\n/g)?.length ?? 0);
        throw new DecodeStop('refuse', `Ligne ${line} : octet 0x${bad[0].charCodeAt(0).toString(16).toUpperCase()} inconnu en UTF-8 comme en Windows-1252 : ce n’est pas un fichier texte, ou son encodage n’est pas pris en charge (enregistrez-le en « CSV UTF-8 »)`);
      }
      lines += out.match(/\n/g)?.length ?? 0;
    }
    return out;
  };
  const decode = (bytes: Uint8Array | undefined): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw encoding === 'utf-8' ? new DecodeStop('retry', 'not UTF-8') : new DecodeStop('refuse', BOM_BROKEN);
    }
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decode(chunk);
    if (text !== '') yield normalise(text);
  }
  const rest = normalise(decode(undefined));
  if (carriage) yield `${rest}\n`;
  else if (rest !== '') yield rest;
}

/** One CSV record and the line of the file it starts on, or a quoting problem of the file. */
export type CsvItem = { record: string[]; line: number; issue?: undefined } | { issue: CsvIssue; record?: undefined };

/** A record longer than this is a quote never closed: the whole-file reader would read the rest of the file as one value. */
const MAX_RECORD = 16 * 1024 * 1024;

/**
 * Normalised text chunks → CSV records, with the line each starts on and papaparse's quoting
 * problems, as splitCsv gives them for the whole text. papaparse's own incremental parser (the one its
 * streaming mode drives) reads each chunk, leaving the last, possibly unfinished record for the next.
 * The delimiter is detected on the first non-blank line; `delimiter` receives it.
 */
export async function* csvRecords(text: AsyncIterable<string>, delimiter: (found: ';' | ',' | '\t') => void = () => {}): AsyncGenerator<CsvItem> {
  let parser: Papa.Parser | undefined;
  let pending = '';
  let line = 1;
  function* parse(input: string, last: boolean): Generator<CsvItem> {
    const results = parser!.parse(input, 0, !last) as { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };
    const lines: number[] = [];
    for (const record of results.data) {
      lines.push(line);
      line += 1;
      for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line++;
    }
    for (const e of results.errors) {
      // An error in the unfinished last record comes again with it, from the next chunk.
      if (e.row === undefined || e.row >= results.data.length) continue;
      const at = lines[e.row] ?? 1;
      if (e.code === 'MissingQuotes') yield { issue: { row: at, column: '', message: 'Guillemet ouvrant sans guillemet fermant : la suite du fichier est lue comme une seule valeur' } };
      else if (e.code === 'InvalidQuotes') yield { issue: { row: at, column: '', message: 'Guillemet mal placé : une valeur entre guillemets doit être suivie du séparateur' } };
    }
    for (let k = 0; k < results.data.length; k++) yield { record: results.data[k]!, line: lines[k]! };
    pending = last ? '' : input.slice(results.meta.cursor);
  }
  let first = true;
  for await (const chunk of text) {
    let input = pending + (first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk);
    first = false;
    if (!parser) {
      // The header line decides the delimiter: wait for a whole non-blank line.
      const found = /^.*\S.*\n/m.exec(input);
      if (!found) {
        pending = input;
        continue;
      }
      const chosen = detectDelimiter(input);
      delimiter(chosen);
      parser = new Papa.Parser({ delimiter: chosen, newline: '\n', header: false, skipEmptyLines: false });
    }
    yield* parse(input, false);
    input = '';
    if (pending.length > MAX_RECORD) {
      yield { issue: { row: line, column: '', message: 'Guillemet ouvrant sans guillemet fermant : la suite du fichier est lue comme une seule valeur' } };
      return;
    }
  }
  if (!parser) {
    const chosen = detectDelimiter(pending);
    delimiter(chosen);
    parser = new Papa.Parser({ delimiter: chosen, newline: '\n', header: false, skipEmptyLines: false });
  }
  yield* parse(pending, true);
}

/** One element of a JSON list: its text, its index and where it starts (line and column from 1). */
/** A problem between elements: jsonc-parser's error name (`CommaExpected`…) as the JSON reader reports it, or a detail. */
export type JsonListError = { line: number; column: number } & ({ code: string } | { detail: string });

export type JsonElement = { text: string; index: number; line: number; column: number; error?: undefined } | { error: JsonListError; text?: undefined };

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Text chunks of a JSON document that is a list → the text of each element, for the one JSON reader
 * to read (and check) one at a time. Only the list's own punctuation is read here: brackets and
 * strings are followed to find where an element ends, nothing inside it is interpreted. A document
 * that is not a list gives `notList` (the caller reads it whole, as before); a problem between
 * elements (a missing comma, text after the closing bracket) gives an error with its place. An element
 * longer than `maxElement` characters stops the reading with an error.
 */
export async function* jsonListElements(text: AsyncIterable<string>, maxElement: number): AsyncGenerator<JsonElement | 'notList'> {
  type State = 'start' | 'value-or-end' | 'value' | 'element' | 'comma-or-end' | 'done';
  let state: State = 'start';
  let line = 1;
  let column = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let elementLength = 0;
  let startLine = 0;
  let startColumn = 0;
  let index = 0;
  let first = true;
  const error = (code: string): JsonElement => ({ error: { line, column, code } });
  for await (const raw of text) {
    const chunk = first && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    first = false;
    let from = state === 'element' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      column++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x5b || c === 0x7b) depth++;
        else if (c === 0x5d || c === 0x7d) {
          if (depth === 0) {
            // The list's closing bracket right after a bare value (number, true…).
            element.push(chunk.slice(from, i));
            yield { text: element.join(''), index: index++, line: startLine, column: startColumn };
            element = [];
            elementLength = 0;
            if (c === 0x7d) return yield error('CloseBracketExpected');
            state = 'done';
          } else depth--;
        } else if (depth === 0 && (c === 0x2c || WHITESPACE.has(c))) {
          element.push(chunk.slice(from, i));
          yield { text: element.join(''), index: index++, line: startLine, column: startColumn };
          element = [];
          elementLength = 0;
          state = c === 0x2c ? 'value' : 'comma-or-end';
        }
      } else if (WHITESPACE.has(c)) {
        // between the list's parts
      } else if (state === 'start') {
        if (c !== 0x5b) return yield 'notList';
        state = 'value-or-end';
      } else if (state === 'value-or-end' || state === 'value') {
        if (c === 0x5d && state === 'value-or-end') state = 'done';
        else if (c === 0x5d || c === 0x2c) return yield error('ValueExpected');
        else {
          // The element starts here: its first character is read again as part of it.
          state = 'element';
          from = i;
          startLine = line;
          startColumn = column;
          depth = 0;
          inString = false;
          escaped = false;
          i--;
          column--;
          continue;
        }
      } else if (state === 'comma-or-end') {
        if (c === 0x2c) state = 'value';
        else if (c === 0x5d) state = 'done';
        else return yield error('CommaExpected');
      } else {
        return yield error('EndOfFileExpected');
      }
      if (c === 0x0a) {
        line++;
        column = 0;
      }
    }
    if (state === 'element') {
      const part = chunk.slice(from);
      element.push(part);
      elementLength += part.length;
      if (elementLength > maxElement) return yield { error: { line, column, detail: `élément n° ${index + 1} de plus de ${maxElement} caractères` } };
    }
  }
  if (state === 'element') return yield error('CloseBracketExpected');
  const ended = state as State;
  if (ended !== 'done') return yield ended === 'start' ? 'notList' : error(ended === 'comma-or-end' ? 'CommaExpected' : 'ValueExpected');
}
