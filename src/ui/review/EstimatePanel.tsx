import { useMemo, useRef, useState } from 'react';
import { EvaluationError, estimateHeadcount, type EstimateRow, type FactorCode, type HeadcountEstimate, type Referential, type StaffSample } from '../../core/index.ts';
import { parseDecimal, type ColumnMapping } from '../../io/staff-csv.ts';
import { ColumnMappingForm, needsMapping } from '../components/ColumnMappingForm.tsx';
import { estimateCsv } from '../../present/estimate.ts';
import { formatPercent } from '../../present/fr.ts';
import { formatNumber } from '../format.ts';
import { frReview } from '../i18n/fr-review.ts';
import { factorName } from './changes.ts';
import { CsvIssueTable, FileField, JsonIssueTable, StaffFileField } from './Fields.tsx';
import { downloadText, fileSafe } from './files.ts';
import { checkCompany, checkStaff, type StaffFile, type TextFile } from './inputs.ts';
import { estimateLines } from './estimate.ts';
import './review.css';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';

interface SampleInput {
  uid: number;
  name: string;
  staff: StaffFile | null;
  /** Headers of this staff file matched to columns (the mapping step); a new file starts without. */
  mapping?: ColumnMapping;
  company: TextFile | null;
  weight: string;
}

const emptySample = (uid: number): SampleInput => ({ uid, name: '', staff: null, company: null, weight: '1' });

type Outcome = { status: 'waiting' } | { status: 'failed'; message: string } | { status: 'ready'; before: HeadcountEstimate; after: HeadcountEstimate; employees: number; samples: number };

const share = (x: number | undefined) => (x === undefined ? '—' : formatPercent(x));

function Figures({ row, factor }: { row: EstimateRow | undefined; factor: FactorCode | 'any' | null }) {
  const exposed = !row ? undefined : factor === 'any' ? row.exposedAny : factor === null ? undefined : (row.exposed[factor] ?? 0);
  const ratio = !row || exposed === undefined ? undefined : row.workers === 0 ? 0 : exposed / row.workers;
  return (
    <>
      <td className="num">{row ? formatNumber(row.workers) : '—'}</td>
      <td className="num">{exposed === undefined ? '—' : formatNumber(exposed)}</td>
      <td className="num">{share(ratio)}</td>
    </>
  );
}

/**
 * The estimate of exposed workers the homologation dossier carries (D4163-6): one or several staff
 * samples, each with its company's answers and a weight, evaluated with both versions side by side;
 * exported as CSV (French headers, src/present/estimate.ts).
 */
/**
 * Staff samples → estimated exposed workers per job and factor. Two versions side by side in the review;
 * with `single` (the homologation dossier) one version only, `embedded` in a section that has its heading.
 */
export function EstimatePanel({ a, b, year, single = false, embedded = false }: { a: Referential; b: Referential; year: number | undefined; single?: boolean; embedded?: boolean }) {
  const t = frReview.estimate;
  const next = useRef(2);
  const [samples, setSamples] = useState<SampleInput[]>([emptySample(1)]);
  const update = (uid: number, patch: Partial<SampleInput>) => setSamples((list) => list.map((s) => (s.uid === uid ? { ...s, ...patch } : s)));

  const checks = useMemo(
    () =>
      samples.map((s) => ({
        staff: s.staff ? checkStaff(s.staff.source, a, b, s.mapping) : null,
        company: s.company ? checkCompany(s.company.text, a, b) : null,
        weight: parseDecimal(s.weight),
      })),
    [samples, a, b],
  );

  const outcome = useMemo((): Outcome => {
    if (year === undefined) return { status: 'waiting' };
    const usable: StaffSample[] = [];
    let employees = 0;
    for (const [i, s] of samples.entries()) {
      const check = checks[i]!;
      if (!check.staff?.employees || !check.company?.company || check.weight === undefined || !(check.weight > 0)) continue;
      usable.push({ name: s.name.trim() || s.staff?.name || t.sample(i + 1), company: check.company.company, employees: check.staff.employees, weight: check.weight });
      employees += check.staff.employees.length;
    }
    if (usable.length === 0) return { status: 'waiting' };
    try {
      const before = estimateHeadcount(a, usable, year);
      return { status: 'ready', before, after: single ? before : estimateHeadcount(b, usable, year), employees, samples: usable.length };
    } catch (error) {
      if (error instanceof EvaluationError) return { status: 'failed', message: evaluationErrorDetail(error, b) };
      throw error;
    }
  }, [samples, checks, a, b, year, t, single]);

  const exportCsv = () => {
    if (outcome.status !== 'ready') return;
    const file = single ? t.csvFileSingle(fileSafe(a.id), fileSafe(a.identity.version)) : t.csvFile(fileSafe(b.id), fileSafe(a.identity.version), fileSafe(b.identity.version));
    downloadText(file, estimateCsv(single ? [outcome.before] : [outcome.before, outcome.after]), 'text/csv;charset=utf-8');
  };

  return (
    <section className={`${embedded ? '' : 'panel rv-section '}rv-estimate${outcome.status === 'ready' ? '' : ' rv-print-empty'}`} aria-labelledby={embedded ? undefined : 'rv-estimate-heading'} aria-label={embedded ? t.heading : undefined}>
      {!embedded && <h2 id="rv-estimate-heading">{t.heading}</h2>}
      <p className="help">{t.help}</p>
      {samples.map((s, i) => {
        const n = i + 1;
        const check = checks[i]!;
        const weightOk = check.weight !== undefined && check.weight > 0;
        return (
          <fieldset key={s.uid} className="rv-sample rv-inputs">
            <legend>{t.sample(n)}</legend>
            <div className="grid">
              <div className="field">
                <label htmlFor={`rv-sample-${s.uid}-name`}>{t.name(n)}</label>
                <input id={`rv-sample-${s.uid}-name`} type="text" value={s.name} placeholder={s.staff?.name ?? t.sample(n)} onChange={(e) => update(s.uid, { name: e.currentTarget.value })} />
              </div>
              <div className={`field${weightOk ? '' : ' field-error'}`}>
                <label htmlFor={`rv-sample-${s.uid}-weight`}>{t.weight(n)}</label>
                <p id={`rv-sample-${s.uid}-weight-help`} className="help">
                  {t.weightHelp}
                </p>
                <input
                  id={`rv-sample-${s.uid}-weight`}
                  type="text"
                  inputMode="decimal"
                  value={s.weight}
                  aria-invalid={!weightOk}
                  aria-describedby={`rv-sample-${s.uid}-weight-help${weightOk ? '' : ` rv-sample-${s.uid}-weight-error`}`}
                  onChange={(e) => update(s.uid, { weight: e.currentTarget.value })}
                />
                {!weightOk && (
                  <p id={`rv-sample-${s.uid}-weight-error`} className="error-text">
                    {t.weightInvalid}
                  </p>
                )}
              </div>
            </div>
            <div className="grid">
              <StaffFileField label={t.staff(n)} onLoad={(file) => update(s.uid, { staff: file, mapping: undefined })} />
              <FileField label={t.company(n)} accept=".json,application/json" onLoad={(file) => update(s.uid, { company: file })} />
            </div>
            {check.staff && check.staff.issues.length > 0 && (
              <div className="error-box" role="alert">
                <p className="error-text">{frReview.files.invalid(s.staff!.name, check.staff.issues.length)}</p>
                <CsvIssueTable issues={check.staff.issues} caption={frReview.files.csvCaption(s.staff!.name)} />
                {check.staff.headers && needsMapping(check.staff.headers, check.staff.issues.map((x) => x.issue)) && (
                  <ColumnMappingForm key={s.staff!.name} headers={check.staff.headers} referential={b} help={frReview.files.mappingHelp} onApply={(mapping) => update(s.uid, { mapping })} />
                )}
              </div>
            )}
            {check.company && check.company.issues.length > 0 && (
              <div className="error-box" role="alert">
                <p className="error-text">{frReview.files.invalid(s.company!.name, check.company.issues.length)}</p>
                <JsonIssueTable issues={check.company.issues} caption={frReview.files.jsonCaption(s.company!.name)} />
              </div>
            )}
            {(s.staff === null) !== (s.company === null) && <p className="help">{t.incomplete(n)}</p>}
            {samples.length > 1 && (
              <button type="button" className="rv-remove" onClick={() => setSamples((list) => list.filter((x) => x.uid !== s.uid))}>
                {t.remove(n)}
              </button>
            )}
          </fieldset>
        );
      })}
      <p className="rv-actions">
        <button type="button" onClick={() => setSamples((list) => [...list, emptySample(next.current++)])}>
          {t.add}
        </button>
      </p>
      <div aria-live="polite">
        {outcome.status === 'waiting' && <p className="help">{t.waiting}</p>}
        {outcome.status === 'failed' && (
          <p role="alert" className="error-text">
            {frReview.impact.failed} {outcome.message}
          </p>
        )}
        {outcome.status === 'ready' && <EstimateTable a={a} b={b} before={outcome.before} after={single ? null : outcome.after} employees={outcome.employees} samples={outcome.samples} onExport={exportCsv} />}
      </div>
    </section>
  );
}

function EstimateTable({ a, b, before, after, employees, samples, onExport }: { a: Referential; b: Referential; before: HeadcountEstimate; after: HeadcountEstimate | null; employees: number; samples: number; onExport: () => void }) {
  const t = frReview.estimate;
  const groups = estimateLines(before, after ?? before);
  const errors = [...before.errors.map((e) => ({ ...e, side: 'before' as const })), ...(after?.errors ?? []).map((e) => ({ ...e, side: 'after' as const }))];
  return (
    <>
      <p role="status">{t.samples(samples, employees)}</p>
      <div className="table-scroll">
        <table className="rv-estimate-table" data-testid="estimate">
          <caption>{t.caption(before.year)}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t.job}
              </th>
              <th scope="col" rowSpan={2}>
                {t.factor}
              </th>
              <th scope="colgroup" colSpan={3}>
                {after ? t.beforeGroup(before.version) : t.singleGroup(before.version)}
              </th>
              {after && (
                <th scope="colgroup" colSpan={3}>
                  {t.afterGroup(after.version)}
                </th>
              )}
            </tr>
            <tr>
              <th scope="col">{t.workers}</th>
              <th scope="col">{t.exposed}</th>
              <th scope="col">{t.share}</th>
              {after && (
                <>
                  <th scope="col">{t.workers}</th>
                  <th scope="col">{t.exposed}</th>
                  <th scope="col">{t.share}</th>
                </>
              )}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.job} data-job={g.job} className={g.job === '*' ? 'rv-total' : undefined}>
              {g.lines.map((line, i) => (
                <tr key={String(line.factor)} data-factor={line.factor ?? ''}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={g.lines.length}>
                      {g.job === '*' ? t.total : g.label}
                    </th>
                  )}
                  <td>{line.factor === null ? t.noExposure : line.factor === 'any' ? t.anyFactor : factorName(line.factor)}</td>
                  <Figures row={g.before} factor={line.factor} />
                  {after && <Figures row={g.after} factor={line.factor} />}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {errors.length > 0 && (
        <div className="error-box" role="alert">
          <h3>{t.errorsHeading}</h3>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{t.error(e.sample, e.employee, evaluationErrorDetail(e.error, e.side === 'before' ? a : b), e.side)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="rv-actions">
        <button type="button" onClick={onExport}>
          {t.exportCsv}
        </button>
      </p>
    </>
  );
}
