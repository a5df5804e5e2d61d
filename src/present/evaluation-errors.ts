import type { DatesProblem, EvaluationErrorCode, EvaluationErrorParams, GivenValue, Referential, ReferentialProblem } from '../core/index.ts';
import { factorName, regulationName } from './diff-text.ts';
import { formatDate, formatNumber, formatPercent } from './fr.ts';
import { missingQuantitiesText } from './quantities.ts';
import { expectedText } from './rules.ts';

/*
 * The evaluator's errors in French. An `EvaluationError` carries its code, the JSON path at fault, the
 * employee and parameters (ids, figures, ISO dates); this writes the sentence, with the one number
 * formatter and — when the referential is at hand — the labels of its jobs, tasks and criteria instead
 * of their ids. The app, the command line and the reports all show an evaluation error through here.
 */

/** What a message needs of an error: its code and parameters (an `EvaluationError`, or one stored or read back from JSON). */
export interface ErrorData {
  code: EvaluationErrorCode;
  params: EvaluationErrorParams[EvaluationErrorCode];
}

/** Labels of the referential's elements, their id when the referential is not at hand or does not list it. */
interface Labels {
  job(job: string): string;
  task(job: string, task: string): string;
  question(question: string): string;
  situation(situation: string): string;
  /** A decision node: its label when it has one, else its id. */
  node(node: string): string;
}

function labelsOf(referential: Referential | undefined): Labels {
  // Errors are few and the referential may be malformed (that is one of the errors): look up defensively.
  const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
  const byId = (items: ReadonlyArray<{ id?: unknown; label?: unknown }>, id: string) => {
    const found = items.find((x) => typeof x === 'object' && x !== null && x.id === id)?.label;
    return typeof found === 'string' && found !== '' ? found : id;
  };
  const job = (id: string) => list<{ id: string; label: string; tasks: unknown }>(referential?.jobs).find((j) => typeof j === 'object' && j !== null && j.id === id);
  return {
    job: (id) => byId(list(referential?.jobs), id),
    task: (jobId, task) => byId(list(job(jobId)?.tasks), task),
    question: (id) => byId(list(referential?.questions), id),
    situation: (id) => byId(list(referential?.situations), id),
    node: (id) => byId(list(referential?.nodes), id),
  };
}

type Writer<C extends EvaluationErrorCode> = (p: EvaluationErrorParams[C], l: Labels) => string;

/** A share in percent as typed (`99.5` → « 99,5 % »): sums keep up to six decimals, as the tolerance does. */
const percent = (value: number) => formatPercent(value / 100, 6);

/** A year as written (« 2024 », never « 2 024 »), in French if it is not a whole number (« 2024,5 »). */
const yearText = (year: number) => formatNumber(year, { digits: 6, grouping: false });

/** A value as found in the input: figures in French, booleans as « oui »/« non ». */
export function given(value: GivenValue): string {
  if (value === null) return 'vide';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value, 6) : String(value);
  return value;
}

function datesText(p: DatesProblem, of: 'contract' | 'absence'): string {
  switch (p.problem) {
    case 'shape':
      return of === 'contract' ? 'contrat attendu (dates de début et de fin, facultatives)' : 'liste d’absences attendue';
    case 'not_a_date':
      return `date de ${p.end === 'start' ? 'début' : 'fin'}${of === 'absence' ? ' d’absence' : ''} « ${p.value} » invalide (AAAA-MM-JJ attendu)`;
    case 'end_before_start':
      return `fin ${of === 'contract' ? 'du contrat' : 'de l’absence'} (${formatDate(p.end)}) avant son début (${formatDate(p.start)})`;
  }
}

const SHAPES = { object: 'un objet', list: 'une liste', text: 'un texte', number: 'un nombre', positive_number: 'un nombre positif' } as const;

function referentialText(p: ReferentialProblem, l: Labels): string {
  switch (p.problem) {
    case 'shape':
      return `référentiel mal formé : ${typeof p.expected === 'string' ? SHAPES[p.expected] : `l’une des valeurs ${p.expected.oneOf.join(', ')}`} attendu`;
    case 'unfinished_tree':
      return 'arbre de décision inachevé';
    case 'loop':
      return 'arbre de décision sans fin (boucle)';
    case 'dangling':
      return `« ${p.node} » ne désigne ni un nœud de décision ni une situation d’exposition`;
    case 'unknown_question':
      return `critère « ${p.question} » inconnu dans ce référentiel`;
    case 'unplaced': {
      const situation = `situation « ${l.situation(p.situation)} » : `;
      switch (p.reason) {
        case 'criterion':
          return `${situation}seuil « ${p.criterion} » inconnu pour ${factorName(p.factor)}`;
        case 'unit':
          return `${situation}unité de durée ${p.unit} incompatible avec le seuil du facteur ${factorName(p.factor)}`;
        case 'intensity':
          return `${situation}intensité indéterminée pour ${factorName(p.factor)} (${p.criterion}) sous la version « ${regulationName(p.version)} » : ${missingQuantitiesText(p.quantities)}`;
      }
    }
  }
}

/** Points double for a birth before 1 July 1956 (article R4162-3 of the code du travail). */
const DOUBLING = 'les points doublent pour une naissance avant le 1er juillet 1956';

/** Every code's sentence (without the employee and the field): a code missing or unknown here does not compile. */
const DETAILS = {
  unknown_job: (p) => `poste inconnu « ${p.job} » dans ce référentiel`,
  unknown_task: (p, l) => `tâche « ${p.task} » inconnue pour le poste « ${l.job(p.job)} »`,
  duplicate_job: (p, l) => `poste « ${l.job(p.job)} » cité deux fois`,
  duplicate_task: (p, l) => `tâche « ${l.task(p.job, p.task)} » citée deux fois`,
  shares_sum: (p, l) => `les parts ${p.job === undefined ? 'des postes' : `des tâches du poste « ${l.job(p.job)} »`} totalisent ${percent(p.sum)} au lieu de ${percent(100)}`,
  default_shares_sum: (p, l) => `les pondérations par défaut du poste « ${l.job(p.job)} » totalisent ${percent(p.sum)} dans le référentiel : précisez les parts des tâches`,
  invalid_value: (p) => {
    switch (p.value) {
      case 'share':
        return `part du temps ${given(p.given)} invalide : attendu entre ${formatNumber(p.min)} et ${percent(p.max)}`;
      case 'annual_hours':
        return `durée annuelle de travail ${given(p.given)} h invalide : attendu plus de 0 et au plus ${formatNumber(p.max)} h`;
      case 'employee':
        return 'salarié attendu (un objet)';
      case 'jobs':
        return 'profil de mission attendu (une liste de postes)';
      case 'job':
        return 'poste attendu (identifiant et part du temps)';
      case 'tasks':
        return 'liste de tâches attendue (identifiant et part du temps)';
      case 'answers':
        return 'réponses attendues (par identifiant de critère)';
    }
  },
  answer_missing: (p, l) => (p.scope === 'company' ? `réponse de l’entreprise manquante au critère « ${l.question(p.question)} »` : `réponse manquante au critère individuel « ${l.question(p.question)} »`),
  answer_invalid: (p, l) => `réponse « ${given(p.given)} » invalide au critère « ${l.question(p.question)} » : ${expectedText(p.expected)} attendu`,
  no_branch: (p, l) => `le référentiel ne prévoit aucune branche pour la réponse « ${given(p.answer)} » au critère « ${l.question(p.question)} » (nœud « ${l.node(p.node)} »)`,
  unknown_question: (p, l) => {
    if (p.scope === undefined) return `critère « ${p.question} » inconnu dans ce référentiel`;
    return p.scope === 'employee' ? `le critère « ${l.question(p.question)} » se renseigne par salarié, pas pour l’entreprise` : `le critère « ${l.question(p.question)} » se renseigne pour l’entreprise, pas par salarié`;
  },
  unknown_measure: (p) => `mesure de prévention « ${p.measure} » inconnue dans ce référentiel`,
  contract_dates: (p) => datesText(p, 'contract'),
  contract_outside_year: (p) => `le contrat (${p.start !== undefined ? formatDate(p.start) : '…'} → ${p.end !== undefined ? formatDate(p.end) : '…'}) ne couvre aucun jour de ${yearText(p.year)}`,
  absence_dates: (p) => datesText(p, 'absence'),
  birth_missing: () => `année de naissance manquante : elle fixe le doublement des points (${DOUBLING})`,
  birth_ambiguous: (p) => `né(e) en ${yearText(p.year)} : donnez la date de naissance complète (AAAA-MM-JJ), ${DOUBLING}`,
  year_unsupported: (p) => `année ${yearText(p.year)} non prise en charge : les seuils existent à partir de ${yearText(p.first)}`,
  regulation_unknown: (p) => `version réglementaire inconnue « ${p.regulation} »`,
  referential_invalid: (p, l) => referentialText(p, l),
} as const satisfies { [C in EvaluationErrorCode]: Writer<C> };

/**
 * An evaluation error's sentence, without the employee and the field.
 *
 * @example evaluationErrorDetail({ code: 'shares_sum', params: { sum: 99.5 } }) // « les parts des postes totalisent 99,5 % au lieu de 100 % »
 */
export function evaluationErrorDetail(error: ErrorData, referential?: Referential): string {
  const write = DETAILS[error.code] as Writer<EvaluationErrorCode>;
  return write(error.params, labelsOf(referential));
}

/** The whole message: « Salarié E1, jobs[0].share : part du temps 120 invalide… » (the field alone when there is no employee). */
export function evaluationErrorMessage(error: ErrorData & { field: string; employee?: string | undefined }, referential?: Referential): string {
  const detail = evaluationErrorDetail(error, referential);
  const where = error.field === '' ? detail : `${error.field} : ${detail}`;
  return error.employee === undefined ? where : `Salarié ${error.employee}, ${where}`;
}

/** The error as a JSON record read by people as well as programs: code, field, parameters and the French message. */
export function evaluationErrorRecord(error: ErrorData & { field: string }, referential?: Referential): { code: EvaluationErrorCode; field: string; params: ErrorData['params']; message: string } {
  return { code: error.code, field: error.field, params: error.params, message: evaluationErrorDetail(error, referential) };
}
