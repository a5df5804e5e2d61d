import type { DiffResult, Referential } from '../../core/index.ts';
import { frReview } from '../i18n/fr-review.ts';
import { changeText, isElementChange, type ChangeGroup } from './changes.ts';

export interface ChangeListProps {
  result: DiffResult;
  a: Referential;
  b: Referential;
  groups: readonly ChangeGroup[];
  /** Graph node of each change (null when the change is not drawn), by index. */
  nodes: ReadonlyArray<string | null>;
  active: number | null;
  onActivate: (index: number) => void;
}

/** Text badge of a change: its operation, or « général » for identity, regulation and the like. */
function opBadge(op: string | null) {
  if (op === null) return null;
  return <span className={`rv-op rv-op-${op}`}>{frReview.graph[op as 'added' | 'removed' | 'changed']}</span>;
}

/**
 * The change list, grouped by job like the Markdown report. A change whose element is drawn is a
 * button: activating it selects and centres its node in the logigramme. Every occurrence carries
 * `data-change=<index>` so that an impact cause can bring it into view.
 */
export function ChangeList({ result, a, b, groups, nodes, active, onActivate }: ChangeListProps) {
  if (groups.length === 0) return <p>{frReview.changes.none}</p>;
  return (
    <>
      {groups.map((group) => (
        <section key={group.key} className="rv-group" aria-labelledby={`rv-group-${group.key}`}>
          <h3 id={`rv-group-${group.key}`}>{group.title}</h3>
          <ol className="rv-change-list">
            {group.items.map((index) => {
              const c = result.changes[index]!;
              const text = changeText(c, result, a, b);
              const node = nodes[index] ?? null;
              const isActive = active === index;
              return (
                <li key={index} data-change={index} tabIndex={-1} className={`rv-change${isActive ? ' rv-active' : ''}`} aria-current={isActive ? 'true' : undefined}>
                  {opBadge(isElementChange(c) ? c.op : null)}{' '}
                  {node ? (
                    <button type="button" className="link rv-change-button" onClick={() => onActivate(index)}>
                      {text.head}
                    </button>
                  ) : (
                    <span className="rv-change-text">
                      {text.head}
                      {isElementChange(c) && <span className="tag">{frReview.changes.notDrawn}</span>}
                    </span>
                  )}
                  {isActive && node && <span className="visually-hidden"> — {frReview.changes.selected}</span>}
                  {text.details.length > 0 && (
                    <ul className="rv-change-details">
                      {text.details.map((d, k) => (
                        <li key={k} className={d.flip ? 'rv-flip' : undefined}>
                          {d.flip ? <strong>{d.text}</strong> : d.text}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </>
  );
}
