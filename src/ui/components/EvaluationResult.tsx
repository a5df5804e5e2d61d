import type { Ref } from 'react';
import { DSN_CODES_STATUS, UNIT_LABELS, type Contribution, type EmployeeResult, type PathStep, type Referential } from '../../core/index.ts';
import { formatNumber, formatSigned } from '../format.ts';
import { fr } from '../i18n/fr.ts';
import { criterionLabel, factorLabel, regulationLabel } from '../labels.ts';
import { DataTable, numeric } from './DataTable.tsx';
import { arithmeticText, pointsLines } from '../../present/evaluation.ts';

/** A number shown in French with its exact value kept machine-readable (`<data value>`). */
function Num({ value, digits = 2, signed = false }: { value: number; digits?: number; signed?: boolean }) {
  return <data value={String(value)}>{signed ? formatSigned(value, digits) : formatNumber(value, digits)}</data>;
}

function VerdictBadge({ verdict }: { verdict: keyof typeof fr.verdict }) {
  return <span className={`badge verdict-${verdict}`}>{fr.verdict[verdict]}</span>;
}

/**
 * One employee's result and its explanation. The example-employee form uses the defaults; the company
 * workspace shows several on one page (an explanation, a printable sheet), so the heading, its id and
 * the test id can be given.
 */
export function EvaluationResult({
  referential: r,
  result,
  headingRef,
  heading = fr.result.heading,
  headingId = 'result-heading',
  testId = 'evaluation-result',
}: {
  referential: Referential;
  result: EmployeeResult;
  headingRef?: Ref<HTMLHeadingElement>;
  heading?: string;
  headingId?: string;
  testId?: string;
}) {
  const labelOf = (code: Parameters<typeof factorLabel>[1]) => factorLabel(result.regulation, code);
  return (
    <section aria-labelledby={headingId} className="result" data-testid={testId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <ul className="summary">
        <li>{fr.result.regulationApplied(regulationLabel(result.regulation))}</li>
        <li>{fr.result.workingTime(formatNumber(result.workingTimeRatio, 4))}</li>
        <li>{result.exposedFactors.length > 0 ? fr.result.exposedSummary(result.exposedFactors.map(labelOf).join(', ')) : fr.result.notExposedSummary}</li>
        {result.toAnalyse.length > 0 && <li>{fr.result.toAnalyseSummary(result.toAnalyse.map(labelOf).join(', '))}</li>}
      </ul>

      <DataTable
        className="factors"
        scroll
        caption={fr.result.factorsCaption}
        columns={[fr.result.factor, fr.result.verdict, fr.result.group, numeric(fr.result.exposure), numeric(fr.result.threshold), numeric(fr.result.margin), fr.result.dsnCode]}
        rowGroups
      >
        {/* One row group per factor: its header cell spans the factor's threshold groups. */}
        {result.factors.map((f) => {
          const rows = Math.max(f.groups.length, 1);
          const tags = [!f.retained && fr.result.notRetained, !f.inForce && fr.result.notInForce, f.inForce && !f.earnsPoints && fr.result.noPoints].filter(Boolean);
          const first = f.groups[0];
          const rest = f.groups.slice(1);
          const factorCells = (
            <>
              <th scope="rowgroup" rowSpan={rows}>
                {f.label}
                {tags.map((t) => (
                  <span key={String(t)} className="tag">
                    {t}
                  </span>
                ))}
              </th>
              <td rowSpan={rows} data-verdict={f.verdict}>
                <VerdictBadge verdict={f.verdict} />
              </td>
            </>
          );
          const groupCells = (g: (typeof f.groups)[number]) => {
            // No legal threshold (from 2017-10-01): the former one is shown as an indicative reference only.
            const reference = g.threshold ?? g.indicativeThreshold;
            const unit = reference ? ` ${UNIT_LABELS[reference.unit]}` : '';
            return (
              <>
                <td>{g.label}</td>
                <td className="num" data-cell="exposure">
                  {reference ? (
                    <>
                      <Num value={g.exposure} />
                      {unit}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num" data-cell="threshold">
                  {g.threshold ? (
                    <>
                      <Num value={g.threshold.value} />
                      {unit}
                    </>
                  ) : g.indicativeThreshold ? (
                    <span data-indicative="true">
                      {fr.result.noLegalThreshold} ({fr.result.formerThreshold} <Num value={g.indicativeThreshold.value} />
                      {unit})
                    </span>
                  ) : (
                    fr.result.gridThreshold
                  )}
                </td>
                <td className="num" data-cell="margin">
                  {g.threshold ? (
                    <>
                      <Num value={g.margin} signed />
                      {unit}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </>
            );
          };
          const dsnCell = (
            <td rowSpan={rows}>
              <code>{f.dsnCode}</code>
            </td>
          );
          return (
            <tbody key={f.factor}>
              <tr data-factor={f.factor} data-group={first?.code} className={`verdict-row-${f.verdict}`}>
                {factorCells}
                {first ? groupCells(first) : <td colSpan={4}>—</td>}
                {dsnCell}
              </tr>
              {rest.map((g) => (
                <tr key={g.code} data-factor={f.factor} data-group={g.code} className={`verdict-row-${f.verdict}`}>
                  {groupCells(g)}
                </tr>
              ))}
            </tbody>
          );
        })}
      </DataTable>

      <h4>{fr.result.points}</h4>
      <p className="points" data-testid="points" data-value={result.points.total}>
        <strong>{fr.result.pointsTotal(result.points.total)}</strong>
        {result.points.multiplier === 2 && <> — {fr.result.pointsDoubled}</>}
      </p>
      <ul>
        {pointsLines(result).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>

      <h4>{fr.result.dsn}</h4>
      {result.dsn.length === 0 ? (
        <p>{fr.result.dsnNone}</p>
      ) : (
        <>
          <DataTable className="dsn" caption={fr.result.dsnCaption} captionHidden columns={[fr.result.factor, fr.result.dsnCode, fr.result.dsnYear, fr.result.dsnContract]}>
            {result.dsn.map((d) => (
              <tr key={d.factor} data-dsn={d.code}>
                <th scope="row">{labelOf(d.factor)}</th>
                <td>
                  <code>{d.code}</code>
                </td>
                <td>{d.year}</td>
                <td>{d.contract ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
          {!DSN_CODES_STATUS.verifiedAgainstSpecification && <p className="help">{fr.result.dsnToVerify}</p>}
        </>
      )}

      <h4>{fr.result.explanation}</h4>
      {!result.trace || result.trace.length === 0 ? (
        <p>{fr.result.noContribution}</p>
      ) : (
        <DataTable
          className="trace"
          scroll
          caption={fr.result.explanationCaption}
          columns={[fr.result.factor, fr.result.job, fr.result.task, fr.result.path, fr.result.situation, fr.result.arithmetic]}
        >
          {result.trace.map((c, i) => (
            <ContributionRow key={i} referential={r} regulation={result.regulation} contribution={c} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ContributionRow({ referential: r, regulation, contribution: c }: { referential: Referential; regulation: string; contribution: Contribution }) {
  return (
    <tr data-factor={c.factor} data-situation={c.situation} className={c.intensityMet ? '' : 'not-counted'}>
      <th scope="row">
        {factorLabel(regulation, c.factor)}
        <span className="sub">{criterionLabel(regulation, c.factor, c.criterion)}</span>
      </th>
      <td>
        {c.jobLabel} (<Num value={c.jobShare} /> %)
      </td>
      <td>
        {c.taskLabel} (<Num value={c.taskShare} /> %)
      </td>
      <td>
        {c.path.length === 0 ? (
          fr.result.directPath
        ) : (
          <ol className="path">
            {c.path.map((step, i) => (
              <li key={i}>{stepText(r, step)}</li>
            ))}
          </ol>
        )}
      </td>
      <td>{c.situationLabel}</td>
      <td className="arithmetic">{arithmeticText(c.arithmetic, regulation)}</td>
    </tr>
  );
}

function stepText(r: Referential, step: PathStep): string {
  if (step.kind === 'measure') return `${step.label} : ${step.applied ? fr.result.measureApplied : fr.result.measureNotApplied}`;
  const q = r.questions.find((x) => x.id === step.question);
  let answer: string;
  if (typeof step.answer === 'boolean') answer = step.answer ? fr.form.yes : fr.form.no;
  else if (q?.type === 'choice') answer = q.choices.find((x) => x.id === step.answer)?.label ?? String(step.answer);
  else if (typeof step.answer === 'number') answer = `${formatNumber(step.answer)}${q?.type === 'number' ? ` ${q.unit}` : ''}`;
  else answer = step.answer;
  const source = step.source === 'company' ? fr.result.company : fr.result.employee;
  return `${step.label} : ${answer} (${source})`;
}
