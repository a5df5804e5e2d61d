import { inertOthers } from 'aria-hidden';
import { useEffect, type RefObject } from 'react';

/**
 * A modal dialog (WAI-ARIA dialog pattern) keeps the keyboard and the screen reader inside it: while it
 * is open, everything else on the page is `inert` (Tab cannot leave it, a click behind it does nothing,
 * the reader does not read the page under it). `aria-modal` alone only tells assistive technologies;
 * browsers do not act on it.
 */
export function useModal(dialog: RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    if (!open || !dialog.current) return undefined;
    return inertOthers(dialog.current);
  }, [dialog, open]);
}
