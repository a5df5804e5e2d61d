import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { GraphNodeKind } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { factorLabel } from '../labels.ts';
import type { FlowNode } from './flowModel.ts';
import { useController, useEdgesFrom, useEdgesTo, useGraphNode, useGraphSelector, useNodeFindings } from './hooks.ts';
import { useNodeOpenComments } from './comments.ts';
import { frCollab } from '../i18n/fr-collab.ts';

/*
 * The canvas nodes, one component per kind, memoised. Each reads its own node from the store by id
 * (so node.data carries no domain state) and its findings from the live check; nothing here mutates.
 */

function useDirection(): { input: Position; output: Position } {
  const direction = useGraphSelector((g) => g.layout.direction);
  return direction === 'DOWN' ? { input: Position.Top, output: Position.Bottom } : { input: Position.Left, output: Position.Right };
}

function Frame({ id, kind, title, subtitle, children, selected }: { id: string; kind: GraphNodeKind; title: string; subtitle?: ReactNode; children?: ReactNode; selected: boolean }) {
  const { severity, count } = useNodeFindings(id);
  const remarks = useNodeOpenComments(id);
  return (
    <div className={`lg-node lg-node-${kind}${selected ? ' is-selected' : ''}${severity ? ` has-${severity}` : ''}${remarks > 0 ? ' has-remarks' : ''}`}>
      <div className="lg-node-kind">
        {frEditor.kinds[kind]}
        {severity && (
          <span className={`lg-node-badge severity-${severity}`} title={frEditor.node.findings(severity as 'error', count)}>
            <span aria-hidden="true">{severity === 'error' ? '✕' : severity === 'warning' ? '!' : 'i'}</span> {count}
            <span className="visually-hidden">{frEditor.node.findings(severity as 'error', count)}</span>
          </span>
        )}
      </div>
      {remarks > 0 && (
        // Outside the kind row, in the node's corner: it stays visible from afar, where the row is hidden.
        <span className="lg-node-badge lg-comment-badge" role="img" aria-label={frCollab.comments.badge(remarks)} title={frCollab.comments.badge(remarks)} data-testid="comment-badge">
          {/* Drawn, not an emoji: a browser without a colour-emoji font would show an empty box. */}
          <svg className="lg-comment-icon" width="10" height="10" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M2 2h12v9H7l-4 3v-3H2z" fill="currentColor" />
          </svg>
          <span aria-hidden="true">{remarks}</span>
        </span>
      )}
      <div className="lg-node-title" title={frEditor.node.idHint(title || '—', id)}>
        {title || '—'}
      </div>
      {subtitle !== undefined && <div className="lg-node-sub">{subtitle}</div>}
      {children}
    </div>
  );
}

function CollapseToggle({ id, label, hidden }: { id: string; label: string; hidden: number | undefined }) {
  const controller = useController();
  const hasNext = useEdgesFrom(id, (edges) => edges.length > 0);
  if (!hasNext && hidden === undefined) return null;
  return (
    <button
      type="button"
      className="lg-node-collapse nodrag nopan"
      aria-label={hidden === undefined ? frEditor.node.collapseLabel(label) : frEditor.node.expandLabel(label, hidden)}
      aria-expanded={hidden === undefined}
      onClick={(event) => {
        event.stopPropagation();
        controller.toggleCollapse(id);
      }}
    >
      {hidden === undefined ? frEditor.node.collapse : frEditor.node.expand(hidden)}
    </button>
  );
}

const JobNode = memo(function JobNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  const { output } = useDirection();
  const tasks = useEdgesFrom(id, (edges) => edges.reduce((n, e) => (e.kind === 'weighting' ? n + 1 : n), 0));
  if (node?.kind !== 'job') return null;
  return (
    <Frame id={id} kind="job" title={node.label} subtitle={frEditor.node.tasks(tasks)} selected={selected}>
      <CollapseToggle id={id} label={node.label} hidden={data.hidden} />
      <Handle type="source" position={output} title={frEditor.node.outHandle} />
    </Frame>
  );
});

/** A node with one way in and one way out (a task, a question): its frame, collapse toggle and two handles. */
function PlainNode({ id, kind, title, subtitle, selected, hidden }: { id: string; kind: GraphNodeKind; title: string; subtitle?: ReactNode; selected: boolean; hidden: number | undefined }) {
  const { input, output } = useDirection();
  return (
    <Frame id={id} kind={kind} title={title} subtitle={subtitle} selected={selected}>
      {hidden !== undefined && <CollapseToggle id={id} label={title} hidden={hidden} />}
      <Handle type="target" position={input} title={frEditor.node.inHandle} />
      <Handle type="source" position={output} title={frEditor.node.outHandle} />
    </Frame>
  );
}

const TaskNode = memo(function TaskNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  const share = useEdgesTo(id, (edges) => {
    const w = edges.find((e) => e.kind === 'weighting');
    return w?.kind === 'weighting' ? w.share : undefined;
  });
  if (node?.kind !== 'task') return null;
  return <PlainNode id={id} kind="task" title={node.label} subtitle={share === undefined ? undefined : frEditor.node.share(formatNumber(share))} selected={selected} hidden={data.hidden} />;
});

const QuestionNode = memo(function QuestionNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  const question = useGraphSelector((g) => (node?.kind === 'question' ? g.referential.questions.find((q) => q.id === node.question) : undefined));
  if (node?.kind !== 'question') return null;
  const title = node.label || question?.label || node.question;
  const subtitle = question ? `${frEditor.node.type[question.type]} · ${frEditor.node.scope[question.scope]}` : node.question;
  return <PlainNode id={id} kind="question" title={title} subtitle={subtitle} selected={selected} hidden={data.hidden} />;
});

const MeasureNode = memo(function MeasureNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  const { input, output } = useDirection();
  const measure = useGraphSelector((g) => (node?.kind === 'measure' ? g.referential.measures.find((m) => m.id === node.measure) : undefined));
  if (node?.kind !== 'measure') return null;
  const title = node.label || measure?.label || node.measure;
  const across = output === Position.Right ? 'top' : 'left';
  return (
    <Frame
      id={id}
      kind="measure"
      title={title}
      subtitle={
        <>
          <span>{measure ? frEditor.measure.kinds[measure.kind] : node.measure}</span>
          <span className="lg-legend">
            <span className="dot dot-applied" aria-hidden="true" /> {frEditor.node.applied} <span className="dot dot-not-applied" aria-hidden="true" /> {frEditor.node.notApplied}
          </span>
        </>
      }
      selected={selected}
    >
      {data.hidden !== undefined && <CollapseToggle id={id} label={title} hidden={data.hidden} />}
      <Handle type="target" position={input} title={frEditor.node.inHandle} />
      <Handle type="source" id="applied" position={output} style={{ [across]: '30%' }} className="handle-applied" title={frEditor.node.appliedHandle} />
      <Handle type="source" id="notApplied" position={output} style={{ [across]: '72%' }} className="handle-not-applied" title={frEditor.node.notAppliedHandle} />
    </Frame>
  );
});

const SituationNode = memo(function SituationNode({ id, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  const { input } = useDirection();
  const regulation = useGraphSelector((g) => g.referential.regulation);
  if (node?.kind !== 'situation') return null;
  const summary =
    node.exposures.length === 0
      ? frEditor.node.noExposure
      : node.exposures.map((e, k) => (
          <span key={k} className={`lg-exposure verdict-${e.conclusion}`}>
            {factorLabel(regulation, e.factor)} : {frEditor.conclusions[e.conclusion]}
          </span>
        ));
  // Far from the drawing: one coloured badge per factor (red exposed, amber to analyse, green not exposed).
  const factors = [...new Map(node.exposures.map((e) => [e.factor, e.conclusion] as const))];
  return (
    <Frame id={id} kind="situation" title={node.label} subtitle={summary} selected={selected}>
      <div className="lg-badges" aria-hidden="true">
        {factors.map(([factor, conclusion]) => (
          <span key={factor} className={`lg-factor-badge verdict-${conclusion}`}>
            {frEditor.node.factorShort[factor] ?? factor}
          </span>
        ))}
      </div>
      <Handle type="target" position={input} title={frEditor.node.inHandle} />
    </Frame>
  );
});

const NoteNode = memo(function NoteNode({ id, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  if (node?.kind !== 'note') return null;
  return <Frame id={id} kind="note" title={node.text} selected={selected} />;
});

const GroupNode = memo(function GroupNode({ id, selected }: NodeProps<FlowNode>) {
  const node = useGraphNode(id);
  if (node?.kind !== 'group') return null;
  return <Frame id={id} kind="group" title={node.label} selected={selected} />;
});

/** Defined once, outside any component, as React Flow asks. */
export const nodeTypes = {
  job: JobNode,
  task: TaskNode,
  question: QuestionNode,
  measure: MeasureNode,
  situation: SituationNode,
  note: NoteNode,
  group: GroupNode,
} satisfies NodeTypes;
