import { resolve } from 'node:path';
import { loadReferentialText, type Referential } from '../core/index.ts';
import { wantsHelp } from './args.ts';
import { formatJsonIssues } from './format.ts';
import { plural } from '../present/fr.ts';
import { EXIT_USAGE, readJsonInput, UsageError, type CliIo } from './io.ts';

/**
 * A command with its help: `--help` / `-h` anywhere before `--` prints the help; a `UsageError` thrown
 * by the body — synchronously, or by the promise of an asynchronous body — is reported with a pointer
 * to that help and exit code 2. A synchronous body stays synchronous (its type says so); any other
 * error goes up to main.ts, which reports it as an internal error.
 */
export function defineCommand<R extends number | Promise<number>>(name: string, help: string, body: (args: string[], io: CliIo) => R): (args: string[], io: CliIo) => R | number {
  const usage = (error: unknown, io: CliIo): number => {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`logigramme ${name} : ${error.message}\nAide : logigramme ${name} --help`);
    return EXIT_USAGE;
  };
  return (args, io) => {
    if (wantsHelp(args)) {
      io.stdout(help);
      return 0;
    }
    try {
      const result = body(args, io);
      return typeof result === 'number' ? result : (result.catch((error: unknown) => usage(error, io)) as R);
    } catch (error) {
      return usage(error, io);
    }
  };
}

/** Reads and loads a referential, or reports why not on stderr and returns `undefined`. */
export function loadReferentialFile(io: CliIo, path: string): Referential | undefined {
  const text = readJsonInput(io, path, 'le référentiel');
  if (text === undefined) return undefined;
  const loaded = text.ok ? loadReferentialText(text.value) : text;
  if (loaded.ok) return loaded.value;
  io.stderr(`${formatJsonIssues(path, loaded.issues)}\n${path} : référentiel non valide (${plural(loaded.issues.length, 'problème', 'problèmes')})`);
  return undefined;
}

/** Exactly one positional argument, the referential file. */
export function oneReferential(positionals: readonly string[]): string {
  if (positionals.length === 0) throw new UsageError('fichier du référentiel manquant');
  if (positionals.length > 1) throw new UsageError(`un seul fichier de référentiel attendu, reçu ${positionals.length} : ${positionals.join(' ')}`);
  return positionals[0]!;
}

/** Exactly one positional argument, the input file (`what`: « du logigramme »…). */
export function oneFile(positionals: readonly string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`fichier ${what} manquant`);
  if (positionals.length > 1) throw new UsageError(`un seul fichier attendu, reçu ${positionals.length} : ${positionals.join(' ')}`);
  return positionals[0]!;
}

/** `-o` naming the input file would overwrite it with the other format. */
export function checkOutput(input: string, output: string | undefined): void {
  if (output === '') throw new UsageError('l’option -o attend un nom de fichier');
  if (output !== undefined && resolve(input) === resolve(output)) throw new UsageError(`le fichier de sortie « ${output} » est le fichier lu : choisissez un autre nom`);
}

/** A portable referential rather than a logigramme: no `kind`, but jobs. */
export const looksLikeReferential = (value: unknown) => typeof value === 'object' && value !== null && !('kind' in value) && 'jobs' in value;

/** A logigramme rather than a referential. */
export const isGraphDocument = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { kind?: unknown }).kind === 'logigramme';
