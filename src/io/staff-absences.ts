import type { Absence, AbsenceReason } from '../core/index.ts';
import { formatDate } from '../present/fr.ts';
import { normalizeHeader } from './staff-columns.ts';

/*
 * The long absences of an employee in one cell of the staff file, as HR can type them:
 *
 *   01/02/2024..30/06/2024:maladie
 *   2024-02-01..2024-06-30:maladie|02/09/2024..01/11/2024:formation:CPF de transition
 *
 * one absence per `|`-separated item: the first and last day (JJ/MM/AAAA or AAAA-MM-JJ, `..` or « au »
 * between them), `:` the reason, and optionally `:` a note. Only absences that "remettent manifestement
 * en cause l'exposition" are recorded (DGT-DSS instruction n° 1 of 13 March 2015): long sick leave,
 * training leave, sabbatical, parental leave, another long absence — holidays and short sick leave are
 * not (the exposure is the post's usual conditions over the year). A note cannot hold `|` (the item
 * separator): the writer turns one into `/`.
 */

/** The word written for each reason, and the other words (compared as column names are) read as it. */
export const ABSENCE_REASON_WORDS: Record<AbsenceReason, { word: string; aliases: readonly string[] }> = {
  long_sick_leave: { word: 'maladie', aliases: ['long_sick_leave', 'arret maladie', 'maladie longue', 'maladie longue duree', 'arret de travail', 'arret longue maladie', 'longue maladie', 'am'] },
  training_leave: { word: 'formation', aliases: ['training_leave', 'conge de formation', 'conge formation', 'cif', 'ptp', 'transition professionnelle', 'projet de transition professionnelle'] },
  sabbatical: { word: 'sabbatique', aliases: ['sabbatical', 'conge sabbatique'] },
  parental_leave: { word: 'parental', aliases: ['parental_leave', 'conge parental', 'conge parental d education'] },
  other_long_absence: { word: 'autre', aliases: ['other_long_absence', 'autre absence', 'autre absence longue', 'absence longue'] },
};

const REASONS = new Map<string, AbsenceReason>();
for (const [reason, { word, aliases }] of Object.entries(ABSENCE_REASON_WORDS) as Array<[AbsenceReason, { word: string; aliases: readonly string[] }]>) {
  REASONS.set(normalizeHeader(word), reason);
  REASONS.set(normalizeHeader(reason), reason);
  for (const alias of aliases) REASONS.set(normalizeHeader(alias), reason);
}

const REASON_LIST = Object.values(ABSENCE_REASON_WORDS)
  .map((r) => r.word)
  .join(', ');
export const ABSENCES_EXAMPLE = '01/02/2024..30/06/2024:maladie|02/09/2024..01/11/2024:formation';

/** The reason an HR word stands for (« Congé sabbatique », `sabbatique`, `sabbatical`), if any. */
export function absenceReason(text: string): AbsenceReason | undefined {
  return REASONS.get(normalizeHeader(text));
}

/**
 * A cell of the absences column → the absences, or French messages, one per bad item. `parseDate`
 * is the staff file's own date reader.
 */
export function parseAbsences(text: string, parseDate: (text: string) => string | undefined): { absences: Absence[]; errors: string[] } {
  const absences: Absence[] = [];
  const errors: string[] = [];
  for (const raw of text.split('|')) {
    const item = raw.trim();
    if (item === '') continue;
    const [period = '', reasonText, ...rest] = item.split(':');
    const note = rest.join(':').trim();
    const bounds = /^\s*(?:du\s+)?(.+?)\s*(?:\.\.|\s+au\s+)\s*(.+?)\s*$/i.exec(period);
    if (!bounds) {
      errors.push(`Absence « ${item} » illisible : début..fin:motif attendu (ex. ${ABSENCES_EXAMPLE})`);
      continue;
    }
    const from = parseDate(bounds[1]!);
    const to = parseDate(bounds[2]!);
    if (from === undefined || to === undefined) {
      const bad = from === undefined ? bounds[1]! : bounds[2]!;
      errors.push(`Date « ${bad} » invalide dans l’absence « ${item} » : JJ/MM/AAAA ou AAAA-MM-JJ attendue`);
      continue;
    }
    if (to < from) {
      errors.push(`Absence « ${item} » : fin (${formatDate(to)}) avant le début (${formatDate(from)})`);
      continue;
    }
    if (reasonText === undefined || reasonText.trim() === '') {
      errors.push(`Motif manquant pour l’absence « ${item} » : ${REASON_LIST} (ex. ${ABSENCES_EXAMPLE})`);
      continue;
    }
    const reason = absenceReason(reasonText);
    if (!reason) {
      errors.push(`Motif « ${reasonText.trim()} » inconnu pour l’absence « ${item} » : ${REASON_LIST} (seules les absences longues qui remettent en cause l’exposition se déclarent ; pas les congés payés ni les arrêts courts)`);
      continue;
    }
    absences.push({ from, to, reason, ...(note !== '' ? { note } : {}) });
  }
  return { absences, errors };
}

/** Absences → the cell the parser reads back (ISO dates; a `|` in a note becomes `/`). */
export function formatAbsences(absences: readonly Absence[]): string {
  return absences
    .map((a) => {
      const note = a.note?.replace(/\|/g, '/').trim();
      return `${a.from}..${a.to}:${ABSENCE_REASON_WORDS[a.reason].word}${note ? `:${note}` : ''}`;
    })
    .join('|');
}

