import { useEffect, useMemo, useRef, useState } from 'react';
import { useDb } from '../context.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { AnswersStep, MeasuresStep } from './AnswersStep.tsx';
import { DataPanel } from './DataPanel.tsx';
import { currentStep, type CompanyEmitted, type CompanyMachineInput } from './machine.ts';
import { ProfileStep } from './ProfileStep.tsx';
import { ReferentialStep } from './ReferentialStep.tsx';
import { ResultsStep } from './ResultsStep.tsx';
import { StaffStep } from './StaffStep.tsx';
import { saveEvaluation, saveStaff, updateCompany, type Workspace } from './storage.ts';
import type { StepProps } from './stepProps.ts';
import { nextStep, previousStep, stepAvailable, stepComplete, STEPS, type Step } from './steps.ts';
import { useCompanyActor } from './useCompanyActor.ts';
import { nextTask } from '../../io/tasks.ts';

const t = frCompany.workspace;
/** The steps' names (a step without one does not compile). */
const STEP_NAMES: Record<Step, string> = frCompany.steps;

/** One company and one year: the stepper, the current step, and the company's data actions. */
export function CompanyWorkspace({ workspace, onReload }: { workspace: Workspace; onReload: () => void }) {
  const db = useDb();
  const company = workspace.company;
  const [saveError, setSaveError] = useState('');
  const queue = useRef<Promise<void>>(Promise.resolve());

  const input = useMemo<CompanyMachineInput>(
    () => ({
      companyId: company.id,
      year: company.year,
      profile: company.profile,
      ...(workspace.referential ? { referential: { key: workspace.referential.key, referential: workspace.referential.referential, contentHash: workspace.referential.contentHash } } : {}),
      answers: company.answers,
      measures: company.measures,
      employees: workspace.staff?.employees ?? [],
      ...(workspace.staff?.source ? { staffSource: workspace.staff.source } : {}),
      ...(company.step ? { step: company.step } : {}),
      ...(company.staffColumns ? { columnMapping: company.staffColumns } : {}),
      dbName: db.name,
    }),
    [workspace, company, db],
  );

  // Every change is written as it is made, in order; a failure is shown, never swallowed. Each write
  // waits for its own task, so that copying a large staff or evaluation into IndexedDB is never added
  // to the task that draws the screen.
  const persist = (event: CompanyEmitted) => {
    queue.current = queue.current
      .then(nextTask)
      .then(async () => {
        switch (event.type) {
          case 'company.save':
            await updateCompany(db, company.id, event.patch);
            break;
          case 'staff.save':
            // A staff the worker already stored is not copied again by the page.
            if (!event.stored) await saveStaff(db, company.id, company.year, event.employees, event.source);
            break;
          case 'evaluation.save':
            if (!event.stored) await saveEvaluation(db, company.id, event.referential, event.evaluation);
            break;
        }
        setSaveError('');
      })
      .catch((error: unknown) => setSaveError(error instanceof Error ? error.message : String(error)));
  };

  const running = useCompanyActor(input, persist);
  const step = running ? currentStep(running.snapshot.value) : undefined;
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  useEffect(() => {
    document.title = `${company.profile.name} — ${fr.app.name}`;
  }, [company.profile.name]);

  useEffect(() => {
    if (!step) return;
    // Focus follows a change of step, not the first display (the page keeps its natural start).
    if (firstStep.current) firstStep.current = false;
    else stepHeading.current?.focus();
  }, [step]);

  // While another year's records are read, this year's steps are gone: nothing typed meanwhile would
  // be kept (the workspace is replaced). The same year chosen again changes nothing.
  const [switching, setSwitching] = useState(false);
  const changeYear = async (year: number) => {
    if (year === company.year) return;
    setSwitching(true);
    try {
      await queue.current;
      await updateCompany(db, company.id, { year });
      onReload();
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSwitching(false);
    }
  };

  if (!running || !step || switching) return <p role="status">{t.loading}</p>;
  const { snapshot, actor } = running;
  const context = snapshot.context;
  const props: StepProps = { snapshot, actor, workspace };
  const thisYear = new Date().getFullYear();
  const years = [...new Set([...Array.from({ length: thisYear + 2 - 2015 }, (_, i) => 2015 + i), company.year])].sort((a, b) => b - a);
  const next = nextStep(step);
  const previous = previousStep(step);

  return (
    <div className="company-workspace" data-step={step}>
      <h1>{context.profile.name}</h1>
      <div className="field year-field">
        <label htmlFor="company-year">{t.year}</label>
        <select id="company-year" value={company.year} aria-describedby="company-year-help" onChange={(e) => void changeYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <p id="company-year-help" className="help">
          {t.yearHelp}
        </p>
      </div>
      {workspace.referentialMissing && (
        <p role="alert" className="warning-text">
          {t.referentialMissing(company.referentialKey ?? '')}
        </p>
      )}
      {saveError && (
        <p role="alert" className="error-text">
          {t.saveFailed(saveError)}
        </p>
      )}

      <nav aria-label={t.stepsLabel} className="stepper">
        <ol>
          {STEPS.map((s, i) => {
            const available = stepAvailable(context, s);
            const done = stepComplete(context, s);
            const status = s === 'results' ? '' : available ? (done ? t.stepDone : t.stepTodo) : t.stepUnavailable;
            return (
              <li key={s} className={`${s === step ? 'current' : ''} ${done ? 'done' : ''}`}>
                <button type="button" aria-current={s === step ? 'step' : undefined} disabled={!available} onClick={() => actor.send({ type: 'GOTO', step: s })}>
                  <span className="step-number" aria-hidden="true">
                    {done ? '✓' : i + 1}
                  </span>
                  {STEP_NAMES[s]}
                  {status && <span className="visually-hidden"> ({status})</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <section className="panel step-panel" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={stepHeading} tabIndex={-1}>
          {stepTitle(step, company.year)}
        </h2>
        <StepBody step={step} {...props} />
        {/* The staff and results steps carry their own buttons (evaluate, back). */}
        {step !== 'results' && step !== 'staff' && (
          <div className="step-nav">
            {previous && (
              <button type="button" onClick={() => actor.send({ type: 'BACK' })}>
                {t.previous}
              </button>
            )}
            {next && (
              <button type="button" className="primary" disabled={!snapshot.can({ type: 'NEXT' })} onClick={() => actor.send({ type: 'NEXT' })}>
                {t.next} : {STEP_NAMES[next]}
              </button>
            )}
          </div>
        )}
      </section>

      <DataPanel companyId={company.id} name={context.profile.name} flush={() => queue.current} />
    </div>
  );
}

function stepTitle(step: Step, year: number): string {
  switch (step) {
    case 'profile':
      return frCompany.profile.heading;
    case 'referential':
      return frCompany.referential.heading;
    case 'answers':
      return frCompany.answers.heading;
    case 'measures':
      return frCompany.measures.heading;
    case 'staff':
      return `${frCompany.staff.heading} ${year}`;
    case 'results':
      return frCompany.results.heading(year);
  }
}

function StepBody({ step, ...props }: StepProps & { step: Step }) {
  switch (step) {
    case 'profile':
      return <ProfileStep {...props} />;
    case 'referential':
      return <ReferentialStep {...props} />;
    case 'answers':
      return <AnswersStep {...props} />;
    case 'measures':
      return <MeasuresStep {...props} />;
    case 'staff':
      return <StaffStep {...props} />;
    case 'results':
      return <ResultsStep {...props} />;
  }
}
