import type { ChangeRef, DiffResult, FactorCode, FactorImpact, ImpactResult, Referential } from '../../core/index.ts';
import { formatNumber } from '../../present/fr.ts';
import { columnForField } from '../../io/staff-csv.ts';
import { frReview } from '../i18n/fr-review.ts';
import { fr } from '../i18n/fr.ts';
import { causeText, factorName, impactFigures } from './changes.ts';
import { DataTable } from '../components/DataTable.tsx';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';

function Verdict({ factor, side }: { factor: FactorCode; side: FactorImpact['before'] }) {
  const figures = impactFigures(factor, side);
  return (
    <>
      <span className={`badge verdict-${side.verdict}`} data-verdict={side.verdict}>
        {fr.verdict[side.verdict]}
      </span>
      {figures && <span className="sub">{figures}</span>}
    </>
  );
}

function Causes({ refs, result, a, b, onCause }: { refs: readonly ChangeRef[]; result: DiffResult; a: Referential; b: Referential; onCause: (index: number) => void }) {
  if (refs.length === 0) return <>{frReview.impact.noCause}</>;
  return (
    <ul className="plain rv-causes">
      {refs.map((r) => (
        <li key={r.index}>
          <button type="button" className="link" data-cause={r.index} onClick={() => onCause(r.index)}>
            {causeText(r, result, a, b)}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Every employee whose verdict for a factor or whose points change between the two versions, one row
 * per factor that changes, each with the changes that cause it (activating a cause brings it into view).
 */
export function ImpactTable({ effect, result, a, b, rows, onCause }: { effect: ImpactResult; result: DiffResult; a: Referential; b: Referential; rows: ReadonlyMap<string, number>; onCause: (index: number) => void }) {
  const t = frReview.impact;
  return (
    <div data-testid="impact">
      <p role="status">{t.summary(effect.year, effect.employees, effect.changed.length, effect.errors.length)}</p>
      {effect.changed.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <DataTable className="rv-impact" scroll caption={t.caption(effect.year)} columns={[t.employee, t.factor, t.before, t.after, t.points, t.causes]} rowGroups>
          {effect.changed.map((e) => {
            const points = e.points ? `${formatNumber(e.points.before)} → ${formatNumber(e.points.after)}` : t.pointsUnchanged;
            const span = Math.max(1, e.factors.length);
            return (
              <tbody key={e.employee} data-employee={e.employee}>
                {e.factors.length === 0 ? (
                  <tr data-factor="">
                    <th scope="row">{e.employee}</th>
                    <td>—</td>
                    <td>—</td>
                    <td>—</td>
                    <td className="num" data-cell="points">
                      {points}
                    </td>
                    <td>
                      <Causes refs={e.points?.causes ?? []} result={result} a={a} b={b} onCause={onCause} />
                    </td>
                  </tr>
                ) : (
                  e.factors.map((f, i) => (
                    <tr key={f.factor} data-factor={f.factor}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={span}>
                          {e.employee}
                        </th>
                      )}
                      <td>{factorName(f.factor)}</td>
                      <td data-cell="before">
                        <Verdict factor={f.factor} side={f.before} />
                      </td>
                      <td data-cell="after">
                        <Verdict factor={f.factor} side={f.after} />
                      </td>
                      {i === 0 && (
                        <td className="num" rowSpan={span} data-cell="points">
                          {points}
                        </td>
                      )}
                      <td>
                        <Causes refs={f.causes} result={result} a={a} b={b} onCause={onCause} />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            );
          })}
        </DataTable>
      )}
      {effect.errors.length > 0 && (
        <div className="error-box" role="alert">
          <h3>{t.errorsHeading}</h3>
          <ul>
            {effect.errors.map((e, i) => {
              const row = rows.get(e.employee);
              return <li key={i}>{t.error(e.employee, row === undefined ? '?' : String(row), columnForField(e.error.field), evaluationErrorDetail(e.error, e.side === 'before' ? a : b), e.side)}</li>;
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
