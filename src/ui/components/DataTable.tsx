import type { ReactNode } from 'react';

/** A column header; `num` right-aligns it over figures (the `num` class). */
export interface Column {
  readonly label: ReactNode;
  readonly num?: boolean;
  readonly key?: string;
}

/** A header over figures: `columns={[fr.x.label, numeric(fr.x.total)]}`. */
export function numeric(label: ReactNode, key?: string): Column {
  return { label, num: true, key };
}

interface DataTableProps {
  /** Names the table for screen readers, even when hidden; a `'region'` scroller takes it as its name. */
  readonly caption?: ReactNode;
  readonly captionHidden?: boolean;
  readonly className?: string;
  readonly testId?: string;
  /** `false` leaves a column out (`[a, b, showC && c]`). */
  readonly columns: readonly (string | Column | false)[];
  /**
   * `true`: wrapped in a horizontal scroller; `'region'`: the scroller is also a named, focusable region so
   * keyboard users can scroll it (then the caption must be a string, it names the region).
   */
  readonly scroll?: boolean | 'region';
  /** The children are `<tbody>` row groups themselves (one per item, so a page break never splits one). */
  readonly rowGroups?: boolean;
  readonly children: ReactNode;
}

/**
 * The one accessible data table: caption, column headers with `scope="col"`, body; rows (with their
 * `scope="row"` headers) are the caller's.
 */
export function DataTable({ caption, captionHidden, className, testId, columns, scroll, rowGroups, children }: DataTableProps) {
  const table = (
    <table className={className} data-testid={testId}>
      {caption !== undefined && <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => {
            if (c === false) return null;
            const column = typeof c === 'string' ? { label: c } : c;
            return (
              <th key={column.key ?? i} scope="col" className={column.num ? 'num' : undefined}>
                {column.label}
              </th>
            );
          })}
        </tr>
      </thead>
      {rowGroups ? children : <tbody>{children}</tbody>}
    </table>
  );
  if (scroll === 'region') {
    return (
      // A scrolled region must be reachable by keyboard to be scrolled without a mouse.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      <div className="table-scroll" tabIndex={0} role="region" aria-label={typeof caption === 'string' ? caption : undefined}>
        {table}
      </div>
    );
  }
  return scroll ? <div className="table-scroll">{table}</div> : table;
}
