import type { AnswerValue, DecisionNode, Question } from '../referential/schema.ts';

/*
 * The answers of an employee as far as the decision trees can tell them apart. Two employees with the
 * same signature take the same branch at every node and meet the same answer errors, so a task's
 * situation computed for one of them holds for the other: the specialised path computes it once per
 * signature.
 *
 * Per employee-level question, the class of its answer: 0 missing, 1 invalid (wrong type, unknown
 * choice, number out of the question's bounds), then one class per valid answer that some branch tells
 * apart — a boolean's two values, each choice id, and for a number the intervals between the bounds
 * the branches compare with (`min ≤ x < max`: between two consecutive bounds every test is the same).
 */

/** How one question's answers are told apart. */
export interface AnswerClasses {
  id: string;
  /** The number of classes. */
  radix: number;
  /** The class of a value (`undefined`: no answer); -1 when the trees test it in a way classes cannot capture. */
  classOf(value: AnswerValue | undefined): number;
}

/** A signature: a number when the classes' product fits, a string of classes otherwise. */
export type Signature = number | string;

export interface Signatures {
  /**
   * The signature of an employee's answers, or `null` when the specialised path cannot class them (an
   * answer to a question that is not employee-level, a value the trees test by equality on numbers):
   * the general path then decides.
   */
  of(answers: Readonly<Record<string, AnswerValue>> | undefined): Signature | null;
}

export function signatures(questions: readonly Question[], nodes: readonly DecisionNode[]): Signatures {
  const classes = questions.filter((q) => q.scope === 'employee').map((q) => answerClasses(q, nodes));
  const numeric = classes.reduce((n, c) => n * c.radix, 1) <= 2 ** 31;
  // Question id → its classes and its weight in a numeric signature (missing answers count 0).
  const index = new Map<string, { classes: AnswerClasses; weight: number; position: number }>();
  let weight = 1;
  for (let i = classes.length - 1; i >= 0; i--) {
    index.set(classes[i]!.id, { classes: classes[i]!, weight, position: i });
    weight *= classes[i]!.radix;
  }
  return {
    of(answers) {
      if (answers === undefined) return numeric ? 0 : `${new Array<number>(classes.length).fill(0).join(',')},`;
      if (typeof answers !== 'object' || answers === null) return null;
      let signature = 0;
      const wide: number[] | undefined = numeric ? undefined : new Array<number>(classes.length).fill(0);
      for (const key in answers) {
        // Every answer names an employee-level question (the general path says which one does not).
        const q = index.get(key);
        if (q === undefined || !Object.hasOwn(answers, key)) return null;
        const k = q.classes.classOf(answers[key]);
        if (k < 0) return null;
        if (wide) wide[q.position] = k;
        else signature += k * q.weight;
      }
      return wide ? `${wide.join(',')},` : signature;
    },
  };
}

function answerClasses(question: Question, nodes: readonly DecisionNode[]): AnswerClasses {
  switch (question.type) {
    case 'boolean':
      return { id: question.id, radix: 4, classOf: (v) => (v === undefined ? 0 : v === false ? 2 : v === true ? 3 : 1) };
    case 'choice': {
      const ids = new Map<string, number>();
      question.choices.forEach((c, i) => {
        if (!ids.has(c.id)) ids.set(c.id, i + 2);
      });
      return { id: question.id, radix: question.choices.length + 2, classOf: (v) => (v === undefined ? 0 : typeof v === 'string' ? (ids.get(v) ?? 1) : 1) };
    }
    case 'number': {
      const bounds = new Set<number>();
      // `is` on a number is refused by the loader; a referential built in code may still hold one.
      let equality = false;
      for (const node of nodes) {
        if (node.kind !== 'question' || node.question !== question.id) continue;
        for (const b of node.branches) {
          const when = b.when as { is?: unknown; min?: unknown; max?: unknown };
          if ('is' in when && typeof when.is === 'number') equality = true;
          if (typeof when.min === 'number') bounds.add(when.min);
          if (typeof when.max === 'number') bounds.add(when.max);
        }
      }
      const sorted = Float64Array.from([...bounds].sort((a, b) => a - b));
      const { min, max } = question;
      return {
        id: question.id,
        radix: sorted.length + 3,
        classOf: (v) => {
          if (v === undefined) return 0;
          if (typeof v !== 'number' || !Number.isFinite(v) || (min !== undefined && v < min) || (max !== undefined && v > max)) return 1;
          if (equality) return -1;
          // The number of bounds ≤ v.
          let lo = 0;
          let hi = sorted.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (sorted[mid]! <= v) lo = mid + 1;
            else hi = mid;
          }
          return 2 + lo;
        },
      };
    }
  }
}
