/*
 * Zoom levels of the canvas. Far from the drawing (below FAR_BELOW) the nodes switch to their
 * overview form: job and task names large (FAR_TITLE_PX), situations as coloured factor badges. Below
 * READABLE_MIN_ZOOM those names would fall under 11 px on screen, so the canvas never zooms further
 * out: a large referential scrolls rather than shrinks. Near (from FAR_BELOW) the titles are
 * NEAR_TITLE_PX, which stays above 11 px too.
 */

export const FAR_TITLE_PX = 22;
export const NEAR_TITLE_PX = 15;
export const READABLE_MIN_ZOOM = 0.5;
export const FAR_BELOW = 0.75;
export const MAX_ZOOM = 2;
/** Zoom "Tout afficher" never goes beyond: a small drawing is shown at its natural size. */
const FIT_MAX_ZOOM = 1;
const PADDING = 24;

/** Smallest rendered size of a title at a zoom: what the overview promises (≥ 11 px). */
export function renderedTitlePx(zoom: number): number {
  return (zoom < FAR_BELOW ? FAR_TITLE_PX : NEAR_TITLE_PX) * zoom;
}

/**
 * The viewport that shows the whole drawing (`bounds`, in flow units) in a canvas of `size` pixels,
 * but never under READABLE_MIN_ZOOM: then the top left of the drawing is shown, and the rest scrolls.
 */
export function fitReadable(bounds: { x: number; y: number; width: number; height: number }, size: { width: number; height: number }): { x: number; y: number; zoom: number } {
  const fit = Math.min((size.width - 2 * PADDING) / Math.max(bounds.width, 1), (size.height - 2 * PADDING) / Math.max(bounds.height, 1), FIT_MAX_ZOOM);
  const zoom = Math.max(fit, READABLE_MIN_ZOOM);
  // Centred on each axis where it fits, from the top (or the left) where it does not.
  const offset = (start: number, extent: number, available: number) => (extent * zoom <= available - 2 * PADDING ? (available - extent * zoom) / 2 - start * zoom : PADDING - start * zoom);
  return { x: offset(bounds.x, bounds.width, size.width), y: offset(bounds.y, bounds.height, size.height), zoom };
}
