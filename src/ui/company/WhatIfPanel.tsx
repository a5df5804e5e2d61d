import { useId, useState, type ReactNode } from 'react';
import { REGULATION_VERSIONS, UNIT_LABELS, type Employee, type Referential } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { factorLabel } from '../labels.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { findByKey } from './packedList.ts';
import { isWhatIfActive, NO_WHAT_IF, type Comparison, type WhatIf } from './whatif.ts';
import { DataTable, numeric } from '../components/DataTable.tsx';

const t = frCompany.whatif;
const SHOWN_CHANGES = 50;

/**
 * The what-if: tick or untick a measure (all year), force another regulation version, change one
 * employee's job shares. The results below follow at once; this panel lists what changed.
 */
export function WhatIfPanel({
  referential: r,
  measures,
  employees,
  whatIf,
  onChange,
  computing,
  comparison,
  simulated,
  error,
}: {
  referential: Referential;
  measures: ReadonlyArray<{ measure: string; since?: string }>;
  employees: readonly Employee[];
  whatIf: WhatIf;
  onChange: (w: WhatIf) => void;
  computing: boolean;
  comparison: Comparison | null;
  simulated: CompanyEvaluation | null;
  error: string;
}) {
  const id = useId();
  const active = isWhatIfActive(whatIf);
  const inPlace = (m: string) => whatIf.measures[m] ?? measures.some((x) => x.measure === m);
  const regulation = simulated?.summaries[0]?.regulation ?? r.regulation;

  return (
    <section aria-labelledby={`${id}-h`} className="whatif panel-inner" data-testid="whatif">
      <h3 id={`${id}-h`}>{t.heading}</h3>
      <p className="help">{t.intro}</p>
      <div className="whatif-controls">
        {r.measures.length > 0 && (
          <fieldset>
            <legend>{t.measuresLegend}</legend>
            {r.measures.map((m) => (
              <div className="check" key={m.id}>
                <input
                  id={`${id}-m-${m.id}`}
                  type="checkbox"
                  checked={inPlace(m.id)}
                  onChange={(e) => onChange({ ...whatIf, measures: { ...whatIf.measures, [m.id]: e.target.checked } })}
                  data-measure={m.id}
                />
                <label htmlFor={`${id}-m-${m.id}`}>{t.measure(m.label)}</label>
              </div>
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${id}-reg`}>{t.regulationLabel}</label>
          <select
            id={`${id}-reg`}
            value={whatIf.regulation ?? ''}
            onChange={(e) => {
              const { regulation: _dropped, ...rest } = whatIf;
              onChange(e.target.value ? { ...rest, regulation: e.target.value } : rest);
            }}
          >
            <option value="">{t.regulationDefault}</option>
            {REGULATION_VERSIONS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id} — {v.label}
              </option>
            ))}
          </select>
        </div>
        <SharesEditor referential={r} employees={employees} whatIf={whatIf} onChange={onChange} />
      </div>
      {active && (
        <div className="whatif-status" aria-live="polite">
          <p className="warning-box">
            {t.active}{' '}
            <button type="button" onClick={() => onChange(NO_WHAT_IF)}>
              {t.reset}
            </button>
          </p>
          {computing && <p role="status">{t.computing}</p>}
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          {!computing && comparison && <Changes comparison={comparison} regulation={regulation} />}
        </div>
      )}
    </section>
  );
}

function SharesEditor({ referential: r, employees, whatIf, onChange }: { referential: Referential; employees: readonly Employee[]; whatIf: WhatIf; onChange: (w: WhatIf) => void }) {
  const id = useId();
  const [employeeId, setEmployeeId] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  // Only once an id is typed; over the packed staff list, a text search in the chunks' ids (findByKey).
  const employee = employeeId.trim() === '' ? undefined : findByKey(employees, 'id', employeeId.trim());

  const pick = (value: string) => {
    setEmployeeId(value);
    const e = findByKey(employees, 'id', value.trim());
    const shares = e ? (whatIf.shares[e.id] ?? Object.fromEntries(e.jobs.map((j) => [j.job, j.share]))) : {};
    setTexts(Object.fromEntries(r.jobs.map((j) => [j.id, shares[j.id] === undefined ? '0' : String(shares[j.id]).replace('.', ',')])));
  };
  const values = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, Number(v.trim().replace(',', '.'))]));
  const total = Object.values(values).reduce((n, v) => n + (Number.isFinite(v) ? v : 0), 0);
  const valid = Object.values(values).every((v) => Number.isFinite(v) && v >= 0 && v <= 100) && Math.abs(total - 100) <= 0.01;

  const change = (job: string, text: string) => {
    const next = { ...texts, [job]: text };
    setTexts(next);
    const parsed = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, Number(v.trim().replace(',', '.'))]));
    const sum = Object.values(parsed).reduce((n, v) => n + (Number.isFinite(v) ? v : 0), 0);
    if (employee && Object.values(parsed).every((v) => Number.isFinite(v) && v >= 0 && v <= 100) && Math.abs(sum - 100) <= 0.01) {
      onChange({ ...whatIf, shares: { ...whatIf.shares, [employee.id]: parsed } });
    }
  };

  return (
    <div className="whatif-shares">
      <div className="field">
        <label htmlFor={`${id}-employee`}>{t.employeeLabel}</label>
        <input id={`${id}-employee`} type="text" autoComplete="off" value={employeeId} onChange={(e) => pick(e.target.value)} placeholder={t.employeeChoose} />
      </div>
      {employee && (
        <div className="grid">
          {r.jobs.map((j) => (
            <div className="field" key={j.id}>
              <label htmlFor={`${id}-share-${j.id}`}>{t.share(j.label)}</label>
              <input id={`${id}-share-${j.id}`} type="text" inputMode="decimal" value={texts[j.id] ?? '0'} onChange={(e) => change(j.id, e.target.value)} />
            </div>
          ))}
          <p className={valid ? 'total total-ok' : 'total total-ko'} aria-live="polite">
            {t.sharesTotal(formatNumber(total), valid)}
          </p>
        </div>
      )}
    </div>
  );
}

function Changes({ comparison: c, regulation }: { comparison: Comparison; regulation: string }) {
  const id = useId();
  if (c.changes.length === 0) return <p data-testid="whatif-changes">{t.noChange}</p>;
  const moved = c.factors.filter((f) => f.exposedBefore !== f.exposedAfter || f.becameExposed > 0 || f.noLongerExposed > 0);
  return (
    <div data-testid="whatif-changes">
      <h4 id={`${id}-h`}>{t.changesHeading}</h4>
      <p>{t.changesSummary(c.changes.length, c.pointsBefore, c.pointsAfter)}</p>
      {moved.length > 0 && <FactorCountTable factors={moved} regulation={regulation} caption={t.factorCaption} before={t.before} after={t.after} />}
      <ChangeTable comparison={c} regulation={regulation} caption={t.changesCaption} />
    </div>
  );
}

/** Exposed employees per factor, before and after (a what-if, or last year against this one). */
export function FactorCountTable({ factors, regulation, caption, before, after }: { factors: Comparison['factors']; regulation: string; caption: string; before: ReactNode; after: ReactNode }) {
  return (
    <DataTable className="compact" caption={caption} columns={[frCompany.company.factor, numeric(before), numeric(after)]}>
      {factors.map((f) => (
        <tr key={f.factor} data-factor={f.factor}>
          <th scope="row">{factorLabel(regulation, f.factor)}</th>
          <td className="num">{f.exposedBefore}</td>
          <td className="num">{f.exposedAfter}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Employees whose result changed: flipped factors, exposures before → after, points before → after. */
export function ChangeTable({ comparison: c, regulation, caption }: { comparison: Comparison; regulation: string; caption: string }) {
  const shown = c.changes.slice(0, SHOWN_CHANGES);
  return (
    <>
      <DataTable className="compact changes" caption={caption} columns={[frCompany.results.employee, t.changesColumn, numeric(t.points)]}>
        {shown.map((ch) => (
          <tr key={ch.employee} data-employee={ch.employee}>
            <th scope="row">
              {ch.employee}
              {ch.status === 'added' && <span className="tag">{frCompany.compare.added}</span>}
              {ch.status === 'removed' && <span className="tag">{frCompany.compare.removed}</span>}
            </th>
            <td>
              <ul className="plain">
                {ch.flips.map((f) => (
                  <li key={`v-${f.factor}`} data-flip={f.factor}>
                    {t.flip(factorLabel(regulation, f.factor), fr.verdict[f.before], fr.verdict[f.after])}
                  </li>
                ))}
                {ch.exposures.map((e) => (
                  <li key={`e-${e.factor}`} className="muted">
                    {t.exposure(factorLabel(regulation, e.factor), formatNumber(e.before, 1), formatNumber(e.after, 1), e.unit ? UNIT_LABELS[e.unit] : '')}
                  </li>
                ))}
              </ul>
            </td>
            <td className="num">
              {ch.pointsBefore} → {ch.pointsAfter}
            </td>
          </tr>
        ))}
      </DataTable>
      {c.changes.length > SHOWN_CHANGES && <p className="help">{t.more(c.changes.length - SHOWN_CHANGES)}</p>}
    </>
  );
}

