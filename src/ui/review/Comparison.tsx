import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { diff, EvaluationError, impact, type CompanyInput, type ImpactResult, type NodeLayout, type Referential } from '../../core/index.ts';
import { formatNumber } from '../../present/fr.ts';
import { computeLayout } from '../editor/layoutClient.ts';
import { HashBadge } from '../components/HashBadge.tsx';
import { frReview } from '../i18n/fr-review.ts';
import { ChangeList } from './ChangeList.tsx';
import { changesOfNode, changeText, countChanges, countsText, groupChanges, nodeForChange } from './changes.ts';
import { EstimatePanel } from './EstimatePanel.tsx';
import { CsvIssueTable, FileField, JsonIssueTable, StaffFileField } from './Fields.tsx';
import { ColumnMappingForm, needsMapping } from '../components/ColumnMappingForm.tsx';
import type { ColumnMapping } from '../../io/staff-csv.ts';
import { downloadText, fileSafe } from './files.ts';
import { reviewGraph } from './graph.ts';
import { ImpactTable } from './ImpactTable.tsx';
import { checkCompany, checkCompanyInput, checkStaff, companyCatalogue, parseYear, type StaffFile, type TextFile } from './inputs.ts';
import { AnswersFields, MeasuresFields } from '../company/AnswersStep.tsx';
import { reviewMarkdown } from './report.ts';
import { ReviewGraphView, type FocusRequest } from './ReviewGraph.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { issueMessage } from '../../present/issues.ts';
import { evaluationErrorDetail } from '../../present/evaluation-errors.ts';

/** One of the two versions compared: a stored version or a file, already loaded and validated. */
export interface VersionSide {
  referential: Referential;
  /** `sha256:<hex>` content hash (stored versions keep theirs; a file's is computed once). */
  hash: string;
  /** How the screen names it: « Titre » version x, or the file name. */
  name: string;
}

type LayoutState = { status: 'loading' } | { status: 'ready'; positions: Record<string, NodeLayout> } | { status: 'failed'; message: string };
type ImpactOutcome = { status: 'ready'; effect: ImpactResult } | { status: 'failed'; message: string };

const GENERAL_KINDS = new Set(['referential_id', 'identity', 'regulation', 'working_year', 'factors', 'particularly_exposed']);

/**
 * The comparison of two loaded versions: summary, coloured logigramme of the new version, change list
 * grouped by job, effect on a company's staff, headcount estimate, and the exports.
 */
export function Comparison({ before, after }: { before: VersionSide; after: VersionSide }) {
  const a = before.referential;
  const b = after.referential;
  const result = useMemo(() => diff(a, b, { fromHash: before.hash, toHash: after.hash }), [a, b, before.hash, after.hash]);
  const counts = useMemo(() => countChanges(result), [result]);
  const groups = useMemo(() => groupChanges(result, a, b), [result, a, b]);
  const graph = useMemo(() => reviewGraph(a, b, result), [a, b, result]);
  const changeNodes = useMemo(() => result.changes.map((c) => nodeForChange(c, a, b, graph.drawn)), [result, a, b, graph]);

  // The graph's layout runs in the layout worker (its engine stays out of the page's bundle): asynchronous.
  // Kept with the drawing it was computed for: a new drawing shows « loading » until its own layout arrives.
  const [computed, setComputed] = useState<{ for: unknown; layout: LayoutState } | null>(null);
  useEffect(() => {
    let live = true;
    const document = graph.document;
    computeLayout(document)
      .then((positions) => live && setComputed({ for: document, layout: { status: 'ready', positions } }))
      .catch((error: unknown) => live && setComputed({ for: document, layout: { status: 'failed', message: error instanceof Error ? error.message : String(error) } }));
    return () => {
      live = false;
    };
  }, [graph]);
  const layout: LayoutState = computed && computed.for === graph.document ? computed.layout : { status: 'loading' };

  // Selection: a node of the graph, the change activated in the list, and the viewport requests.
  const [selected, setSelected] = useState<string | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const nonce = useRef(0);
  const graphBox = useRef<HTMLDivElement>(null);

  const activateChange = useCallback(
    (index: number) => {
      setActive(index);
      const node = changeNodes[index] ?? null;
      setSelected(node);
      if (node) {
        setFocus({ id: node, nonce: ++nonce.current });
        graphBox.current?.scrollIntoView?.({ block: 'nearest' });
      }
    },
    [changeNodes],
  );
  /** A cause of the impact table: the change brought into view and focused in the list, its node selected. */
  const showChange = useCallback(
    (index: number) => {
      activateChange(index);
      const item = document.querySelector<HTMLElement>(`.rv-changes [data-change="${index}"]`);
      item?.scrollIntoView?.({ block: 'center' });
      item?.focus({ preventScroll: true });
    },
    [activateChange],
  );
  /** A node selected in the graph: the active change stays only when it is about that node. */
  const selectNode = useCallback(
    (id: string | null) => {
      setSelected(id);
      setActive((current) => (current !== null && id !== null && changeNodes[current] === id ? current : null));
    },
    [changeNodes],
  );
  const selectedChanges = useMemo(() => (selected ? changesOfNode(selected, result, a, b, graph.drawn) : []), [selected, result, a, b, graph]);
  const selectedNode = selected ? graph.nodes.find((n) => n.id === selected) : undefined;

  // The year, the staff and the company answers.
  const [yearText, setYearText] = useState(() => String(new Date().getFullYear()));
  const year = parseYear(yearText);
  const [staffFile, setStaffFile] = useState<StaffFile | null>(null);
  const [companyFile, setCompanyFile] = useState<TextFile | null>(null);
  // Headers of this file matched to columns by the reviewer (the mapping step), forgotten with the file.
  const [mapping, setMapping] = useState<{ file: StaffFile; mapping: ColumnMapping } | null>(null);
  const staffMapping = mapping && mapping.file === staffFile ? mapping.mapping : undefined;
  const staff = useMemo(() => (staffFile ? checkStaff(staffFile.source, a, b, staffMapping) : null), [staffFile, a, b, staffMapping]);
  // The reviewer answers for a company with the company workspace's own form, or loads its file.
  const [formInput, setFormInput] = useState<CompanyInput>({ formatVersion: 1, answers: {}, measures: [] });
  const catalogue = useMemo(() => companyCatalogue(a, b), [a, b]);
  const company = useMemo(() => (companyFile ? checkCompany(companyFile.text, a, b) : checkCompanyInput(formInput, a, b)), [companyFile, formInput, a, b]);
  const companyName = companyFile?.name ?? frReview.files.formAnswers;
  const outcome = useMemo((): ImpactOutcome | null => {
    if (!staff?.employees || !company?.company || year === undefined) return null;
    try {
      return { status: 'ready', effect: impact(a, b, result, company.company, staff.employees, year) };
    } catch (error) {
      if (error instanceof EvaluationError) return { status: 'failed', message: evaluationErrorDetail(error, b) };
      throw error;
    }
  }, [staff, company, year, a, b, result]);

  const exportMarkdown = () => {
    const section =
      outcome?.status === 'ready' && staffFile && staff ? { effect: outcome.effect, files: { staff: staffFile.name, company: companyName, rows: staff.rows } } : undefined;
    downloadText(frReview.export.file(fileSafe(b.id), fileSafe(a.identity.version), fileSafe(b.identity.version)), reviewMarkdown(result, a, b, section), 'text/markdown;charset=utf-8');
  };

  const general = result.changes.map((c, i) => ({ c, i })).filter(({ c }) => GENERAL_KINDS.has(c.kind));
  const t = frReview;

  return (
    <div className="rv-comparison">
      <section className="panel rv-section rv-summary" aria-labelledby="rv-summary-heading">
        <h2 id="rv-summary-heading">{t.summary.heading}</h2>
        <p>{t.picker.comparing(before.name, after.name)}</p>
        {a.id !== b.id && <p className="warning-text">{t.picker.differentIds(a.id, b.id)}</p>}
        <dl className="facts rv-hashes">
          <dt>{t.picker.before}</dt>
          <dd>
            {a.identity.version} <HashBadge hash={result.from.contentHash} />
          </dd>
          <dt>{t.picker.after}</dt>
          <dd>
            {b.identity.version} <HashBadge hash={result.to.contentHash} />
          </dd>
        </dl>
        {result.identical ? (
          <p className="success-text" data-testid="summary-total">
            {t.summary.identical}
          </p>
        ) : (
          <>
            <p data-testid="summary-total">
              <strong>{countsText(counts)}</strong>
            </p>
            {counts.byKind.length > 0 && (
              <DataTable className="rv-counts" caption={t.summary.caption} columns={[t.summary.kind, t.summary.added, t.summary.removed, t.summary.changed]}>
                {counts.byKind.map((k) => (
                  <tr key={k.kind} data-kind={k.kind}>
                    <th scope="row">{t.kinds[k.kind]}</th>
                    <td className="num">{formatNumber(k.added)}</td>
                    <td className="num">{formatNumber(k.removed)}</td>
                    <td className="num">{formatNumber(k.changed)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {counts.flips > 0 && <p className="warning-text">{t.summary.flips(counts.flips)}</p>}
            <h3>{t.summary.general}</h3>
            {general.length === 0 ? (
              <p>{t.summary.noGeneral}</p>
            ) : (
              <ul className="rv-general">
                {general.map(({ c, i }) => {
                  const text = changeText(c, result, a, b);
                  return (
                    <li key={i} className={c.kind === 'regulation' ? 'rv-strong' : undefined}>
                      {text.head}
                      {text.details.map((d, k) => (
                        <span key={k} className="sub">
                          {d.text}
                        </span>
                      ))}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
        <div className="rv-actions rv-export">
          <button type="button" onClick={exportMarkdown}>
            {t.export.markdown}
          </button>{' '}
          <button type="button" onClick={() => window.print()}>
            {t.export.print}
          </button>
          <p className="help">{t.export.help}</p>
        </div>
      </section>

      <div className="rv-workspace">
        <section className="panel rv-section rv-changes" aria-labelledby="rv-changes-heading">
          <h2 id="rv-changes-heading">{t.changes.heading}</h2>
          <p className="help">{t.changes.help}</p>
          <ChangeList result={result} a={a} b={b} groups={groups} nodes={changeNodes} active={active} onActivate={activateChange} />
        </section>

        <section className="panel rv-section rv-graph" aria-labelledby="rv-graph-heading">
          <h2 id="rv-graph-heading">{t.graph.heading}</h2>
          <p className="help">{t.graph.help}</p>
          <Legend />
          <div className="rv-canvas" ref={graphBox} data-testid="review-graph">
            {layout.status === 'loading' && <p role="status">{t.graph.layout}</p>}
            {layout.status === 'failed' && (
              <p role="alert" className="error-text">
                {t.graph.layoutFailed} {layout.message}
              </p>
            )}
            {layout.status === 'ready' && (
              <ReviewGraphView graph={graph} positions={layout.positions} selected={selected} focus={focus} onSelect={selectNode} label={t.graph.label(b.identity.title, b.identity.version)} />
            )}
          </div>
          <div className="rv-selection" aria-live="polite" data-testid="selection">
            <h3>{t.graph.selection}</h3>
            {!selectedNode ? (
              <p className="help">{t.graph.noSelection}</p>
            ) : (
              <>
                <p>
                  {t.graph.selectionText(selectedNode.data.kindLabel, selectedNode.data.label, selectedNode.id)}{' '}
                  {selectedNode.data.status && <span className={`rv-op rv-op-${selectedNode.data.status}`}>{t.graph[selectedNode.data.status]}</span>}
                </p>
                {selectedChanges.length === 0 ? (
                  <p className="help">{t.graph.unchanged}</p>
                ) : (
                  <ul className="plain">
                    {selectedChanges.map((index) => (
                      <li key={index}>
                        {changeText(result.changes[index]!, result, a, b).head}{' '}
                        <button type="button" className="small" onClick={() => showChange(index)}>
                          {t.graph.showChange}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        </section>
      </div>

      <section className="panel rv-section rv-year rv-inputs rv-print-empty" aria-labelledby="rv-year-heading">
        <h2 id="rv-year-heading">{t.year.heading}</h2>
        <div className={`field${year === undefined ? ' field-error' : ''}`}>
          <label htmlFor="rv-year">{t.year.label}</label>
          <p id="rv-year-help" className="help">
            {t.year.help}
          </p>
          <input
            id="rv-year"
            type="number"
            min={2015}
            max={2100}
            step={1}
            value={yearText}
            aria-invalid={year === undefined}
            aria-describedby={year === undefined ? 'rv-year-help rv-year-error' : 'rv-year-help'}
            onChange={(e) => setYearText(e.currentTarget.value)}
          />
          {year === undefined && (
            <p id="rv-year-error" role="alert" className="error-text">
              {t.year.invalid}
            </p>
          )}
        </div>
      </section>

      <section className={`panel rv-section rv-impact-section${outcome?.status === 'ready' ? '' : ' rv-print-empty'}`} aria-labelledby="rv-impact-heading">
        <h2 id="rv-impact-heading">{t.impact.heading}</h2>
        <p className="help">{t.impact.help}</p>
        <div className="grid rv-inputs">
          <StaffFileField label={t.files.staff} help={t.files.staffHelp} onLoad={setStaffFile} testId="impact-staff" />
          <FileField label={t.files.company} help={t.files.companyHelp} accept=".json,application/json" onLoad={setCompanyFile} testId="impact-company" />
        </div>
        {companyFile ? (
          <p className="help">
            {t.files.usingFile(companyFile.name)}{' '}
            <button type="button" className="small" onClick={() => setCompanyFile(null)}>
              {t.files.useForm}
            </button>
          </p>
        ) : (
          <fieldset className="rv-company-form" data-testid="company-form">
            <legend>{t.files.formHeading}</legend>
            <AnswersFields
              questions={catalogue.questions}
              answers={formInput.answers}
              idPrefix="rv-answer"
              onAnswer={(question, value) =>
                setFormInput((c) => {
                  const answers = { ...c.answers };
                  if (value === undefined) delete answers[question];
                  else answers[question] = value;
                  return { ...c, answers };
                })
              }
            />
            <MeasuresFields
              measures={catalogue.measures}
              inPlace={formInput.measures}
              year={year ?? new Date().getFullYear()}
              idPrefix="rv-measure"
              onMeasure={(measure, inPlace, since) =>
                setFormInput((c) => ({ ...c, measures: [...c.measures.filter((m) => m.measure !== measure), ...(inPlace ? [{ measure, ...(since ? { since } : {}) }] : [])] }))
              }
            />
            {company && company.issues.length > 0 && (
              <ul className="warning-box" data-testid="company-form-issues">
                {company.issues.map(({ issue }, i) => (
                  <li key={i}>{issueMessage(issue)}</li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        {staff && staffFile && staff.issues.length > 0 && (
          <div className="error-box" role="alert" data-testid="staff-errors">
            <p className="error-text">{t.files.invalid(staffFile.name, staff.issues.length)}</p>
            <CsvIssueTable issues={staff.issues} caption={t.files.csvCaption(staffFile.name)} />
            {staff.headers && needsMapping(staff.headers, staff.issues.map((x) => x.issue)) && (
              <ColumnMappingForm key={staffFile.name} headers={staff.headers} referential={b} help={t.files.mappingHelp} onApply={(m) => setMapping({ file: staffFile, mapping: m })} />
            )}
          </div>
        )}
        {company && companyFile && company.issues.length > 0 && (
          <div className="error-box" role="alert" data-testid="company-errors">
            <p className="error-text">{t.files.invalid(companyFile.name, company.issues.length)}</p>
            <JsonIssueTable issues={company.issues} caption={t.files.jsonCaption(companyFile.name)} />
          </div>
        )}
        <div aria-live="polite">
          {outcome === null && (!staffFile || !company?.company) && <p className="help">{t.impact.waiting}</p>}
          {outcome?.status === 'failed' && (
            <p role="alert" className="error-text">
              {t.impact.failed} {outcome.message}
            </p>
          )}
          {outcome?.status === 'ready' && staff && <ImpactTable effect={outcome.effect} result={result} a={a} b={b} rows={staff.rows} onCause={showChange} />}
        </div>
      </section>

      <EstimatePanel a={a} b={b} year={year} />
    </div>
  );
}

function Legend() {
  const t = frReview.graph;
  const items = [
    { status: 'added', text: t.legendAdded, badge: t.added },
    { status: 'removed', text: t.legendRemoved, badge: t.removed },
    { status: 'changed', text: t.legendChanged, badge: t.changed },
    { status: 'same', text: t.legendSame, badge: null },
  ];
  return (
    <div className="rv-legend">
      <h3 id="rv-legend-heading" className="rv-legend-title">
        {t.legend}
      </h3>
      <ul aria-labelledby="rv-legend-heading">
        {items.map((item) => (
          <li key={item.status}>
            <span className={`rv-swatch rv-${item.status}`} aria-hidden="true" />
            {item.badge && <span className={`rv-badge rv-badge-${item.status}`}>{item.badge}</span>} {item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
