import { parseJsonText, type LoadIssue, type Result } from '../core/index.ts';
import { decodeJsonBytes } from '../io/utf8.ts';

/**
 * What a command may touch of the outside world. main.ts wires the real process; tests pass their
 * own, so every command runs in-process with captured output, virtual files and a fixed clock.
 */
export interface CliIo {
  /** Writes a block of text to standard output (results); a line break is added after it. */
  stdout(text: string): void;
  /** Writes a block of text to standard error (problems, warnings); a line break is added after it. */
  stderr(text: string): void;
  /**
   * Reads a file: its bytes (the real process), or its text already decoded (tests); throws (a Node
   * `ErrnoException`, or any error) when it cannot.
   */
  readFile(path: string): Uint8Array | string;
  /**
   * Reads a file's bytes, `-` being standard input (the staff file piped from another program).
   * Optional: without it (tests), the staff file is read with readFile.
   */
  readBytes?(path: string): Uint8Array;
  /**
   * Opens the staff file for reading in chunks, as many times as needed (`-`: standard input, copied
   * to a temporary file first so that it can be read again). Optional: without it (tests), the staff
   * file is read whole with readBytes or readFile.
   */
  openStaff?(path: string): Promise<StaffFile>;
  /**
   * Writes a block to standard output like `stdout`, resolving once the output can take more
   * (backpressure: a slow reader holds the evaluation back instead of filling the memory).
   * Optional: without it, `stdout`.
   */
  writeOut?(text: string): Promise<void>;
  /** Writes a text file in UTF-8, replacing it; throws (a Node `ErrnoException`, or any error) when it cannot. */
  writeFile(path: string, text: string): void;
  /** The clock, read by the CLI only (the core never reads it): the default year of `evaluate`. */
  now(): Date;
  /** Print the technical detail (stack) of an internal fault too (`LOGIGRAMME_DEBUG=1`). */
  debug?: boolean;
}

/** A file read in chunks (bytes, or text already decoded in tests), again at each call of `chunks`. */
export interface StaffFile {
  /** Its size (bytes, or characters of a decoded text). */
  size: number;
  chunks(): AsyncIterable<Uint8Array | string>;
}

/**
 * A command: its arguments (after the command name) and the outside world → the exit code. Commands
 * that need asynchronous work (the automatic layout of `decompile`) return a promise of it.
 */
export type Command = (args: string[], io: CliIo) => number | Promise<number>;

export const EXIT_OK = 0;
/** Unreadable or invalid input, evaluation errors, failing scenarios. */
export const EXIT_INPUT = 1;
/** Unknown command or option, missing argument, bad option value. */
export const EXIT_USAGE = 2;
/**
 * The command could not deliver a result for a reason that is not the user's files: an internal fault
 * (a bug, reported with what to send) or an output that cannot be written (full disk). The same code as
 * a usage error, so that scripts only ever see 0, 1 and 2.
 */
export const EXIT_FAULT = 2;

/** Misuse of the command line; reported with a pointer to the command's help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A file's content as read (bytes from disk or standard input; text already decoded in tests), or
 * `undefined` after telling why it cannot be read. The staff file's encoding is decided by its one
 * decoder (src/io/decode.ts), never here.
 */
export function readBytesInput(io: CliIo, path: string, what: string): Uint8Array | string | undefined {
  if (!io.readBytes) return readRaw(io, path, what);
  try {
    return io.readBytes(path);
  } catch (error) {
    io.stderr(`Impossible de lire ${what} « ${path === '-' ? 'entrée standard' : path} » : ${fileErrorReason(error, 'fichier introuvable')}`);
    return undefined;
  }
}

/**
 * The text of a JSON file (referential, logigramme, company file): strict UTF-8, within the size
 * limit, or the located issue that says why not (for the caller to report with the file's other
 * problems); `undefined` after telling why the file cannot be read at all.
 */
export function readJsonInput(io: CliIo, path: string, what: string): Result<string, LoadIssue> | undefined {
  const read = readRaw(io, path, what);
  if (read === undefined) return undefined;
  // Text handed over already decoded (tests) still meets the size limit in the JSON reader.
  return typeof read === 'string' ? { ok: true, value: read } : decodeJsonBytes(read);
}

/** A JSON document read and parsed (with the reader's limits), or why not; `undefined` when the file cannot be read. */
export function readJsonDocument(io: CliIo, path: string, what: string): Result<unknown, LoadIssue> | undefined {
  const text = readJsonInput(io, path, what);
  if (text === undefined) return undefined;
  return text.ok ? parseJsonText(text.value) : text;
}

function readRaw(io: CliIo, path: string, what: string): Uint8Array | string | undefined {
  try {
    return io.readFile(path);
  } catch (error) {
    io.stderr(`Impossible de lire ${what} « ${path} » : ${fileErrorReason(error, 'fichier introuvable')}`);
    return undefined;
  }
}

/** Writes a result file; `false` after telling why it cannot be written (an input error, exit code 1). */
export function writeOutput(io: CliIo, path: string, text: string, what: string): boolean {
  try {
    io.writeFile(path, text);
    return true;
  } catch (error) {
    io.stderr(`Impossible d’écrire ${what} « ${path} » : ${fileErrorReason(error, 'dossier introuvable')}`);
    return false;
  }
}

/**
 * A JSON document as a command's result: into the file `output` names, or onto standard output.
 * `false` after telling why it cannot be written (an input error).
 */
export function emitJson(io: CliIo, output: string | undefined, document: unknown, what: string): boolean {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (output !== undefined) return writeOutput(io, output, text, what);
  io.stdout(text.slice(0, -1));
  return true;
}

/** A file-system error in French; `notFound` says what ENOENT means (the file to read, the folder to write into). */
function fileErrorReason(error: unknown, notFound: string): string {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' ? notFound
    : code === 'EISDIR' ? 'c’est un dossier, pas un fichier'
    : code === 'ENOTDIR' ? 'une partie du chemin n’est pas un dossier'
    : code === 'EACCES' || code === 'EPERM' ? 'accès refusé'
    : code === 'EROFS' ? 'système de fichiers en lecture seule'
    : code === 'ENOSPC' ? 'plus de place sur le disque'
    : code === 'ERR_FS_FILE_TOO_LARGE' ? 'fichier de plus de 2 Gio, trop volumineux'
    : error instanceof Error ? error.message
    : String(error);
}
