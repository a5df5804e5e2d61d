/**
 * Entry point of the command line (Node only): wires the real process to `run`. Started by
 * bin/logigramme.mjs (`npx logigramme …`) or by `npm run cli -- …`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeText, type CliIo } from './io.ts';
import { run } from './run.ts';

// A reader that went away (`logigramme … | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: CliIo = {
  stdout: (text) => void process.stdout.write(`${text}\n`),
  stderr: (text) => void process.stderr.write(`${text}\n`),
  readFile: (path) => decodeText(readFileSync(path)),
  // `-` is standard input (file descriptor 0), for the staff file piped from another program.
  readBytes: (path) => readFileSync(path === '-' ? 0 : path),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  now: () => new Date(),
};

try {
  // Some commands are asynchronous (the automatic layout of `decompile`): wait for their exit code.
  process.exitCode = await run(process.argv.slice(2), io);
} catch (error) {
  // A bug, not a problem of the user's files: say so, with what is needed to report it.
  process.stderr.write(`logigramme : erreur interne, merci de la signaler\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 70;
}
