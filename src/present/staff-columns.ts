import { COLUMN_LABELS, QUESTION_COLUMN_PREFIX, STAFF_COLUMNS, type StaffColumn } from '../io/staff-columns.ts';

/*
 * What each column of a staff file holds, in French: one text for the app's « Colonnes acceptées » table,
 * the command line's `evaluate --help` and whoever else documents the file, so that they cannot drift.
 */

export const COLUMN_DOCS = {
  id: 'Identifiant du salarié, unique dans le fichier (obligatoire).',
  annual_hours: 'Durée annuelle de travail sur une année complète, en heures : 1607 à temps plein, 803,5 à mi-temps (obligatoire).',
  contract_start: 'Début du contrat, JJ/MM/AAAA ou AAAA-MM-JJ ; vide si avant l’année.',
  contract_end: 'Fin du contrat, JJ/MM/AAAA ou AAAA-MM-JJ ; vide si à durée indéterminée.',
  contract_ref: 'Numéro du contrat, repris dans la déclaration.',
  birth_year: 'Année de naissance AAAA, ou date complète (obligatoire ; la date complète est nécessaire pour 1956).',
  jobs: 'Profil de mission : poste, ou poste:part|poste:part en % (obligatoire).',
  tasks: 'Parts des tâches dans leur poste : tâche:part|tâche:part ; vide pour les pondérations du référentiel.',
  absences:
    'Absences longues qui remettent en cause l’exposition, séparées par | : début..fin:motif, ou début..fin:motif:note. Dates JJ/MM/AAAA ou AAAA-MM-JJ ; « du 01/02/2024 au 30/06/2024 » accepté. Motifs : maladie (arrêt de longue durée), formation, sabbatique, parental, autre. Exemple : 01/02/2024..30/06/2024:maladie|02/09/2024..01/11/2024:formation. Pas les congés payés ni les arrêts courts.',
  temporary: 'oui pour un salarié intérimaire (l’agence déclare son exposition, L4163-1 IV) ; non ou vide sinon.',
  agency: 'Nom de l’entreprise de travail temporaire (obligatoire pour un intérimaire ; le renseigner suffit à dire que le salarié est intérimaire).',
  agency_siret: 'SIRET de l’agence, 14 chiffres (facultatif).',
  mission: 'Référence du contrat de mission, reprise sur la fiche de l’agence (facultatif).',
} as const satisfies Record<StaffColumn, string>;

/** The column of an employee-level question: what its cells hold. */
export function questionColumnDoc(type: 'boolean' | 'choice' | 'number'): string {
  return type === 'boolean' ? 'Réponse oui ou non.' : type === 'choice' ? 'Réponse : l’identifiant ou le libellé d’un choix.' : 'Réponse : un nombre.';
}

/** What a staff file may be, in one sentence: encodings, separators, workbooks, dates, decimals. */
export const STAFF_FILE_FORMATS =
  'CSV en UTF-8 ou Windows-1252 (détecté), séparateur « ; », « , » ou tabulation ; ou classeur Excel .xlsx (première feuille). Dates JJ/MM/AAAA ou AAAA-MM-JJ, virgule décimale acceptée.';

/**
 * The staff file as plain text for a terminal: its formats, then each column, « Matricule (id) » and
 * what it holds wrapped under it. The employee-level questions come last, as one generic entry (their
 * names depend on the referential).
 */
export function staffFileText(width = 100): string {
  const indent = '      ';
  const lines = wrap(`${STAFF_FILE_FORMATS} Une ligne par salarié ; chaque colonne sous son nom français ou son nom documenté (entre parenthèses) :`, width);
  for (const c of STAFF_COLUMNS) {
    lines.push(`  ${COLUMN_LABELS[c]} (${c})`);
    lines.push(...wrap(COLUMN_DOCS[c], width - indent.length).map((l) => indent + l));
  }
  lines.push(`  ${QUESTION_COLUMN_PREFIX}<critère>, ou le libellé du critère`);
  lines.push(...wrap('Réponse à un critère individuel du référentiel : oui ou non, identifiant ou libellé du choix, ou nombre.', width - indent.length).map((l) => indent + l));
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}
