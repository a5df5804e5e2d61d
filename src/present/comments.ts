import { findAnchor, type AnchorDetail, type AnchorKind, type CommentAnchor, type CommentRefusal, type CommentRefusalCode, type GraphDocument } from '../core/index.ts';
import { exposureDetail } from './diff-text.ts';
import { capitalised } from './fr.ts';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES } from './rules.ts';

/*
 * The comments in French: what a thread is on (the element's kind and what inside it), and why a
 * comment command is refused. The core resolves anchors and refuses with codes and ids; the comments
 * panel, the editor's history and the dossier annex word them here.
 */

/** Kinds of anchored elements, capitalised as a heading names them: « Tâche », « Liaison », « Exposition »… */
const ANCHOR_KIND_NAMES = {
  ...NODE_KIND_NAMES,
  referential: 'référentiel',
  exposure: 'exposition',
  edge: 'liaison',
  scenario: 'scénario',
  element: 'élément',
} as const satisfies Record<AnchorKind, string>;

/** « Tâche », « Exposition », « Référentiel »… */
export const anchorKindName = (kind: AnchorKind): string => capitalised(ANCHOR_KIND_NAMES[kind]);

/** What inside the element: « Bruit — niveau d’exposition quotidien (2ᵉ mention) », or a link's kind (« entrée »). */
export function anchorDetailText(detail: AnchorDetail): string {
  return detail.of === 'exposure' ? exposureDetail(detail.regulation, detail.factor, detail.criterion, detail.rank) : EDGE_KIND_NAMES[detail.kind];
}

/** What an anchor designates, named for people (`findAnchor` worded). */
export interface NamedAnchor {
  exists: boolean;
  /** « Tâche », « Liaison », « Exposition »… */
  kind: string;
  label: string;
  detail?: string;
  node?: string;
}

/**
 * Resolves an anchor on a graph and names it.
 *
 * @example namedAnchor(graph, { on: 'node', node: 'moteurs' }) // { exists: true, kind: 'Tâche', label: 'Moteurs thermiques', node: 'moteurs' }
 */
export function namedAnchor(graph: GraphDocument, anchor: CommentAnchor): NamedAnchor {
  const { kind, detail, ...target } = findAnchor(graph, anchor);
  return { ...target, kind: anchorKindName(kind), ...(detail ? { detail: anchorDetailText(detail) } : {}) };
}

type Invalid = Extract<CommentRefusal, { code: 'comments.invalid' }>;
type OnId = Exclude<CommentRefusal, Invalid>;
type RefusalOf<C extends CommentRefusalCode> = C extends Invalid['code'] ? Invalid : OnId;

/** One message per comment refusal code: a code missing here, or one the core does not have, does not compile. */
const COMMENT_MESSAGES = {
  'comments.invalid': (r: Invalid) => `${r.path} : ${r.detail}`,
  'comments.duplicate_id': (r: OnId) => `L’identifiant de commentaire « ${r.id} » est déjà utilisé.`,
  'comments.thread_not_found': (r: OnId) => `La discussion « ${r.id} » n’existe pas (ou plus).`,
  'comments.already_resolved': (r: OnId) => `La discussion « ${r.id} » est déjà résolue.`,
  'comments.already_open': (r: OnId) => `La discussion « ${r.id} » est déjà ouverte.`,
  'comments.out_of_order': (r: OnId) => `Cette date précède le dernier changement d’état de la discussion « ${r.id} ».`,
  'comments.comment_not_found': (r: OnId) => `Le commentaire « ${r.id} » n’existe pas (ou plus).`,
} as const satisfies { [C in CommentRefusalCode]: (r: RefusalOf<C>) => string };

/** A comment command's refusal in French. */
export function commentRefusalMessage(refusal: CommentRefusal): string {
  return (COMMENT_MESSAGES[refusal.code] as (r: CommentRefusal) => string)(refusal);
}

/** Every refusal of a comment operation, in one message (as the panel and the history show them). */
export const commentRefusalsMessage = (refusals: readonly CommentRefusal[]): string => refusals.map(commentRefusalMessage).join(' ');
