import { useId, useMemo, useState } from 'react';
import { useDb } from '../context.ts';
import { channelText, evaluationChannel } from './declarationFiles.ts';
import { DeclarationPanel, recordDeclaration, type DeclarationContext } from './DeclarationPanel.tsx';
import type { Employee, FactorCode, Referential } from '../../core/index.ts';
import { formatNumber } from '../../present/fr.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { factorLabel } from '../labels.ts';
import { downloadBlob, downloadText } from './download.ts';
import { digestOf, type CompanyEvaluation } from './evaluation.ts';
import { duerCsv, duerMatrix, HARDSHIP_LABELS, safeFileName } from './exports.ts';
import { exportFileOffThread } from './evaluationClient.ts';
import type { ExportRequest } from './exportFiles.ts';
import { duerSheet, workbookBlob, type XlsxSheet } from './xlsxExports.ts';
import { DataTable, numeric } from '../components/DataTable.tsx';
import { presumptionText } from '../../present/presumption.ts';

const t = frCompany.exports;

/** The declaration file and the DUER matrix, from the real results (never from a simulation). */
export function ExportsPanel({
  referential: r,
  employees,
  evaluation,
  companyName,
  factors,
  declaration,
}: {
  referential: Referential;
  employees: readonly Employee[];
  evaluation: CompanyEvaluation;
  companyName: string;
  factors: readonly FactorCode[];
  /** The company and the referential's presumption: the declaration is then recorded when downloaded. */
  declaration?: DeclarationContext;
}) {
  const id = useId();
  const db = useDb();
  const [fileError, setFileError] = useState('');
  // The file being made (from the whole staff, by the evaluation worker on a large one): its buttons wait.
  const [preparing, setPreparing] = useState(false);
  const workbook = (name: string, sheet: () => XlsxSheet) => {
    setFileError('');
    workbookBlob(sheet()).then(
      (blob) => downloadBlob(name, blob),
      (error: unknown) => setFileError(t.xlsxFailed(error instanceof Error ? error.message : String(error))),
    );
  };
  // Computed by the evaluation worker for large staffs; here only where there is no worker.
  const matrix = useMemo(() => evaluation.duer ?? duerMatrix(r, employees, evaluation), [r, employees, evaluation]);
  // Temporary workers are declared by their agency, not in the company's file.
  const declared = digestOf(evaluation).declaredLines;
  const notes = [channelText(evaluationChannel(evaluation), evaluation.year), ...(declaration ? [presumptionText(declaration.presumption)] : [])];
  const produce = async (name: string, request: ExportRequest) => {
    setFileError('');
    setPreparing(true);
    try {
      const file = await exportFileOffThread(request, employees, evaluation);
      downloadBlob(name, file.blob);
      if (request.kind === 'declaration' && declaration && file.lines) await recordDeclaration(db, declaration, file.lines, evaluation);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setFileError(request.kind === 'results-xlsx' ? t.xlsxFailed(message) : t.fileFailed(message));
    } finally {
      setPreparing(false);
    }
  };
  const base = `${safeFileName(companyName)}-${evaluation.year}`;
  const cell = (n: number, d: number) => `${formatNumber(n, 0)} / ${formatNumber(d, 0)}`;

  return (
    <section aria-labelledby={`${id}-h`} className="exports">
      <h3 id={`${id}-h`}>{t.heading}</h3>
      <p className="help">{t.intro}</p>
      <div className="export-actions">
        <div>
          <button
            type="button"
            disabled={declared === 0 || preparing}
            onClick={() => void produce(`declaration-${base}.csv`, { kind: 'declaration', notes })}
            data-testid="export-declaration"
          >
            {t.declaration}
          </button>
          <button
            type="button"
            className="small"
            disabled={declared === 0 || preparing}
            onClick={() => void produce(`declaration-${base}-codes.csv`, { kind: 'declaration-codes' })}
            data-testid="export-declaration-codes"
          >
            {t.declarationCodes}
          </button>
          <p className="help">{declared === 0 ? t.declarationNone : t.declarationHelp}</p>
          <p className="help">{t.dsnUnconfirmed}</p>
          {declaration && <p className="help">{t.declarationRecorded}</p>}
        </div>
        <div>
          <button type="button" onClick={() => downloadText(`duer-penibilite-${base}.csv`, duerCsv(matrix), 'text/csv;charset=utf-8')} data-testid="export-duer">
            {t.duer}
          </button>
          <button type="button" onClick={() => workbook(`duer-penibilite-${base}.xlsx`, () => duerSheet(matrix))} data-testid="export-duer-xlsx">
            {t.duerXlsx}
          </button>
          <p className="help">{t.duerHelp}</p>
        </div>
        <div>
          <button type="button" disabled={preparing} onClick={() => void produce(`resultats-${base}.xlsx`, { kind: 'results-xlsx', factors: [...factors] })} data-testid="export-results-xlsx">
            {t.resultsXlsx}
          </button>
          <p className="help">{t.resultsHelp}</p>
        </div>
      </div>
      {preparing && (
        <p role="status" data-testid="export-preparing">
          {t.preparing}
        </p>
      )}
      {declaration && <DeclarationPanel context={declaration} employees={employees} evaluation={evaluation} />}
      {fileError && (
        <p role="alert" className="error-text">
          {fileError}
        </p>
      )}
      <h4>{t.duerHeading}</h4>
      {/* A wide matrix scrolls: the region takes the focus so that the keyboard can scroll it. */}
      <DataTable
        className="duer"
        testId="duer-matrix"
        scroll="region"
        caption={t.duerCaption}
        columns={[t.job, numeric(t.headcount), ...matrix.factors.map((f) => numeric(factorLabel(matrix.regulation, f), f))]}
        rowGroups
      >
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.job} data-job={row.job}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatNumber(row.headcount, 0)}</td>
              {matrix.factors.map((f) => (
                <td key={f} className={`num ${row.exposed[f] > 0 ? 'cell-exposed' : ''}`} data-factor={f} data-state={row.state[f]}>
                  {cell(row.exposed[f], row.headcount)}
                  <span className="sub">{HARDSHIP_LABELS[row.state[f]]}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            <td className="num">{formatNumber(matrix.total.headcount, 0)}</td>
            {matrix.factors.map((f) => (
              <td key={f} className="num" data-factor={f}>
                {cell(matrix.total.exposed[f], matrix.total.headcount)}
              </td>
            ))}
          </tr>
        </tfoot>
      </DataTable>
    </section>
  );
}
