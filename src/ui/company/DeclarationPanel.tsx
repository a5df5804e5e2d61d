import { useId, useMemo, useState } from 'react';
import { DSN_CANCELLATION_CODE, type DeclarationLine, type Employee, type GoodFaithPresumption } from '../../core/index.ts';
import { formatTimestamp } from '../../present/fr.ts';
import type { DeclarationRecord } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { frCompany } from '../i18n/fr-company.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import { agencySheetCsv, agencySheets, channelText, companyDeclarationLines, CORRECTION_KIND_LABELS, correctionCsv, correctionSince, evaluationChannel } from './declarationFiles.ts';
import { downloadText } from './download.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { labelOf, safeFileName } from './exports.ts';
import { isoNow, listDeclarations, saveDeclaration } from './storage.ts';
import { DataTable } from '../components/DataTable.tsx';

const t = frCompany.exports;
/** Lines drawn on screen: a staff of 100 000 can give as many; the file holds them all. */
const ROWS_SHOWN = 200;
/** Above this many employees the corrections are computed on request (a few hundred milliseconds). */
const LARGE_STAFF = 20_000;

export interface DeclarationContext {
  companyId: string;
  companyName: string;
  referentialLabel: string;
  contentHash: string;
  presumption: GoodFaithPresumption;
}

/** Records the whole declaration of the year, as the file just downloaded held it. */
export async function recordDeclaration(db: ReturnType<typeof useDb>, c: DeclarationContext, lines: DeclarationLine[], evaluation: CompanyEvaluation): Promise<void> {
  await saveDeclaration(db, c.companyId, {
    year: evaluation.year,
    declaredAt: isoNow(),
    channel: evaluationChannel(evaluation),
    kind: 'declaration',
    lines,
    contentHash: c.contentHash,
  });
}

/**
 * After the declaration file: the channel of the year, the corrections against the declaration stored
 * when it was filed (code 99 then the factors still due), and one exposure sheet per temporary-work agency.
 */
export function DeclarationPanel({ context: c, employees, evaluation }: { context: DeclarationContext; employees: readonly Employee[]; evaluation: CompanyEvaluation }) {
  const id = useId();
  const db = useDb();
  const [error, setError] = useState('');
  const stored = useLiveQuery(() => listDeclarations(db, c.companyId, evaluation.year), [db, c.companyId, evaluation.year]);
  const last: DeclarationRecord | undefined = stored.status === 'ready' ? stored.value.at(-1) : undefined;
  // On a large staff the comparison is a task of its own, run when asked, so that the results draw first.
  const large = evaluation.summaries.length > LARGE_STAFF;
  const [asked, setAsked] = useState<CompanyEvaluation | null>(null);
  const compare = !large || asked === evaluation;
  const correction = useMemo(() => (last && compare ? correctionSince(last.lines, employees, evaluation) : undefined), [last, compare, employees, evaluation]);
  const sheets = useMemo(() => agencySheets(employees, evaluation), [employees, evaluation]);
  const channel = evaluationChannel(evaluation);
  const base = `${safeFileName(c.companyName)}-${evaluation.year}`;
  const regulation = evaluation.regulation ?? evaluation.summaries[0]?.regulation ?? '';
  const cancellations = correction?.lines.filter((l) => l.code === DSN_CANCELLATION_CODE).length ?? 0;

  const downloadCorrection = () => {
    if (!last || !correction) return;
    downloadText(`correction-${base}.csv`, correctionCsv(correction, evaluation, last.declaredAt.slice(0, 10)), 'text/csv;charset=utf-8');
    saveDeclaration(db, c.companyId, {
      year: evaluation.year,
      declaredAt: isoNow(),
      channel,
      kind: 'correction',
      lines: companyDeclarationLines(employees, evaluation),
      sent: correction.lines,
      contentHash: c.contentHash,
    }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <>
      <section aria-labelledby={`${id}-channel`} data-testid="declaration-channel" data-channel={channel}>
        <h4 id={`${id}-channel`}>{t.channelHeading}</h4>
        <p>{channelText(channel, evaluation.year)}</p>
      </section>

      <section aria-labelledby={`${id}-corr`} className="corrections" data-testid="corrections">
        <h4 id={`${id}-corr`}>{t.correctionHeading}</h4>
        {stored.status === 'ready' && !last && <p className="help">{t.correctionNone}</p>}
        {last && !correction && (
          <>
            <p data-testid="correction-from">{t.correctionFrom(formatTimestamp(last.declaredAt), last.kind === 'declaration' ? t.kindDeclaration : t.kindCorrection, last.lines.length)}</p>
            <button type="button" onClick={() => setAsked(evaluation)} data-testid="correction-compute">
              {t.correctionCompute}
            </button>
          </>
        )}
        {last && correction && (
          <>
            <p data-testid="correction-from">{t.correctionFrom(formatTimestamp(last.declaredAt), last.kind === 'declaration' ? t.kindDeclaration : t.kindCorrection, last.lines.length)}</p>
            {correction.lines.length === 0 ? (
              <p className="success-text" data-testid="correction-none">
                {t.correctionUpToDate}
              </p>
            ) : (
              <>
                <p data-testid="correction-summary">{t.correctionSummary(cancellations, correction.lines.length)}</p>
                {correction.withdrawn.length > 0 && (
                  <ul>
                    {correction.withdrawn.slice(0, ROWS_SHOWN).map((w) => (
                      <li key={`${w.employee}-${w.contract ?? ''}-${w.code}`}>{t.correctionWithdrawn(w.factor ? labelOf(regulation, w.factor) : w.code, w.employee)}</li>
                    ))}
                  </ul>
                )}
                {/* A long table scrolls: the region takes the focus so that the keyboard can scroll it. */}
                <DataTable className="issues" testId="correction-lines" scroll="region" caption={t.correctionCaption} columns={[t.employee, t.contract, t.code, t.factor, t.kind]}>
                  {correction.lines.slice(0, ROWS_SHOWN).map((l, i) => (
                    <tr key={i} data-employee={l.employee} data-code={l.code} data-kind={l.kind}>
                      <th scope="row">{l.employee}</th>
                      <td>{l.contract ?? ''}</td>
                      <td>{l.code}</td>
                      <td>{l.factor ? labelOf(regulation, l.factor) : ''}</td>
                      <td>{CORRECTION_KIND_LABELS[l.kind]}</td>
                    </tr>
                  ))}
                </DataTable>
                {correction.lines.length > ROWS_SHOWN && <p className="help">{t.correctionMore(correction.lines.length - ROWS_SHOWN)}</p>}
                <button type="button" onClick={downloadCorrection} data-testid="export-correction">
                  {t.correctionFile}
                </button>
              </>
            )}
            <p className="help">{t.correctionHelp}</p>
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-agencies`} className="agencies" data-testid="agency-sheets">
        <h4 id={`${id}-agencies`}>{t.agenciesHeading}</h4>
        {sheets.length === 0 ? (
          <p className="help">{t.agenciesNone}</p>
        ) : (
          <>
            <p>
              {t.agenciesIntro(
                sheets.reduce((n, s) => n + s.workers.length, 0),
                sheets.length,
              )}
            </p>
            <ul>
              {sheets.map((s) => (
                <li key={s.agency} data-agency={s.agency}>
                  <button
                    type="button"
                    onClick={() =>
                      downloadText(
                        `interim-${safeFileName(s.agency)}-${base}.csv`,
                        agencySheetCsv(s, employees, { company: c.companyName, referential: c.referentialLabel, presumption: c.presumption }),
                        'text/csv;charset=utf-8',
                      )
                    }
                  >
                    {t.agencySheet(s.agency)}
                  </button>{' '}
                  <span className="help">
                    {t.agencyWorkers(
                      s.workers.length,
                      s.workers.filter((w) => w.factors.length > 0).length,
                    )}
                    {s.agencySiret ? ` — SIRET ${s.agencySiret}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
