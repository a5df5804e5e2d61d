import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { REGULATION_VERSIONS, type FactorCode, type GraphDocument, type Question, type Verdict } from '../../core/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { formatNumber } from '../format.ts';
import { factorLabel } from '../labels.ts';
import { SelectField } from './fields.tsx';
import { useConsistency, useController, useEditorSnapshot } from './hooks.ts';
import {
  addJobRow,
  changeJob,
  currentExpectation,
  emptyForm,
  formFromScenario,
  jobsOf,
  scenarioFromForm,
  type ScenarioFormState,
} from './scenarioForm.ts';

const t = frEditor.scenarios;
const f = frEditor.scenarios.form;

type Editing = { mode: 'new'; state: ScenarioFormState } | { mode: 'edit'; label: string; state: ScenarioFormState };

/**
 * The referential's scenarios, run on every edit (a failing one reads like a checker error), and the
 * form that adds, edits, duplicates and deletes them. Every save is one command, undoable like any edit.
 */
export function ScenariosPanel() {
  const controller = useController();
  const consistency = useConsistency();
  const { graph, readOnly } = useEditorSnapshot();
  const [editing, setEditing] = useState<Editing | null>(null);
  if (!consistency) return null;
  const { scenarios, referential } = consistency;
  const passed = scenarios.filter((s) => s.passed).length;
  const verdict = (v: Verdict | number) => (typeof v === 'number' ? String(v) : fr.verdict[v]);
  const startNew = () => setEditing({ mode: 'new', state: emptyForm(graph, controller.newScenarioId(), new Date().getFullYear()) });
  const startEdit = (id: string) => {
    const scenario = graph.referential.scenarios.find((s) => s.id === id);
    if (scenario) setEditing({ mode: 'edit', label: scenario.label, state: formFromScenario(graph, scenario) });
  };
  return (
    <section className="editor-panel scenarios" aria-labelledby="editor-scenarios-heading">
      <h2 id="editor-scenarios-heading">{t.heading}</h2>
      {scenarios.length === 0 ? (
        <p className="help">{t.none}</p>
      ) : (
        <>
          <p className={passed === scenarios.length ? 'success-text' : 'error-text'} data-testid="scenarios-summary">
            {t.summary(passed, scenarios.length)}
          </p>
          <ul className="finding-list">
            {scenarios.map((s) => (
              <li key={s.id} className={`finding ${s.passed ? 'severity-ok' : 'severity-error'}`} data-scenario={s.id} data-passed={s.passed}>
                <span className={`badge ${s.passed ? 'badge-ok' : 'severity-error'}`}>{s.passed ? t.passed : t.failed}</span> {s.label}
                {s.error && <span className="finding-message"> — {s.error}</span>}
                {s.mismatches.length > 0 && (
                  <ul className="plain">
                    {s.mismatches.map((m) => (
                      <li key={m.what}>
                        {t.mismatch(m.what === 'points' ? t.points : factorLabel(referential.regulation, m.what as FactorCode), verdict(m.expected), verdict(m.actual))}
                        {(s.figures[m.what as FactorCode] ?? []).map((g) => (
                          <span key={g.label} className="scenario-figure">
                            {' '}
                            {t.figure(g.label, formatNumber(g.exposure, 1), formatNumber(g.threshold), frEditor.durationUnits[g.unit] ?? g.unit)}
                          </span>
                        ))}
                      </li>
                    ))}
                  </ul>
                )}
                {!readOnly && (
                  <div className="button-row">
                    <button type="button" className="small" aria-label={t.editLabel(s.label)} onClick={() => startEdit(s.id)}>
                      {t.edit}
                    </button>
                    <button type="button" className="small" aria-label={t.duplicateLabel(s.label)} onClick={() => controller.duplicateScenario(s.id)}>
                      {t.duplicate}
                    </button>
                    <button
                      type="button"
                      className="small"
                      aria-label={t.removeLabel(s.label)}
                      onClick={() => {
                        if (controller.removeScenario(s.id).ok && editing?.state.id === s.id) setEditing(null);
                      }}
                    >
                      {t.remove}
                    </button>
                    {!s.passed && (
                      <button type="button" className="small" aria-label={t.freezeLabel(s.label)} onClick={() => controller.freezeScenario(s.id)}>
                        {t.freeze}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {!readOnly && !editing && (
        <button type="button" onClick={startNew}>
          {t.add}
        </button>
      )}
      {!readOnly && editing && (
        <ScenarioForm
          key={editing.state.id}
          graph={graph}
          heading={editing.mode === 'new' ? f.newHeading : f.editHeading(editing.label)}
          initial={editing.state}
          onSave={(scenario) => {
            const outcome = editing.mode === 'new' ? controller.addScenario(scenario) : controller.updateScenario(scenario);
            if (outcome.ok) setEditing(null);
            return outcome.ok ? undefined : outcome.message;
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function ScenarioForm(props: {
  graph: GraphDocument;
  heading: string;
  initial: ScenarioFormState;
  onSave: (scenario: NonNullable<Extract<ReturnType<typeof scenarioFromForm>, { ok: true }>['scenario']>) => string | undefined;
  onCancel: () => void;
}) {
  const { graph, heading, initial, onSave, onCancel } = props;
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const headingId = useId();
  // A scenario is saved whole by its button, never halfway: while it differs, leaving the page asks first.
  const controller = useController();
  const dirty = useRef(false);
  useEffect(() => {
    dirty.current = state !== initial;
  }, [state, initial]);
  useEffect(() => controller.edits.register({ flush: () => undefined, pending: () => dirty.current }), [controller]);
  const set = (patch: Partial<ScenarioFormState>) => setState((s) => ({ ...s, ...patch }));
  const questions = graph.referential.questions;
  const jobs = jobsOf(graph);
  const regulation = graph.referential.regulation;
  const factors = [...new Set([...graph.referential.factors.retained, ...(Object.keys(state.expected) as FactorCode[])])];

  const save = () => {
    const converted = scenarioFromForm(graph, state);
    if (!converted.ok) return setError(converted.message);
    setError(onSave(converted.scenario) ?? null);
  };
  const freeze = () => {
    const converted = scenarioFromForm(graph, state);
    if (!converted.ok) return setError(converted.message);
    const current = currentExpectation(graph, converted.scenario);
    if (!current.ok) return setError(t.freezeFailed(current.message));
    setError(null);
    set({ expected: current.factors, points: String(current.points) });
    setInfo(f.frozen);
  };

  return (
    <form
      className="scenario-form"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id={headingId}>{heading}</h3>
      <p className="help">{f.id(state.id)}</p>
      <Input label={f.label} value={state.label} onChange={(label) => set({ label })} />
      <Input label={f.year} value={state.year} onChange={(year) => set({ year })} inputMode="numeric" />
      <SelectField
        label={f.regulation}
        value={state.regulation}
        options={[{ value: '', label: f.regulationDefault(regulation) }, ...REGULATION_VERSIONS.map((v) => ({ value: v.id, label: v.id }))]}
        onChange={(value) => set({ regulation: value })}
      />

      <fieldset>
        <legend>{f.company}</legend>
        <Answers
          title={f.companyAnswers}
          empty={f.noCompanyQuestion}
          questions={questions.filter((q) => q.scope === 'company')}
          values={state.answers}
          onChange={(answers) => set({ answers })}
        />
        <p className="field-title">{f.measures}</p>
        {graph.referential.measures.length === 0 ? (
          <p className="help">{f.noMeasure}</p>
        ) : (
          graph.referential.measures.map((m) => (
            <Check
              key={m.id}
              label={m.label}
              checked={state.measures.includes(m.id)}
              onChange={(on) => set({ measures: on ? [...state.measures, m.id] : state.measures.filter((x) => x !== m.id) })}
            />
          ))
        )}
      </fieldset>

      <fieldset>
        <legend>{f.employee}</legend>
        <Input label={f.annualHours} value={state.annualHours} onChange={(annualHours) => set({ annualHours })} inputMode="decimal" />
        <Input label={f.contractStart} value={state.start} onChange={(start) => set({ start })} type="date" />
        <Input label={f.contractEnd} value={state.end} onChange={(end) => set({ end })} type="date" />
        <Input label={f.birth} value={state.birth} onChange={(birth) => set({ birth })} />
        <p className="field-title">{f.jobs}</p>
        {jobs.length === 0 && <p className="help">{f.noJob}</p>}
        {state.jobs.map((row, i) => {
          const tasks = jobs.find((j) => j.id === row.job)?.tasks ?? [];
          const update = (patch: Partial<typeof row>) => set({ jobs: state.jobs.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
          return (
            <div key={i} className="scenario-job">
              <SelectField label={f.job(i + 1)} value={row.job} options={jobs.map((j) => ({ value: j.id, label: j.label }))} onChange={(job) => setState((s) => changeJob(graph, s, i, job))} />
              <Input label={f.jobShare(i + 1)} value={row.share} onChange={(share) => update({ share })} inputMode="decimal" />
              {tasks.length > 0 && <Check label={f.customTasks(i + 1)} checked={row.customTasks} onChange={(customTasks) => update({ customTasks })} />}
              {row.customTasks &&
                tasks.map((task) => (
                  <Input key={task.id} label={f.taskShare(task.label)} value={row.tasks[task.id] ?? ''} onChange={(v) => update({ tasks: { ...row.tasks, [task.id]: v } })} inputMode="decimal" />
                ))}
              {state.jobs.length > 1 && (
                <button type="button" className="small" onClick={() => set({ jobs: state.jobs.filter((_, k) => k !== i) })}>
                  {f.removeJob(i + 1)}
                </button>
              )}
            </div>
          );
        })}
        {jobs.length > state.jobs.length && (
          <button type="button" className="small" onClick={() => setState((s) => addJobRow(graph, s))}>
            {f.addJob}
          </button>
        )}
        <Answers
          title={f.employeeAnswers}
          empty={f.noEmployeeQuestion}
          questions={questions.filter((q) => q.scope === 'employee')}
          values={state.employeeAnswers}
          onChange={(employeeAnswers) => set({ employeeAnswers })}
        />
      </fieldset>

      <fieldset>
        <legend>{f.expected}</legend>
        {factors.map((factor) => (
          <SelectField<'' | Verdict>
            key={factor}
            label={f.expectedFactor(factorLabel(regulation, factor))}
            value={state.expected[factor] ?? ''}
            options={[
              { value: '', label: f.notStated },
              { value: 'exposed', label: fr.verdict.exposed },
              { value: 'not_exposed', label: fr.verdict.not_exposed },
              { value: 'to_analyse', label: fr.verdict.to_analyse },
            ]}
            onChange={(value) => {
              const expected = { ...state.expected };
              if (value === '') delete expected[factor];
              else expected[factor] = value;
              set({ expected });
            }}
          />
        ))}
        <Input label={f.points} value={state.points} onChange={(points) => set({ points })} inputMode="numeric" />
        <button type="button" onClick={freeze}>
          {t.freeze}
        </button>
        {info && (
          <p className="help" role="status">
            {info}
          </p>
        )}
      </fieldset>

      {error && (
        <p className="error-text" role="alert" data-testid="scenario-form-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit">{f.save}</button>
        <button type="button" onClick={onCancel}>
          {f.cancel}
        </button>
      </div>
    </form>
  );
}

function Input(props: { label: string; value: string; onChange: (value: string) => void; type?: 'text' | 'date'; inputMode?: 'numeric' | 'decimal' }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} type={props.type ?? 'text'} inputMode={props.inputMode} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

function Check(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }): ReactNode {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** One field per question: yes / no, a choice, or a number; left empty, the question is not answered. */
function Answers(props: { title: string; empty: string; questions: Question[]; values: Record<string, string>; onChange: (values: Record<string, string>) => void }) {
  const { title, empty, questions, values, onChange } = props;
  const change = (id: string, value: string) => onChange({ ...values, [id]: value });
  return (
    <>
      <p className="field-title">{title}</p>
      {questions.length === 0 && <p className="help">{empty}</p>}
      {questions.map((q) =>
        q.type === 'number' ? (
          <Input key={q.id} label={`${q.label} (${q.unit})`} value={values[q.id] ?? ''} onChange={(v) => change(q.id, v)} inputMode="decimal" />
        ) : (
          <SelectField
            key={q.id}
            label={q.label}
            value={values[q.id] ?? ''}
            options={[
              { value: '', label: f.unanswered },
              ...(q.type === 'boolean'
                ? [
                    { value: 'true', label: f.yes },
                    { value: 'false', label: f.no },
                  ]
                : q.choices.map((c) => ({ value: c.id, label: c.label }))),
            ]}
            onChange={(v) => change(q.id, v)}
          />
        ),
      )}
    </>
  );
}
