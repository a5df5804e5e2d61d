import type { FactorCode, Referential, ScenarioMismatch, ScenarioOutcome, Verdict } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel } from '../labels.ts';
import { DataTable } from './DataTable.tsx';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';

export function ScenarioResults({ referential: r, outcomes }: { referential: Referential; outcomes: readonly ScenarioOutcome[] }) {
  const passed = outcomes.filter((o) => o.passed).length;
  const years = new Map(r.scenarios.map((s) => [s.id, s.year]));
  return (
    <section aria-labelledby="scenarios-heading" className="panel">
      <h2 id="scenarios-heading">{fr.scenarios.heading}</h2>
      {outcomes.length === 0 ? (
        <p>{fr.scenarios.none}</p>
      ) : (
        <>
          <p className={passed === outcomes.length ? 'success-text' : 'error-text'}>{fr.scenarios.summary(passed, outcomes.length)}</p>
          <DataTable className="scenarios" scroll caption={fr.scenarios.caption} captionHidden columns={[fr.scenarios.scenario, fr.scenarios.year, fr.scenarios.outcome, fr.scenarios.details]}>
            {outcomes.map((o) => (
              <tr key={o.scenario} data-scenario={o.scenario} data-passed={o.passed}>
                <th scope="row">{o.label}</th>
                <td>{years.get(o.scenario)}</td>
                <td>
                  <span className={`badge ${o.passed ? 'badge-ok' : 'badge-ko'}`}>{o.passed ? fr.scenarios.passed : fr.scenarios.failed}</span>
                </td>
                <td>
                  {o.error && fr.scenarios.error(o.error.field, evaluationErrorDetail(o.error, r))}
                  {o.mismatches.length > 0 && (
                    <ul className="plain">
                      {o.mismatches.map((m) => (
                        <li key={m.what}>{mismatchText(r, m)}</li>
                      ))}
                    </ul>
                  )}
                  {o.passed && '—'}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

function mismatchText(r: Referential, m: ScenarioMismatch): string {
  if (m.what === 'points') return fr.scenarios.mismatch(fr.scenarios.points, String(m.expected), String(m.actual));
  const verdict = (v: Verdict | number) => (typeof v === 'number' ? String(v) : fr.verdict[v]);
  return fr.scenarios.mismatch(factorLabel(r.regulation, m.what as FactorCode), verdict(m.expected), verdict(m.actual));
}
