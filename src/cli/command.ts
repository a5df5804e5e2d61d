import { loadReferentialText, type Referential } from '../core/index.ts';
import { wantsHelp } from './args.ts';
import { formatJsonIssues, plural } from './format.ts';
import { EXIT_USAGE, readInput, UsageError, type CliIo, type Command } from './io.ts';

/**
 * A command with its help: `--help` / `-h` anywhere before `--` prints the help; a `UsageError` thrown
 * by the body is reported with a pointer to that help and exit code 2.
 */
export function defineCommand(name: string, help: string, body: Command): Command {
  return (args, io) => {
    if (wantsHelp(args)) {
      io.stdout(help);
      return 0;
    }
    try {
      return body(args, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`logigramme ${name} : ${error.message}\nAide : logigramme ${name} --help`);
      return EXIT_USAGE;
    }
  };
}

export const stripBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** Reads and loads a referential, or reports why not on stderr and returns `undefined`. */
export function loadReferentialFile(io: CliIo, path: string): Referential | undefined {
  const text = readInput(io, path, 'le référentiel');
  if (text === undefined) return undefined;
  const loaded = loadReferentialText(stripBom(text));
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
