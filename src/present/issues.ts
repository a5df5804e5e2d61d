import {
  formatPath,
  LOAD_RULES,
  UNIT_LABELS,
  type CataloguedIssue,
  type CataloguedIssueCode,
  type DocumentKind,
  type IssueParamsByCode,
  type LoadIssue,
  type LoadRuleIssueCode,
  type RuleCode,
} from '../core/index.ts';
import { formatCount, formatDate, formatSize } from './fr.ts';
import { chainBreakText, entryReference, quarantineMessage, versionName, versionProblemText } from './publication-log.ts';
import { given } from './evaluation-errors.ts';
import { missingQuantitiesText } from './quantities.ts';
import { expectedText, ruleMessage, VERSION_LIST } from './rules.ts';

/** A company's answer as the user typed it: text in « », oui/non, numbers the French way, vide. */
const answerText = (answer: string | number | boolean | null) => (typeof answer === 'string' ? `« ${answer} »` : given(answer));

/*
 * The French messages of the load issues: one catalogue, keyed by code, written from each issue's
 * parameters with the one number formatter. The core says what is wrong (code, JSON path, line and
 * column, figures, ids); the app, the command line and the reports say it in French through here.
 */

const DOCUMENTS: Record<DocumentKind, string> = {
  referential: 'référentiel',
  graph: 'logigramme',
  company_answers: 'fichier de réponses de l’entreprise',
  company_file: 'fichier d’entreprise',
  comments: 'fichier de commentaires',
};

/** jsonc-parser's error names, in French. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'symbole inattendu',
  InvalidNumberFormat: 'nombre mal formé',
  PropertyNameExpected: 'nom de propriété attendu (entre guillemets)',
  ValueExpected: 'valeur attendue',
  ColonExpected: '« : » attendu',
  CommaExpected: '« , » attendue',
  CloseBraceExpected: '« } » attendue',
  CloseBracketExpected: '« ] » attendu',
  EndOfFileExpected: 'fin du fichier attendue',
  InvalidCommentToken: 'commentaire interdit en JSON',
  UnexpectedEndOfComment: 'commentaire non terminé',
  UnexpectedEndOfString: 'chaîne non terminée',
  UnexpectedEndOfNumber: 'nombre non terminé',
  InvalidUnicode: 'séquence Unicode invalide',
  InvalidEscapeCharacter: 'échappement invalide',
  InvalidCharacter: 'caractère invalide',
};

/** « ligne 3, colonne 12 » */
export const textPlace = (line: number, column: number) => `ligne ${formatCount(line)}, colonne ${formatCount(column)}`;

/** « (ligne 3, colonne 12) » after a message's subject, when the issue was found in the text. */
const placeOf = (i: { line?: number; column?: number }) => (i.line !== undefined && i.column !== undefined ? ` (${textPlace(i.line, i.column)})` : '');

const unitText = (unit: string) => (unit in UNIT_LABELS ? UNIT_LABELS[unit as keyof typeof UNIT_LABELS] : unit);

const RULE_OF = Object.fromEntries(Object.entries(LOAD_RULES).map(([rule, code]) => [code, rule])) as Record<LoadRuleIssueCode, RuleCode>;

type Writer<C extends CataloguedIssueCode> = (p: IssueParamsByCode[C], at: { line?: number; column?: number }) => string;

/** « poste « Soudeur », tâche « Soudure » » */
const jobTask = (p: { job: string; task: string }) => `poste « ${p.job} », tâche « ${p.task} »`;

const RESTORE_REFUSED = 'La restauration est refusée : rien n’a été modifié.';

const RANGE = 'un nombre doit rester entre −1,79 × 10³⁰⁸ et 1,79 × 10³⁰⁸';
const UTF8 = 'un fichier JSON doit être en UTF-8 (RFC 8259), réenregistrez-le en UTF-8';

/** Every catalogued code's message: a code of `IssueParamsByCode` missing here does not compile. */
const MESSAGES: { [C in Exclude<CataloguedIssueCode, LoadRuleIssueCode>]: Writer<C> } = {
  'limit.size': (p) => `Fichier trop volumineux : ${formatSize(p.size)} pour ${formatSize(p.limit)} au plus`,
  'limit.string': (p, at) => `${p.of === 'name' ? 'Nom de propriété trop long' : 'Texte trop long'}${placeOf(at)} : ${formatCount(p.length)} caractères pour ${formatCount(p.limit)} au plus`,
  'limit.depth': (p, at) =>
    p.depth === undefined
      ? `Imbrication trop profonde${placeOf(at)} : plus de ${formatCount(p.limit)} niveaux de tableaux ou d’objets imbriqués`
      : `Imbrication trop profonde${placeOf(at)} : ${formatCount(p.depth)} niveaux de tableaux ou d’objets imbriqués pour ${formatCount(p.limit)} au plus ; un référentiel en compte moins d’une dizaine`,
  'json.syntax': (p, at) => ('detail' in p ? `JSON invalide : ${p.detail}` : `JSON invalide${placeOf(at)} : ${JSON_ERRORS[p.error] ?? p.error}`),
  'json.reserved_key': (p, at) => `Nom de propriété « ${p.key} » refusé${placeOf(at)} : ce nom est réservé par JavaScript et ne désigne aucun champ du format`,
  'json.duplicate_key': (p, at) =>
    `Propriété « ${p.key} » en double dans le même objet (${at.line !== undefined && at.column !== undefined ? `${textPlace(at.line, at.column)} ; ` : ''}déjà présente ${textPlace(p.firstLine, p.firstColumn)}) : JSON n’en garderait que la dernière, supprimez l’une des deux`,
  'json.number_range': (p, at) => `Nombre hors limites « ${p.value} »${placeOf(at)} : ${RANGE}`,
  'encoding.utf8': (p, at) => {
    if (!('offset' in p)) return `Fichier non encodé en UTF-8 : ${UTF8}`;
    const hint = p.looksLike === 'utf16' ? 'le fichier semble encodé en UTF-16' : p.looksLike === 'latin1' ? 'le fichier semble encodé en Windows-1252 ou Latin-1 (« é » y est l’octet 0xE9)' : 'octet inattendu';
    const where = at.line !== undefined && at.column !== undefined ? `${textPlace(at.line, at.column)}, ` : '';
    return `Fichier non encodé en UTF-8 (${where}octet ${formatCount(p.offset + 1)} : 0x${p.byte.toString(16).toUpperCase().padStart(2, '0')}) : ${hint} ; ${UTF8}`;
  },
  'format.not_object': (p) => `Objet JSON attendu pour un ${DOCUMENTS[p.document]}`,
  'format.version_missing': (p) => `Champ formatVersion attendu (entier ≥ 1) pour un ${DOCUMENTS[p.document]}`,
  'format.version_newer': (p) => `Ce ${DOCUMENTS[p.document]} est au format ${p.version}, plus récent que celui que cette version de Logigramme lit (${p.current}) : mettez Logigramme à jour`,
  'format.no_migration': (p) => `Aucune migration du format ${p.from} vers ${p.to}`,
  'hash.mismatch': (p) => `Empreinte déclarée ${p.declared} différente de l’empreinte calculée sur le contenu (${p.computed}) : le contenu ne correspond pas à la version publiée`,
  'ref.regulation': (p) => `Version réglementaire inconnue « ${p.regulation} » : attendu l’une de ${VERSION_LIST}`,
  'ref.criterion': (p) => `Seuil « ${p.criterion} » inconnu pour le facteur ${p.factor}`,
  'ref.intensity_missing': (p) => `Intensité indéterminée pour le seuil « ${p.criterion} » (${p.factor}) : ${missingQuantitiesText(p.quantities)}`,
  'ref.duration': () => 'Durée attendue pour ce facteur (sur la base d’un temps plein)',
  'unit.intensity': (p) => `Unité « ${p.unit} » inadaptée à la grandeur ${p.quantity} : attendu « ${p.expected} »`,
  'unit.duration': (p) => `Unité de durée « ${unitText(p.unit)} » inadaptée : le seuil s’exprime en ${unitText(p.expected)}`,
  'structure.duplicate_id': (p) => `Identifiant « ${p.id} » utilisé deux fois dans le fragment.`,
  'structure.dangling_edge': (p) => `La liaison mène à « ${p.target} », absent du fragment.`,
  'structure.unknown_question': (p) => `Critère « ${p.question} » absent du fragment (questions).`,
  'structure.unknown_measure': (p) => `Mesure « ${p.measure} » absente du fragment (measures).`,
  'comments.other_referential': (p) => `Ces commentaires portent sur le référentiel « ${p.commented} », pas sur « ${p.target} » : rien n’est importé.`,
  'comments.other_version': (p) => `Ces commentaires portent sur la version ${p.commented}, pas sur la version ${p.target} : importez-les sur la version commentée.`,
  'comments.id_clash': (p) => {
    switch (p.clash) {
      case 'thread':
        return `La discussion « ${p.id} » existe déjà avec un autre auteur, une autre date ou un autre élément : identifiant réutilisé, discussion non importée.`;
      case 'reply':
        return `L’identifiant « ${p.id} » désigne déjà une réponse de la discussion « ${p.owner} » : discussion non importée.`;
      case 'used':
        return `L’identifiant « ${p.id} » est déjà utilisé${p.owner !== undefined ? ` dans la discussion « ${p.owner} »` : ' dans cette discussion'} : discussion non importée.`;
    }
  },
  'file.unreadable': (p) => `Le fichier « ${p.file} » n’a pas pu être lu par le navigateur.`,
  'staff.duplicate_id': (p) => `Identifiant « ${p.id} » déjà utilisé en ${formatPath([p.first, 'id'])} : chaque salarié doit avoir un identifiant unique`,
  'company.referential': (p) => `Ce fichier de réponses concerne le référentiel « ${p.declared} », pas « ${p.target} »`,
  'company.unknown_question': (p) => `Critère « ${p.question} » inconnu dans ce référentiel`,
  'company.employee_question': (p) => `Le critère « ${p.question} » se renseigne par salarié (colonne q:${p.id} du fichier du personnel), pas pour l’entreprise`,
  'company.answer_invalid': ({ answer, question, ...expected }) => `Réponse ${answerText(answer)} invalide au critère « ${question} » : ${expectedText(expected)} attendu`,
  'company.unknown_measure': (p) => `Mesure de prévention « ${p.measure} » inconnue dans ce référentiel`,
  'company.answer_missing': (p) => `Réponse de l’entreprise manquante au critère « ${p.question} » (nécessaire pour ${jobTask(p)})`,
  'company.no_branch': (p) => `Le référentiel ne prévoit aucune suite pour la réponse ${answerText(p.answer)} au critère « ${p.question} » (nœud « ${p.nodeLabel} », ${jobTask(p)})`,
  'backup.newer': (p) =>
    p.of === 'database'
      ? `Sauvegarde d’une base de données plus récente (version ${formatCount(p.version)}) que celle de cette application (${formatCount(p.current)}) : mettez l’application à jour.`
      : `Sauvegarde au format ${formatCount(p.version)}, plus récent que celui de cette application (${formatCount(p.current)}) : mettez l’application à jour.`,
  'backup.duplicate': (p) => `« ${p.key} » figure deux fois dans la table ${p.table}.`,
  'backup.key_mismatch': (p) => {
    switch (p.of) {
      case 'referential':
        return `La clé « ${p.key} » ne correspond pas au document (${p.expected}).`;
      case 'draft':
        return `Le brouillon « ${p.draft} » contient le logigramme de « ${p.contains} ».`;
      case 'record':
        return `Clé « ${p.expected} » attendue.`;
    }
  },
  'backup.hash_mismatch': (p) => `L’empreinte enregistrée (${p.recorded}) n’est pas celle du document (${p.computed}) : le document a été modifié.`,
  'backup.chain_broken': (p) => `${chainBreakText(p.break)} ${RESTORE_REFUSED}`,
  'backup.publication_mismatch': (p) => {
    const reasons =
      'legacy' in p
        ? `${p.legacy.actual ? `son contenu a l’empreinte ${p.legacy.actual}` : 'son contenu est absent ou illisible'}, alors que le journal a inscrit ${p.legacy.recorded} le ${formatDate(p.legacy.at)}`
        : p.problems.map((problem) => versionProblemText(problem, p.entry)).join(' ; ');
    return `${versionName(p.version)} ne correspond pas au journal des publications de la sauvegarde : ${reasons}. ${RESTORE_REFUSED}`;
  },
  'backup.publication_missing': (p) => `${versionName(p.entry)} est inscrite au journal des publications de la sauvegarde (${entryReference(p.entry)}) mais n’y figure pas : elle a été retirée du fichier. ${RESTORE_REFUSED}`,
  'backup.publication_conflict': (p) =>
    `${versionName(p.version)} n’a pas dans la sauvegarde le contenu que le journal des publications de ce navigateur a inscrit : empreinte ${p.hash} au lieu de ${p.entry.contentHash} (${entryReference(p.entry)}). Une version publiée ne change jamais. ${RESTORE_REFUSED}`,
  'storage.quarantined': (p) => quarantineMessage(p.version, p.problems, p.entry),
};

const isRuleIssue = (i: CataloguedIssue): i is Extract<CataloguedIssue, { code: LoadRuleIssueCode }> => Object.hasOwn(RULE_OF, i.code);

/** An issue's French message: written from its parameters, or the message worded where it was found. */
export function issueMessage(i: LoadIssue): string {
  if ('message' in i) return i.message;
  if (isRuleIssue(i)) return ruleMessage(RULE_OF[i.code], i.params);
  const write = MESSAGES[i.code as Exclude<CataloguedIssueCode, LoadRuleIssueCode>] as Writer<CataloguedIssueCode>;
  return write(i.params, i);
}

/** The issues with their French message, for a JSON report read by people as well as programs. */
export const issuesWithMessages = (issues: readonly LoadIssue[]) => issues.map((i) => ({ ...i, message: issueMessage(i) }));

/** One line per issue, `$.jobs[0].id : message`, for the CLI and plain-text reports. */
export function formatIssues(issues: readonly LoadIssue[], file?: string): string {
  const prefix = file ? `${file} ` : '';
  return issues.map((i) => `${prefix}${i.path} : ${issueMessage(i)}`).join('\n');
}
