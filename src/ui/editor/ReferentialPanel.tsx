import { REGULATION_VERSIONS, type FactorCode, type GraphDocument } from '../../core/index.ts';
import type { ReferentialChanges } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { factorLabel } from '../labels.ts';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { useController, useEditorSnapshot } from './hooks.ts';
import { ParticularlyExposedSection } from './ParticularlyExposedSection.tsx';
import { FACTOR_CODES } from './regulationInfo.ts';

/** What an edit changes, in the history's words. */
const W = frEditor.what;

type Status = 'retained' | 'excluded' | 'undecided';

/** What the referential says about itself: identity, regulation, working year, factors, catalogue. */
export function ReferentialPanel() {
  const controller = useController();
  const { graph, readOnly } = useEditorSnapshot();
  const r = graph.referential;
  const save = (what: string, changes: ReferentialChanges) => controller.run({ type: 'referential/update', changes }, frEditor.history.referential(what)).ok;
  const identity = r.identity;

  const statusOf = (f: FactorCode): Status => (r.factors.retained.includes(f) ? 'retained' : r.factors.excluded.some((e) => e.factor === f) ? 'excluded' : 'undecided');
  const setStatus = (f: FactorCode, status: Status) => {
    const retained = r.factors.retained.filter((x) => x !== f);
    const previous = r.factors.excluded.find((e) => e.factor === f);
    const excluded = r.factors.excluded.filter((e) => e.factor !== f);
    if (status === 'retained') retained.push(f);
    if (status === 'excluded') excluded.push({ factor: f, justification: previous?.justification ?? '' });
    // Keep the regulation's order, so that the document does not depend on the order of clicks.
    const order = (x: FactorCode) => FACTOR_CODES.indexOf(x);
    save(W.factors, { factors: { retained: retained.sort((a, b) => order(a) - order(b)), excluded: excluded.sort((a, b) => order(a.factor) - order(b.factor)) } });
  };

  return (
    <fieldset disabled={readOnly} className="plain referential-panel">
      <h3>{frEditor.referential.identity}</h3>
      <TextField label={frEditor.referential.title} value={identity.title} onCommit={(title) => save(W.title, { identity: { ...identity, title } })} />
      <TextField label={frEditor.referential.branch} value={identity.branch} onCommit={(branch) => save(W.branch, { identity: { ...identity, branch } })} />
      <TextField label={frEditor.referential.version} value={identity.version} onCommit={(version) => save(W.version, { identity: { ...identity, version } })} />
      <TextField
        label={frEditor.referential.idcc}
        value={identity.idcc ?? ''}
        onCommit={(idcc) => {
          const { idcc: _old, ...rest } = identity;
          return save(W.idcc, { identity: idcc.trim() === '' ? rest : { ...rest, idcc: idcc.trim() } });
        }}
      />
      <TextField
        label={frEditor.referential.authors}
        value={identity.authors.join(', ')}
        onCommit={(text) => save(W.authors, { identity: { ...identity, authors: text.split(',').map((a) => a.trim()).filter(Boolean) } })}
      />
      <SelectField label={frEditor.referential.regulation} value={r.regulation} options={REGULATION_VERSIONS.map((v) => ({ value: v.id, label: v.label }))} onChange={(regulation) => save(W.regulation, { regulation })} />
      <h3>{frEditor.referential.workingYear}</h3>
      <NumberField label={frEditor.referential.annualHours} value={r.workingYear.annualHours} unit="h" onCommit={(v) => v !== undefined && save(W.workingYear, { workingYear: { ...r.workingYear, annualHours: v } })} />
      <NumberField label={frEditor.referential.workingDays} value={r.workingYear.workingDays} unit="j" onCommit={(v) => v !== undefined && save(W.workingYear, { workingYear: { ...r.workingYear, workingDays: v } })} />
      <h3>{frEditor.referential.factors}</h3>
      <p className="help">{frEditor.referential.factorsHelp}</p>
      <ul className="factor-list">
        {FACTOR_CODES.map((f) => {
          const status = statusOf(f);
          const name = factorLabel(r.regulation, f);
          const exclusion = r.factors.excluded.find((e) => e.factor === f);
          return (
            <li key={f}>
              <SelectField<Status>
                label={frEditor.referential.factorStatus(name)}
                value={status}
                options={[
                  { value: 'retained', label: `${name} — ${frEditor.referential.retained}` },
                  { value: 'excluded', label: `${name} — ${frEditor.referential.excluded}` },
                  { value: 'undecided', label: `${name} — ${frEditor.referential.undecided}` },
                ]}
                onChange={(s) => setStatus(f, s)}
              />
              {exclusion && (
                <TextField
                  label={frEditor.referential.justification(name)}
                  value={exclusion.justification}
                  multiline
                  onCommit={(justification) =>
                    save(W.justification, { factors: { ...r.factors, excluded: r.factors.excluded.map((e) => (e.factor === f ? { ...e, justification } : e)) } })
                  }
                />
              )}
            </li>
          );
        })}
      </ul>
      <ParticularlyExposedSection graph={graph} save={save} />
      <Catalogue graph={graph} />
    </fieldset>
  );
}

/** Catalogue entries no node uses any more, with a way to remove them. */
function Catalogue({ graph }: { graph: GraphDocument }) {
  const controller = useController();
  const asked = new Set(graph.nodes.flatMap((n) => (n.kind === 'question' ? [n.question] : [])));
  const tested = new Set(graph.nodes.flatMap((n) => (n.kind === 'measure' ? [n.measure] : [])));
  const questions = graph.referential.questions.filter((q) => !asked.has(q.id));
  const measures = graph.referential.measures.filter((m) => !tested.has(m.id));
  return (
    <>
      <h3>{frEditor.referential.catalogue}</h3>
      {questions.length + measures.length === 0 && <p className="help">{frEditor.referential.noneUnused}</p>}
      <ul className="plain">
        {questions.map((q) => (
          <li key={q.id}>
            {frEditor.referential.unusedQuestion(q.label)}{' '}
            <button type="button" className="small" aria-label={`${frEditor.referential.removeEntry} : ${q.label}`} onClick={() => controller.run({ type: 'question/remove', id: q.id }, frEditor.history.removeQuestion(q.label))}>
              {frEditor.referential.removeEntry}
            </button>
          </li>
        ))}
        {measures.map((m) => (
          <li key={m.id}>
            {frEditor.referential.unusedMeasure(m.label)}{' '}
            <button type="button" className="small" aria-label={`${frEditor.referential.removeEntry} : ${m.label}`} onClick={() => controller.run({ type: 'measure/remove', id: m.id }, frEditor.history.removeMeasure(m.label))}>
              {frEditor.referential.removeEntry}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
