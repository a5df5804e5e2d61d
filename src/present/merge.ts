import type { MergeNotice, MergeNoticeCode } from '../core/index.ts';
import { findingMessage } from './findings.ts';
import { plural } from './fr.ts';

/*
 * The French words of a merge: the notices (decisions taken without asking). The core says what was
 * decided (code, elements, the side kept, the checker's rule); the merge dialog, the command line and
 * its JSON report say it in French through here.
 */

type Writer<C extends MergeNoticeCode> = (n: Extract<MergeNotice, { code: C }>, labels?: ReadonlyMap<string, string>) => string;

const NOTICES: { [C in MergeNoticeCode]: Writer<C> } = {
  'layout.both_changed': (n) => `Disposition modifiée des deux côtés pour ${plural(n.ids.length, 'nœud', 'nœuds', 0)} : celle de ${n.kept === 'ours' ? 'notre' : 'leur'} version est gardée.`,
  'catalogue.kept': () => 'Éléments du catalogue supprimés d’un côté mais gardés : un nœud de la version fusionnée les utilise.',
  'edge.dropped': () => 'Liaisons retirées : leur nœud n’existe plus après la fusion.',
  'group.member_dropped': () => 'Nœuds retirés de leur groupe : ils n’existent plus après la fusion.',
  'base.reset': () => 'Les deux versions déclarent des points de départ différents : la version fusionnée déclare la base de la fusion.',
  'structure.new_issue': (n, labels) => findingMessage({ code: n.rule, params: n.params, ...(n.ids[0] !== undefined ? { element: n.ids[0] } : {}) }, labels),
};

/** A notice's French message; with `labels`, the elements a new structural problem names are named by their label. */
export function noticeMessage(notice: MergeNotice, labels?: ReadonlyMap<string, string>): string {
  return (NOTICES[notice.code] as Writer<MergeNoticeCode>)(notice, labels);
}
