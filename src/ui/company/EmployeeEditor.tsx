import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AbsenceReasonSchema, type AbsenceReason, type Employee, type Referential } from '../../core/index.ts';
import { ABSENCE_REASON_LABELS } from '../../present/evaluation.ts';
import { formatNumber } from '../format.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { Field } from '../components/Field.tsx';
import { QuestionInput, questionLabel } from '../components/QuestionInput.tsx';
import { draftFromEmployee, draftShareTotal, emptyDraft, readEmployeeDraft, type EmployeeDraft } from './staffDraft.ts';

const t = frCompany.editor;

const COLUMN_OF: Record<keyof EmployeeDraft, string> = {
  id: 'id',
  annualHours: 'annual_hours',
  start: 'contract_start',
  end: 'contract_end',
  reference: 'contract_ref',
  birth: 'birth_year',
  shares: 'jobs',
  answers: 'q:',
  tasks: 'tasks',
  absences: 'absences',
  temporary: 'temporary',
  agency: 'agency',
  agencySiret: 'agency_siret',
  mission: 'mission',
};

const REASONS = AbsenceReasonSchema.options;

/**
 * One employee of the staff table, added or changed. Checked on every keystroke by the staff file's
 * parser: each field shows its message at once, and the employee is saved only when valid.
 */
export function EmployeeEditor({
  referential: r,
  employee,
  takenIds,
  onSave,
  onCancel,
}: {
  referential: Referential;
  employee: Employee | null;
  takenIds: ReadonlySet<string>;
  onSave: (employee: Employee, replaces?: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<EmployeeDraft>(() => (employee ? draftFromEmployee(employee, r) : emptyDraft(r)));
  const [submitted, setSubmitted] = useState(false);
  // A new employee's empty fields are not errors yet: a field speaks once it has been changed.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(employee ? ['*'] : []));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const { employee: read, issues } = readEmployeeDraft(draft, r, takenIds);
  const errorFor = (column: string) => {
    if (!submitted && !touched.has('*') && !touched.has(column) && !(column.startsWith('q:') && touched.has('q:'))) return undefined;
    const found = issues.filter((i) => i.column === column).map((i) => i.message);
    return found.length > 0 ? found.join(' ') : undefined;
  };
  const total = draftShareTotal(draft);
  const totalOk = Math.abs(total - 100) <= 0.01;
  const update = (patch: Partial<EmployeeDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((k) => COLUMN_OF[k as keyof EmployeeDraft])]));
  };
  const prefix = employee ? `edit-${employee.id}` : 'new-employee';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (read) onSave(read, employee?.id);
  };

  const general = (submitted || touched.size > 0 ? issues : []).filter((i) => !(Object.values(COLUMN_OF) as string[]).includes(i.column) && !i.column.startsWith('q:'));
  const setAbsence = (k: number, patch: Partial<EmployeeDraft['absences'][number]>) => update({ absences: draft.absences.map((a, i) => (i === k ? { ...a, ...patch } : a)) });
  const questions = r.questions.filter((q) => q.scope === 'employee');

  return (
    <form className="employee-editor panel" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`} data-testid="employee-editor">
      <h3 id={`${prefix}-heading`} ref={heading} tabIndex={-1}>
        {employee ? t.editHeading(employee.id) : t.addHeading}
      </h3>
      <div className="grid">
        <Field id={`${prefix}-id`} label={t.id} error={errorFor('id')}>
          {(p) => <input {...p} type="text" autoComplete="off" value={draft.id} onChange={(e) => update({ id: e.target.value })} />}
        </Field>
        <Field id={`${prefix}-hours`} label={t.hours} error={errorFor('annual_hours')}>
          {(p) => <input {...p} type="text" inputMode="decimal" value={draft.annualHours} onChange={(e) => update({ annualHours: e.target.value })} />}
        </Field>
        <Field id={`${prefix}-birth`} label={t.birth} error={errorFor('birth_year')}>
          {(p) => <input {...p} type="text" inputMode="numeric" value={draft.birth} onChange={(e) => update({ birth: e.target.value })} />}
        </Field>
        <Field id={`${prefix}-start`} label={t.start} error={errorFor('contract_start')}>
          {(p) => <input {...p} type="date" value={draft.start} onChange={(e) => update({ start: e.target.value })} />}
        </Field>
        <Field id={`${prefix}-end`} label={t.end} error={errorFor('contract_end')}>
          {(p) => <input {...p} type="date" value={draft.end} onChange={(e) => update({ end: e.target.value })} />}
        </Field>
        <Field id={`${prefix}-ref`} label={t.reference} error={errorFor('contract_ref')}>
          {(p) => <input {...p} type="text" value={draft.reference} onChange={(e) => update({ reference: e.target.value })} />}
        </Field>
      </div>
      <fieldset className={errorFor('jobs') ? 'field-error' : undefined}>
        <legend>{frCompany.staff.mission}</legend>
        <div className="grid">
          {r.jobs.map((job) => (
            <Field key={job.id} id={`${prefix}-share-${job.id}`} label={t.share(job.label)}>
              {(p) => (
                <input
                  {...p}
                  {...(errorFor('jobs') ? { 'aria-invalid': true as const, 'aria-describedby': `${prefix}-jobs-error` } : {})}
                  type="text"
                  inputMode="decimal"
                  value={draft.shares[job.id] ?? ''}
                  onChange={(e) => update({ shares: { ...draft.shares, [job.id]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </div>
        <p className={totalOk ? 'total total-ok' : 'total total-ko'} aria-live="polite" data-testid="editor-share-total">
          {t.total(formatNumber(total), totalOk)}
        </p>
        {errorFor('jobs') && (
          <p id={`${prefix}-jobs-error`} className="error-text">
            {errorFor('jobs')}
          </p>
        )}
        {draft.tasks.length > 0 && <p className="help">{t.tasksKept}</p>}
        {errorFor('tasks') && <p className="error-text">{errorFor('tasks')}</p>}
      </fieldset>
      <fieldset className={errorFor('absences') ? 'field-error' : undefined} data-testid="editor-absences">
        <legend>{t.absencesLegend}</legend>
        <p className="help" id={`${prefix}-absences-help`}>
          {t.absencesHelp}
        </p>
        {draft.absences.map((a, k) => (
          <div className="grid absence-row" key={k} role="group" aria-label={t.absenceGroup(k + 1)}>
            <Field id={`${prefix}-abs-${k}-from`} label={t.absenceFrom(k + 1)}>
              {(p) => <input {...p} type="date" value={a.from} onChange={(e) => setAbsence(k, { from: e.target.value })} />}
            </Field>
            <Field id={`${prefix}-abs-${k}-to`} label={t.absenceTo(k + 1)}>
              {(p) => <input {...p} type="date" value={a.to} onChange={(e) => setAbsence(k, { to: e.target.value })} />}
            </Field>
            <Field id={`${prefix}-abs-${k}-reason`} label={t.absenceReason(k + 1)}>
              {(p) => (
                <select {...p} value={a.reason} onChange={(e) => setAbsence(k, { reason: e.target.value as AbsenceReason })}>
                  {REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {ABSENCE_REASON_LABELS[reason]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${prefix}-abs-${k}-note`} label={t.absenceNote(k + 1)}>
              {(p) => <input {...p} type="text" value={a.note} onChange={(e) => setAbsence(k, { note: e.target.value })} />}
            </Field>
            <button type="button" className="small" onClick={() => update({ absences: draft.absences.filter((_, i) => i !== k) })}>
              {t.absenceRemove(k + 1)}
            </button>
          </div>
        ))}
        <button type="button" className="small" aria-describedby={`${prefix}-absences-help`} onClick={() => update({ absences: [...draft.absences, { from: '', to: '', reason: 'long_sick_leave', note: '' }] })}>
          {t.absenceAdd}
        </button>
        {errorFor('absences') && (
          <p className="error-text" role="alert">
            {errorFor('absences')}
          </p>
        )}
      </fieldset>
      <fieldset data-testid="editor-temporary">
        <legend>{t.temporaryLegend}</legend>
        <div className="check">
          <input id={`${prefix}-temporary`} type="checkbox" checked={draft.temporary} onChange={(e) => update({ temporary: e.target.checked })} aria-describedby={`${prefix}-temporary-help`} />
          <label htmlFor={`${prefix}-temporary`}>{t.temporary}</label>
        </div>
        <p id={`${prefix}-temporary-help`} className="help">
          {t.temporaryHelp}
        </p>
        {draft.temporary && (
          <div className="grid">
            <Field id={`${prefix}-agency`} label={t.agency} error={errorFor('agency')}>
              {(p) => <input {...p} type="text" value={draft.agency} onChange={(e) => update({ agency: e.target.value })} />}
            </Field>
            <Field id={`${prefix}-agency-siret`} label={t.agencySiret} error={errorFor('agency_siret')}>
              {(p) => <input {...p} type="text" inputMode="numeric" value={draft.agencySiret} onChange={(e) => update({ agencySiret: e.target.value })} />}
            </Field>
            <Field id={`${prefix}-mission`} label={t.mission} error={errorFor('mission')}>
              {(p) => <input {...p} type="text" value={draft.mission} onChange={(e) => update({ mission: e.target.value })} />}
            </Field>
          </div>
        )}
      </fieldset>
      {questions.length > 0 && (
        <div className="grid">
          {questions.map((q) => (
            <Field key={q.id} id={`${prefix}-q-${q.id}`} label={questionLabel(q)} error={errorFor(`q:${q.id}`)}>
              {(p) => <QuestionInput {...p} question={q} value={draft.answers[q.id] ?? ''} onChange={(v) => update({ answers: { ...draft.answers, [q.id]: v } })} />}
            </Field>
          ))}
        </div>
      )}
      {general.map((i, k) => (
        <p key={k} className="error-text">
          {i.message}
        </p>
      ))}
      {submitted && !read && (
        <p role="alert" className="error-text">
          {t.invalid}
        </p>
      )}
      <div className="step-nav">
        <button type="submit" className="primary">
          {t.save}
        </button>
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
