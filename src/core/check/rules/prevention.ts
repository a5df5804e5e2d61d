import { successors, type CheckContext } from '../context.ts';
import { reaches, round6 } from '../../util/round.ts';

/**
 * For each prevention measure node, the situations reachable when it is applied and when it is not,
 * compared group by group at 100 % time (the worst case of each side).
 */
export function preventionRules(ctx: CheckContext): void {
  const { r, table } = ctx;
  if (!table) return;
  const index = new Map(r.nodes.map((n, i) => [n.id, i]));
  const measures = new Map(r.measures.map((m) => [m.id, m]));
  const worst = new Map<string, Float64Array>();

  const worstFrom = (start: string): Float64Array => {
    const cached = worst.get(start);
    if (cached) return cached;
    const out = new Float64Array(table.slots.length);
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const vector = ctx.vectors.get(id);
      if (vector) for (let s = 0; s < out.length; s++) out[s] = Math.max(out[s]!, vector.values[s]!);
      stack.push(...successors(r, index, id));
    }
    worst.set(start, out);
    return out;
  };

  r.nodes.forEach((node, i) => {
    if (node.kind !== 'measure') return;
    const applied = worstFrom(node.applied);
    const notApplied = worstFrom(node.notApplied);
    const measure = measures.get(node.measure);
    const label = measure?.label ?? node.measure;
    // A measure that lowers one exposure while raising another is a trade-off to justify (a handling
    // truck brings vibrations); one that only raises exposure has its branches swapped.
    const lowersSomething = table.slots.some((_slot, s) => round6(applied[s]!) < round6(notApplied[s]!));
    table.slots.forEach((slot, s) => {
      const minimum = slot.group.minimum;
      const a = round6(applied[s]!);
      const n = round6(notApplied[s]!);
      const params = { measure: label, factor: slot.factor.label, applied: round(a), notApplied: round(n), unit: minimum?.unit ?? '' };
      if (a > n) ctx.emit(lowersSomething ? 'prevention.measure_tradeoff' : 'prevention.measure_increases_exposure', { element: node.id, path: ['nodes', i] }, params);
      if (measure?.kind === 'individual' && minimum && reaches(n, minimum.value) && !reaches(a, minimum.value)) {
        ctx.emit('prevention.individual_measure_alone', { element: node.id, path: ['nodes', i] }, { ...params, threshold: minimum.value });
      }
    });
  });
}

const round = (x: number) => Math.round(x * 100) / 100;
