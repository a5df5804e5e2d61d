// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvaluator, loadReferential, type Employee } from '../src/core/index.ts';
import { PlainExplanation } from '../src/ui/company/Explanation.tsx';

/*
 * A job the branch lists as particularly exposed to an ergonomic factor (art. L4163-2-1 of the Code du
 * travail, loi 2023-270 of 14 April 2023) is named in the employee's explanation, with the agreement,
 * although postures have had no decree threshold since 2017-10-01 (ordonnance 2017-1389).
 */

afterEach(cleanup);

function referential() {
  const loaded = loadReferential({
    formatVersion: 2,
    id: 'liste-branche',
    identity: { branch: 'Essai', title: 'Essai', version: '1.0.0', status: 'draft', authors: [], created: '2026-01-01' },
    regulation: '2023-09-01',
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: ['noise', 'awkward_postures'], excluded: [] },
    questions: [],
    measures: [],
    jobs: [
      { id: 'atelier', label: 'Carrossier', tasks: [{ id: 't-bruit', label: 'Presses', defaultShare: 50, entry: 's-bruit' }, { id: 't-plafonds', label: 'Plafonds', defaultShare: 50, entry: 's-postures' }] },
      { id: 'bureau', label: 'Magasinier', tasks: [{ id: 't-bureau', label: 'Réception', defaultShare: 100, entry: 's-postures' }] },
    ],
    nodes: [],
    situations: [
      { id: 's-bruit', label: 'Presses', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 88, unit: 'dB(A)' }], duration: { value: 1400, unit: 'h/year' }, conclusion: 'exposed' }] },
      { id: 's-postures', label: 'Plafonds', exposures: [{ factor: 'awkward_postures', criterion: 'arms_above_shoulders', intensity: [], duration: { value: 1000, unit: 'h/year' }, conclusion: 'exposed' }] },
    ],
    particularlyExposed: { agreement: 'Accord du 1er février 2026', entries: [{ job: 'atelier', tasks: ['t-plafonds'], factors: ['awkward_postures'] }] },
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}

const person = (id: string, job: string): Employee => ({ id, annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job, share: 100 }] });

describe('the explanation names the branch’s L4163-2-1 listing', () => {
  it('for a job on the list: the factor, the job by its label and the agreement', () => {
    const r = referential();
    const result = createEvaluator(r, { answers: {}, measures: [] }, { year: 2024, trace: true }).evaluate(person('A', 'atelier'));
    render(<PlainExplanation referential={r} result={result} />);
    expect(screen.getByTestId('particularly-exposed').textContent).toBe(
      'Postures pénibles : le poste « Carrossier » figure sur la liste des postes particulièrement exposés établie par la branche (art. L4163-2-1 du Code du travail, Accord du 1er février 2026) : ni seuil ni points, mais une priorité de prévention.',
    );
  });

  it('not for a job off the list, even with the same postures', () => {
    const r = referential();
    const result = createEvaluator(r, { answers: {}, measures: [] }, { year: 2024, trace: true }).evaluate(person('B', 'bureau'));
    render(<PlainExplanation referential={r} result={result} />);
    expect(screen.queryByTestId('particularly-exposed')).toBeNull();
  });
});
