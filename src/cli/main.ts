/**
 * Entry point of the command line (Node only): wires the real process to `run`. Started by
 * bin/logigramme.mjs (`npx logigramme …`) or by `npm run cli -- …`.
 */
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { outputFailure, reportFault } from './fault.ts';
import { EXIT_FAULT, type CliIo, type StaffFile } from './io.ts';
import { run, VERSION } from './run.ts';

const argv = process.argv.slice(2);

// A reader that went away (`logigramme … | head`) is not an error of ours; a full disk or a broken
// device is said in French, never with a stack. Writes to a file are synchronous, their errors come
// back as events.
let outputFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    const message = outputFailure(error);
    if (message === undefined) process.exit(process.exitCode ?? 0);
    if (outputFailed) return;
    outputFailed = true;
    if (stream === process.stdout) {
      try {
        process.stderr.write(`${message}\n`);
      } catch {
        // Nothing left to tell with: the exit code says it.
      }
    }
    process.exit(EXIT_FAULT);
  });
}

const io: CliIo = {
  stdout: (text) => void process.stdout.write(`${text}\n`),
  stderr: (text) => void process.stderr.write(`${text}\n`),
  readFile: (path) => readFileSync(path),
  // `-` is standard input (file descriptor 0), for the staff file piped from another program.
  readBytes: (path) => readFileSync(path === '-' ? 0 : path),
  openStaff,
  writeOut: (text) => (process.stdout.write(`${text}\n`) ? Promise.resolve() : new Promise((resolve) => process.stdout.once('drain', resolve))),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  now: () => new Date(),
  debug: Boolean(process.env.LOGIGRAMME_DEBUG),
};

/** Chunks of the staff file; standard input is copied once to a temporary file, removed at exit, to be read again. */
async function openStaff(path: string): Promise<StaffFile> {
  let file = path;
  if (path === '-') {
    const dir = mkdtempSync(join(tmpdir(), 'logigramme-stdin-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    file = join(dir, 'staff');
    await pipeline(process.stdin, createWriteStream(file));
  }
  const stat = statSync(file);
  if (stat.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  // Unreadable (EACCES) is said now, as a file problem, not in the middle of a reading.
  closeSync(openSync(file, 'r'));
  const size = stat.size;
  return { size, chunks: () => createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

// Faults outside a command's own call (a callback, a worker): the same report, never a raw stack.
const fatal = (error: unknown) => {
  process.exitCode = reportFault(error, io, VERSION, argv[0]);
  process.exit();
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// Some commands are asynchronous (the automatic layout of `decompile`): wait for their exit code.
process.exitCode = await run(argv, io);
