import { useId, useMemo, useState } from 'react';
import { UNIT_LABELS, type FactorCode } from '../../core/index.ts';
import { formatNumber, formatSigned } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { factorLabel } from '../labels.ts';
import type { CompanyEvaluation, EmployeeSummary, FactorSummary } from './evaluation.ts';
import { Pager } from './Pager.tsx';
import type { Comparison } from './whatif.ts';

const t = frCompany.results;
const PAGE = 50;

type Filter = 'all' | 'exposed' | 'changed';

/**
 * One line per employee: exposed factors, each shown factor's exposure against its threshold (a bar
 * with the threshold marked, so the margin shows), points, DSN codes, and the button that opens the
 * explanation. Drawn a page at a time.
 */
export function EmployeeResultsTable({
  evaluation,
  factors,
  comparison,
  selected,
  onExplain,
}: {
  evaluation: CompanyEvaluation;
  factors: readonly FactorCode[];
  comparison: Comparison | null;
  selected: string | null;
  onExplain: (employee: string) => void;
}) {
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const changed = useMemo(() => new Map((comparison?.changes ?? []).map((c) => [c.employee, c])), [comparison]);
  const effectiveFilter = filter === 'changed' && !comparison ? 'all' : filter;

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return evaluation.summaries.filter(
      (s) =>
        (q === '' || s.employee.toLowerCase().includes(q)) &&
        (effectiveFilter === 'all' || (effectiveFilter === 'exposed' && s.exposed.length > 0) || (effectiveFilter === 'changed' && changed.has(s.employee))),
    );
  }, [evaluation, search, effectiveFilter, changed]);
  const pageRows = rows.slice(page * PAGE, (page + 1) * PAGE);
  const regulation = evaluation.summaries[0]?.regulation ?? evaluation.regulation ?? '';

  return (
    <section aria-labelledby={`${id}-h`} className="employee-results">
      <h3 id={`${id}-h`}>{t.employeesHeading}</h3>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor={`${id}-filter`}>{t.filter}</label>{' '}
          <select
            id={`${id}-filter`}
            value={effectiveFilter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setPage(0);
            }}
          >
            <option value="all">{t.filterAll}</option>
            <option value="exposed">{t.filterExposed}</option>
            {comparison && <option value="changed">{t.filterChanged}</option>}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${id}-search`}>{t.search}</label>{' '}
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(0);
            }}
          />
        </div>
      </div>
      <div className="table-scroll">
        <table className="employee-results-table">
          <caption>{t.employeesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.employee}</th>
              <th scope="col">{t.exposedFactors}</th>
              {factors.map((f) => (
                <th scope="col" key={f}>
                  {factorLabel(regulation, f)}
                </th>
              ))}
              <th scope="col" className="num">
                {t.pointsCol}
              </th>
              <th scope="col">{t.dsnCol}</th>
              <th scope="col">
                <span className="visually-hidden">{t.explainShort}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pageRows.length === 0 && (
              <tr>
                <td colSpan={factors.length + 5}>{t.noRow}</td>
              </tr>
            )}
            {pageRows.map((s) => (
              <Row key={s.employee} summary={s} factors={factors} change={changed.get(s.employee)} selected={selected === s.employee} onExplain={onExplain} />
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageSize={PAGE} total={rows.length} onPage={setPage} label={t.employeesCaption} />
    </section>
  );
}

function Row({ summary: s, factors, change, selected, onExplain }: { summary: EmployeeSummary; factors: readonly FactorCode[]; change: Comparison['changes'][number] | undefined; selected: boolean; onExplain: (id: string) => void }) {
  return (
    <tr data-employee={s.employee} data-points={s.points} className={`${change ? 'changed' : ''} ${selected ? 'selected' : ''}`}>
      <th scope="row">
        {s.employee}
        {change && <span className="tag tag-changed">{t.changedMark}</span>}
      </th>
      <td>
        {s.exposed.length === 0 ? (
          <span className="muted">{t.none}</span>
        ) : (
          s.exposed.map((f) => (
            <span key={f} className="badge verdict-exposed factor-badge">
              {factorLabel(s.regulation, f)}
            </span>
          ))
        )}
        {s.toAnalyse.map((f) => (
          <span key={f} className="badge verdict-to_analyse factor-badge">
            {factorLabel(s.regulation, f)} ({fr.verdict.to_analyse})
          </span>
        ))}
      </td>
      {factors.map((f) => {
        const fs = s.factors.find((x) => x.factor === f);
        return <FactorCell key={f} factor={fs} regulation={s.regulation} changed={change?.flips.some((x) => x.factor === f) ?? false} />;
      })}
      <td className="num" data-cell="points">
        {change && change.pointsBefore !== change.pointsAfter ? (
          <>
            <s aria-hidden="true">{change.pointsBefore}</s> → <strong>{s.points}</strong>
          </>
        ) : (
          s.points
        )}
      </td>
      <td>{s.dsn.length > 0 ? s.dsn.map((c) => <code key={c}>{c} </code>) : '—'}</td>
      <td>
        <button type="button" className="small" aria-label={t.explain(s.employee)} aria-pressed={selected} onClick={() => onExplain(s.employee)}>
          {t.explainShort}
        </button>
      </td>
    </tr>
  );
}

/** Exposure against threshold: the bar's length is the exposure, the dark line the threshold. */
function FactorCell({ factor: f, regulation, changed }: { factor: FactorSummary | undefined; regulation: string; changed: boolean }) {
  if (!f) return <td>—</td>;
  const label = factorLabel(regulation, f.factor);
  if (f.threshold === null || f.unit === null) {
    return (
      <td data-factor={f.factor} data-verdict={f.verdict}>
        <span className={`badge verdict-${f.verdict}`}>{fr.verdict[f.verdict]}</span>
      </td>
    );
  }
  const unit = UNIT_LABELS[f.unit];
  const scale = Math.max(f.exposure, f.threshold) * 1.15 || 1;
  const bar = (f.exposure / scale) * 100;
  const mark = (f.threshold / scale) * 100;
  const text = t.bar(label, formatNumber(f.exposure, 1), formatNumber(f.threshold, 1), unit, fr.verdict[f.verdict]);
  return (
    <td data-factor={f.factor} data-verdict={f.verdict} data-exposure={f.exposure} data-threshold={f.threshold} className={`factor-cell${changed ? ' flipped' : ''}`}>
      <svg className="exposure-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="2" width="100" height="8" className="track" />
        <rect x="0" y="2" width={bar} height="8" className={`fill fill-${f.verdict}`} />
        <line x1={mark} x2={mark} y1="0" y2="12" className="threshold-mark" />
      </svg>
      <span className="visually-hidden">{text}</span>
      <span aria-hidden="true" className="figures">
        {formatNumber(f.exposure, 1)} / {formatNumber(f.threshold, 1)} {unit}
      </span>
      <span aria-hidden="true" className={`margin margin-${f.verdict}`}>
        {t.marginText(formatSigned(f.margin ?? 0, 1))}
      </span>
    </td>
  );
}
