/*
 * `npm run verify-backup -- <sauvegarde.json>`: checks a backup exported by the app without restoring
 * it — every record, and every published version against the backup's publication log (hash chain).
 * Prints the log's head, to compare with the one printed in the homologation dossier. Exit 0 when the
 * backup holds, 1 when it does not (each problem located in the file), 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { BACKUP_LIMITS } from '../src/core/index.ts';
import { decodeJsonBytes } from '../src/io/utf8.ts';
import { formatJsonIssues } from '../src/cli/format.ts';
import { plural } from '../src/present/fr.ts';
import { verifyBackupText } from '../src/storage/backup.ts';

export function verifyBackupFile(path: string, bytes: Uint8Array): { code: number; out: string; err: string } {
  const text = decodeJsonBytes(bytes, BACKUP_LIMITS);
  const result = text.ok ? verifyBackupText(text.value) : text;
  if (!result.ok) {
    return { code: 1, out: '', err: `${formatJsonIssues(path, result.issues)}\n${path} : sauvegarde refusée (${plural(result.issues.length, 'problème', 'problèmes')})\n` };
  }
  const head = result.head ? `tête : entrée n° ${result.head.seq + 1}, ${result.head.hash}` : 'journal vide';
  return { code: 0, out: `${path} : sauvegarde vérifiée — ${plural(result.versions, 'version enregistrée', 'versions enregistrées')}, journal des publications de ${plural(result.entries, 'entrée', 'entrées')} (${head}).\n`, err: '' };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const path = process.argv[2];
  if (!path || process.argv.length > 3) {
    process.stderr.write('Usage : npm run verify-backup -- <sauvegarde.json>\n');
    process.exit(2);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    process.stderr.write(`Impossible de lire la sauvegarde « ${path} ».\n`);
    process.exit(2);
  }
  const { code, out, err } = verifyBackupFile(path, bytes);
  process.stdout.write(out);
  process.stderr.write(err);
  process.exit(code);
}
