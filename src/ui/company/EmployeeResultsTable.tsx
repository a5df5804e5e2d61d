import { useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { UNIT_LABELS, type FactorCode } from '../../core/index.ts';
import { formatCount, formatNumber, formatSigned } from '../../present/fr.ts';
import { fr } from '../i18n/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { factorLabel } from '../labels.ts';
import type { CompanyEvaluation, EmployeeSummary, FactorSummary } from './evaluation.ts';
import type { Comparison } from './whatif.ts';
import { useFilteredRows } from './useFilteredRows.ts';
import { findByKey } from './packedList.ts';

const t = frCompany.results;
const isChanged = (changedAt: Uint8Array | undefined, position: number) => changedAt?.[position] === 1;
/**
 * Height of every row (set in company.css): fixed, so that a jump to the end of 100 000 rows costs one
 * small redraw instead of measuring rows one after another.
 */
const ROW_HEIGHT = 72;

type Filter = 'all' | 'exposed' | 'changed';

/**
 * Rows drawn beyond the visible ones, above and below: a fast scroll shows no blank before the redraw.
 * Few: every row drawn is laid out again with the whole table, in the task that draws it.
 */
const OVERSCAN = 4;
/** Rows drawn before the box's size is known (its first layout; jsdom; a hidden table): about a view. */
const UNLAID_ROWS = 20;

/**
 * The rows in view of the scrolling box, from its scroll position and the fixed row height: the same
 * window a virtualiser computes, without the position object per row (100 000 of them, each new
 * evaluation) that a general virtualiser keeps for rows of varying height.
 */
function useRowWindow(scroller: RefObject<HTMLDivElement | null>, count: number): { items: Array<{ index: number }>; before: number; after: number } {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const update = () => setView((v) => (v.top === box.scrollTop && v.height === box.clientHeight ? v : { top: box.scrollTop, height: box.clientHeight }));
    box.addEventListener('scroll', update, { passive: true });
    // The box's first size comes from the observer, once the browser has laid the page out: read here,
    // it would force the layout of the whole step inside the task that mounts it.
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    if (resize) resize.observe(box);
    else update();
    return () => {
      box.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [scroller]);
  let first = 0;
  let end = Math.min(count, UNLAID_ROWS);
  if (view.height > 0) {
    first = Math.max(0, Math.min(count, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN));
    end = Math.max(first, Math.min(count, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN));
  }
  const items = Array.from({ length: end - first }, (_, i) => ({ index: first + i }));
  return { items, before: first * ROW_HEIGHT, after: view.height > 0 ? (count - end) * ROW_HEIGHT : 0 };
}

/**
 * One line per employee: the button that opens the explanation (first, so that no width clips it),
 * exposed factors, each shown factor's exposure against its threshold (a bar with the threshold marked,
 * so the margin shows), points, DSN codes. Virtualised (useRowWindow): only the rows in view are drawn,
 * so 100 000 employees scroll as smoothly as 10; the table keeps its row count for screen readers
 * (aria-rowcount / aria-rowindex).
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
  /** A comparison whose second evaluation is `evaluation` (its rows are marked by position). */
  comparison: Comparison | null;
  selected: string | null;
  onExplain: (employee: string) => void;
}) {
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  // Which rows changed, by position in the list shown (the changes of 100 000 employees stay packed).
  const changedAt = comparison?.changedAt;
  const effectiveFilter = filter === 'changed' && !comparison ? 'all' : filter;

  const keep = useMemo(() => {
    const q = search.trim().toLowerCase();
    // Unfiltered, the list itself: no pass over 100 000 rows on each new evaluation.
    if (q === '' && effectiveFilter === 'all') return null;
    return (s: EmployeeSummary, position: number) =>
      (q === '' || s.employee.toLowerCase().includes(q)) &&
      (effectiveFilter === 'all' || (effectiveFilter === 'exposed' && s.exposed.length > 0) || (effectiveFilter === 'changed' && isChanged(changedAt, position)));
  }, [search, effectiveFilter, changedAt]);
  // Over a packed list the search runs a slice at a time (useFilteredRows): typing stays responsive.
  const { rows, pending } = useFilteredRows(evaluation.summaries, keep);
  const scroller = useRef<HTMLDivElement>(null);
  const { items, before, after } = useRowWindow(scroller, rows.length);
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
            data-testid="results-search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
            }}
          />
        </div>
      </div>
      <p className="help" data-testid="results-count" aria-busy={pending}>
        {pending ? t.searching : t.rowsShown(formatCount(rows.length), formatCount(evaluation.summaries.length))}
      </p>
      {/* Focusable, so the table scrolls from the keyboard too (axe: scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-scroll results-scroll" ref={scroller} tabIndex={0} aria-label={t.employeesCaption}>
        <table className="employee-results-table" aria-rowcount={rows.length + 1}>
          <caption>{t.employeesCaption}</caption>
          <thead>
            <tr aria-rowindex={1}>
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
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={factors.length + 4}>{t.noRow}</td>
              </tr>
            )}
            {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
            {items.map((item) => {
              const s = rows.at(item.index);
              const position = rows.positionAt(item.index);
              return (
                <Row
                  key={s.employee}
                  index={item.index}
                  summary={s}
                  factors={factors}
                  change={isChanged(changedAt, position) ? findByKey(comparison!.changes, 'employee', s.employee) : undefined}
                  selected={selected === s.employee}
                  onExplain={onExplain}
                />
              );
            })}
            {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({
  index,
  summary: s,
  factors,
  change,
  selected,
  onExplain,
}: {
  index: number;
  summary: EmployeeSummary;
  factors: readonly FactorCode[];
  change: Comparison['changes'][number] | undefined;
  selected: boolean;
  onExplain: (id: string) => void;
}) {
  return (
    <tr data-index={index} aria-rowindex={index + 2} data-employee={s.employee} data-points={s.points} className={`${change ? 'changed' : ''} ${selected ? 'selected' : ''}`}>
      <th scope="row">
        {s.employee}
        {change && <span className="tag tag-changed">{t.changedMark}</span>}
        {s.temporary && (
          <span className="tag" data-testid="tag-temporary">
            {t.temporaryMark(s.temporary.agency)}
          </span>
        )}
        {s.absence && (
          <span className="tag" data-testid="tag-absence">
            {t.absenceMark(s.absence.absentDays)}
          </span>
        )}{' '}
        <button type="button" className="small" aria-label={t.explain(s.employee)} aria-pressed={selected} onClick={() => onExplain(s.employee)}>
          {t.explainShort}
        </button>
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
            <s aria-hidden="true">{formatCount(change.pointsBefore)}</s> → <strong>{formatCount(s.points)}</strong>
          </>
        ) : (
          formatCount(s.points)
        )}
      </td>
      <td>{s.dsn.length > 0 ? s.dsn.map((c) => <code key={c}>{c} </code>) : '—'}</td>
    </tr>
  );
}

/** Exposure against threshold: the bar's length is the exposure, the dark line the threshold. */
function FactorCell({ factor: f, regulation, changed }: { factor: FactorSummary | undefined; regulation: string; changed: boolean }) {
  // The compact results leave out a factor without any exposure: not exposed.
  if (!f)
    return (
      <td data-verdict="not_exposed">
        <span className="badge verdict-not_exposed">{fr.verdict.not_exposed}</span>
      </td>
    );
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
