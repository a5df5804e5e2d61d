import type { ChainBreak, LogHead, LoggedHomologation, PublicationEntry, VersionProblem } from '../core/lifecycle/index.ts';
import { shortHash } from '../core/index.ts';
import { STATUS_LABELS } from './diff-text.ts';
import { formatDate, pluralWord } from './fr.ts';

/*
 * The publication log in French: what each entry records, each kind of break in the chain, each reason
 * a stored version is put in quarantine, and what the user can do. One catalogue for the app's banner,
 * the restore's located errors and the stored versions' refusal to open.
 */

/** Entries are numbered from 1 for people (`seq` 0 is « entrée n° 1 »). */
export const entryNumber = (seq: number) => `n° ${seq + 1}`;

const status = (s: string | null) => (s === null ? 'supprimée' : (STATUS_LABELS[s] ?? s));

const ACTION_VERBS: Record<PublicationEntry['action'], (e: PublicationEntry) => string> = {
  publish: (e) => (e.to === 'homologated' ? 'homologation enregistrée' : e.to === 'submitted' ? 'dépôt enregistré' : `publiée (${status(e.to)})`),
  status: (e) => (e.to === 'superseded' ? `remplacée${e.by ? ` par la version ${e.by}` : ''}` : e.to === 'expired' ? 'expiration constatée' : `statut « ${status(e.to)} »`),
  record: (e) => `enregistrée depuis un fichier (${status(e.to)})`,
  repair: () => 'rétablie depuis son fichier d’origine',
  delete: () => 'supprimée de ce navigateur',
};

/** « homologation enregistrée le 10/06/2026 par Claire Martin ». */
export function entryText(e: PublicationEntry): string {
  return `${ACTION_VERBS[e.action](e)} le ${formatDate(e.at)}${e.author ? ` par ${e.author}` : ''}`;
}

/** « entrée n° 3 (homologation enregistrée le 10/06/2026 par Claire Martin) ». */
export const entryReference = (e: PublicationEntry) => `entrée ${entryNumber(e.seq)} du journal (${entryText(e)})`;

export const headText = (head: LogHead | null) => (head ? `entrée ${entryNumber(head.seq)}, ${head.hash}` : 'journal vide');

const homologationText = (h: LoggedHomologation | null) => (h ? `arrêté du ${formatDate(h.arreteDate)} (${h.arreteReference})${h.expires ? `, jusqu’au ${formatDate(h.expires)}` : ''}` : 'aucun arrêté');

/** One break of the chain, located by entry. */
export function chainBreakText(b: ChainBreak): string {
  switch (b.kind) {
    case 'malformed':
      return `L’entrée à la position ${b.position + 1} du journal des publications n’est pas une entrée valide.`;
    case 'edited':
      return `L’entrée ${entryNumber(b.seq)} du journal a été modifiée : son contenu donne l’empreinte ${shortHash(b.computed)}… et non celle qu’elle porte (${shortHash(b.stated)}…).`;
    case 'removed': {
      const n = b.seq - b.expectedSeq;
      return `${n} ${pluralWord(n, 'entrée manque', 'entrées manquent')} avant l’entrée ${entryNumber(b.seq)} du journal (${n > 1 ? `n° ${b.expectedSeq + 1} à ${b.seq}` : entryNumber(b.expectedSeq)}) : ${n > 1 ? 'elles ont été retirées' : 'elle a été retirée'}.`;
    }
    case 'reordered':
      return `L’entrée ${entryNumber(b.seq)} du journal n’est pas à sa place (l’entrée ${entryNumber(b.expectedSeq)} était attendue) : l’ordre du journal a été modifié.`;
    case 'link':
      return `L’entrée ${entryNumber(b.seq)} du journal ne suit plus l’entrée qui la précède : celle-ci a été réécrite.`;
    case 'head':
      return `La tête enregistrée du journal (${headText(b.head)}) n’est pas sa dernière entrée (${headText(b.last)}) : des entrées ont été ajoutées ou retirées à la fin, ou la tête a été falsifiée.`;
  }
}

/** Why one version does not match the log, as a clause: « contenu modifié : … ». */
export function versionProblemText(p: VersionProblem, entry: PublicationEntry | null): string {
  const ref = entry ? entryReference(entry) : 'le journal';
  switch (p.code) {
    case 'content_mismatch':
      return `contenu modifié : son empreinte est ${p.actual} et non ${p.expected}, inscrite à l’${ref}`;
    case 'record_hash_mismatch':
      return `empreinte affichée falsifiée : ${p.actual} au lieu de ${p.expected}, inscrite à l’${ref}`;
    case 'status_mismatch':
      return `statut « ${status(p.actual)} » et non « ${status(p.expected)} », inscrit à l’${ref}`;
    case 'homologation_mismatch':
      return `homologation modifiée : ${homologationText(p.actual)} et non ${homologationText(p.expected)}, inscrit à l’${ref}`;
    case 'unreadable':
      return 'le document enregistré ne se charge plus : son contenu ne peut pas être vérifié';
    case 'not_logged':
      return `statut « ${status(p.status)} » sans aucune entrée au journal des publications`;
    case 'chain_untrusted':
      return `le journal est rompu à partir de la position ${p.breakPosition + 1}, après sa dernière entrée (${entryNumber(p.seq)}) : son état ne peut plus être garanti`;
  }
}

/** « La version 1.1.0 de « Atelier » (atelier@1.1.0) ». */
export const versionName = (v: { key: string; version: string; title?: string | undefined }) => `La version ${v.version}${v.title ? ` de « ${v.title} »` : ''} (${v.key})`;

/** What the user can do about a quarantined version. */
export function quarantineAdvice(problems: readonly VersionProblem[], entry: PublicationEntry | null): string {
  if (problems.some((p) => p.code === 'not_logged')) return 'Supprimez-la de ce navigateur, puis importez de nouveau son fichier d’origine.';
  const expected = entry?.contentHash;
  return `Réimportez son fichier d’origine${expected ? ` (empreinte ${expected})` : ''}, ou supprimez-la de ce navigateur ; une sauvegarde dont le journal est intact peut aussi être restaurée.`;
}

/** The message of a stored version that refuses to open while in quarantine. */
export function quarantineMessage(v: { key: string; version: string; title?: string }, problems: readonly VersionProblem[], entry: PublicationEntry | null): string {
  const reasons = problems.map((p) => versionProblemText(p, entry)).join(' ; ');
  return `Intégrité non vérifiée : ${versionName(v).replace(/^La/, 'la')} ne correspond plus au journal des publications (${reasons}). Elle ne peut être ni évaluée, ni publiée, ni imprimée en dossier tant que ce n’est pas résolu. ${quarantineAdvice(problems, entry)}`;
}
