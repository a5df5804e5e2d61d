import pkg from '../../package.json' with { type: 'json' };
import { REFERENTIAL_FORMAT_VERSION } from '../core/index.ts';
import { closest } from '../io/suggest.ts';
import { checkCommand } from './commands/check.ts';
import { compileCommand } from './commands/compile.ts';
import { decompileCommand } from './commands/decompile.ts';
import { diffCommand } from './commands/diff.ts';
import { estimateCommand } from './commands/estimate.ts';
import { evaluateCommand } from './commands/evaluate.ts';
import { hashCommand } from './commands/hash.ts';
import { mergeCommand } from './commands/merge.ts';
import { testCommand } from './commands/test.ts';
import { validateCommand } from './commands/validate.ts';
import { PROGRAM_HELP } from './help.ts';
import { reportFault } from './fault.ts';
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command } from './io.ts';

export const COMMANDS: Readonly<Record<string, Command>> = {
  validate: validateCommand,
  hash: hashCommand,
  test: testCommand,
  evaluate: evaluateCommand,
  compile: compileCommand,
  decompile: decompileCommand,
  check: checkCommand,
  diff: diffCommand,
  estimate: estimateCommand,
  merge: mergeCommand,
};

export const VERSION: string = pkg.version;

/**
 * The whole program: arguments (without `node` and the script) → exit code, or its promise when the
 * command is asynchronous (`await run(…)` works in both cases). Never throws: an internal fault is
 * reported with what to send (version, command, error id) and exit code 2.
 */
export function run(argv: readonly string[], io: CliIo): number | Promise<number> {
  const fault = (error: unknown) => reportFault(error, io, VERSION, argv[0]);
  try {
    const code = dispatch(argv, io);
    return typeof code === 'number' ? code : code.catch(fault);
  } catch (error) {
    return fault(error);
  }
}

function dispatch(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(PROGRAM_HELP);
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.stdout(PROGRAM_HELP);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`logigramme ${VERSION} (format de référentiel ${REFERENTIAL_FORMAT_VERSION})`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const target = rest[0];
    if (target === undefined) {
      io.stdout(PROGRAM_HELP);
      return EXIT_OK;
    }
    const command = Object.hasOwn(COMMANDS, target) ? COMMANDS[target] : undefined;
    if (command) return command(['--help'], io);
    return unknownCommand(target, io);
  }
  if (first.startsWith('-')) {
    io.stderr(`logigramme : option inconnue « ${first} » : une commande est attendue d’abord (${Object.keys(COMMANDS).join(', ')})\nAide : logigramme --help`);
    return EXIT_USAGE;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) return unknownCommand(first, io);
  return command(rest, io);
}

function unknownCommand(name: string, io: CliIo): number {
  const hint = closest(name, Object.keys(COMMANDS));
  io.stderr(`logigramme : commande inconnue « ${name} »${hint ? ` : vouliez-vous dire « ${hint} » ?` : ''} (commandes : ${Object.keys(COMMANDS).join(', ')})\nAide : logigramme --help`);
  return EXIT_USAGE;
}
