import { regulationById } from '../regulation/index.ts';
import type { FactorCode, RegulationVersion, ThresholdUnit } from '../regulation/types.ts';
import type { Referential, Verdict } from '../referential/schema.ts';
import { situationVector, slotTable, type SlotTable } from '../evaluate/plan.ts';
import { formatPath } from '../util/path.ts';
import { reaches, round6 } from '../util/round.ts';

export interface SituationVerdict {
  verdict: Verdict;
  inForce: boolean;
  /** The deciding group: the exposed one, or the one closest to its threshold. */
  group: string | null;
  value: number;
  threshold: number | null;
  unit: ThresholdUnit | null;
}

export interface VerdictFlip {
  situation: string;
  situationLabel: string;
  path: string;
  factor: FactorCode;
  factorLabel: string;
  from: SituationVerdict;
  to: SituationVerdict;
}

export interface FactorChange {
  factor: FactorCode;
  label: string;
  inForce: [boolean, boolean];
  earnsPoints: [boolean, boolean];
  retained: boolean;
}

export interface WhatIfReport {
  referential: string;
  from: string;
  to: string;
  flips: VerdictFlip[];
  factorChanges: FactorChange[];
}

/**
 * Each situation's verdict per factor at 100 % time under version `v`: exposed when the factor is in
 * force and one of its groups reaches its minimum; chemicals as the authors concluded on the arrêté
 * grid (exposed or to analyse); `no_legal_threshold` for a factor the version gives no threshold (the
 * four removed on 2017-10-01) when the situation describes an exposure to it — the figures then being
 * compared with nothing but the former threshold, for reference.
 */
export function situationVerdicts(r: Referential, table: SlotTable): Map<string, Map<FactorCode, SituationVerdict>> {
  const out = new Map<string, Map<FactorCode, SituationVerdict>>();
  for (const s of r.situations) {
    const vector = situationVector(table, s, r.workingYear, () => {});
    const factors = new Map<FactorCode, SituationVerdict>();
    const concerned = new Set(s.exposures.map((e) => e.factor));
    table.version.factors.forEach((factor, fi) => {
      if (!concerned.has(factor.code)) return;
      let best: SituationVerdict = { verdict: 'not_exposed', inForce: factor.inForce, group: null, value: 0, threshold: null, unit: null };
      let bestRatio = -1;
      for (const slotIndex of table.factorSlots[fi]!) {
        const group = table.slots[slotIndex]!.group;
        if (group.minimum === null) {
          if (vector.grid !== 'none' && factor.inForce) {
            const verdict: Verdict = !factor.legalThreshold ? 'no_legal_threshold' : vector.grid;
            best = { verdict, inForce: true, group: group.code, value: 0, threshold: null, unit: null };
          }
          continue;
        }
        const value = round6(vector.values[slotIndex]!);
        const ratio = value / group.minimum.value;
        if (ratio > bestRatio) {
          bestRatio = ratio;
          const verdict: Verdict = !factor.inForce ? 'not_exposed' : !factor.legalThreshold ? (value > 0 ? 'no_legal_threshold' : 'not_exposed') : reaches(value, group.minimum.value) ? 'exposed' : 'not_exposed';
          best = { verdict, inForce: factor.inForce, group: group.code, value, threshold: group.minimum.value, unit: group.minimum.unit };
        }
      }
      factors.set(factor.code, best);
    });
    out.set(s.id, factors);
  }
  return out;
}

/**
 * Checks the same referential against another regulation version and lists every situation whose
 * verdict flips, and every factor whose status changes: how a branch built on 2014 thresholds learns
 * what 2016, 2017 and 2023 change.
 */
export function whatIf(r: Referential, from: RegulationVersion, to: RegulationVersion): WhatIfReport {
  const a = situationVerdicts(r, slotTable(from));
  const b = situationVerdicts(r, slotTable(to));
  const flips: VerdictFlip[] = [];
  r.situations.forEach((s, i) => {
    const before = a.get(s.id)!;
    const after = b.get(s.id)!;
    for (const [factor, x] of before) {
      const y = after.get(factor)!;
      if (x.verdict !== y.verdict) {
        flips.push({ situation: s.id, situationLabel: s.label, path: formatPath(['situations', i]), factor, factorLabel: to.factors.find((f) => f.code === factor)!.label, from: x, to: y });
      }
    }
  });
  const retained = new Set(r.factors.retained);
  const factorChanges: FactorChange[] = [];
  from.factors.forEach((f, i) => {
    const g = to.factors[i]!;
    if (f.inForce !== g.inForce || f.earnsPoints !== g.earnsPoints) {
      factorChanges.push({ factor: f.code, label: f.label, inForce: [f.inForce, g.inForce], earnsPoints: [f.earnsPoints, g.earnsPoints], retained: retained.has(f.code) });
    }
  });
  return { referential: r.id, from: from.id, to: to.id, flips, factorChanges };
}

/** Resolves both versions by id; `undefined` when one is unknown. */
export function whatIfById(r: Referential, fromId: string, toId: string): WhatIfReport | undefined {
  const from = regulationById(fromId);
  const to = regulationById(toId);
  return from && to ? whatIf(r, from, to) : undefined;
}
