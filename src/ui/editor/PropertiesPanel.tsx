import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { sharesComplete, type GraphCommand, type GraphEdge, type GraphNode } from '../../core/index.ts';
import { nodeLabel, subtreeIds, type NodeChanges } from '../../core/graph/commands/index.ts';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { ConditionEditor, MeasureEditor, QuestionEditor } from './CatalogueEditors.tsx';
import { ExposureEditor } from './ExposureEditor.tsx';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { useController, useEditorSnapshot, useGraph, useView } from './hooks.ts';
import { ID_PREFIX, IdMaker } from './ids.ts';
import { ReferentialPanel } from './ReferentialPanel.tsx';
import { conditionText, searchKey } from './text.ts';

/** What an edit changes, in the history's words. */
const W = frEditor.what;

/**
 * The properties of what is selected: one node, one edge, several elements, or — nothing selected —
 * the referential itself. Every change is a command; the panel holds no copy of the document.
 */
export function PropertiesPanel() {
  const view = useView();
  const controller = useController();
  const panel = useRef<HTMLElement>(null);
  const count = view.selectedNodes.length + view.selectedEdges.length;

  useEffect(() => {
    if (view.focusProperties === 0) return;
    // After the new node's panel has rendered: its first field takes the focus.
    // Unless the user has gone elsewhere meanwhile (Échap back to the canvas: on a busy machine it can
    // come before this timer, the focus then on the page's body, so the controller's count says it).
    const before = document.activeElement;
    const nodeFocus = controller.nodeFocusRequests;
    const asked = view.focusProperties;
    const timer = setTimeout(() => {
      controller.propertiesFocusPending = false;
      if (controller.nodeFocusRequests !== nodeFocus) return;
      const active = document.activeElement;
      if (active && active !== before && active !== document.body && !panel.current?.contains(active)) return;
      const field = panel.current?.querySelector<HTMLElement>('[data-main-field]') ?? panel.current?.querySelector<HTMLElement>('input, textarea, select');
      field?.focus();
      // A new node's default name is selected: typing replaces it.
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.select();
    }, 0);
    return () => {
      clearTimeout(timer);
      // The panel went before its timer (the table view, another screen): the move will not happen, and
      // a later Échap means « deselect » again. A newer request keeps its own pending move.
      if (controller.getView().focusProperties === asked) controller.propertiesFocusPending = false;
    };
  }, [view.focusProperties, controller]);

  return (
    <section ref={panel} className="editor-panel properties" aria-labelledby="properties-heading">
      <h2 id="properties-heading">{frEditor.properties.heading}</h2>
      {count > 1 ? (
        <MultiSelection count={count} />
      ) : view.selectedNodes[0] ? (
        <NodeProperties key={view.selectedNodes[0]} id={view.selectedNodes[0]} />
      ) : view.selectedEdges[0] ? (
        <EdgeProperties key={view.selectedEdges[0]} id={view.selectedEdges[0]} />
      ) : (
        <>
          <p className="help">{frEditor.properties.nothing}</p>
          <ReferentialPanel />
        </>
      )}
    </section>
  );
}

function MultiSelection({ count }: { count: number }) {
  const controller = useController();
  const { readOnly } = useEditorSnapshot();
  return (
    <div>
      <p>{frEditor.properties.many(count)}</p>
      <div className="button-row">
        <button type="button" disabled={readOnly} onClick={() => controller.duplicate()}>
          {frEditor.properties.duplicate}
        </button>
        <button type="button" disabled={readOnly} onClick={() => controller.deleteSelection()}>
          {frEditor.properties.removeSelection}
        </button>
      </div>
    </div>
  );
}

function NodeProperties({ id }: { id: string }) {
  const controller = useController();
  const { graph, readOnly } = useEditorSnapshot();
  const node = controller.store.nodeById(id);
  if (!node) return null;
  const label = nodeLabel(graph, node);
  const edit = (what: string, changes: NodeChanges) => controller.run({ type: 'node/update', id, changes }, frEditor.history.edit(what, label)).ok;
  const outgoing = controller.store.edgesFrom(id);
  const collapsed = !!graph.layout.nodes[id]?.collapsed;

  return (
    <div className={`node-properties kind-${node.kind}`}>
      <h3 className="properties-title">{frEditor.properties.nodeHeading(frEditor.kinds[node.kind], label)}</h3>
      <fieldset disabled={readOnly} className="plain">
        {'label' in node && node.kind !== 'question' && node.kind !== 'measure' && <TextField main label={frEditor.properties.label} value={node.label} onCommit={(v) => controller.editLabel(id, v)} />}
        <TextField
          label={frEditor.rename.field}
          help={frEditor.rename.help}
          value={node.id}
          // A rename rewrites every reference and may ask first: never halfway through typing.
          commitOnInput={false}
          onCommit={(v) => {
            void controller.requestRename(id, v.trim());
            return true;
          }}
        />
        {'description' in node || node.kind === 'job' || node.kind === 'task' || node.kind === 'situation' ? (
          <TextField
            label={frEditor.properties.description}
            value={(node as { description?: string }).description ?? ''}
            multiline
            onCommit={(v) => edit(W.description, { description: v.trim() === '' ? null : v })}
          />
        ) : null}
        {node.kind === 'note' && <TextField main label={frEditor.properties.text} value={node.text} multiline onCommit={(v) => edit(W.text, { text: v })} />}
        {node.kind === 'group' && <p className="help">{frEditor.properties.members(node.members.length)}</p>}
        {node.kind === 'job' && <JobWeightings id={id} edges={outgoing} />}
        {node.kind === 'task' && <TaskLinks id={id} />}
        {node.kind === 'question' && <QuestionNodeProperties node={node} edges={outgoing} label={label} />}
        {node.kind === 'measure' && <MeasureNodeProperties node={node} edges={outgoing} label={label} />}
        {node.kind === 'situation' && <ExposureEditor node={node} />}
        {(node.kind === 'job' || node.kind === 'task' || node.kind === 'question' || node.kind === 'measure') && <ConnectForm node={node} />}
      </fieldset>
      <div className="button-row">
        {(node.kind === 'job' || node.kind === 'task') && (
          <button type="button" onClick={() => controller.setFocusRoot(id)}>
            {frEditor.focusMode.enter}
          </button>
        )}
        {outgoing.length > 0 && (
          <button type="button" disabled={readOnly} onClick={() => controller.toggleCollapse(id)} aria-expanded={!collapsed}>
            {collapsed ? frEditor.properties.expand : frEditor.properties.collapse}
          </button>
        )}
        <button type="button" disabled={readOnly} onClick={() => controller.run({ type: 'node/remove', ids: [id] }, frEditor.history.remove(1, 0))}>
          {frEditor.properties.removeNode}
        </button>
        {subtreeIds(graph, id).length > 1 && (
          <button type="button" disabled={readOnly} className="danger" onClick={() => controller.requestRemoveSubtree(id)}>
            {frEditor.properties.removeSubtree}
          </button>
        )}
      </div>
    </div>
  );
}

function JobWeightings({ edges }: { id: string; edges: readonly GraphEdge[] }) {
  const controller = useController();
  const graph = useGraph();
  const weightings = edges.filter((e): e is Extract<GraphEdge, { kind: 'weighting' }> => e.kind === 'weighting');
  const total = weightings.reduce((s, e) => s + e.share, 0);
  const ok = sharesComplete(total);
  return (
    <fieldset>
      <legend>{frEditor.properties.weightings}</legend>
      {weightings.length === 0 && <p className="help">{frEditor.properties.noTasks}</p>}
      {weightings.map((e) => {
        const task = controller.store.nodeById(e.target);
        const taskLabel = task ? nodeLabel(graph, task) : e.target;
        return (
          <NumberField
            key={e.id}
            label={frEditor.properties.weightingLabel(taskLabel)}
            value={e.share}
            unit="%"
            onCommit={(share) => share !== undefined && controller.run({ type: 'edge/update', id: e.id, changes: { share } }, frEditor.history.edit(W.share, taskLabel)).ok}
          />
        );
      })}
      {weightings.length > 0 && (
        <p className={`total ${ok ? 'total-ok' : 'total-ko'}`} data-testid="weightings-total">
          {frEditor.properties.total(formatNumber(total))} — {ok ? frEditor.properties.totalOk : frEditor.properties.totalKo}
        </p>
      )}
    </fieldset>
  );
}

function TaskLinks({ id }: { id: string }) {
  const controller = useController();
  const graph = useGraph();
  const weighting = controller.store.edgesTo(id).find((e) => e.kind === 'weighting');
  const entry = controller.store.edgesFrom(id).find((e) => e.kind === 'entry');
  const job = weighting ? controller.store.nodeById(weighting.source) : undefined;
  const target = entry ? controller.store.nodeById(entry.target) : undefined;
  return (
    <>
      {weighting?.kind === 'weighting' && job ? (
        <>
          <GoTo node={job} prefix={frEditor.properties.taskJob} />
          <NumberField
            label={frEditor.properties.taskShare}
            value={weighting.share}
            unit="%"
            onCommit={(share) => share !== undefined && controller.run({ type: 'edge/update', id: weighting.id, changes: { share } }, frEditor.history.edit(W.share, nodeLabel(graph, controller.store.nodeById(id)!))).ok}
          />
        </>
      ) : (
        <p className="help">{frEditor.properties.noJob}</p>
      )}
      <h4>{frEditor.properties.entry}</h4>
      {target ? <GoTo node={target} /> : <p className="help">{frEditor.properties.noEntry}</p>}
    </>
  );
}

function GoTo({ node, prefix }: { node: GraphNode; prefix?: string }) {
  const controller = useController();
  const graph = useGraph();
  const label = nodeLabel(graph, node);
  return (
    <p>
      {prefix && `${prefix} : `}
      <button type="button" className="link" onClick={() => controller.focusNode(node.id, { focus: false })}>
        {frEditor.properties.goTo(label)}
      </button>
    </p>
  );
}

function QuestionNodeProperties({ node, edges, label }: { node: Extract<GraphNode, { kind: 'question' }>; edges: readonly GraphEdge[]; label: string }) {
  const controller = useController();
  const graph = useGraph();
  const question = graph.referential.questions.find((q) => q.id === node.question);
  const usedBy = graph.nodes.filter((n) => n.kind === 'question' && n.question === node.question).length;
  return (
    <>
      <CatalogueChoice node={node} label={label} />
      {question && <QuestionEditor question={question} usedBy={usedBy} />}
      <h4>{frEditor.properties.branches}</h4>
      {edges.length === 0 && <p className="help">{frEditor.properties.noBranches}</p>}
      {edges.map((e) => {
        if (e.kind !== 'branch') return null;
        const target = controller.store.nodeById(e.target);
        const targetLabel = target ? nodeLabel(graph, target) : e.target;
        return (
          <div key={e.id} className="branch">
            <ConditionEditor edge={e} question={question} label={frEditor.properties.leadsTo(targetLabel)} />
            <p className="help">
              {conditionText(e.when, question)} → {targetLabel}
            </p>
          </div>
        );
      })}
    </>
  );
}

/**
 * The catalogue entry a question or measure node uses (one kept even when missing from the catalogue, so
 * the field says what the node names), another one, or a new one made for it in one undoable step; then
 * the node's own label.
 */
function CatalogueChoice({ node, label }: { node: Extract<GraphNode, { kind: 'question' | 'measure' }>; label: string }) {
  const controller = useController();
  const graph = useGraph();
  const question = node.kind === 'question';
  const current = question ? node.question : node.measure;
  const entries: readonly { id: string; label: string }[] = question ? graph.referential.questions : graph.referential.measures;
  const pointTo = (id: string): GraphCommand => ({ type: 'node/update', id: node.id, changes: question ? { question: id } : { measure: id } });
  const create = () => {
    const id = new IdMaker(graph).next(question ? ID_PREFIX.questionEntry : ID_PREFIX.measureEntry);
    const add: GraphCommand = question
      ? { type: 'question/add', question: { id, label: frEditor.defaults.question, scope: 'company', type: 'boolean' } }
      : { type: 'measure/add', measure: { id, label: frEditor.defaults.measure, kind: 'collective' } };
    controller.run([add, pointTo(id)], question ? frEditor.history.newQuestion : frEditor.history.newMeasure);
  };
  return (
    <>
      <SelectField
        label={question ? frEditor.properties.asks : frEditor.properties.tests}
        value={current}
        options={[...entries.map((e) => ({ value: e.id, label: e.label })), ...(entries.some((e) => e.id === current) ? [] : [{ value: current, label: current }])]}
        onChange={(id) => controller.run(pointTo(id), frEditor.history.edit(question ? W.asks : W.tests, label))}
      >
        <button type="button" className="small" onClick={create}>
          {question ? frEditor.properties.newQuestion : frEditor.properties.newMeasure}
        </button>
      </SelectField>
      <DecisionLabelField node={node} label={label} />
    </>
  );
}

/** The optional label of a question or measure node (empty: the catalogue entry's label is shown). */
function DecisionLabelField({ node, label }: { node: Extract<GraphNode, { kind: 'question' | 'measure' }>; label: string }) {
  const controller = useController();
  return (
    <TextField
      label={frEditor.properties.nodeLabel}
      help={frEditor.properties.nodeLabelHelp}
      value={node.label ?? ''}
      onCommit={(v) => controller.run({ type: 'node/update', id: node.id, changes: { label: v.trim() === '' ? null : v } }, frEditor.history.edit(W.label, label)).ok}
    />
  );
}

function MeasureNodeProperties({ node, edges, label }: { node: Extract<GraphNode, { kind: 'measure' }>; edges: readonly GraphEdge[]; label: string }) {
  const controller = useController();
  const graph = useGraph();
  const measure = graph.referential.measures.find((m) => m.id === node.measure);
  const usedBy = graph.nodes.filter((n) => n.kind === 'measure' && n.measure === node.measure).length;
  return (
    <>
      <CatalogueChoice node={node} label={label} />
      {measure && <MeasureEditor measure={measure} usedBy={usedBy} />}
      <h4>{frEditor.properties.measureBranches}</h4>
      {edges.map((e) => {
        if (e.kind !== 'measure') return null;
        const target = controller.store.nodeById(e.target);
        const targetLabel = target ? nodeLabel(graph, target) : e.target;
        return (
          <SelectField
            key={e.id}
            label={`${frEditor.properties.side} — ${frEditor.properties.leadsTo(targetLabel)}`}
            value={e.applied ? 'applied' : 'notApplied'}
            options={[
              { value: 'applied', label: frEditor.edge.applied },
              { value: 'notApplied', label: frEditor.edge.notApplied },
            ]}
            onChange={(v) => controller.run({ type: 'edge/update', id: e.id, changes: { applied: v === 'applied' } }, frEditor.history.editEdge(W.side))}
          />
        );
      })}
    </>
  );
}

/**
 * Keyboard way to draw an edge: find the node to link to by its label, then link; the same rules as on
 * the canvas. Only the few matching nodes are listed, so a 2 000-node graph costs nothing here.
 */
function ConnectForm({ node }: { node: GraphNode }) {
  const controller = useController();
  const graph = useGraph();
  const id = useId();
  const [query, setQuery] = useState('');
  const [side, setSide] = useState<'applied' | 'notApplied'>('applied');
  const matches = useMemo(() => {
    const q = searchKey(query.trim());
    if (q === '') return [];
    const out: Array<{ id: string; label: string }> = [];
    for (const n of graph.nodes) {
      if (n.id === node.id || n.kind === 'note' || n.kind === 'group' || n.kind === 'job') continue;
      const label = `${frEditor.kinds[n.kind]} : ${nodeLabel(graph, n)}`;
      if (searchKey(`${label} ${n.id}`).includes(q)) out.push({ id: n.id, label });
      if (out.length === 8) break;
    }
    return out;
  }, [graph, node.id, query]);
  return (
    <fieldset className="connect">
      <legend>{frEditor.properties.connect}</legend>
      {node.kind === 'measure' && (
        <SelectField
          label={frEditor.properties.connectSide}
          value={side}
          options={[
            { value: 'applied', label: frEditor.edge.applied },
            { value: 'notApplied', label: frEditor.edge.notApplied },
          ]}
          onChange={setSide}
        />
      )}
      <label htmlFor={`${id}-target`}>{frEditor.properties.connectTarget}</label>
      <input id={`${id}-target`} type="search" value={query} autoComplete="off" aria-describedby={`${id}-help`} onChange={(e) => setQuery(e.target.value)} />
      <p className="help" id={`${id}-help`}>
        {frEditor.properties.connectHelp}
      </p>
      {matches.length > 0 && (
        <ul className="plain connect-results" aria-label={frEditor.properties.connectResults}>
          {matches.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="small"
                onClick={() => {
                  if (controller.connect({ source: node.id, target: m.id, sourceHandle: node.kind === 'measure' ? side : null })) {
                    setQuery('');
                    controller.select([node.id]);
                  }
                }}
              >
                {frEditor.properties.connectTo(m.label)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function EdgeProperties({ id }: { id: string }) {
  const controller = useController();
  const { graph, readOnly } = useEditorSnapshot();
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) return null;
  const source = controller.store.nodeById(edge.source);
  const target = controller.store.nodeById(edge.target);
  const question = source?.kind === 'question' ? graph.referential.questions.find((q) => q.id === source.question) : undefined;
  const targetLabel = target ? nodeLabel(graph, target) : edge.target;
  return (
    <div className="edge-properties">
      <h3 className="properties-title">{frEditor.properties.edgeHeading(frEditor.properties.edgeKinds[edge.kind] ?? edge.kind)}</h3>
      {source && <GoTo node={source} prefix={frEditor.properties.edgeFrom} />}
      {target && <GoTo node={target} prefix={frEditor.properties.edgeTo} />}
      <fieldset disabled={readOnly} className="plain">
        {edge.kind === 'weighting' && (
          <NumberField label={frEditor.properties.share} value={edge.share} unit="%" onCommit={(share) => share !== undefined && controller.run({ type: 'edge/update', id, changes: { share } }, frEditor.history.editEdge(W.share)).ok} />
        )}
        {edge.kind === 'branch' && <ConditionEditor edge={edge} question={question} label={frEditor.properties.leadsTo(targetLabel)} />}
        {edge.kind === 'measure' && (
          <SelectField
            label={frEditor.properties.side}
            value={edge.applied ? 'applied' : 'notApplied'}
            options={[
              { value: 'applied', label: frEditor.edge.applied },
              { value: 'notApplied', label: frEditor.edge.notApplied },
            ]}
            onChange={(v) => controller.run({ type: 'edge/update', id, changes: { applied: v === 'applied' } }, frEditor.history.editEdge(W.side))}
          />
        )}
      </fieldset>
      <div className="button-row">
        <button type="button" disabled={readOnly} onClick={() => controller.run({ type: 'edge/remove', ids: [id] }, frEditor.history.removeEdge)}>
          {frEditor.properties.removeEdge}
        </button>
      </div>
    </div>
  );
}
