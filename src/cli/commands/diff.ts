import { parseArgs } from 'node:util';
import { diff, EvaluationError, impact, type ImpactResult } from '../../core/index.ts';
import { diffMarkdown, impactMarkdown } from '../../present/diff-report.ts';
import { evaluationErrorDetail, evaluationErrorRecord } from '../../present/evaluation-errors.ts';
import { plural } from '../../present/fr.ts';
import { columnForField, type StaffCsvResult } from '../../io/staff-csv.ts';
import { parseOrUsage } from '../args.ts';
import { defineCommand, loadReferentialFile } from '../command.ts';
import { DIFF_HELP } from '../help.ts';
import { loadCompanyFor, parseStaffFor, readStaffSource, yearOption, type LoadedReferential } from '../inputs.ts';
import { UsageError } from '../io.ts';

const FORMATS = ['md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  staff: { type: 'string' },
  answers: { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string' },
} as const;

/** The exit codes of `diff`, those of diff(1) — unlike the other commands, bad input is 2 here. */
export const DIFF_SAME = 0;
export const DIFF_DIFFERENT = 1;
export const DIFF_TROUBLE = 2;

/**
 * The semantic comparison of two versions of a referential: the French report grouped by job (or the
 * change list as JSON) and, with a company's staff, every employee whose verdict or points change, with
 * the changes that cause it. Exit 0 when the versions are identical, 1 when they differ, 2 on bad input
 * (a file unreadable or invalid, an employee that cannot be evaluated) or misuse.
 */
export const diffCommand = defineCommand('diff', DIFF_HELP, (args, io) => {
  // 1. The command line, entirely checked before any file is read.
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length < 2) throw new UsageError(positionals.length === 0 ? 'fichiers des deux versions manquants : logigramme diff <avant.json> <après.json>' : 'fichier de la version « après » manquant : logigramme diff <avant.json> <après.json>');
  if (positionals.length > 2) throw new UsageError(`deux fichiers de référentiel attendus (avant, après), reçu ${positionals.length} : ${positionals.join(' ')}`);
  const [fromPath, toPath] = positionals as [string, string];
  const format = (values.format ?? 'md') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`format « ${values.format} » inconnu : attendu ${FORMATS.join(', ')}`);
  if (values.staff !== undefined && values.answers === undefined) throw new UsageError('--staff demande aussi --answers <entreprise.json> (réponses de l’entreprise et mesures de prévention en place)');
  if (values.answers !== undefined && values.staff === undefined) throw new UsageError('--answers demande aussi --staff <salariés.csv> (une ligne par salarié)');
  const { year, fromClock } = yearOption(values.year, io);

  // 2. The files, every problem of each reported before giving up.
  const versions: LoadedReferential[] = [
    { path: fromPath, referential: loadReferentialFile(io, fromPath) },
    { path: toPath, referential: loadReferentialFile(io, toPath) },
  ];
  const staffInput = values.staff !== undefined && values.answers !== undefined ? { staffPath: values.staff, companyPath: values.answers } : undefined;
  const company = staffInput ? loadCompanyFor(io, staffInput.companyPath, versions) : undefined;
  if (staffInput && versions.every((v) => v.referential)) {
    return readStaffSource(io, staffInput.staffPath, (source) => finish(parseStaffFor(io, staffInput.staffPath, source, versions)));
  }
  return finish(undefined);

  function finish(staff: StaffCsvResult[] | undefined): number {
  const [a, b] = [versions[0]!.referential, versions[1]!.referential];
  if (!a || !b || (staffInput && (!company || !staff))) return DIFF_TROUBLE;
  if (a.id !== b.id) io.stderr(`Attention : ${fromPath} (« ${a.id} ») et ${toPath} (« ${b.id} ») ne portent pas le même identifiant de référentiel : les éléments sont comparés par leurs identifiants`);

  // 3. The diff, and the impact on the staff.
  const result = diff(a, b);
  let effect: ImpactResult | undefined;
  let trouble = false;
  if (staffInput && company && staff) {
    const employees = staff[0]!.employees;
    try {
      effect = impact(a, b, result, company, employees, year);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      io.stderr(`${staffInput.companyPath} ${error.field} : ${evaluationErrorDetail(error, b)}`);
      return DIFF_TROUBLE;
    }
    if (effect.errors.length > 0) {
      const rowOf = new Map(employees.map((e, i) => [e.id, staff[0]!.rows[i]]));
      const lines = effect.errors.map((e) => {
        const column = columnForField(e.error.field);
        const version = e.side === 'before' ? `version avant, ${fromPath}` : `version après, ${toPath}`;
        return `${staffInput.staffPath} ligne ${rowOf.get(e.employee) ?? '?'}, salarié ${e.employee}${column ? `, colonne ${column}` : ''} : ${evaluationErrorDetail(e.error, e.side === 'before' ? a : b)} [${e.error.code}] (${version})`;
      });
      io.stderr(`${lines.join('\n')}\n${plural(effect.errors.length, 'salarié non évalué', 'salariés non évalués')} sur ${employees.length} : effet sur le personnel incomplet`);
      trouble = true;
    }
  }

  // 4. The report.
  if (format === 'json') {
    const document: Record<string, unknown> = { diff: result };
    if (effect) document.impact = { ...effect, errors: effect.errors.map((e) => ({ employee: e.employee, side: e.side, ...evaluationErrorRecord(e.error, e.side === 'before' ? a : b) })) };
    io.stdout(JSON.stringify(document, null, 2));
  } else {
    const parts = [diffMarkdown(result, a, b).trimEnd()];
    if (effect && staffInput) {
      const files = { staff: staffInput.staffPath, company: staffInput.companyPath };
      parts.push(impactMarkdown(effect, result, a, b, files, fromClock ? ' (année civile en cours ; --year pour une autre)' : ''));
    }
    io.stdout(parts.join('\n\n'));
  }
  if (trouble) return DIFF_TROUBLE;
  return result.identical ? DIFF_SAME : DIFF_DIFFERENT;
  }
});
