import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvaluationError, createEvaluator, evaluate, loadReferential, type CompanyAnswers, type Employee, type Referential } from '../src/core/index.ts';
import { evaluationErrorDetail, evaluationErrorMessage, evaluationErrorRecord } from '../src/present/evaluation-errors.ts';
import { missingQuantitiesText } from '../src/present/quantities.ts';
import { checkExportWithMessages, checkReportMarkdown } from '../src/present/check-report.ts';
import type { CheckExport } from '../src/core/index.ts';

/*
 * The evaluator's errors in French (src/present/evaluation-errors.ts): the core gives code, field,
 * employee and parameters; the presenter writes the sentence with the one number formatter (decimal
 * comma, narrow no-break space U+202F before « % » and between thousands), French dates, and the
 * referential's labels in place of ids when it is given.
 */

const NNBSP = '\u202f';
const SAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as unknown;
const loaded = loadReferential(SAMPLE);
if (!loaded.ok) throw new Error('fixture');
const REF: Referential = loaded.value;
const ATELIER: CompanyAnswers = { answers: { 'q-activite': 'atelier' }, measures: [] };

const mechanic = (over: Partial<Employee> = {}): Employee => ({ id: 'E1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }], ...over });

function thrown(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}
const evalOne = (employee: Employee, company = ATELIER) => thrown(() => evaluate(REF, company, employee, { year: 2024 }));

describe('evaluation errors in French', () => {
  it('shares: the sum with a decimal comma and a narrow no-break space before %, the job by its label', () => {
    // 59.9 + 40 = 99.9 %: refused (|99.9 − 100| = 0.1 > 0.01).
    const e = evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks: [{ task: 'moteurs-thermiques', share: 59.9 }, { task: 'carrosserie', share: 40 }] }] }));
    expect(e.params).toEqual({ job: 'mecanicien', sum: 99.9 });
    expect(evaluationErrorDetail(e, REF)).toBe(`les parts des tâches du poste « Mécanicien » totalisent 99,9${NNBSP}% au lieu de 100${NNBSP}%`);
    // Without the referential the id stands in for the label.
    expect(evaluationErrorDetail(e)).toBe(`les parts des tâches du poste « mecanicien » totalisent 99,9${NNBSP}% au lieu de 100${NNBSP}%`);
  });

  it('the whole message names the employee and the field', () => {
    const e = evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 60 }, { job: 'agent-nuit', share: 30 }], answers: { 'q-equipes-alternantes': false } }));
    expect(evaluationErrorMessage(e, REF)).toBe(`Salarié E1, jobs : les parts des postes totalisent 90${NNBSP}% au lieu de 100${NNBSP}%`);
    const company = thrown(() => createEvaluator(REF, { answers: { 'q-activite': 'atelier' }, measures: [{ measure: 'm-casque' }] }, { year: 2024 }));
    expect(evaluationErrorMessage(company, REF)).toBe('measures[0].measure : mesure de prévention « m-casque » inconnue dans ce référentiel');
  });

  it('figures: thousands and decimals in French', () => {
    const hours = evalOne(mechanic({ annualHours: 9000.5 }));
    expect(evaluationErrorDetail(hours)).toBe(`durée annuelle de travail 9${NNBSP}000,5 h invalide : attendu plus de 0 et au plus 8${NNBSP}784 h`);
    const share = evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100.5 }] }));
    expect(evaluationErrorDetail(share)).toBe(`part du temps 100,5 invalide : attendu entre 0 et 100${NNBSP}%`);
  });

  it('answers: criteria by their label, yes/no in French', () => {
    const missing = evalOne(mechanic(), { answers: {}, measures: [] });
    expect(evaluationErrorDetail(missing, REF)).toBe('réponse de l’entreprise manquante au critère « Activité de l’entreprise »');
    const wrong = evalOne({ id: 'N3', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'agent-nuit', share: 100 }], answers: { 'q-equipes-alternantes': 'oui' } });
    expect(evaluationErrorDetail(wrong, REF)).toBe('réponse « oui » invalide au critère « Le salarié travaille-t-il en équipes successives alternantes ? » : oui ou non attendu');
    const scope = evalOne(mechanic({ answers: { 'q-activite': 'chantier' } }));
    expect(evaluationErrorDetail(scope, REF)).toBe('le critère « Activité de l’entreprise » se renseigne pour l’entreprise, pas par salarié');
  });

  it('dates in French (JJ/MM/AAAA), years as written', () => {
    const outside = evalOne(mechanic({ contract: { start: '2023-01-01', end: '2023-12-31' } }));
    expect(evaluationErrorDetail(outside)).toBe('le contrat (01/01/2023 → 31/12/2023) ne couvre aucun jour de 2024');
    const reversed = evalOne(mechanic({ contract: { start: '2024-06-01', end: '2024-05-31' } }));
    expect(evaluationErrorDetail(reversed)).toBe('fin du contrat (31/05/2024) avant son début (01/06/2024)');
    const year = thrown(() => createEvaluator(REF, ATELIER, { year: 2014 }));
    expect(evaluationErrorDetail(year)).toBe('année 2014 non prise en charge : les seuils existent à partir de 2015');
    const half = thrown(() => createEvaluator(REF, ATELIER, { year: 2024.5 }));
    expect(evaluationErrorDetail(half)).toBe('année 2024,5 non prise en charge : les seuils existent à partir de 2015');
  });

  it('a situation the version cannot evaluate: its label, the factor’s label and what to state', () => {
    const text = evaluationErrorDetail(
      { code: 'referential_invalid', params: { problem: 'unplaced', situation: 's-moteurs-bruit', reason: 'intensity', factor: 'repetitive_work', criterion: 'repetitive_movements', version: '2023-09-01', quantities: ['actions_per_minute'] } },
      REF,
    );
    expect(text).toBe(
      'situation « Moteurs thermiques en atelier, sans réduction du bruit » : intensité indéterminée pour Travail répétitif (repetitive_movements) sous la version « Décrets 2023-759 et 2023-760 — 1er septembre 2023 » : ' +
        'indiquez le nombre d’actions techniques par minute (deux des trois grandeurs temps de cycle, actions par cycle, actions par minute suffisent : la troisième s’en déduit)',
    );
    expect(missingQuantitiesText(['load', 'daily_tonnage'])).toBe('indiquez la charge unitaire (kg) et le tonnage cumulé par jour (t)');
  });

  it('as a JSON record: code, field and parameters for programs, the message for people', () => {
    const e = evalOne(mechanic({ jobs: [{ job: 'soudeur', share: 100 }] }));
    expect(evaluationErrorRecord(e, REF)).toEqual({ code: 'unknown_job', field: 'jobs[0].job', params: { job: 'soudeur' }, message: 'poste inconnu « soudeur » dans ce référentiel' });
  });

  it('the core’s own message is for programmers: code and field, no French', () => {
    const e = evalOne(mechanic({ jobs: [{ job: 'soudeur', share: 100 }] }));
    expect(e.message).toBe('unknown_job at jobs[0].job (employee E1)');
  });

  it('a scenario stopped by an evaluation error: data in the check report, French in its Markdown and JSON', () => {
    const report: CheckExport = {
      kind: 'logigramme-check-report',
      formatVersion: 1,
      referential: { id: 'x', title: 'X', branch: 'B', version: '1.0.0', status: 'draft', regulation: '2023-09-01', contentHash: 'h' },
      generatedAt: '2026-01-01T00:00:00Z',
      counts: { error: 0, warning: 0, info: 0 },
      findings: [],
      scenarios: [{ id: 'sc', label: 'Scénario', passed: false, mismatches: [], error: { code: 'shares_sum', field: 'jobs', params: { sum: 99.5 } } }],
    };
    expect(checkReportMarkdown(report)).toContain(`jobs : les parts des postes totalisent 99,5${NNBSP}% au lieu de 100${NNBSP}%`);
    expect(checkExportWithMessages(report).scenarios[0]!.error).toEqual({ code: 'shares_sum', field: 'jobs', params: { sum: 99.5 }, message: `jobs : les parts des postes totalisent 99,5${NNBSP}% au lieu de 100${NNBSP}%` });
  });

  it('an unknown code, or parameters that do not fit the code, do not compile (tsc runs on the tests)', () => {
    // @ts-expect-error — not a code of EvaluationErrorParams
    expect(new EvaluationError('unknown_code', 'x', {}).field).toBe('x');
    // @ts-expect-error — shares_sum needs its sum
    expect(new EvaluationError('shares_sum', 'jobs', { job: 'mecanicien' }).code).toBe('shares_sum');
  });
});
