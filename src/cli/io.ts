/**
 * What a command may touch of the outside world. main.ts wires the real process; tests pass their
 * own, so every command runs in-process with captured output, virtual files and a fixed clock.
 */
export interface CliIo {
  /** Writes a block of text to standard output (results); a line break is added after it. */
  stdout(text: string): void;
  /** Writes a block of text to standard error (problems, warnings); a line break is added after it. */
  stderr(text: string): void;
  /** Reads a text file; throws (a Node `ErrnoException`, or any error) when it cannot. */
  readFile(path: string): string;
  /**
   * Reads a file's bytes (`-`: standard input), for the staff file, whose encoding is detected and said,
   * and which may be an Excel workbook. Optional: without it, the staff file is read with readFile.
   */
  readBytes?(path: string): Uint8Array;
  /** Writes a text file in UTF-8, replacing it; throws (a Node `ErrnoException`, or any error) when it cannot. */
  writeFile(path: string, text: string): void;
  /** The clock, read by the CLI only (the core never reads it): the default year of `evaluate`. */
  now(): Date;
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

/** Misuse of the command line; reported with a pointer to the command's help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The text of a file, or `undefined` after telling why it cannot be read. */
export function readInput(io: CliIo, path: string, what: string): string | undefined {
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

/** A file-system error in French; `notFound` says what ENOENT means (the file to read, the folder to write into). */
function fileErrorReason(error: unknown, notFound: string): string {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' ? notFound
    : code === 'EISDIR' ? 'c’est un dossier, pas un fichier'
    : code === 'ENOTDIR' ? 'une partie du chemin n’est pas un dossier'
    : code === 'EACCES' || code === 'EPERM' ? 'accès refusé'
    : code === 'EROFS' ? 'système de fichiers en lecture seule'
    : code === 'ENOSPC' ? 'plus de place sur le disque'
    : error instanceof Error ? error.message
    : String(error);
}

/**
 * Bytes of a text file → text: UTF-8 (a BOM is kept for the parsers to strip), or Windows-1252 when
 * the bytes are not valid UTF-8 — what French Excel writes for « CSV (séparateur : point-virgule) ».
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('windows-1252').decode(bytes);
    } catch {
      // A Node built without ICU knows only UTF-8 and UTF-16: Latin-1 byte by byte is the nearest.
      return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    }
  }
}
