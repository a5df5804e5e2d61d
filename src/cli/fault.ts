import { createHash } from 'node:crypto';
import { EXIT_FAULT, type CliIo } from './io.ts';

/*
 * What the user sees when the program itself fails: never a raw stack, but what to report — the
 * version, the command and a short error id. The id is a fingerprint of the error's kind, message and
 * the three innermost frames it went through (file names and lines, not the install folder), so two reports of
 * one bug carry the same id. `LOGIGRAMME_DEBUG=1` prints the stack for whoever fixes it.
 */

/** `LGM-` and 8 hexadecimal digits, the same for every occurrence of one fault in one version. */
export function errorId(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const frames = (error instanceof Error ? (error.stack ?? '') : '')
    .split('\n')
    .slice(1, 4)
    .map((line) => line.replace(/\(?(?:file:\/\/)?[^\s()]*[/\\]([^/\\\s()]+:\d+):\d+\)?/, '$1').trim());
  // Numbers in a message often hold sizes or positions that differ between two runs of one bug.
  const digest = createHash('sha256').update([name, message.replace(/\d+/g, '#'), ...frames].join('\n')).digest('hex');
  return `LGM-${digest.slice(0, 8).toUpperCase()}`;
}

/** Reports an internal fault on stderr and gives the exit code (2: no result, not the user's files). */
export function reportFault(error: unknown, io: CliIo, version: string, command: string | undefined): number {
  const id = errorId(error);
  const lines = [
    'logigramme : erreur interne — un défaut du programme, pas de vos fichiers ; aucun résultat n’a été produit.',
    `Merci de la signaler en indiquant : logigramme ${version}, commande « ${command ?? '(aucune)'} », erreur ${id}.`,
  ];
  if (io.debug) lines.push(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
  else lines.push('Le détail technique s’affiche avec la variable d’environnement LOGIGRAMME_DEBUG=1.');
  try {
    io.stderr(lines.join('\n'));
  } catch {
    // Even stderr is gone: the exit code still says it.
  }
  return EXIT_FAULT;
}

/** A failed write on stdout or stderr in French, or `undefined` when the reader simply went away. */
export function outputFailure(error: { code?: unknown; message?: unknown }): string | undefined {
  const code = error.code;
  if (code === 'EPIPE') return undefined;
  const reason = code === 'ENOSPC' ? 'plus de place sur le disque'
    : code === 'EDQUOT' ? 'quota de disque dépassé'
    : code === 'EFBIG' ? 'fichier trop volumineux pour le système de fichiers'
    : code === 'EIO' ? 'erreur d’entrée-sortie du périphérique'
    : code === 'EACCES' || code === 'EPERM' ? 'accès refusé'
    : `erreur système ${typeof code === 'string' ? code : String(error.message ?? '')}`;
  return `logigramme : impossible d’écrire le résultat (${reason}) : le résultat est incomplet.`;
}
