import type { GraphNodeKind } from './schema.ts';

/** Default drawn size of each kind of node, in canvas units. */
export const NODE_SIZES: Record<GraphNodeKind, { width: number; height: number }> = {
  job: { width: 200, height: 56 },
  task: { width: 200, height: 56 },
  question: { width: 220, height: 64 },
  measure: { width: 220, height: 64 },
  situation: { width: 240, height: 88 },
  note: { width: 200, height: 80 },
  group: { width: 300, height: 200 },
};
