import { useId, useMemo, useState } from 'react';
import { FACTOR_CODES, type Exposure, type FactorCode, type GraphDocument, type GraphEdge, type GraphNode, type Verdict } from '../../core/index.ts';
import { nodeLabel } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { criterionLabel, factorLabel } from '../labels.ts';
import { NumberField, SelectField } from './fields.tsx';
import { useConsistency, useController, useEditorSnapshot } from './hooks.ts';
import { searchKey } from './text.ts';

/** What an edit changes, in the history's words. */
const W = frEditor.what;

type Situation = Extract<GraphNode, { kind: 'situation' }>;

/** One line of the matrix: a job's task and one situation its tree can reach. */
export interface TableRow {
  key: string;
  job: GraphNode;
  task: GraphNode;
  weighting: Extract<GraphEdge, { kind: 'weighting' }>;
  situation: Situation | undefined;
}

/** Most rows a screen shows at once; the filter narrows the rest down. */
const MAX_ROWS = 300;
const VERDICT_RANK: Record<Verdict, number> = { exposed: 0, to_analyse: 1, no_legal_threshold: 2, not_exposed: 3 };

/**
 * Jobs × tasks × situations, in graph order: every situation a task's tree can reach (branches in
 * edge order), one row each, so a job reads like a line of the FP2E matrix.
 */
export function tableRows(graph: GraphDocument): TableRow[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const from = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) (from.get(e.source) ?? from.set(e.source, []).get(e.source)!).push(e);
  const rows: TableRow[] = [];
  for (const job of graph.nodes) {
    if (job.kind !== 'job') continue;
    for (const w of from.get(job.id) ?? []) {
      const task = nodes.get(w.target);
      if (w.kind !== 'weighting' || task?.kind !== 'task') continue;
      const entry = (from.get(task.id) ?? []).find((e) => e.kind === 'entry');
      const situations: Situation[] = [];
      const seen = new Set<string>();
      const visit = (id: string) => {
        if (seen.has(id)) return;
        seen.add(id);
        const n = nodes.get(id);
        if (n?.kind === 'situation') situations.push(n);
        else if (n?.kind === 'question' || n?.kind === 'measure') for (const e of from.get(id) ?? []) visit(e.target);
      };
      if (entry) visit(entry.target);
      if (situations.length === 0) rows.push({ key: `${job.id}/${task.id}`, job, task, weighting: w, situation: undefined });
      for (const s of situations) rows.push({ key: `${job.id}/${task.id}/${s.id}`, job, task, weighting: w, situation: s });
    }
  }
  return rows;
}

type SortKey = 'job' | 'task' | 'share' | 'situation' | FactorCode;
type Sort = { key: SortKey; direction: 'ascending' | 'descending' } | null;

/** The matrix beside the graph: values editable (as commands, so undoable), sortable, filterable. */
export function TableView() {
  const controller = useController();
  const { graph, readOnly } = useEditorSnapshot();
  const consistency = useConsistency();
  const id = useId();
  const [text, setText] = useState('');
  const [factorFilter, setFactorFilter] = useState<FactorCode | ''>('');
  const [verdictFilter, setVerdictFilter] = useState<Verdict | ''>('');
  const [sort, setSort] = useState<Sort>(null);
  const r = graph.referential;

  const rows = useMemo(() => tableRows(graph), [graph]);
  const factors = useMemo(() => {
    const present = new Set<FactorCode>(r.factors.retained);
    for (const n of graph.nodes) if (n.kind === 'situation') for (const e of n.exposures) present.add(e.factor);
    return FACTOR_CODES.filter((f) => present.has(f));
  }, [graph.nodes, r.factors.retained]);
  const verdicts = consistency?.verdicts;

  const visible = useMemo(() => {
    const q = searchKey(text.trim());
    const label = (n: GraphNode | undefined) => (n ? nodeLabel(graph, n) : '');
    let out = rows.filter((row) => {
      if (q && !searchKey(`${label(row.job)} ${label(row.task)} ${label(row.situation)}`).includes(q)) return false;
      if (factorFilter && !row.situation?.exposures.some((e) => e.factor === factorFilter)) return false;
      if (verdictFilter) {
        const own = row.situation ? verdicts?.get(row.situation.id) : undefined;
        const matching = factorFilter ? [own?.get(factorFilter)?.verdict] : [...(own?.values() ?? [])].map((v) => v.verdict);
        if (!matching.includes(verdictFilter)) return false;
      }
      return true;
    });
    if (sort) {
      const factorValue = (row: TableRow, f: FactorCode) => {
        const v = row.situation ? verdicts?.get(row.situation.id)?.get(f) : undefined;
        return v ? VERDICT_RANK[v.verdict] * 1e9 - v.value : Infinity;
      };
      const value = (row: TableRow): string | number =>
        sort.key === 'job' ? label(row.job) : sort.key === 'task' ? label(row.task) : sort.key === 'situation' ? label(row.situation) : sort.key === 'share' ? row.weighting.share : factorValue(row, sort.key);
      const sign = sort.direction === 'ascending' ? 1 : -1;
      out = [...out].sort((a, b) => {
        const x = value(a);
        const y = value(b);
        return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr'));
      });
    }
    return out;
  }, [rows, text, factorFilter, verdictFilter, sort, verdicts, graph]);

  const shown = visible.slice(0, MAX_ROWS);
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort?.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? sort.direction : 'none'} className={className}>
        <button
          type="button"
          className="sort"
          aria-label={frEditor.table.sortBy(label)}
          onClick={() => setSort(active && sort.direction === 'ascending' ? { key, direction: 'descending' } : active ? null : { key, direction: 'ascending' })}
        >
          {label} <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? '▲' : '▼') : '⇅'}</span>
        </button>
      </th>
    );
  };

  const saveExposure = (situation: Situation, k: number, exposure: Exposure) =>
    controller.run(
      { type: 'node/update', id: situation.id, changes: { exposures: situation.exposures.map((e, i) => (i === k ? exposure : e)) } },
      frEditor.history.table(situation.label, factorLabel(r.regulation, exposure.factor)),
    ).ok;

  return (
    <section className="editor-table" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{frEditor.table.heading}</h2>
      <div className="table-filters">
        <div className="field">
          <label htmlFor={`${id}-text`}>{frEditor.table.filter}</label>
          <input id={`${id}-text`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <SelectField<FactorCode | ''>
          label={frEditor.table.factorFilter}
          value={factorFilter}
          options={[{ value: '', label: frEditor.table.allFactors }, ...factors.map((f) => ({ value: f, label: factorLabel(r.regulation, f) }))]}
          onChange={setFactorFilter}
        />
        <SelectField<Verdict | ''>
          label={frEditor.table.verdictFilter}
          value={verdictFilter}
          options={[{ value: '', label: frEditor.table.allVerdicts }, ...(['exposed', 'to_analyse', 'not_exposed'] as const).map((v) => ({ value: v, label: fr.verdict[v] }))]}
          onChange={setVerdictFilter}
        />
        <p className="help" role="status">
          {frEditor.table.rows(shown.length, visible.length)}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="help">{frEditor.table.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="matrix">
            <caption className="visually-hidden">{frEditor.table.caption}</caption>
            <thead>
              <tr>
                {header('job', frEditor.table.job)}
                {header('task', frEditor.table.task)}
                {header('share', frEditor.table.share, 'num')}
                {header('situation', frEditor.table.situation)}
                {factors.map((f) => header(f, factorLabel(r.regulation, f)))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{nodeLabel(graph, row.job)}</th>
                  <td>{nodeLabel(graph, row.task)}</td>
                  <td className="num">
                    <NumberField
                      compact
                      disabled={readOnly}
                      label={frEditor.table.shareLabel(nodeLabel(graph, row.job), nodeLabel(graph, row.task))}
                      value={row.weighting.share}
                      unit="%"
                      onCommit={(share) => share !== undefined && controller.run({ type: 'edge/update', id: row.weighting.id, changes: { share } }, frEditor.history.edit(W.share, nodeLabel(graph, row.task))).ok}
                    />
                  </td>
                  <td>{row.situation ? nodeLabel(graph, row.situation) : '—'}</td>
                  {factors.map((f) => (
                    <td key={f} className="matrix-cell">
                      {row.situation ? <Cell situation={row.situation} factor={f} regulation={r.regulation} verdict={verdicts?.get(row.situation.id)?.get(f)?.verdict} readOnly={readOnly} onSave={saveExposure} /> : frEditor.table.notConcerned}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Cell(props: { situation: Situation; factor: FactorCode; regulation: string; verdict: Verdict | undefined; readOnly: boolean; onSave: (s: Situation, k: number, e: Exposure) => boolean }) {
  const { situation, factor, regulation, verdict, readOnly, onSave } = props;
  const exposures = situation.exposures.flatMap((e, k) => (e.factor === factor ? [{ e, k }] : []));
  if (exposures.length === 0) return <>{frEditor.table.notConcerned}</>;
  const factorName = factorLabel(regulation, factor);
  return (
    <>
      {exposures.map(({ e, k }) => {
        const criterion = criterionLabel(regulation, factor, e.criterion);
        return (
          <div key={k} className="cell-exposure">
            {e.duration && (
              <NumberField
                compact
                disabled={readOnly}
                label={frEditor.table.durationLabel(situation.label, factorName, criterion)}
                value={e.duration.value}
                unit={frEditor.durationUnits[e.duration.unit] ?? e.duration.unit}
                onCommit={(value) => value !== undefined && onSave(situation, k, { ...e, duration: { value, unit: e.duration!.unit } })}
              />
            )}
            <SelectField
              compact
              disabled={readOnly}
              label={frEditor.table.conclusionLabel(situation.label, factorName, criterion)}
              value={e.conclusion}
              options={(['exposed', 'not_exposed', 'to_analyse'] as const).map((c) => ({ value: c, label: fr.verdict[c] }))}
              onChange={(conclusion) => onSave(situation, k, { ...e, conclusion })}
            />
          </div>
        );
      })}
      {verdict && (
        <span className={`badge verdict-${verdict}`} title={frEditor.table.computed}>
          {frEditor.table.computed} : {fr.verdict[verdict]}
        </span>
      )}
    </>
  );
}

