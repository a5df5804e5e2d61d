import type { BranchCondition, GraphDocument, GraphEdge, Question } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';

/** A branch condition in words: « oui », « Atelier ou Chantier », « 0 ≤ x < 50 kg ». */
export function conditionText(when: BranchCondition, question: Question | undefined): string {
  if ('is' in when) return when.is ? frEditor.edge.yes : frEditor.edge.no;
  if ('oneOf' in when) {
    const choices = question?.type === 'choice' ? question.choices : [];
    return when.oneOf.map((id) => choices.find((c) => c.id === id)?.label ?? id).join(frEditor.edge.or);
  }
  const range = when as { min?: number; max?: number };
  const unit = question?.type === 'number' ? question.unit : '';
  return frEditor.edge.range(range.min === undefined ? undefined : formatNumber(range.min), range.max === undefined ? undefined : formatNumber(range.max), unit).trim();
}

/** The label an edge carries on the canvas. */
export function edgeText(graph: GraphDocument, edge: GraphEdge, question?: Question): string | undefined {
  switch (edge.kind) {
    case 'weighting':
      return frEditor.edge.share(formatNumber(edge.share));
    case 'entry':
      return undefined;
    case 'branch':
      return conditionText(edge.when, question ?? questionOfNode(graph, edge.source));
    case 'measure':
      return edge.applied ? frEditor.edge.applied : frEditor.edge.notApplied;
  }
}

export function questionOfNode(graph: GraphDocument, nodeId: string): Question | undefined {
  const node = graph.nodes.find((n) => n.id === nodeId);
  return node?.kind === 'question' ? graph.referential.questions.find((q) => q.id === node.question) : undefined;
}

/** Lower case, without accents: « Équipe » finds « equipe ». */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** A French decimal typed by a user (`12,5`, `1 607`) → number, or undefined when empty or not a number. */
export function parseDecimal(text: string): number | undefined {
  const clean = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  if (clean === '') return undefined;
  const n = Number(clean);
  return Number.isFinite(n) ? n : undefined;
}
