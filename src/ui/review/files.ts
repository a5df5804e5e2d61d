/*
 * The comparison screen's file limits and names; reading and downloading are src/ui/files.ts.
 */

/** Largest input file accepted (staff lists, answers, referentials): well above any real one. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export { downloadText, readFileText as readText } from '../files.ts';

/** A file name part made of safe characters only. */
export const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, '_');
