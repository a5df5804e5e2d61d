import { ERGONOMIC_FACTORS, type GraphDocument } from '../../core/index.ts';
import type { ReferentialChanges } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { factorLabel } from '../labels.ts';
import { SelectField, TextField } from './fields.tsx';
import { jobsOf } from './scenarioForm.ts';

type List = NonNullable<GraphDocument['referential']['particularlyExposed']>;
type Entry = List['entries'][number];
type Ergonomic = (typeof ERGONOMIC_FACTORS)[number];

const T = frEditor.particularlyExposed;

/**
 * The branch's list of particularly exposed jobs and activities (art. L4163-2-1 of the Code du travail,
 * as amended by loi 2023-270 of 14 April 2023): for the three ergonomic factors that lost their decree
 * thresholds on 2017-10-01, a branch may list the jobs (or some of their activities) it deems
 * particularly exposed. The list earns no points; the company results and the dossier show it.
 */
export function ParticularlyExposedSection(props: { graph: GraphDocument; save: (what: string, changes: ReferentialChanges) => boolean }) {
  const { graph, save } = props;
  const list = graph.referential.particularlyExposed;
  const jobs = jobsOf(graph);
  const entries = list?.entries ?? [];
  const put = (next: List) => save(T.what, { particularlyExposed: next.entries.length === 0 && !next.agreement ? null : next });
  const setEntry = (i: number, entry: Entry) => put({ ...(list ?? { entries: [] }), entries: entries.map((e, k) => (k === i ? entry : e)) });
  const labelOf = (id: string) => jobs.find((j) => j.id === id)?.label ?? id;

  return (
    <section aria-labelledby="particularly-exposed-heading">
      <h3 id="particularly-exposed-heading">{T.heading}</h3>
      <p className="help">{T.help}</p>
      <TextField
        label={T.agreement}
        value={list?.agreement ?? ''}
        onCommit={(text) => {
          const { agreement: _old, ...rest } = list ?? { entries: [] };
          return put(text.trim() === '' ? rest : { ...rest, agreement: text.trim() });
        }}
      />
      {entries.length === 0 && <p className="help">{T.none}</p>}
      <ul className="plain particularly-exposed">
        {entries.map((entry, i) => {
          const job = jobs.find((j) => j.id === entry.job);
          const name = labelOf(entry.job);
          return (
            <li key={`${entry.job}-${i}`}>
              <SelectField
                label={T.job(i + 1)}
                value={entry.job}
                options={[...(job ? [] : [{ value: entry.job, label: T.unknownJob(entry.job) }]), ...jobs.map((j) => ({ value: j.id, label: j.label }))]}
                onChange={(id) => {
                  const { tasks: _dropped, ...rest } = entry;
                  setEntry(i, { ...rest, job: id });
                }}
              />
              <fieldset className="plain">
                <legend>{T.factors(name)}</legend>
                {ERGONOMIC_FACTORS.map((f: Ergonomic) => (
                  <label key={f} className="check">
                    <input
                      type="checkbox"
                      checked={entry.factors.includes(f)}
                      // An entry lists one factor at least (the schema refuses an empty list): the last one stays ticked.
                      disabled={entry.factors.length === 1 && entry.factors[0] === f}
                      onChange={(e) => {
                        const factors = e.target.checked ? ERGONOMIC_FACTORS.filter((x) => x === f || entry.factors.includes(x)) : entry.factors.filter((x) => x !== f);
                        setEntry(i, { ...entry, factors });
                      }}
                    />{' '}
                    {factorLabel(graph.referential.regulation, f)}
                  </label>
                ))}
              </fieldset>
              {job && job.tasks.length > 0 && (
                <fieldset className="plain">
                  <legend>{T.tasks(name)}</legend>
                  {job.tasks.map((t) => (
                    <label key={t.id} className="check">
                      <input
                        type="checkbox"
                        checked={entry.tasks?.includes(t.id) ?? false}
                        onChange={(e) => {
                          const chosen = job.tasks.filter((x) => (x.id === t.id ? e.target.checked : (entry.tasks?.includes(x.id) ?? false))).map((x) => x.id);
                          const { tasks: _old, ...rest } = entry;
                          setEntry(i, chosen.length === 0 ? rest : { ...rest, tasks: chosen });
                        }}
                      />{' '}
                      {t.label}
                    </label>
                  ))}
                  <p className="help">{T.tasksHelp}</p>
                </fieldset>
              )}
              <TextField
                label={T.note(name)}
                value={entry.note ?? ''}
                multiline
                onCommit={(text) => {
                  const { note: _old, ...rest } = entry;
                  return setEntry(i, text.trim() === '' ? rest : { ...rest, note: text.trim() });
                }}
              />
              <button type="button" className="small" onClick={() => put({ ...(list ?? { entries: [] }), entries: entries.filter((_, k) => k !== i) })}>
                {T.remove(name)}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="small"
        disabled={jobs.length === 0}
        onClick={() => put({ ...(list ?? { entries: [] }), entries: [...entries, { job: jobs[0]!.id, factors: ['awkward_postures'] }] })}
      >
        {T.add}
      </button>
    </section>
  );
}
