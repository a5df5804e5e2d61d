import { useEffect, useMemo, useState } from 'react';
import type { GraphDocument, GraphEdge } from '../../core/index.ts';
import { nodeLabel } from '../../core/graph/commands/index.ts';
import { useDb } from '../context.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel } from '../labels.ts';
import { hrefFor } from '../route.ts';
import { computeLayout } from './layoutClient.ts';
import { openDraftOrStored } from './persistence.ts';
import { printPages, type PrintedNode, type PrintPage } from './print/pages.ts';
import './print/print.css';
import { edgeText } from './text.ts';

/** Later than the app's other @page rules in the document, so it wins while this screen is shown. */
const PAGE_RULE = '@page { size: A3 landscape; margin: 10mm; }';

type Loaded = { status: 'loading' } | { status: 'ready'; graph: GraphDocument; state: string } | { status: 'failed'; message: string };

/**
 * `#/editeur/<id>/impression`: the logigramme as a chart to print (A3 landscape), one job per page and
 * a job taller than a page continued on the next, as the branch's own paper logigrammes are.
 */
export function PrintScreen({ referentialId }: { referentialId: string }) {
  const db = useDb();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    openDraftOrStored(db, referentialId, undefined, { layout: computeLayout })
      .then((o) => live && setLoaded(o.kind === 'draft' ? { status: 'ready', graph: o.record.graph, state: o.record.lifecycle.state } : { status: 'ready', graph: o.graph, state: o.stored.status }))
      .catch((e: unknown) => live && setLoaded({ status: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [db, referentialId]);
  useEffect(() => {
    if (loaded.status === 'ready') document.title = `${frEditor.print.documentTitle(loaded.graph.referential.identity.title)} — ${fr.app.name}`;
  }, [loaded]);
  if (loaded.status === 'loading') return <p role="status">{frEditor.screen.loading}</p>;
  if (loaded.status === 'failed') return <p role="alert">{frEditor.screen.failed(loaded.message)}</p>;
  return <Chart graph={loaded.graph} state={loaded.state} />;
}

function Chart({ graph, state }: { graph: GraphDocument; state: string }) {
  const pages = useMemo(() => printPages(graph), [graph]);
  const identity = graph.referential.identity;
  return (
    <div className="print-chart">
      <style>{PAGE_RULE}</style>
      <div className="no-print print-actions">
        <h1>{frEditor.print.heading(identity.title)}</h1>
        <p className="help">{frEditor.print.help(pages.length)}</p>
        <p className="button-row">
          <button type="button" onClick={() => window.print()}>
            {frEditor.print.print}
          </button>
          <a href={hrefFor({ screen: 'editor', id: graph.referential.id })}>{frEditor.print.back}</a>
        </p>
      </div>
      {pages.map((page, i) => (
        <ChartPage key={`${page.root}-${page.part}`} graph={graph} page={page} index={i} total={pages.length} state={state} />
      ))}
    </div>
  );
}

function ChartPage({ graph, page, index, total, state }: { graph: GraphDocument; page: PrintPage; index: number; total: number; state: string }) {
  const root = graph.nodes.find((n) => n.id === page.root);
  const title = root ? `${frEditor.kinds[root.kind]} : ${nodeLabel(graph, root)}` : page.root;
  const identity = graph.referential.identity;
  const edges = graph.edges.filter((e) => page.ids.has(e.source) && page.ids.has(e.target));
  const away = graph.edges.filter((e) => page.ids.has(e.source) !== page.ids.has(e.target));
  const byId = new Map(page.nodes.map((n) => [n.node.id, n] as const));
  return (
    <section className="print-page" aria-label={title}>
      <header className="print-page-head">
        <h2>
          {title}
          {page.parts > 1 && <span className="print-part"> {frEditor.print.part(page.part, page.parts)}</span>}
        </h2>
        <p>{frEditor.print.meta(identity.title, identity.version, fr.status[state] ?? state, index + 1, total)}</p>
      </header>
      <svg className="print-svg" viewBox={`${page.view.x} ${page.view.y} ${page.view.width} ${page.view.height}`} width={page.view.width * page.scale} height={page.view.height * page.scale} role="img" aria-label={frEditor.print.drawing(title)}>
        {edges.map((e) => (
          <PrintEdge key={e.id} graph={graph} edge={e} from={byId.get(e.source)!} to={byId.get(e.target)!} />
        ))}
        {page.nodes.map((n) => (
          <PrintNode key={n.node.id} graph={graph} placed={n} away={away} onPage={page.ids} />
        ))}
      </svg>
    </section>
  );
}

function PrintEdge({ graph, edge, from, to }: { graph: GraphDocument; edge: GraphEdge; from: PrintedNode; to: PrintedNode }) {
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2;
  const x2 = to.x;
  const y2 = to.y + to.height / 2;
  const mid = (x1 + x2) / 2;
  const text = edgeText(graph, edge);
  return (
    <g className={`print-edge edge-${edge.kind}`}>
      <path d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} fill="none" />
      {text && (
        <text x={x2 - 6} y={y2 - 6} textAnchor="end">
          {text}
        </text>
      )}
    </g>
  );
}

function PrintNode({ graph, placed, away, onPage }: { graph: GraphDocument; placed: PrintedNode; away: GraphEdge[]; onPage: ReadonlySet<string> }) {
  const { node } = placed;
  const regulation = graph.referential.regulation;
  const label = nodeLabel(graph, node);
  const elsewhere = away.filter((e) => e.source === node.id && !onPage.has(e.target)).map((e) => graph.nodes.find((n) => n.id === e.target));
  return (
    <g className={`print-node kind-${node.kind}`}>
      <rect x={placed.x} y={placed.y} width={placed.width} height={placed.height} rx={6} />
      <foreignObject x={placed.x} y={placed.y} width={placed.width} height={placed.height}>
        <div className="print-node-body">
          <div className="print-kind">{frEditor.kinds[node.kind]}</div>
          <div className="print-title">{label}</div>
          {node.kind === 'situation' && (
            <div className="print-exposures">
              {node.exposures.length === 0
                ? frEditor.node.noExposure
                : node.exposures.map((e, k) => (
                    <span key={k} className={`verdict-${e.conclusion}`}>
                      {factorLabel(regulation, e.factor)} : {frEditor.conclusions[e.conclusion]}
                    </span>
                  ))}
            </div>
          )}
        </div>
      </foreignObject>
      {elsewhere.map((target, k) =>
        target ? (
          <text key={target.id} className="print-away" x={placed.x + placed.width + 8} y={placed.y + 14 + 14 * k}>
            {frEditor.print.continues(nodeLabel(graph, target))}
          </text>
        ) : null,
      )}
    </g>
  );
}
