import { useEffect, useRef, useState, type FormEvent } from 'react';
import { sharesComplete, type Question, type Referential } from '../../core/index.ts';
import { evaluateForm, initialFormState, inputIds, shareTotal, type EvaluationOutcome, type FieldError, type FormState } from '../evaluationForm.ts';
import { formatNumber } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { EvaluationResult } from './EvaluationResult.tsx';
import { Field } from './Field.tsx';
import { QuestionInput, questionLabel } from './QuestionInput.tsx';

export function EvaluationPanel({ referential: r }: { referential: Referential }) {
  const [state, setState] = useState<FormState>(() => initialFormState(r, new Date().getFullYear()));
  const [outcome, setOutcome] = useState<EvaluationOutcome | null>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Each evaluation moves focus to what it produced, so keyboard and screen-reader users land on it.
  const [evaluations, setEvaluations] = useState(0);

  useEffect(() => {
    if (evaluations === 0 || !outcome) return;
    if (outcome.ok) resultHeading.current?.focus();
    else errorBox.current?.focus();
  }, [evaluations, outcome]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(evaluateForm(r, state));
    setEvaluations((n) => n + 1);
  };
  const update = (patch: Partial<FormState>) => setState((s) => ({ ...s, ...patch }));
  const errorFor = new Map<string, string>();
  if (outcome && !outcome.ok) for (const e of outcome.errors) if (e.inputId && !errorFor.has(e.inputId)) errorFor.set(e.inputId, e.message);

  const total = shareTotal(state);
  const totalOk = sharesComplete(total);
  const companyQuestions = r.questions.filter((q) => q.scope === 'company');
  const employeeQuestions = r.questions.filter((q) => q.scope === 'employee');

  return (
    <section aria-labelledby="evaluation-heading" className="panel evaluation">
      <h2 id="evaluation-heading">{fr.form.heading}</h2>
      <p className="help">{fr.form.intro}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{fr.form.yearAndCompany}</legend>
          <Field id={inputIds.year} label={fr.form.year} error={errorFor.get(inputIds.year)}>
            {(props) => <input {...props} type="number" inputMode="numeric" min={2015} max={2100} step={1} value={state.year} onChange={(e) => update({ year: e.target.value })} />}
          </Field>
          {companyQuestions.length > 0 && <h3>{fr.form.companyQuestions}</h3>}
          {companyQuestions.map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              id={inputIds.company(q.id)}
              value={state.company[q.id] ?? ''}
              error={errorFor.get(inputIds.company(q.id))}
              onChange={(v) => update({ company: { ...state.company, [q.id]: v } })}
            />
          ))}
        </fieldset>

        <fieldset>
          <legend>{fr.form.measures}</legend>
          {r.measures.length === 0 && <p>{fr.form.noMeasures}</p>}
          {r.measures.map((m) => (
            <div key={m.id} className="check">
              <input
                id={inputIds.measure(m.id)}
                type="checkbox"
                checked={state.measures[m.id] ?? false}
                onChange={(e) => update({ measures: { ...state.measures, [m.id]: e.target.checked } })}
                aria-describedby={m.description ? `${inputIds.measure(m.id)}-help` : undefined}
              />
              <label htmlFor={inputIds.measure(m.id)}>
                {m.label} <span className="tag">{fr.form.measureKind[m.kind] ?? m.kind}</span>
              </label>
              {m.description && (
                <p id={`${inputIds.measure(m.id)}-help`} className="help">
                  {m.description}
                </p>
              )}
            </div>
          ))}
        </fieldset>

        <fieldset>
          <legend>{fr.form.employee}</legend>
          <div className="grid">
            <Field id={inputIds.annualHours} label={fr.form.annualHours} help={fr.form.annualHoursHelp} error={errorFor.get(inputIds.annualHours)}>
              {(props) => <input {...props} type="number" inputMode="decimal" min={0} step="any" value={state.annualHours} onChange={(e) => update({ annualHours: e.target.value })} />}
            </Field>
            <Field id={inputIds.birth} label={fr.form.birth} help={fr.form.birthHelp} error={errorFor.get(inputIds.birth)}>
              {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" placeholder="1980" value={state.birth} onChange={(e) => update({ birth: e.target.value })} />}
            </Field>
            <Field id={inputIds.contractStart} label={fr.form.contractStart} help={fr.form.contractHelp} error={errorFor.get(inputIds.contractStart)}>
              {(props) => <input {...props} type="date" value={state.contractStart} onChange={(e) => update({ contractStart: e.target.value })} />}
            </Field>
            <Field id={inputIds.contractEnd} label={fr.form.contractEnd} error={errorFor.get(inputIds.contractEnd)}>
              {(props) => <input {...props} type="date" value={state.contractEnd} onChange={(e) => update({ contractEnd: e.target.value })} />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>{fr.form.mission}</legend>
          <div className="grid">
            {r.jobs.map((job) => (
              <Field key={job.id} id={inputIds.share(job.id)} label={fr.form.shareLabel(job.label)} error={errorFor.get(inputIds.share(job.id))}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={100}
                    step="any"
                    value={state.shares[job.id] ?? ''}
                    onChange={(e) => update({ shares: { ...state.shares, [job.id]: e.target.value } })}
                  />
                )}
              </Field>
            ))}
          </div>
          <p aria-live="polite" className={totalOk ? 'total total-ok' : 'total total-ko'} data-testid="share-total" data-value={total}>
            {fr.form.total(formatNumber(total))} — {totalOk ? fr.form.totalOk : fr.form.totalKo}
          </p>
        </fieldset>

        {employeeQuestions.length > 0 && (
          <fieldset>
            <legend>{fr.form.employeeQuestions}</legend>
            {employeeQuestions.map((q) => (
              <QuestionField
                key={q.id}
                question={q}
                id={inputIds.employee(q.id)}
                value={state.employee[q.id] ?? ''}
                error={errorFor.get(inputIds.employee(q.id))}
                onChange={(v) => update({ employee: { ...state.employee, [q.id]: v } })}
              />
            ))}
          </fieldset>
        )}

        <button type="submit" className="primary">
          {fr.form.submit}
        </button>
      </form>

      {outcome && !outcome.ok && <ErrorSummary ref={errorBox} errors={outcome.errors} />}
      {outcome?.ok && <EvaluationResult referential={r} result={outcome.result} headingRef={resultHeading} />}
    </section>
  );
}

function QuestionField({ question: q, id, value, error, onChange }: { question: Question; id: string; value: string; error: string | undefined; onChange: (value: string) => void }) {
  return (
    <Field id={id} label={questionLabel(q)} help={q.help} error={error}>
      {(props) => <QuestionInput {...props} question={q} value={value} onChange={onChange} numbers="native" />}
    </Field>
  );
}

function ErrorSummary({ errors, ref }: { errors: readonly FieldError[]; ref: React.Ref<HTMLDivElement> }) {
  const focus = (inputId: string) => document.getElementById(inputId)?.focus();
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="error-box" data-testid="evaluation-errors">
      <h3>{fr.form.errorsHeading}</h3>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-field={e.field}>
            <strong>{e.label}</strong> : {e.message}
            {e.inputId && (
              <>
                {' '}
                <button type="button" className="link" onClick={() => focus(e.inputId!)}>
                  {fr.form.goToField}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
