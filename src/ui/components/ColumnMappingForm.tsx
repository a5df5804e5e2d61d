import { useId, useState } from 'react';
import type { Referential } from '../../core/index.ts';
import { mappingTargets, normalizeHeader } from '../../io/staff-columns.ts';
import type { ColumnMapping, CsvIssue, HeaderInfo } from '../../io/staff-csv.ts';
import { frCompany } from '../i18n/fr-company.ts';

const t = frCompany.staff;

/** A refused staff file whose header has columns the reader does not know, or lacks a required one. */
export function needsMapping(headers: readonly HeaderInfo[], issues: readonly CsvIssue[]): boolean {
  return headers.some((h) => h.resolution.kind === 'unknown') || issues.some((i) => i.message.startsWith('Colonne obligatoire'));
}

/**
 * The mapping step of a staff file (the company workspace, the review's effect on a staff): each header
 * the reader does not know, with the column it most likely is proposed; `onApply` reads the same file
 * again with the choice.
 */
export function ColumnMappingForm({
  headers,
  referential,
  onApply,
  help = t.mappingHelp,
}: {
  headers: readonly HeaderInfo[];
  referential: Referential;
  onApply: (mapping: ColumnMapping) => void;
  /** What happens to the choice (the company workspace remembers it for the company). */
  help?: string;
}) {
  const id = useId();
  const unknown = headers.filter((h) => h.resolution.kind === 'unknown');
  const [choice, setChoice] = useState<Record<string, string>>(() =>
    Object.fromEntries(unknown.map((h) => [normalizeHeader(h.header), h.resolution.kind === 'unknown' ? (h.resolution.suggestion ?? '') : ''])),
  );
  const targets = mappingTargets(referential);
  if (unknown.length === 0) return null;
  return (
    <form
      className="column-mapping"
      aria-labelledby={`${id}-h`}
      data-testid="column-mapping"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(choice);
      }}
    >
      <h4 id={`${id}-h`}>{t.mappingHeading}</h4>
      <p className="help">{help}</p>
      {unknown.map((h) => {
        const key = normalizeHeader(h.header);
        return (
          <div className="field inline" key={h.index}>
            <label htmlFor={`${id}-${h.index}`}>{t.mappingColumn(h.header, h.index + 1)}</label>{' '}
            <select id={`${id}-${h.index}`} value={choice[key] ?? ''} onChange={(e) => setChoice((c) => ({ ...c, [key]: e.target.value }))}>
              <option value="">{t.mappingIgnore}</option>
              {targets.map((x) => (
                <option key={x.column} value={x.column}>
                  {x.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <button type="submit">{t.mappingApply}</button>
    </form>
  );
}
