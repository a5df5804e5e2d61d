import { useId } from 'react';
import { regulationById, type FactorCode } from '../../core/index.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { factorLabel } from '../labels.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { DataTable, numeric } from '../components/DataTable.tsx';

const t = frCompany.company;

interface Bar {
  key: string;
  label: string;
  exposed: number;
  share: number;
}

/** Company-level figures: a simple SVG bar chart (its figures in its description) and the same as a table. */
export function CompanyCharts({ evaluation, factors }: { evaluation: CompanyEvaluation; factors: readonly FactorCode[] }) {
  const id = useId();
  const totals = evaluation.totals;
  const regulation = evaluation.summaries[0]?.regulation ?? evaluation.regulation ?? '';
  const version = regulationById(regulation);
  const bars: Bar[] = [
    ...factors.map((f) => {
      const total = totals.byFactor.find((x) => x.factor === f);
      const earns = version?.factors.find((x) => x.code === f)?.earnsPoints ?? true;
      return { key: f, label: `${factorLabel(regulation, f)}${earns ? '' : ` (${t.noPoints})`}`, exposed: total?.exposed ?? 0, share: total?.share ?? 0 };
    }),
    { key: 'any', label: t.overall, exposed: totals.exposedAny, share: totals.exposedAnyShare },
    { key: 'declared', label: t.declaredRow, exposed: totals.exposedDeclared, share: totals.exposedDeclaredShare },
  ];
  const rowHeight = 30;
  const labelWidth = 400;
  const barWidth = 330;
  const height = bars.length * rowHeight + 10;
  const description = bars.map((b) => `${b.label} : ${formatNumber(b.exposed, 0)} (${formatPercent(b.share)})`).join(' ; ');

  return (
    <section aria-labelledby={`${id}-h`} className="company-charts">
      <h3 id={`${id}-h`}>{t.heading}</h3>
      <figure className="chart">
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${labelWidth + barWidth + 120} ${height}`} className="bar-chart" data-testid="exposure-chart">
          <title id={`${id}-title`}>{t.chartTitle}</title>
          <desc id={`${id}-desc`}>{t.chartDesc(description)}</desc>
          {bars.map((b, i) => {
            const y = i * rowHeight + 5;
            return (
              <g key={b.key} data-bar={b.key}>
                <text x={labelWidth - 8} y={y + 18} textAnchor="end" className="chart-label">
                  {b.label}
                </text>
                <rect x={labelWidth} y={y + 4} width={barWidth} height={rowHeight - 10} className="chart-track" />
                <rect x={labelWidth} y={y + 4} width={Math.max(0, Math.min(1, b.share)) * barWidth} height={rowHeight - 10} className={`chart-bar chart-bar-${b.key}`} />
                <text x={labelWidth + barWidth + 8} y={y + 18} className="chart-value">
                  {formatNumber(b.exposed, 0)} ({formatPercent(b.share)})
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption className="help">{t.chartTitle}</figcaption>
      </figure>
      <DataTable className="company-totals" caption={t.tableCaption} columns={[t.factor, numeric(t.exposed), numeric(t.share)]}>
        {bars.map((b) => (
          <tr key={b.key} data-total={b.key}>
            <th scope="row">{b.label}</th>
            <td className="num" data-value={b.exposed}>
              {formatNumber(b.exposed, 0)}
            </td>
            <td className="num">{formatPercent(b.share)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
