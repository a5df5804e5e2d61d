import { useState } from 'react';
import { measureDaysInYear, type AnswerValue, type Measure, type Question } from '../../core/index.ts';
import { frCompany } from '../i18n/fr-company.ts';
import type { StepProps } from './stepProps.ts';
import { answerText, answerValue } from './answers.ts';
import { Field } from '../components/Field.tsx';
import { QuestionInput, questionLabel } from '../components/QuestionInput.tsx';
import { answersIssues } from './steps.ts';
import { issueMessage } from '../../present/issues.ts';

const t = frCompany.answers;

/**
 * The company-level questions, each answer handed over as it is given: the one form of the company
 * workspace and of the comparison screen (where a reviewer answers for a company).
 */
export function AnswersFields({ questions, answers, onAnswer, idPrefix = 'answer' }: { questions: readonly Question[]; answers: Readonly<Record<string, AnswerValue>>; onAnswer: (question: string, value: AnswerValue | undefined) => void; idPrefix?: string }) {
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(questions.map((q) => [q.id, answerText(answers[q.id])])));
  const change = (q: Question, text: string) => {
    setTexts((s) => ({ ...s, [q.id]: text }));
    const value = answerValue(q, text);
    if (value !== null) onAnswer(q.id, value);
  };
  return (
    <>
      {questions.length === 0 && <p>{t.none}</p>}
      {questions.map((q) => {
        const text = texts[q.id] ?? '';
        const invalid = text !== '' && answerValue(q, text) === null;
        return (
          <Field key={q.id} id={`${idPrefix}-${q.id}`} label={questionLabel(q)} help={q.help} error={invalid ? t.numberInvalid : undefined}>
            {(p) => <QuestionInput {...p} question={q} value={text} onChange={(v) => change(q, v)} />}
          </Field>
        );
      })}
    </>
  );
}

/** The prevention measures in place, each with the date since when (the evaluator splits the year there). */
export function MeasuresFields({
  measures,
  inPlace,
  year,
  onMeasure,
  idPrefix = 'measure',
}: {
  measures: readonly Measure[];
  inPlace: ReadonlyArray<{ measure: string; since?: string }>;
  year: number;
  onMeasure: (measure: string, inPlace: boolean, since?: string) => void;
  idPrefix?: string;
}) {
  const t2 = frCompany.measures;
  const note = (since: string | undefined) => {
    const { days, yearDays } = measureDaysInYear(since || undefined, year);
    return days === yearDays ? t2.allYear(year) : days === 0 ? t2.afterYear(year) : t2.partYear(days, yearDays, year);
  };
  return (
    <>
      {measures.length === 0 && <p>{t2.none}</p>}
      {measures.map((m) => {
        const entry = inPlace.find((x) => x.measure === m.id);
        const boxId = `${idPrefix}-${m.id}`;
        return (
          <fieldset key={m.id} className="measure" data-measure={m.id}>
            <legend>
              {m.label} <span className="tag">{t2.kind[m.kind] ?? m.kind}</span>
            </legend>
            {m.description && <p className="help">{m.description}</p>}
            <div className="check">
              <input id={boxId} type="checkbox" checked={entry !== undefined} onChange={(e) => onMeasure(m.id, e.target.checked, entry?.since)} />
              <label htmlFor={boxId}>{t2.inPlace(m.label)}</label>
            </div>
            {entry && (
              <Field id={`${boxId}-since`} label={t2.since(m.label)} help={t2.sinceHelp}>
                {(p) => <input {...p} type="date" value={entry.since ?? ''} onChange={(e) => onMeasure(m.id, true, e.target.value || undefined)} />}
              </Field>
            )}
            {entry && (
              <p className="measure-note" data-testid={`measure-note-${m.id}`}>
                {note(entry.since)}
              </p>
            )}
          </fieldset>
        );
      })}
    </>
  );
}

/** The company-level questions of the referential; each answer is saved as it is given. */
export function AnswersStep({ snapshot, actor }: StepProps) {
  const context = snapshot.context;
  const questions = context.referential?.referential.questions.filter((q) => q.scope === 'company') ?? [];
  const issues = answersIssues(context);
  return (
    <div>
      <p className="help">{t.intro}</p>
      <AnswersFields questions={questions} answers={context.answers} onAnswer={(question, value) => actor.send({ type: 'ANSWER.SET', question, value })} />
      {issues.length === 0 ? (
        <p className="success-text">{t.complete}</p>
      ) : (
        <div className="warning-box" data-testid="answers-issues">
          <h3>{t.issuesHeading}</h3>
          <ul>
            {issues.map((i, k) => (
              <li key={k}>{issueMessage(i)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The prevention measures in place, each with the date since when (the evaluator splits the year there). */
export function MeasuresStep({ snapshot, actor }: StepProps) {
  const context = snapshot.context;
  return (
    <div>
      <p className="help">{frCompany.measures.intro}</p>
      <MeasuresFields
        measures={context.referential?.referential.measures ?? []}
        inPlace={context.measures}
        year={context.year}
        onMeasure={(measure, inPlace, since) => actor.send({ type: 'MEASURE.SET', measure, inPlace, ...(since ? { since } : {}) })}
      />
    </div>
  );
}
