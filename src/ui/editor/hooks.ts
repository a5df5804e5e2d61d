import { createContext, useContext, useSyncExternalStore } from 'react';
import type { GraphDocument, GraphEdge, GraphNode } from '../../core/index.ts';
import type { EditorController, ViewState } from './controller.ts';
import type { Consistency } from './consistency.ts';
import type { EditorSnapshot } from './store.ts';

/** The editor's controller, given once: a stable object, so the context never re-renders anything. */
export const EditorContext = createContext<EditorController | null>(null);

export function useController(): EditorController {
  const controller = useContext(EditorContext);
  if (!controller) throw new Error('useController outside <EditorContext.Provider>');
  return controller;
}

export function useEditorSnapshot(): EditorSnapshot {
  const c = useController();
  return useSyncExternalStore(c.store.subscribe, c.store.getSnapshot);
}

export function useGraph(): GraphDocument {
  return useEditorSnapshot().graph;
}

/** One node of the graph: re-renders only when that node object changes (Immer keeps the others). */
export function useGraphNode(id: string): GraphNode | undefined {
  const c = useController();
  return useSyncExternalStore(c.store.subscribe, () => c.store.nodeById(id));
}

/** Any slice of the graph, compared by identity. */
export function useGraphSelector<T>(select: (graph: GraphDocument) => T): T {
  const c = useController();
  return useSyncExternalStore(c.store.subscribe, () => select(c.store.graph));
}

export function useView(): ViewState {
  const c = useController();
  return useSyncExternalStore(c.subscribeView, c.getView);
}

export function useConsistency(): Consistency | null {
  const c = useController();
  return useSyncExternalStore(c.subscribeConsistency, c.getConsistency);
}

export function useNodeFindings(id: string): { severity: string | undefined; count: number } {
  const c = useController();
  const severity = useSyncExternalStore(c.subscribeConsistency, () => c.severityOf(id));
  const count = useSyncExternalStore(c.subscribeConsistency, () => c.findingCountOf(id));
  return { severity, count };
}

/** A value computed from one node's edges (a count, a share): primitives keep re-renders to that node. */
export function useEdgesFrom<T>(id: string, select: (edges: readonly GraphEdge[]) => T): T {
  const c = useController();
  return useSyncExternalStore(c.store.subscribe, () => select(c.store.edgesFrom(id)));
}

export function useEdgesTo<T>(id: string, select: (edges: readonly GraphEdge[]) => T): T {
  const c = useController();
  return useSyncExternalStore(c.store.subscribe, () => select(c.store.edgesTo(id)));
}
