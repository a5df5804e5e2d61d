import { useMemo } from 'react';
import type { FactorCode, Verdict } from '../../core/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel } from '../labels.ts';
import { findingNode } from './consistency.ts';
import { useConsistency, useController, useEditorSnapshot } from './hooks.ts';

/** Beyond this many, the list asks to fix the first ones (a 2 000-node draft can have thousands). */
const SHOWN = 200;

/** The live checker's findings, worst first; each one leads to its node. */
export function FindingsPanel() {
  const controller = useController();
  const consistency = useConsistency();
  const { revision } = useEditorSnapshot();
  const nodeIds = useMemo(() => new Set(consistency?.graph.nodes.map((n) => n.id)), [consistency]);
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
        <ul className="finding-list" aria-label={frEditor.findings.caption}>
          {shown.map((f, k) => {
            const node = findingNode(graph, f, nodeIds);
            return (
              <li key={`${f.code}-${f.element ?? ''}-${k}`} className={`finding severity-${f.severity}`} data-code={f.code} data-element={f.element}>
                <span className={`badge severity-${f.severity}`}>{frEditor.severity[f.severity]}</span> <span className="finding-message">{f.message}</span>
                {node && (
                  <button type="button" className="small" aria-label={frEditor.findings.showLabel(f.message)} onClick={() => controller.focusNode(node)}>
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

/** The referential's scenarios, run on every edit; a failing one reads like a checker error. */
export function ScenariosPanel() {
  const consistency = useConsistency();
  if (!consistency) return null;
  const { scenarios, referential } = consistency;
  const passed = scenarios.filter((s) => s.passed).length;
  const verdict = (v: Verdict | number) => (typeof v === 'number' ? String(v) : fr.verdict[v]);
  return (
    <section className="editor-panel scenarios" aria-labelledby="editor-scenarios-heading">
      <h2 id="editor-scenarios-heading">{frEditor.scenarios.heading}</h2>
      {scenarios.length === 0 ? (
        <p className="help">{frEditor.scenarios.none}</p>
      ) : (
        <>
          <p className={passed === scenarios.length ? 'success-text' : 'error-text'} data-testid="scenarios-summary">
            {frEditor.scenarios.summary(passed, scenarios.length)}
          </p>
          <ul className="finding-list">
            {scenarios.map((s) => (
              <li key={s.id} className={`finding ${s.passed ? 'severity-ok' : 'severity-error'}`} data-scenario={s.id} data-passed={s.passed}>
                <span className={`badge ${s.passed ? 'badge-ok' : 'severity-error'}`}>{s.passed ? frEditor.scenarios.passed : frEditor.scenarios.failed}</span> {s.label}
                {s.error && <span className="finding-message"> — {s.error}</span>}
                {s.mismatches.length > 0 && (
                  <ul className="plain">
                    {s.mismatches.map((m) => (
                      <li key={m.what}>
                        {frEditor.scenarios.mismatch(m.what === 'points' ? frEditor.scenarios.points : factorLabel(referential.regulation, m.what as FactorCode), verdict(m.expected), verdict(m.actual))}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
