import type { BranchCondition, Question } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frLifecycle } from '../i18n/fr-lifecycle.ts';

const t = frLifecycle.dossier;

/** A branch condition as the dossier prints it: « oui », the choices' labels, or a numeric range. */
export function ConditionText({ when, question }: { when: BranchCondition; question: Question | undefined }) {
  if ('is' in when) return <>{when.is ? t.yes : t.no}</>;
  if ('oneOf' in when) {
    const labels = when.oneOf.map((id) => (question?.type === 'choice' ? (question.choices.find((c) => c.id === id)?.label ?? id) : id));
    return <>{labels.join(' ou ')}</>;
  }
  const unit = question?.type === 'number' ? question.unit : undefined;
  const n = (x: number | undefined) => (x === undefined ? undefined : formatNumber(x));
  return <>{t.range(n(when.min), n(when.max), unit)}</>;
}
