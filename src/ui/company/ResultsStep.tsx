import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { FACTOR_CODES, type FactorCode } from '../../core/index.ts';
import { evaluationErrorMessage } from '../../present/evaluation-errors.ts';
import { formatPercent } from '../format.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { regulationLabel } from '../labels.ts';
import { CompanyCharts } from './CompanyCharts.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import type { StepProps } from './stepProps.ts';
import { EmployeeResultsTable } from './EmployeeResultsTable.tsx';
import { digestOf, explainEmployee, type CompanyEvaluation, type CompanyInputs } from './evaluation.ts';
import { evaluateOffThread } from './evaluationClient.ts';
import { Explanation } from './Explanation.tsx';
import { ExportsPanel } from './ExportsPanel.tsx';
import { channelText, evaluationChannel } from './declarationFiles.ts';
import { presumptionFor } from './homologation.ts';
import { ActionPlanPanel } from './ActionPlanPanel.tsx';
import { ObligationPanel } from './ObligationPanel.tsx';
import { PrintSheet } from './PrintSheet.tsx';
import { employeeWithShares, isWhatIfActive, measuresWithWhatIf, NO_WHAT_IF, type WhatIf } from './whatif.ts';
import { WhatIfPanel } from './WhatIfPanel.tsx';
import { findByKey } from './packedList.ts';
import { useComparison } from './useComparison.ts';
import { DataTable } from '../components/DataTable.tsx';
import { presumptionText } from '../../present/presumption.ts';

const t = frCompany.results;
/** From this many employees the panels below the results table mount one task after it (useLater). */
const STAGED_STAFF = 20_000;

/**
 * True from one task after `when` first holds. On a large staff, drawing the table and the panels below
 * it (comparison, exports, plan) is then two tasks of the page, not one twice as long.
 */
function useLater(when: boolean): boolean {
  const [later, setLater] = useState(false);
  useEffect(() => {
    if (!when || later) return;
    const timer = setTimeout(() => setLater(true), 0);
    return () => clearTimeout(timer);
  }, [when, later]);
  return later;
}

/**
 * The results of the year: summary, what-if, the obligation to negotiate, company figures, one line per
 * employee with its explanation on demand, the comparison with last year, the exports (with the
 * corrections and the agencies' sheets), then the agreement or action plan.
 */
export function ResultsStep({ snapshot, actor, workspace }: StepProps) {
  const id = useId();
  const context = snapshot.context;
  const loaded = context.referential!;
  const r = loaded.referential;
  const base = context.evaluation;
  const evaluating = snapshot.matches({ results: 'evaluating' }) || snapshot.matches({ results: 'check' });
  const failed = snapshot.matches({ results: 'failed' });

  const [whatIf, setWhatIf] = useState<WhatIf>(NO_WHAT_IF);
  const active = isWhatIfActive(whatIf);
  const realInputs = useMemo<CompanyInputs>(() => ({ referential: r, company: { answers: context.answers, measures: context.measures }, year: context.year }), [r, context.answers, context.measures, context.year]);
  const inputs = useMemo<CompanyInputs>(
    () => (active ? { ...realInputs, company: { ...realInputs.company, measures: measuresWithWhatIf(context.measures, whatIf) }, ...(whatIf.regulation ? { regulation: whatIf.regulation } : {}) } : realInputs),
    [active, realInputs, context.measures, whatIf],
  );
  // The what-if's job shares go with the staff to the worker, which applies them (employeeWithShares):
  // copying 100 000 employees on the page for the few whose shares change would hold it.
  const shares = active && Object.keys(whatIf.shares).length > 0 ? whatIf.shares : undefined;

  // The simulation runs again on every change of hypothesis; a newer one cancels the older.
  const [simulation, setSimulation] = useState<{ for: WhatIf; evaluation?: CompanyEvaluation; error?: string } | null>(null);
  useEffect(() => {
    // Off, nothing runs; what is shown is derived from `active` below.
    if (!active) return;
    const controller = new AbortController();
    evaluateOffThread(inputs, context.employees, { signal: controller.signal, ...(shares ? { shares } : {}) }).then(
      ({ evaluation }) => setSimulation({ for: whatIf, evaluation }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSimulation({ for: whatIf, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [active, inputs, context.employees, shares, whatIf]);

  // While a newer hypothesis is being computed, the previous simulation stays on screen (marked as computing).
  const simulated = active ? (simulation?.evaluation ?? null) : null;
  const computing = active && simulation?.for !== whatIf;
  // The panels below draw from a deferred copy: React renders them in a transition, in slices that
  // give the page back, so the results of 100 000 employees appear without one long task.
  const displayed = useDeferredValue((active ? simulated : null) ?? base ?? null);
  const deferredBase = useDeferredValue(base);
  const lowerPanels = useLater(deferredBase !== undefined) || (deferredBase?.summaries.length ?? 0) < STAGED_STAFF;
  const comparison = useComparison(base, simulated);
  const factors = useMemo<FactorCode[]>(() => {
    const toAnalyse = new Set<FactorCode>(displayed ? digestOf(displayed).toAnalyse : []);
    return FACTOR_CODES.filter((f) => r.factors.retained.includes(f) || (displayed?.totals.byFactor.find((x) => x.factor === f)?.exposed ?? 0) > 0 || toAnalyse.has(f));
  }, [r, displayed]);

  const [selected, setSelected] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const explained = useMemo(() => {
    if (!selected) return null;
    const found = findByKey(context.employees, 'id', selected);
    const employee = found && employeeWithShares(found, shares?.[found.id]);
    if (!employee) return null;
    const outcome = explainEmployee(inputs, employee);
    return { employee, outcome: outcome.ok ? ({ ok: true, result: outcome.result } as const) : ({ ok: false, message: evaluationErrorMessage(outcome.error, inputs.referential) } as const) };
  }, [selected, context.employees, shares, inputs]);
  // L4163-2 II and IV: judged for the year evaluated from the referential's homologation and its logged end.
  // The stored record's status and log belong to the referential the workspace loaded; one chosen since is judged on its own identity.
  const same = workspace.referential?.key === loaded.key;
  const storedStatus = same ? workspace.referential!.record.status : r.identity.status;
  const presumption = useMemo(
    () => presumptionFor(r, storedStatus, same ? workspace.publicationLog : [], context.year),
    [r, storedStatus, same, workspace.publicationLog, context.year],
  );
  const declaration = useMemo(
    () => ({ companyId: context.companyId, companyName: context.profile.name, referentialLabel: `${r.identity.title} (${loaded.key})`, contentHash: loaded.contentHash, presumption }),
    [context.companyId, context.profile.name, r, loaded.key, loaded.contentHash, presumption],
  );

  return (
    <div className="results-step">
      {evaluating && (
        <p role="status" className="evaluating" data-testid="evaluating">
          {t.evaluating}
        </p>
      )}
      {failed && (
        <div role="alert" className="error-box">
          <p>{t.failed(context.evaluationError ?? '')}</p>
          <button type="button" onClick={() => actor.send({ type: 'EVALUATE' })}>
            {t.retry}
          </button>
        </div>
      )}
      {base && !evaluating && (
        <>
          <section aria-labelledby={`${id}-summary`} className="results-summary" data-testid="results-summary">
            <h3 id={`${id}-summary`}>{t.summaryHeading}</h3>
            <ul>
              <li>{t.regulation(regulationLabel(base.summaries[0]?.regulation ?? r.regulation))}</li>
              <li>{t.evaluated(base.totals.evaluated, base.totals.employees)}</li>
              <li>{t.exposedAny(base.totals.exposedAny, formatPercent(base.totals.exposedAnyShare))}</li>
              <li>{t.declared(base.totals.exposedDeclared, formatPercent(base.totals.exposedDeclaredShare))}</li>
              <li>{t.points(base.totals.points)}</li>
              {(base.totals.temporaryWorkers ?? 0) > 0 && <li data-testid="summary-temporary">{t.temporary(base.totals.temporaryWorkers ?? 0)}</li>}
              {digestOf(base).absences > 0 && <li data-testid="summary-absences">{t.absences(digestOf(base).absences)}</li>}
              <li data-testid="summary-channel">
                {t.channel} : {channelText(evaluationChannel(base), base.year)}
              </li>
            </ul>
            <div className={presumption.applies ? 'presumption presumption-applies' : 'presumption presumption-not warning-box'} data-testid="presumption" data-applies={String(presumption.applies)} data-reason={presumption.reason}>
              <h4>
                {t.presumptionHeading} : <span className={presumption.applies ? 'badge badge-ok' : 'badge badge-warn'}>{presumption.applies ? t.presumptionApplies : t.presumptionNot}</span>
              </h4>
              <p>{presumptionText(presumption)}</p>
              {!presumption.applies && <p>{t.presumptionDeclared}</p>}
            </div>
            <button type="button" onClick={() => actor.send({ type: 'EVALUATE' })}>
              {t.reevaluate}
            </button>
          </section>

          {base.errors.length > 0 && (
            <section className="error-box" aria-labelledby={`${id}-errors`} data-testid="evaluation-errors-list">
              <h3 id={`${id}-errors`}>{t.errorsHeading(base.errors.length)}</h3>
              <DataTable className="issues" caption={t.errorsCaption} columns={[t.employee, t.field, frCompany.staff.message]}>
                {base.errors.slice(0, 200).map((e) => (
                  <tr key={e.index} data-employee={e.employee} data-code={e.code}>
                    <th scope="row">{e.employee}</th>
                    <td>
                      <code>{e.column || e.field}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </DataTable>
            </section>
          )}

          <WhatIfPanel
            referential={r}
            measures={context.measures}
            employees={context.employees}
            whatIf={whatIf}
            onChange={setWhatIf}
            computing={computing}
            comparison={comparison}
            simulated={simulated}
            error={active ? (simulation?.error ?? '') : ''}
          />

          {displayed && (
            <>
              <ObligationPanel profile={context.profile} evaluation={displayed} />
              <CompanyCharts evaluation={displayed} factors={factors} />
              <EmployeeResultsTable
                evaluation={displayed}
                factors={factors}
                // The deferred list may still be the one before the what-if: the changes' positions are the simulation's.
                comparison={displayed === simulated ? comparison : null}
                selected={selected}
                onExplain={(employee) => {
                  setPrinting(false);
                  setSelected((s) => (s === employee ? null : employee));
                }}
              />
            </>
          )}
          {explained && !printing && (
            <Explanation referential={r} employee={explained.employee.id} outcome={explained.outcome} onClose={() => setSelected(null)} onPrint={() => setPrinting(true)} />
          )}
          {explained && printing && explained.outcome.ok && (
            <PrintSheet
              profile={context.profile}
              employee={explained.employee}
              result={explained.outcome.result}
              referential={r}
              referentialKey={loaded.key}
              contentHash={loaded.contentHash}
              presumption={presumption}
              onClose={() => setPrinting(false)}
            />
          )}

          {deferredBase && lowerPanels && (
            <>
              <ComparePanel current={deferredBase} previous={workspace.previousEvaluation} contentHash={loaded.contentHash} factors={factors} />
              <ExportsPanel referential={r} employees={context.employees} evaluation={deferredBase} companyName={context.profile.name} factors={factors} declaration={declaration} />
              <ActionPlanPanel companyId={context.companyId} profile={context.profile} referential={r} employees={context.employees} evaluation={deferredBase} inputs={realInputs} />
            </>
          )}
        </>
      )}
      <div className="step-nav">
        <button type="button" onClick={() => actor.send({ type: 'BACK' })}>
          {frCompany.workspace.previous}
        </button>
      </div>
    </div>
  );
}
