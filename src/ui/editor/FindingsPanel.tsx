import { useMemo } from 'react';
import { frEditor } from '../i18n/fr-editor.ts';
import { elementLabels, findingNode, labelledMessage } from './consistency.ts';
import { useConsistency, useController, useEditorSnapshot } from './hooks.ts';

/** Beyond this many, the list asks to fix the first ones (a 2 000-node draft can have thousands). */
const SHOWN = 200;

/** The live checker's findings, worst first; each one leads to its node. */
export function FindingsPanel() {
  const controller = useController();
  const consistency = useConsistency();
  const { revision } = useEditorSnapshot();
  const nodeIds = useMemo(() => new Set(consistency?.graph.nodes.map((n) => n.id)), [consistency]);
  const labels = useMemo(() => (consistency ? elementLabels(consistency.graph) : new Map<string, string>()), [consistency]);
  if (!consistency) return null;
  const { report, graph } = consistency;
  const stale = consistency.graph !== controller.store.graph;
  const shown = report.findings.slice(0, SHOWN);
  return (
    <section className="editor-panel findings" aria-labelledby="findings-heading" data-revision={revision}>
      <h2 id="findings-heading">{frEditor.findings.heading}</h2>
      <p className="findings-summary" role="status" data-testid="findings-summary">
        {stale ? frEditor.findings.checking : report.findings.length === 0 ? frEditor.findings.none : frEditor.findings.summary(report.counts.error, report.counts.warning, report.counts.info)}
      </p>
      {shown.length > 0 && (
        // Focusable, so the list scrolls from the keyboard too (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <ul className="finding-list" aria-label={frEditor.findings.caption} tabIndex={0}>
          {shown.map((f, k) => {
            const node = findingNode(graph, f, nodeIds);
            const message = labelledMessage(f, labels);
            return (
              <li key={`${f.code}-${f.element ?? ''}-${k}`} className={`finding severity-${f.severity}`} data-code={f.code} data-element={f.element}>
                <span className={`badge severity-${f.severity}`}>{frEditor.severity[f.severity]}</span>{' '}
                <span className="finding-message" title={f.element !== undefined ? frEditor.findings.idHint(f.element) : undefined}>
                  {message}
                </span>
                {node && (
                  <button type="button" className="small" aria-label={frEditor.findings.showLabel(message)} onClick={() => controller.focusNode(node)}>
                    {frEditor.findings.show}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {report.findings.length > SHOWN && <p className="help">{frEditor.findings.more(report.findings.length - SHOWN)}</p>}
    </section>
  );
}
