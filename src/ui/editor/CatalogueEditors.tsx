import type { ReactNode } from 'react';
import type { BranchCondition, GraphEdge, Measure, Question } from '../../core/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { useController } from './hooks.ts';

/** The frame of a catalogue entry's editor: its heading, the nodes that use it, its label (renamed with its id). */
function CatalogueEntry({ kind, entry, usedBy, children }: { kind: 'question'; entry: Question; usedBy: number; children: ReactNode } | { kind: 'measure'; entry: Measure; usedBy: number; children: ReactNode }) {
  const controller = useController();
  const texts = frEditor[kind];
  return (
    <fieldset className="catalogue">
      <legend>{texts.heading}</legend>
      <p className="help">{texts.usedBy(usedBy)}</p>
      <TextField main label={texts.label} value={entry.label} onCommit={(label) => controller.editCatalogueLabel(kind, entry, label)} />
      {children}
    </fieldset>
  );
}

/** A catalogue question: label, type, who answers, possible answers, unit and bounds. */
export function QuestionEditor({ question, usedBy }: { question: Question; usedBy: number }) {
  const controller = useController();
  const save = (next: Question) => controller.run({ type: 'question/update', id: question.id, question: next }, frEditor.history.question(question.label)).ok;
  const base = { id: question.id, label: question.label, scope: question.scope, ...(question.help !== undefined ? { help: question.help } : {}) };
  const retype = (type: Question['type']) => {
    if (type === question.type) return;
    if (type === 'boolean') save({ ...base, type });
    else if (type === 'choice') save({ ...base, type, choices: [{ id: 'choix-1', label: frEditor.defaults.choice(1) }, { id: 'choix-2', label: frEditor.defaults.choice(2) }] });
    else save({ ...base, type, unit: frEditor.defaults.unit });
  };
  return (
    <CatalogueEntry kind="question" entry={question} usedBy={usedBy}>
      <SelectField
        label={frEditor.question.type}
        value={question.type}
        options={(['boolean', 'choice', 'number'] as const).map((t) => ({ value: t, label: frEditor.question.types[t]! }))}
        onChange={retype}
      />
      <SelectField label={frEditor.question.scope} value={question.scope} options={(['company', 'employee'] as const).map((s) => ({ value: s, label: frEditor.question.scopes[s]! }))} onChange={(scope) => save({ ...question, scope })} />
      {question.type === 'choice' && (
        <fieldset>
          <legend>{frEditor.question.choices}</legend>
          {question.choices.map((choice, k) => (
            <div key={choice.id} className="choice-row">
              <TextField label={frEditor.question.choiceLabel(k + 1)} value={choice.label} onCommit={(label) => save({ ...question, choices: question.choices.map((c) => (c.id === choice.id ? { ...c, label } : c)) })} />
              <button type="button" className="small" disabled={question.choices.length <= 2} onClick={() => save({ ...question, choices: question.choices.filter((c) => c.id !== choice.id) })}>
                {frEditor.question.removeChoice(choice.label)}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              const ids = new Set(question.choices.map((c) => c.id));
              let n = question.choices.length + 1;
              while (ids.has(`choix-${n}`)) n++;
              save({ ...question, choices: [...question.choices, { id: `choix-${n}`, label: frEditor.defaults.choice(n) }] });
            }}
          >
            {frEditor.question.addChoice}
          </button>
        </fieldset>
      )}
      {question.type === 'number' && (
        <>
          <TextField label={frEditor.question.unit} value={question.unit} onCommit={(unit) => save({ ...question, unit })} />
          <NumberField label={frEditor.question.min} value={question.min} optional onCommit={(min) => save(withNumber(question, 'min', min))} />
          <NumberField label={frEditor.question.max} value={question.max} optional onCommit={(max) => save(withNumber(question, 'max', max))} />
        </>
      )}
      <TextField label={frEditor.question.help} value={question.help ?? ''} multiline onCommit={(help) => save(withText(question, 'help', help))} />
    </CatalogueEntry>
  );
}

/** A catalogue measure: label, prevention class, description. */
export function MeasureEditor({ measure, usedBy }: { measure: Measure; usedBy: number }) {
  const controller = useController();
  const save = (next: Measure) => controller.run({ type: 'measure/update', id: measure.id, measure: next }, frEditor.history.measure(measure.label)).ok;
  return (
    <CatalogueEntry kind="measure" entry={measure} usedBy={usedBy}>
      <SelectField
        label={frEditor.measure.kind}
        value={measure.kind}
        options={(['collective', 'individual', 'organisational'] as const).map((k) => ({ value: k, label: frEditor.measure.kinds[k]! }))}
        onChange={(kind) => save({ ...measure, kind })}
      />
      <TextField label={frEditor.measure.description} value={measure.description ?? ''} multiline onCommit={(description) => save(withText(measure, 'description', description))} />
    </CatalogueEntry>
  );
}

/** A branch's condition, in the question's terms: yes / no, the answers it takes, or a numeric range. */
export function ConditionEditor({ edge, question, label }: { edge: Extract<GraphEdge, { kind: 'branch' }>; question: Question | undefined; label: string }) {
  const controller = useController();
  const save = (when: BranchCondition) => controller.run({ type: 'edge/update', id: edge.id, changes: { when } }, frEditor.history.editEdge(frEditor.properties.condition.toLowerCase())).ok;
  if (!question) return <p className="help">{label}</p>;
  if (question.type === 'boolean') {
    const value = 'is' in edge.when ? String(edge.when.is) : 'true';
    return (
      <SelectField
        label={`${frEditor.properties.conditionAnswer} — ${label}`}
        value={value}
        options={[
          { value: 'true', label: frEditor.edge.yes },
          { value: 'false', label: frEditor.edge.no },
        ]}
        onChange={(v) => save({ is: v === 'true' })}
      />
    );
  }
  if (question.type === 'choice') {
    const chosen = new Set('oneOf' in edge.when ? edge.when.oneOf : []);
    return (
      <fieldset className="condition">
        <legend>
          {frEditor.properties.conditionChoices} — {label}
        </legend>
        {question.choices.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={chosen.has(c.id)}
              onChange={(e) => {
                const next = question.choices.map((x) => x.id).filter((id) => (id === c.id ? e.target.checked : chosen.has(id)));
                save({ oneOf: next });
              }}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  const range = edge.when as { min?: number; max?: number };
  const withBound = (key: 'min' | 'max', value: number | undefined): BranchCondition => {
    const next: { min?: number; max?: number } = { ...range };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  };
  return (
    <fieldset className="condition">
      <legend>
        {frEditor.properties.condition} — {label}
      </legend>
      <NumberField label={frEditor.properties.conditionMin} value={range.min} unit={question.unit} optional onCommit={(v) => save(withBound('min', v))} />
      <NumberField label={frEditor.properties.conditionMax} value={range.max} unit={question.unit} optional onCommit={(v) => save(withBound('max', v))} />
    </fieldset>
  );
}

function withNumber<T extends object>(value: T, key: string, n: number | undefined): T {
  const next = { ...value } as Record<string, unknown>;
  if (n === undefined) delete next[key];
  else next[key] = n;
  return next as T;
}

function withText<T extends object>(value: T, key: string, text: string): T {
  const next = { ...value } as Record<string, unknown>;
  if (text.trim() === '') delete next[key];
  else next[key] = text;
  return next as T;
}
