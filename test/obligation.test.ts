import { describe, expect, it } from 'vitest';
import { assessObligation, obligationRule } from '../src/core/obligation/index.ts';
import { obligationLegalBasis } from '../src/present/obligation.ts';

/*
 * The company's obligation to negotiate a prevention agreement or adopt an action plan.
 * Sources: /work/shared/domain.md, "Company obligation to negotiate (L4162-1, D4162-1 to D4162-4)", and
 * regulation-digest.md §5 (the table by period, the claims index, the exemption) with seed 001's
 * size/group table ("300 salariés ou plus … même en présence d'un accord de branche étendu").
 * Every case below is worked out by hand; shares are declared exposed ÷ headcount.
 */

describe('the rule by year (digest §5 table)', () => {
  it('each rule names its texts; the presentation states its triggers from the rule’s own figures', () => {
    expect(obligationRule(2011)).toMatchObject({ articles: [], texts: ['loi n° 2010-1330'] });
    expect(obligationRule(2015)).toMatchObject({ articles: ['L138-29 CSS', 'D4163-1'], texts: ['décret n° 2014-1158'] });
    expect(obligationRule(2024)).toMatchObject({ articles: ['L4162-1', 'D4162-1'], texts: ['ordonnance n° 2017-1389', 'décret n° 2017-1769'] });
    // 0.5 → « 50 % », 0.25 → « 25 % » and the claims index 0.25 → « 0,25 » (narrow no-break space before %).
    expect(obligationLegalBasis(obligationRule(2015))).toBe('L138-29 CSS et D4163-1 (décret n° 2014-1158) : au moins 50\u202f% de l’effectif déclaré exposé');
    expect(obligationLegalBasis(obligationRule(2024))).toBe('L4162-1 et D4162-1 (ordonnance n° 2017-1389, décret n° 2017-1769) : au moins 25\u202f% de l’effectif déclaré exposé, ou indice de sinistralité AT/MP supérieur à 0,25');
    expect(obligationLegalBasis(obligationRule(2011))).toBe('aucune obligation de négocier avant 2012 (loi n° 2010-1330)');
  });
  it('up to 2017: 50 %, no claims index; 2018: 25 %, no claims index; from 2019: 25 % or claims index > 0.25', () => {
    expect(obligationRule(2011)).toMatchObject({ id: 'before-2012', exposedShare: null, claimsIndexAbove: null });
    for (const year of [2012, 2015, 2016, 2017]) expect(obligationRule(year)).toMatchObject({ id: '2012-2017', exposedShare: 0.5, claimsIndexAbove: null });
    expect(obligationRule(2018)).toMatchObject({ id: '2018', exposedShare: 0.25, claimsIndexAbove: null });
    for (const year of [2019, 2023, 2024, 2030]) expect(obligationRule(year)).toMatchObject({ id: 'from-2019', exposedShare: 0.25, claimsIndexAbove: 0.25 });
    expect(obligationRule(2024)).toMatchObject({ minimumSize: 50, exemptionBelow: 300 });
  });
});

describe('from 2019: ≥ 25 % of the workforce declared exposed, or claims index > 0.25', () => {
  it('120 employees, 30 declared exposed: 30 / 120 = 25 % exactly, "at least" → applies', () => {
    const a = assessObligation({ year: 2024, headcount: 120, declaredExposed: 30 });
    expect(a.exposedShare).toBe(0.25);
    expect(a).toMatchObject({ outcome: 'applies', applies: true, sizeConcerned: true, exposedTriggered: true, claimsTriggered: null });
  });

  it('120 employees, 29 declared exposed: 24.17 % → not triggered, unless the claims index is above 0.25', () => {
    expect(assessObligation({ year: 2024, headcount: 120, declaredExposed: 29 })).toMatchObject({ outcome: 'not_triggered', applies: false, exposedTriggered: false });
    expect(assessObligation({ year: 2024, headcount: 120, declaredExposed: 29 }).exposedShare).toBeCloseTo(29 / 120, 12);
    // 0.25 is not "above" 0.25; 0.26 is.
    expect(assessObligation({ year: 2024, headcount: 120, declaredExposed: 29, claimsIndex: 0.25 })).toMatchObject({ outcome: 'not_triggered', claimsTriggered: false });
    expect(assessObligation({ year: 2024, headcount: 120, declaredExposed: 29, claimsIndex: 0.26 })).toMatchObject({ outcome: 'applies', claimsTriggered: true, exposedTriggered: false });
  });

  it('the share is over the whole workforce, not over the employees listed: 8 declared of 400 is 2 %', () => {
    const a = assessObligation({ year: 2024, headcount: 400, declaredExposed: 8 });
    expect(a.exposedShare).toBe(0.02);
    expect(a.outcome).toBe('not_triggered');
  });
});

describe('size: at least 50 employees, or a group of at least 50', () => {
  it('49 employees all declared exposed, no group → below the size, no obligation', () => {
    expect(assessObligation({ year: 2024, headcount: 49, declaredExposed: 49 })).toMatchObject({ outcome: 'below_size', applies: false, sizeConcerned: false, exposedShare: 1 });
  });

  it('exactly 50 employees with 13 declared exposed (26 %) → applies', () => {
    expect(assessObligation({ year: 2024, headcount: 50, declaredExposed: 13 })).toMatchObject({ outcome: 'applies', sizeConcerned: true });
  });

  it('20 employees, 10 declared exposed (50 %), in a group of 60 → applies through the group', () => {
    expect(assessObligation({ year: 2024, headcount: 20, groupHeadcount: 60, declaredExposed: 10 })).toMatchObject({ outcome: 'applies', sizeConcerned: true });
  });
});

describe('exemption: under 300 (group under 300) with an extended branch agreement (L4162-1 II, seed 001 table)', () => {
  it('200 employees, 80 declared exposed (40 %), extended agreement → exempt', () => {
    const a = assessObligation({ year: 2024, headcount: 200, declaredExposed: 80, extendedBranchAgreement: true });
    expect(a).toMatchObject({ outcome: 'exempt', applies: false, exemptionPossible: true, exposedTriggered: true });
  });

  it('the same without the agreement → applies', () => {
    expect(assessObligation({ year: 2024, headcount: 200, declaredExposed: 80, extendedBranchAgreement: false }).outcome).toBe('applies');
  });

  it('300 employees, 100 declared exposed (33.3 %), extended agreement → applies: 300 or more is never exempt', () => {
    expect(assessObligation({ year: 2024, headcount: 300, declaredExposed: 100, extendedBranchAgreement: true })).toMatchObject({ outcome: 'applies', exemptionPossible: false });
  });

  it('120 employees in a group of 350, extended agreement, 40 declared (33.3 %) → applies: the group is 300 or more', () => {
    expect(assessObligation({ year: 2024, headcount: 120, groupHeadcount: 350, declaredExposed: 40, extendedBranchAgreement: true })).toMatchObject({ outcome: 'applies', exemptionPossible: false });
  });

  it('20 employees in a group of 60, extended agreement, 10 declared (50 %) → exempt', () => {
    expect(assessObligation({ year: 2024, headcount: 20, groupHeadcount: 60, declaredExposed: 10, extendedBranchAgreement: true }).outcome).toBe('exempt');
  });

  it('the agreement matters only once triggered: 200 employees, 10 declared (5 %) with an agreement → not triggered', () => {
    expect(assessObligation({ year: 2024, headcount: 200, declaredExposed: 10, extendedBranchAgreement: true }).outcome).toBe('not_triggered');
  });
});

describe('before 2019', () => {
  it('2017: 100 employees, 40 exposed (40 %) → not triggered under the 50 % rule; the claims index is no trigger yet', () => {
    const a = assessObligation({ year: 2017, headcount: 100, declaredExposed: 40, claimsIndex: 0.9 });
    expect(a).toMatchObject({ outcome: 'not_triggered', claimsTriggered: null, exposedTriggered: false });
  });

  it('2016: 100 employees, 50 exposed (50 %) → applies', () => {
    expect(assessObligation({ year: 2016, headcount: 100, declaredExposed: 50 }).outcome).toBe('applies');
  });

  it('2018: 100 employees, 25 exposed (25 %) → applies; 24 (24 %) with a claims index of 0.9 → not triggered', () => {
    expect(assessObligation({ year: 2018, headcount: 100, declaredExposed: 25 }).outcome).toBe('applies');
    expect(assessObligation({ year: 2018, headcount: 100, declaredExposed: 24, claimsIndex: 0.9 })).toMatchObject({ outcome: 'not_triggered', claimsTriggered: null });
  });

  it('2011: no obligation existed yet', () => {
    expect(assessObligation({ year: 2011, headcount: 500, declaredExposed: 500 })).toMatchObject({ outcome: 'no_rule', applies: false });
  });
});

describe('odd figures', () => {
  it('a headcount of 0 gives a share of 0 and no obligation', () => {
    expect(assessObligation({ year: 2024, headcount: 0, declaredExposed: 0 })).toMatchObject({ exposedShare: 0, outcome: 'below_size' });
  });

  it('more employees declared exposed than the stated headcount is flagged', () => {
    const a = assessObligation({ year: 2024, headcount: 60, declaredExposed: 70 });
    expect(a.headcountInconsistent).toBe(true);
    expect(a.outcome).toBe('applies');
    expect(assessObligation({ year: 2024, headcount: 60, declaredExposed: 60 }).headcountInconsistent).toBe(false);
  });
});
