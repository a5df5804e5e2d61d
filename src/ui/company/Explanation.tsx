import { useEffect, useRef } from 'react';
import { UNIT_LABELS, type Contribution, type EmployeeResult, type PathStep, type Referential } from '../../core/index.ts';
import { EvaluationResult } from '../components/EvaluationResult.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { absenceText, contributionArithmetic } from '../../present/evaluation.ts';

const t = frCompany.explanation;

/**
 * One employee's result explained: first in plain French, factor by factor (which jobs, tasks, paths
 * and prevention measures, with their weights and the arithmetic), then the full tables. Computed on
 * demand with the trace, for this employee only.
 */
export function Explanation({
  referential: r,
  employee,
  outcome,
  onClose,
  onPrint,
}: {
  referential: Referential;
  employee: string;
  outcome: { ok: true; result: EmployeeResult } | { ok: false; message: string };
  onClose: () => void;
  onPrint: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [employee]);
  return (
    <section className="explanation panel-inner" aria-labelledby="explanation-heading" data-testid="explanation" data-employee={employee}>
      <div className="explanation-head">
        <h3 id="explanation-heading" ref={heading} tabIndex={-1}>
          {t.heading(employee)}
        </h3>
        <div>
          {outcome.ok && (
            <button type="button" onClick={onPrint}>
              {t.print}
            </button>
          )}{' '}
          <button type="button" onClick={onClose}>
            {t.close}
          </button>
        </div>
      </div>
      {!outcome.ok ? (
        <p role="alert" className="error-text">
          {t.error(outcome.message)}
        </p>
      ) : (
        <>
          <PlainExplanation referential={r} result={outcome.result} />
          <EvaluationResult referential={r} result={outcome.result} heading={fr.result.heading} headingId="explanation-result-heading" testId="explanation-result" />
        </>
      )}
    </section>
  );
}

/** The explanation as sentences, one list per factor that has any exposure. */
export function PlainExplanation({ referential: r, result }: { referential: Referential; result: EmployeeResult }) {
  const items = result.factors.flatMap((f) =>
    f.groups
      .filter((g) => g.verdict !== 'not_exposed' || g.exposure > 0)
      .map((g) => ({ f, g, contributions: (result.trace ?? []).filter((c) => c.factor === f.factor && c.group === g.code) })),
  );
  // The year as the employee lived it: the actual exposure re-assessed over long absences, the agency that declares a temp worker.
  const context = (
    <>
      {result.absence && <p data-testid="explanation-absence">{absenceText({ factors: result.factors, absence: result.absence })}</p>}
      {result.temporary && <p data-testid="explanation-temporary">{frCompany.results.temporaryMark(result.temporary.agency)}</p>}
    </>
  );
  const listing = <ParticularlyExposed referential={r} result={result} />;
  if (items.length === 0)
    return (
      <>
        {context}
        <p>{fr.result.noContribution}</p>
        {listing}
      </>
    );
  return (
    <div className="plain-explanation" data-testid="plain-explanation">
      <h4>{t.plainHeading}</h4>
      {context}
      {listing}
      {items.map(({ f, g, contributions }) => {
        const unit = g.threshold ? UNIT_LABELS[g.threshold.unit] : '';
        return (
          <div key={`${f.factor}-${g.code}`} className="plain-factor" data-factor={f.factor} data-group={g.code}>
            <p>
              <strong>
                {g.threshold
                  ? t.factorLine(f.groups.length > 1 ? `${f.label} (${g.label})` : f.label, formatNumber(g.exposure, 2), unit, formatNumber(g.threshold.value, 2), fr.verdict[f.verdict])
                  : `${f.label} : ${fr.verdict[f.verdict]} (${fr.result.gridThreshold}).`}
              </strong>
            </p>
            <ul>
              {contributions.map((c, i) => (
                <li key={i} className={c.intensityMet ? '' : 'not-counted'}>
                  {sentence(r, result, c, unit)}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** The jobs of this employee that the branch lists as particularly exposed (art. L4163-2-1): no threshold, no points. */
function ParticularlyExposed({ referential: r, result }: { referential: Referential; result: EmployeeResult }) {
  const listed = result.factors.filter((f) => f.particularlyExposedJobs && f.particularlyExposedJobs.length > 0);
  if (listed.length === 0) return null;
  const jobLabel = (id: string) => r.jobs.find((j) => j.id === id)?.label ?? id;
  return (
    <ul className="particularly-exposed" data-testid="particularly-exposed">
      {listed.map((f) => (
        <li key={f.factor}>{t.listed(f.label, (f.particularlyExposedJobs ?? []).map(jobLabel), r.particularlyExposed?.agreement)}</li>
      ))}
    </ul>
  );
}

function sentence(r: Referential, result: EmployeeResult, c: Contribution, unit: string): string {
  const path = c.path.map((step) => stepText(r, step)).join(' ; ');
  const period = c.period ? ` (${t.period(formatDate(c.period.from), formatDate(c.period.to))})` : '';
  if (!c.intensityMet) return `${t.notCounted(c.taskLabel, c.situationLabel)}${period}${path ? ` — ${path}` : ''}.`;
  const head = t.contribution(formatNumber(c.amount, 2), unit, c.jobLabel, formatNumber(c.jobShare, 2), c.taskLabel, formatNumber(c.taskShare, 2), c.situationLabel);
  return `${head}${period}${path ? ` — ${path}` : ''}. ${fr.result.arithmetic} : ${contributionArithmetic(result, c)}.`;
}

function stepText(r: Referential, step: PathStep): string {
  if (step.kind === 'measure') return t.measure(step.label, step.applied);
  const q = r.questions.find((x) => x.id === step.question);
  let answer: string;
  if (typeof step.answer === 'boolean') answer = step.answer ? fr.form.yes : fr.form.no;
  else if (q?.type === 'choice') answer = q.choices.find((x) => x.id === step.answer)?.label ?? String(step.answer);
  else if (typeof step.answer === 'number') answer = `${formatNumber(step.answer)}${q?.type === 'number' ? ` ${q.unit}` : ''}`;
  else answer = step.answer;
  return t.answer(step.label, answer);
}
