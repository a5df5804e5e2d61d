import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { staffLine, STAFF_HEADER } from '../test/e2e/support/company-staff.ts';

/*
 * A generated staff file of any size for the sample referential (referentials/exemple-atelier.json),
 * written to disk line by line (a 10 M-row file is never a string in memory), in each input format the
 * command line accepts: CSV with `;`, `,` or tab, documented or French headers, UTF-8 or Windows-1252,
 * and a JSON list of employees. Used by the bench (bench/cli-stream.ts) and by the streaming test.
 */

export const STAFF_FORMATS = ['csv-semicolon', 'csv-comma-bom', 'tsv', 'csv-french-1252', 'json'] as const;
export type StaffFormat = (typeof STAFF_FORMATS)[number];

const FRENCH_HEADER = 'Matricule;Heures annuelles;Date d’entrée;Date de sortie;N° de contrat;Naissance;Postes;Tâches;q:q-equipes-alternantes';

/** The file name extension the CLI reads the format by. */
export const extensionOf = (format: StaffFormat) => (format === 'json' ? 'json' : 'csv');

/** One employee of `staffLine` as an element of a JSON staff list. */
function jsonEmployee(i: number): string {
  const [id, hours, start, end, reference, birth, jobs, tasks, shifts] = staffLine(i).split(';') as string[];
  const taskShares = new Map((tasks ?? '').split('|').filter(Boolean).map((t) => t.split(':') as [string, string]));
  const owners: Record<string, string> = { 'moteurs-thermiques': 'mecanicien', carrosserie: 'mecanicien' };
  const employee = {
    id,
    annualHours: Number(hours!.replace(',', '.')),
    contract: { ...(start ? { start } : {}), ...(end ? { end } : {}), reference },
    birth: Number(birth),
    jobs: jobs!.split('|').map((j) => {
      const [job, share] = j.split(':') as [string, string | undefined];
      const own = [...taskShares].filter(([task]) => owners[task] === job).map(([task, s]) => ({ task, share: Number(s) }));
      return { job, share: share === undefined ? 100 : Number(share), ...(own.length > 0 ? { tasks: own } : {}) };
    }),
    ...(shifts ? { answers: { 'q-equipes-alternantes': shifts === 'oui' } } : {}),
  };
  return JSON.stringify(employee);
}

function lineOf(format: StaffFormat, i: number): string {
  const line = staffLine(i);
  switch (format) {
    case 'csv-semicolon':
    case 'csv-french-1252':
      return line;
    case 'csv-comma-bom':
      // Decimal commas would clash with the delimiter: quoted, as a spreadsheet writes them.
      return line.split(';').map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(',');
    case 'tsv':
      return line.replaceAll(';', '\t');
    case 'json':
      return `${i === 1 ? '' : ',\n'}${jsonEmployee(i)}`;
  }
}

function headerOf(format: StaffFormat): string {
  switch (format) {
    case 'csv-semicolon':
      return `${STAFF_HEADER}\n`;
    case 'csv-french-1252':
      return `${FRENCH_HEADER}\n`;
    case 'csv-comma-bom':
      return `\uFEFF${STAFF_HEADER.replaceAll(';', ',')}\n`;
    case 'tsv':
      return `${STAFF_HEADER.replaceAll(';', '\t')}\n`;
    case 'json':
      return '[\n';
  }
}

/** Writes `rows` employees to `path` in `format`, a block of lines at a time, waiting for the disk. */
export async function writeStaffFile(path: string, format: StaffFormat, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const encode = (text: string) => (format === 'csv-french-1252' ? Buffer.from(text.replace('’', '\u0092'), 'latin1') : text);
  let block: string[] = [headerOf(format)];
  const sep = format === 'json' ? '' : '\n';
  for (let i = 1; i <= rows; i++) {
    block.push(lineOf(format, i) + sep);
    if (block.length >= 10_000 || i === rows) {
      if (!out.write(encode(block.join('')))) await once(out, 'drain');
      block = [];
    }
  }
  if (format === 'json') out.write('\n]\n');
  out.end();
  await once(out, 'finish');
}
