import { useEffect, useState } from 'react';
import type { CompanyEvaluation } from './evaluation.ts';
import { compareOffThread } from './evaluationClient.ts';
import { compareEvaluations, type Comparison } from './whatif.ts';

/**
 * Two evaluations compared employee by employee (the what-if, the year before), off the page for large
 * staffs (compareOffThread); null until the comparison of these two is there. A newer pair cancels the
 * older one's answer.
 */
export function useComparison(before: CompanyEvaluation | null | undefined, after: CompanyEvaluation | null | undefined): Comparison | null {
  const [found, setFound] = useState<{ before: CompanyEvaluation; after: CompanyEvaluation; comparison: Comparison } | null>(null);
  useEffect(() => {
    if (!before || !after) return;
    const controller = new AbortController();
    compareOffThread(before, after, controller.signal)
      // The worker failed (not cancelled): the page compares itself rather than show nothing.
      .catch((error: unknown) => (controller.signal.aborted ? Promise.reject(error) : compareEvaluations(before, after)))
      .then(
        (comparison) => {
          if (!controller.signal.aborted) setFound({ before, after, comparison });
        },
        () => {},
      );
    return () => controller.abort();
  }, [before, after]);
  return before && after && found && found.before === before && found.after === after ? found.comparison : null;
}
