import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createActor, type ActorRefFrom } from 'xstate';
import {
  penaltyEstimate,
  planRefusals,
  themeRule,
  validateActionPlan,
  type ActionPlan,
  type Employee,
  type PlanCommand,
  type Referential,
  type ThemeId,
} from '../../core/index.ts';
import { formatDate, formatNumber } from '../../present/fr.ts';
import { penaltyRuleText, themeName, themeRuleText } from '../../present/obligation.ts';
import { useDb } from '../context.ts';
import { parseNumber } from '../evaluationForm.ts';
import { frPlan, issueText, refusalText } from '../i18n/fr-plan.ts';
import { actionPlanMachine, themeChoiceIssues, type PlanPenalty } from './actionPlanMachine.ts';
import { planMarkdown } from './actionPlanExport.ts';
import { downloadText } from './download.ts';
import type { CompanyEvaluation, CompanyInputs } from './evaluation.ts';
import { draftPlanOffThread } from './evaluationClient.ts';
import { safeFileName } from './exports.ts';
import { companyObligation } from './obligation.ts';
import type { CompanyProfile } from './profile.ts';
import { listActionPlans, saveActionPlan } from './storage.ts';
import { DataTable, numeric } from '../components/DataTable.tsx';

const t = frPlan;
type PlanActor = ActorRefFrom<typeof actionPlanMachine>;

/**
 * After the obligation to negotiate: the next steps, and the agreement / action plan drafted from the
 * year's results (actionPlanMachine over the core's plan rules), stored in this browser as it changes,
 * with the penalty at stake estimated from the payroll figure the user enters.
 */
export function ActionPlanPanel(props: { companyId: string; profile: CompanyProfile; referential: Referential; employees: readonly Employee[]; evaluation: CompanyEvaluation; inputs: CompanyInputs }) {
  const db = useDb();
  const planId = `${props.companyId}@${props.evaluation.year}`;
  const [actor, setActor] = useState<PlanActor | null>(null);
  const [loadError, setLoadError] = useState('');

  // The stored plan of the year is read once, then the machine owns it; every change is written back.
  useEffect(() => {
    let live = true;
    let a: PlanActor | undefined;
    listActionPlans(db, props.companyId).then(
      (plans) => {
        if (!live) return;
        const stored = plans.find((p) => p.id === planId);
        a = createActor(actionPlanMachine, { input: { ...(stored ? { plan: stored.plan as ActionPlan } : {}), ...(stored?.penalty ? { penalty: stored.penalty } : {}) } });
        let last = a.getSnapshot().context;
        a.subscribe((s) => {
          if (s.context.plan === last.plan && s.context.penalty === last.penalty) return;
          last = s.context;
          if (!s.context.plan) {
            db.actionPlans.delete(planId).catch((e: unknown) => setLoadError(String(e)));
            return;
          }
          saveActionPlan(db, {
            id: planId,
            companyId: props.companyId,
            year: props.evaluation.year,
            plan: s.context.plan,
            ...(s.context.penalty ? { penalty: s.context.penalty } : {}),
            ...(stored ? { createdAt: stored.createdAt } : {}),
          }).catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
        });
        a.start();
        setActor(a);
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      a?.stop();
    };
  }, [db, props.companyId, planId, props.evaluation.year]);

  if (loadError) return <p role="alert" className="error-text">{loadError}</p>;
  if (!actor) return null;
  return <PlanView actor={actor} {...props} />;
}

function usePlanSnapshot(actor: PlanActor) {
  const subscribe = useCallback((onChange: () => void) => {
    const s = actor.subscribe(onChange);
    return () => s.unsubscribe();
  }, [actor]);
  return useSyncExternalStore(subscribe, () => actor.getSnapshot());
}

const today = () => new Date().toISOString().slice(0, 10);

function PlanView({ actor, profile, referential, employees, evaluation, inputs }: { actor: PlanActor; companyId: string; profile: CompanyProfile; referential: Referential; employees: readonly Employee[]; evaluation: CompanyEvaluation; inputs: CompanyInputs }) {
  const id = useId();
  const snapshot = usePlanSnapshot(actor);
  const { plan, refusals, themeRefusals, penalty } = snapshot.context;
  const { assessment } = companyObligation(profile, evaluation);
  const [start, setStart] = useState(`${evaluation.year + 1}-01-01`);

  // The diagnosis needs the full results: the staff is evaluated again, in the evaluation worker.
  const [drafting, setDrafting] = useState<{ controller: AbortController } | null>(null);
  const [draftError, setDraftError] = useState('');
  useEffect(() => () => drafting?.controller.abort(), [drafting]);
  const create = () => {
    const controller = new AbortController();
    setDrafting({ controller });
    setDraftError('');
    draftPlanOffThread(inputs, employees, { referential, year: evaluation.year, start }, { signal: controller.signal }).then(
      (draft) => {
        if (controller.signal.aborted) return;
        setDrafting(null);
        actor.send({ type: 'CREATE', plan: draft });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setDrafting(null);
        setDraftError(error instanceof Error ? error.message : String(error));
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-h`} className="action-plan panel-section" data-testid="action-plan" data-state={String(snapshot.value)}>
      <h3 id={`${id}-h`}>{t.heading}</h3>
      {!assessment.applies && <p className="help">{t.notNeeded}</p>}
      <h4>{t.stepsHeading}</h4>
      <ol>
        {t.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {!plan ? (
        <div className="field">
          <label htmlFor={`${id}-start`}>{t.start}</label>
          <input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} aria-describedby={`${id}-start-help`} />
          <p id={`${id}-start-help`} className="help">
            {t.startHelp}
          </p>
          <button type="button" className="primary" onClick={create} disabled={!themeRule(start) || drafting !== null} aria-busy={drafting !== null} data-testid="plan-create">
            {t.create}
          </button>
          {drafting && (
            <p role="status" className="help" data-testid="plan-drafting">
              {t.drafting}
            </p>
          )}
          {draftError && (
            <p role="alert" className="error-text">
              {t.draftFailed(draftError)}
            </p>
          )}
        </div>
      ) : (
        <PlanEditor actor={actor} plan={plan} refusals={refusals.map(refusalText)} themeRefusals={themeRefusals.map(issueText)} penalty={penalty} company={profile.name} />
      )}
    </section>
  );
}

function PlanEditor({ actor, plan, refusals, themeRefusals, penalty, company }: { actor: PlanActor; plan: ActionPlan; refusals: string[]; themeRefusals: string[]; penalty: PlanPenalty | undefined; company: string }) {
  const id = useId();
  const draft = plan.status === 'draft';
  const rule = themeRule(plan.start);
  const [chosen, setChosen] = useState<ThemeId[]>(plan.themes.map((x) => x.theme));
  const planThemes = plan.themes.map((x) => x.theme).join(',');
  const previous = useRef(planThemes);
  useEffect(() => {
    // A refused choice stays on screen (with its reasons); an accepted one becomes the plan's.
    if (previous.current !== planThemes) setChosen(planThemes === '' ? [] : (planThemes.split(',') as ThemeId[]));
    previous.current = planThemes;
  }, [planThemes]);
  const pending = useMemo(() => themeChoiceIssues(plan, chosen).map(issueText), [plan, chosen]);
  const issues = useMemo(() => validateActionPlan(plan), [plan]);
  const [date, setDate] = useState(today());
  const [opinion, setOpinion] = useState<'favourable' | 'unfavourable' | 'none'>('favourable');
  const [reference, setReference] = useState('');
  const [remuneration, setRemuneration] = useState(penalty ? formatNumber(penalty.remuneration, { grouping: false }) : '');
  const [months, setMonths] = useState(penalty ? String(penalty.months) : '12');
  const estimate = useMemo(() => {
    const base = parseNumber(remuneration);
    const m = Number(months);
    return Number.isFinite(base) && base >= 0 && Number.isInteger(m) && m >= 1 && m <= 36 ? { p: penaltyEstimate({ remuneration: base, months: m }), months: m } : null;
  }, [remuneration, months]);
  useEffect(() => {
    const next = estimate ? { remuneration: estimate.p.base, months: estimate.months } : undefined;
    if (next?.remuneration !== penalty?.remuneration || next?.months !== penalty?.months) actor.send({ type: 'PENALTY', penalty: next });
  }, [estimate, penalty, actor]);

  const send = (command: PlanCommand) => actor.send({ type: 'COMMAND', command });
  const allowed = (command: PlanCommand) => planRefusals(plan, command).every((r) => r.code !== 'plan.not_from_status' && r.code !== 'plan.not_an_agreement' && r.code !== 'plan.not_an_action_plan');
  const d = plan.diagnosis;
  const toggle = (theme: ThemeId, on: boolean) => setChosen((c) => (on ? [...c, theme] : c.filter((x) => x !== theme)));

  return (
    <div className="plan-editor">
      <p data-testid="plan-status" data-status={plan.status}>
        <strong>{t.statusLine(plan.kind, plan.status, plan.start, plan.end)}</strong>
      </p>
      {draft && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t.kind}</label>
            <select id={`${id}-kind`} value={plan.kind} onChange={(e) => actor.send({ type: 'KIND', kind: e.target.value as ActionPlan['kind'] })}>
              <option value="agreement">{t.kinds.agreement}</option>
              <option value="action_plan">{t.kinds.action_plan}</option>
            </select>
          </div>
          <div className="check">
            <input id={`${id}-union`} type="checkbox" checked={plan.unionDelegates} onChange={(e) => actor.send({ type: 'UNION', unionDelegates: e.target.checked })} />
            <label htmlFor={`${id}-union`}>{t.union}</label>
          </div>
        </div>
      )}

      {d && (
        <>
          <h4>{`${t.diagnosisHeading} ${d.year}`}</h4>
          <p data-testid="plan-diagnosis">{t.diagnosisSummary(d.employees, d.declaredExposed, d.polyExposed)}</p>
          {d.byJob.length > 0 && d.byFactor.length > 0 && (
            // A wide table scrolls: the region takes the focus so that the keyboard can scroll it (axe: scrollable-region-focusable).
            <DataTable className="issues" scroll="region" caption={t.diagnosisCaption} columns={[t.job, numeric(t.employees), ...d.byFactor.map((f) => numeric(f.label, f.factor))]}>
              {d.byJob.map((j) => (
                <tr key={j.job}>
                  <th scope="row">{j.label}</th>
                  <td className="num">{formatNumber(j.employees, 0)}</td>
                  {d.byFactor.map((f) => (
                    <td key={f.factor} className="num">
                      {formatNumber(j.exposed[f.factor] ?? 0, 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          )}
          <ul>
            {d.outsideDeclaration.map((o) => (
              <li key={o.factor}>{t.outside(o.label, o.employees)}</li>
            ))}
            {d.particularlyExposed.map((o) => (
              <li key={o.factor}>{t.listed(o.label, o.employees)}</li>
            ))}
            {d.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}

      <h4>{t.themesHeading}</h4>
      {rule && <p className="help">{t.themesRule(themeRuleText(rule))}</p>}
      {rule &&
        ([
          [t.group1, rule.group1],
          [t.group2, rule.group2],
        ] as const).map(([legend, group]) => (
          <fieldset key={legend} disabled={!draft} data-testid="plan-themes">
            <legend>{legend}</legend>
            {group.map((theme) => (
              <div className="check" key={theme}>
                <input id={`${id}-t-${theme}`} type="checkbox" checked={chosen.includes(theme)} onChange={(e) => toggle(theme, e.target.checked)} />
                <label htmlFor={`${id}-t-${theme}`}>{themeName(theme)}</label>
              </div>
            ))}
          </fieldset>
        ))}
      {draft && (
        <>
          {pending.length > 0 && chosen.join(',') !== planThemes && (
            <div className="warning-text" data-testid="plan-themes-pending">
              <p>{t.themesPending}</p>
              <ul>
                {pending.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" onClick={() => actor.send({ type: 'THEMES', themes: chosen })} disabled={chosen.join(',') === planThemes} data-testid="plan-themes-apply">
            {t.applyThemes}
          </button>
          {themeRefusals.length > 0 && (
            <div role="alert" className="error-text" data-testid="plan-themes-refused">
              <p>{t.themesRefused}</p>
              <ul>
                {themeRefusals.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}

      <h4>{t.objectivesHeading}</h4>
      {plan.themes.map((theme, i) => (
        <fieldset key={theme.theme} disabled={!draft} className="plan-theme" data-theme={theme.theme}>
          <legend>{themeName(theme.theme)}</legend>
          {theme.objectives.map((o, k) => (
            <div key={k} className="plan-objective">
              <p>
                {t.objective(o.text)}
                {o.baseline !== undefined && <span className="help"> — {t.baseline(formatNumber(o.baseline), o.unit)}</span>}
              </p>
              <div className="field">
                <label htmlFor={`${id}-target-${i}-${k}`}>{t.target(o.unit)}</label>
                <input
                  id={`${id}-target-${i}-${k}`}
                  inputMode="decimal"
                  defaultValue={o.target === undefined ? '' : formatNumber(o.target, { grouping: false })}
                  onBlur={(e) => {
                    const v = parseNumber(e.target.value);
                    actor.send({ type: 'OBJECTIVE', theme: i, objective: k, ...(Number.isFinite(v) ? { target: v } : { target: undefined }) });
                  }}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-indicator-${i}-${k}`}>{t.indicator}</label>
                <input id={`${id}-indicator-${i}-${k}`} defaultValue={o.indicator} onBlur={(e) => actor.send({ type: 'OBJECTIVE', theme: i, objective: k, indicator: e.target.value })} />
              </div>
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-measures-${i}`}>{t.measures}</label>
            <textarea
              id={`${id}-measures-${i}`}
              rows={2}
              defaultValue={theme.measures.join('\n')}
              onBlur={(e) => actor.send({ type: 'MEASURES', theme: i, measures: e.target.value.split('\n').map((m) => m.trim()).filter((m) => m !== '') })}
            />
          </div>
        </fieldset>
      ))}

      {plan.pointUseMeasures && (
        <fieldset disabled={!draft}>
          <legend>{t.pointUseHeading}</legend>
          <div className="field">
            <label htmlFor={`${id}-training`}>{t.training}</label>
            <textarea id={`${id}-training`} rows={2} defaultValue={plan.pointUseMeasures.training} onBlur={(e) => actor.send({ type: 'POINT_USE', training: e.target.value, partTime: plan.pointUseMeasures?.partTime ?? '' })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-parttime`}>{t.partTime}</label>
            <textarea id={`${id}-parttime`} rows={2} defaultValue={plan.pointUseMeasures.partTime} onBlur={(e) => actor.send({ type: 'POINT_USE', training: plan.pointUseMeasures?.training ?? '', partTime: e.target.value })} />
          </div>
        </fieldset>
      )}

      <div data-testid="plan-issues" data-count={issues.length}>
        <p>
          <strong>{t.issuesHeading(issues.length)}</strong>
        </p>
        {issues.length > 0 && (
          <ul>
            {issues.map((i) => (
              <li key={`${i.code}-${i.path}`}>{issueText(i)}</li>
            ))}
          </ul>
        )}
      </div>

      <h4>{t.lifecycleHeading}</h4>
      <ul>
        {plan.disagreementRecord && <li>{`${t.recorded.disagreement} ${formatDate(plan.disagreementRecord.date)}`}</li>}
        {plan.signature && <li>{`${t.recorded.signature} ${formatDate(plan.signature.date)}`}</li>}
        {plan.cseConsultation && <li>{`${t.recorded.consultation} ${formatDate(plan.cseConsultation.date)} (${t.opinions[plan.cseConsultation.opinion]})`}</li>}
        {plan.filing && <li>{`${t.recorded.filing} ${formatDate(plan.filing.date)}${plan.filing.reference ? ` (${plan.filing.reference})` : ''}`}</li>}
      </ul>
      {plan.status !== 'expired' && (
        <div className="field-row plan-actions">
          <div className="field">
            <label htmlFor={`${id}-date`}>{t.date}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          {allowed({ type: 'disagreement.record', date }) && (
            <button type="button" onClick={() => send({ type: 'disagreement.record', date })}>
              {t.disagreement}
            </button>
          )}
          {allowed({ type: 'sign', date }) && (
            <button type="button" onClick={() => send({ type: 'sign', date })}>
              {t.sign}
            </button>
          )}
          {draft && (
            <>
              <div className="field">
                <label htmlFor={`${id}-opinion`}>{t.opinion}</label>
                <select id={`${id}-opinion`} value={opinion} onChange={(e) => setOpinion(e.target.value as typeof opinion)}>
                  {(['favourable', 'unfavourable', 'none'] as const).map((o) => (
                    <option key={o} value={o}>
                      {t.opinions[o]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" onClick={() => send({ type: 'cse.consult', date, opinion })}>
                {t.consult}
              </button>
            </>
          )}
          {plan.status === 'consulted' && (
            <>
              <button type="button" onClick={() => send({ type: 'reopen' })}>
                {t.reopen}
              </button>
              <div className="field">
                <label htmlFor={`${id}-ref`}>{t.reference}</label>
                <input id={`${id}-ref`} value={reference} onChange={(e) => setReference(e.target.value)} />
              </div>
              <button type="button" className="primary" onClick={() => send({ type: 'file', date, ...(reference.trim() ? { reference: reference.trim() } : {}) })}>
                {t.file}
              </button>
            </>
          )}
          {plan.status === 'filed' && (
            <button type="button" onClick={() => send({ type: 'expire', today: date })}>
              {t.expire}
            </button>
          )}
        </div>
      )}
      {refusals.length > 0 && (
        <div role="alert" className="error-text" data-testid="plan-refusals">
          <p>{t.refused}</p>
          <ul>
            {refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}

      <h4>{t.penaltyHeading}</h4>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-pay`}>{t.remuneration}</label>
          <input id={`${id}-pay`} inputMode="decimal" value={remuneration} onChange={(e) => setRemuneration(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-months`}>{t.months}</label>
          <input id={`${id}-months`} type="number" min={1} max={36} value={months} onChange={(e) => setMonths(e.target.value)} />
        </div>
      </div>
      <p data-testid="plan-penalty">{estimate ? t.penalty(formatNumber(estimate.p.maximum), formatNumber(estimate.p.base), estimate.months) : t.penaltyNone}</p>
      {estimate && <p className="help">{penaltyRuleText(estimate.p)}</p>}

      <div className="export-actions">
        <button type="button" onClick={() => downloadText(`accord-prevention-${safeFileName(company)}-${plan.start.slice(0, 4)}.md`, planMarkdown(plan, company, penalty), 'text/markdown;charset=utf-8')} data-testid="plan-export">
          {t.exportMd}
        </button>{' '}
        <button type="button" onClick={() => window.print()}>
          {t.print}
        </button>{' '}
        {draft && (
          <button type="button" onClick={() => actor.send({ type: 'DISCARD' })}>
            {t.discard}
          </button>
        )}
      </div>
    </div>
  );
}

