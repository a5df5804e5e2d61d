import type { Question, Referential } from '../core/index.ts';
import { editDistance } from './suggest.ts';

/*
 * The columns of the staff file as HR names them: the documented codes (`annual_hours`), their French
 * names (« Heures annuelles », « Date d’entrée », « Matricule »…), and any other header the user maps
 * once (remembered per company). Headers are compared without case, accents, apostrophes or
 * punctuation, so « Date d'entrée », « DATE D’ENTREE » and « date_entree » are the same column.
 */

export const STAFF_COLUMNS = [
  'id',
  'annual_hours',
  'contract_start',
  'contract_end',
  'contract_ref',
  'birth_year',
  'jobs',
  'tasks',
  'absences',
  'temporary',
  'agency',
  'agency_siret',
  'mission',
] as const;
export type StaffColumn = (typeof STAFF_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly StaffColumn[] = ['id', 'annual_hours', 'birth_year', 'jobs'];
export const QUESTION_COLUMN_PREFIX = 'q:';

/** The French name of each column, as the app, the README and the French exports write it. */
export const COLUMN_LABELS: Record<StaffColumn, string> = {
  id: 'Matricule',
  annual_hours: 'Heures annuelles',
  contract_start: 'Date d’entrée',
  contract_end: 'Date de sortie',
  contract_ref: 'N° de contrat',
  birth_year: 'Naissance',
  jobs: 'Postes',
  tasks: 'Tâches',
  absences: 'Absences longues',
  temporary: 'Intérimaire',
  agency: 'Agence d’intérim',
  agency_siret: 'SIRET de l’agence',
  mission: 'Contrat de mission',
};

/** Other names each column is known by in payroll exports (compared after `normalizeHeader`). */
export const COLUMN_ALIASES: Record<StaffColumn, readonly string[]> = {
  id: ['id', 'matricule', 'identifiant', 'identifiant salarie', 'id salarie', 'n salarie', 'no salarie', 'numero salarie', 'numero de salarie', 'code salarie', 'salarie', 'employee', 'employee id'],
  annual_hours: ['annual hours', 'heures annuelles', 'heures par an', 'heures an', 'duree annuelle', 'duree annuelle de travail', 'horaire annuel', 'temps de travail annuel', 'nombre d heures annuelles', 'nb heures annuelles'],
  contract_start: ['contract start', 'date d entree', 'date entree', 'entree', 'date d embauche', 'date embauche', 'debut du contrat', 'debut contrat', 'date de debut', 'date debut', 'date de debut du contrat'],
  contract_end: ['contract end', 'date de sortie', 'date sortie', 'sortie', 'fin du contrat', 'fin contrat', 'date de fin', 'date fin', 'date de fin du contrat'],
  contract_ref: ['contract ref', 'contract reference', 'n de contrat', 'no de contrat', 'numero de contrat', 'n contrat', 'no contrat', 'numero contrat', 'reference du contrat', 'ref contrat', 'contrat'],
  birth_year: ['birth year', 'birth', 'birth date', 'annee de naissance', 'date de naissance', 'naissance', 'ne le', 'ne e le'],
  jobs: ['jobs', 'postes', 'poste', 'postes de reference', 'poste de reference', 'profil de mission', 'emplois', 'emploi', 'emplois reperes'],
  tasks: ['tasks', 'taches', 'tache', 'parts des taches', 'taches et parts'],
  absences: ['absences', 'absence', 'absences longues', 'absence longue', 'longues absences', 'periodes d absence', 'absences de longue duree', 'arrets longs'],
  temporary: ['temporary', 'interimaire', 'interim', 'travail temporaire', 'salarie interimaire', 'temporary worker'],
  agency: ['agency', 'agence', 'agence d interim', 'agence interim', 'entreprise de travail temporaire', 'ett', 'agence de travail temporaire'],
  agency_siret: ['agency siret', 'siret agence', 'siret de l agence', 'siret de l ett', 'siret ett', 'siret de l entreprise de travail temporaire'],
  mission: ['mission', 'contrat de mission', 'n de mission', 'no de mission', 'numero de mission', 'reference de mission', 'mission reference'],
};

/** « Date d’entrée » → « date d entree »: lower case, no accents, apostrophes and punctuation as spaces. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[°º]/g, ' ')
    .replace(/[^a-z0-9:]+/g, ' ')
    .trim();
}

const ALIAS_INDEX = new Map<string, StaffColumn>();
for (const column of STAFF_COLUMNS) {
  ALIAS_INDEX.set(normalizeHeader(column), column);
  ALIAS_INDEX.set(normalizeHeader(COLUMN_LABELS[column]), column);
  for (const alias of COLUMN_ALIASES[column]) ALIAS_INDEX.set(alias, column);
}

/** A header the user mapped: header text (normalised) → column (`annual_hours`, `q:<id>`), or '' to ignore it. */
export type ColumnMapping = Readonly<Record<string, string>>;

export type HeaderResolution =
  | { kind: 'column'; column: StaffColumn; how: 'code' | 'alias' | 'mapped' }
  | { kind: 'question'; question: Question; how: 'code' | 'alias' | 'mapped' }
  | { kind: 'ignored'; how: 'mapped' | 'blank' }
  | { kind: 'unknown'; suggestion?: string }
  /** A `q:` column naming an unknown question, or a company-level one. */
  | { kind: 'bad-question'; id: string; question?: Question; suggestion?: string };

/** Exact id first, then the same id in another case when that is unambiguous. */
export function findById<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  const exact = items.find((x) => x.id === id);
  if (exact) return exact;
  const lower = id.toLowerCase();
  const matches = items.filter((x) => x.id.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Every column a header may be mapped to, with its French name: what a mapping form offers. */
export function mappingTargets(referential: Referential): Array<{ column: string; label: string }> {
  return [
    ...STAFF_COLUMNS.map((c) => ({ column: c, label: COLUMN_LABELS[c] })),
    ...referential.questions.filter((q) => q.scope === 'employee').map((q) => ({ column: `${QUESTION_COLUMN_PREFIX}${q.id}`, label: `Critère : ${q.label}` })),
  ];
}

/**
 * The closest known column to an unknown header: by its normalised text against every name of every
 * column (and the labels of the employee-level questions), within a third of its length.
 */
export function suggestColumn(header: string, referential: Referential): string | undefined {
  const wanted = normalizeHeader(header);
  if (wanted === '') return undefined;
  const names: Array<[string, string]> = [...ALIAS_INDEX].map(([alias, column]) => [alias, column]);
  for (const q of referential.questions.filter((x) => x.scope === 'employee')) {
    names.push([normalizeHeader(q.label), `${QUESTION_COLUMN_PREFIX}${q.id}`], [normalizeHeader(q.id), `${QUESTION_COLUMN_PREFIX}${q.id}`]);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const [name, column] of names) {
    // A header that contains a column's name (« Heures annuelles contractuelles ») is that column.
    const d = name.length >= 5 && wanted.includes(name) ? 0.5 : editDistance(wanted, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = column;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** What one header of the file stands for. */
export function resolveHeader(raw: string, referential: Referential, mapping: ColumnMapping = {}): HeaderResolution {
  const name = raw.trim();
  if (name === '') return { kind: 'ignored', how: 'blank' };
  const employeeQuestions = referential.questions.filter((q) => q.scope === 'employee');
  const key = normalizeHeader(name);
  if (Object.hasOwn(mapping, key)) {
    const target = mapping[key]!;
    if (target === '') return { kind: 'ignored', how: 'mapped' };
    if ((STAFF_COLUMNS as readonly string[]).includes(target)) return { kind: 'column', column: target as StaffColumn, how: 'mapped' };
    const question = target.startsWith(QUESTION_COLUMN_PREFIX) ? findById(employeeQuestions, target.slice(QUESTION_COLUMN_PREFIX.length)) : undefined;
    if (question) return { kind: 'question', question, how: 'mapped' };
    // A remembered mapping to a column this referential does not have: ask again.
  }
  if (name.toLowerCase().startsWith(QUESTION_COLUMN_PREFIX)) {
    const id = name.slice(QUESTION_COLUMN_PREFIX.length).trim();
    const question = findById(referential.questions, id);
    if (question && question.scope === 'employee') return { kind: 'question', question, how: 'code' };
    const hint = question ? undefined : suggestColumn(id, referential);
    return { kind: 'bad-question', id, ...(question ? { question } : {}), ...(hint?.startsWith(QUESTION_COLUMN_PREFIX) ? { suggestion: hint } : {}) };
  }
  const lower = name.toLowerCase();
  if ((STAFF_COLUMNS as readonly string[]).includes(lower)) return { kind: 'column', column: lower as StaffColumn, how: 'code' };
  const alias = ALIAS_INDEX.get(key);
  if (alias) return { kind: 'column', column: alias, how: 'alias' };
  const byLabel = employeeQuestions.filter((q) => normalizeHeader(q.label) === key || normalizeHeader(`critere ${q.label}`) === key);
  if (byLabel.length === 1) return { kind: 'question', question: byLabel[0]!, how: 'alias' };
  const suggestion = suggestColumn(name, referential);
  return { kind: 'unknown', ...(suggestion ? { suggestion } : {}) };
}

/** The French name of a column for messages: « Heures annuelles (annual_hours) », « critère « Équipes alternantes » ». */
export function columnTitle(column: string, referential: Referential): string {
  if ((STAFF_COLUMNS as readonly string[]).includes(column)) return `${COLUMN_LABELS[column as StaffColumn]} (${column})`;
  if (column.startsWith(QUESTION_COLUMN_PREFIX)) {
    const q = referential.questions.find((x) => x.id === column.slice(QUESTION_COLUMN_PREFIX.length));
    return q ? `critère « ${q.label} » (${column})` : column;
  }
  return column;
}
