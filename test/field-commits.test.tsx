// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorController } from '../src/ui/editor/controller.ts';
import { COMMIT_DELAY_MS, TextField } from '../src/ui/editor/fields.tsx';
import { EditorContext, useController, useGraphNode } from '../src/ui/editor/hooks.ts';
import { guardPageExit } from '../src/ui/editor/pending.ts';
import { EditorStore } from '../src/ui/editor/store.ts';
import { fixture } from './commands/fixture.ts';

/*
 * Issue 10, point 7: a field typed but not committed was lost with the tab. A field now commits as it
 * is typed (after a pause of COMMIT_DELAY_MS), every commit of one visit merges into ONE undo step,
 * and the page-exit guard flushes typed text and asks before leaving while something is unwritten.
 */

const pause = () => act(() => vi.advanceTimersByTime(COMMIT_DELAY_MS + 10));

function LabelField({ id, live = true }: { id: string; live?: boolean }) {
  const controller = useController();
  const node = useGraphNode(id);
  if (!node || !('label' in node) || node.label === undefined) return null;
  return <TextField label="Libellé" value={node.label} commitOnInput={live} onCommit={(v) => controller.editLabel(node.id, v)} />;
}

function setup(options: { live?: boolean; id?: string } = {}) {
  const graph = fixture();
  graph.nodes.push({ id: 'nouveau-poste', kind: 'job', label: 'Nouveau poste' });
  graph.layout.nodes['nouveau-poste'] = { x: 0, y: 600 };
  const saved: number[] = [];
  const store = new EditorStore(graph, { onChange: () => saved.push(saved.length) });
  const controller = new EditorController(store);
  const view = render(
    <EditorContext.Provider value={controller}>
      <LabelField id={options.id ?? 'j1'} live={options.live ?? true} />
    </EditorContext.Provider>,
  );
  const input = () => screen.getByLabelText('Libellé') as HTMLInputElement;
  return { store, controller, view, input, saved };
}

const label = (store: EditorStore, id: string) => (store.nodeById(id) as { label?: string } | undefined)?.label;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a field commits as it is typed, one undo step per field edit', () => {
  it('commits after a pause in typing, before the field is left, and merges the whole visit into one step', () => {
    const { store, input, saved } = setup();
    input().focus();
    fireEvent.change(input(), { target: { value: 'Méca' } });
    // Nothing yet while typing goes on…
    expect(label(store, 'j1')).toBe('Mécanicien');
    pause();
    // …then in the document, and so saved (the screen's autosave listens to every change).
    expect(label(store, 'j1')).toBe('Méca');
    expect(saved.length).toBe(1);
    fireEvent.change(input(), { target: { value: 'Mécanicien poids lourds' } });
    pause();
    expect(label(store, 'j1')).toBe('Mécanicien poids lourds');
    // Much later in the same visit: still the same step.
    act(() => vi.advanceTimersByTime(60_000));
    fireEvent.change(input(), { target: { value: 'Mécanicien PL' } });
    pause();
    fireEvent.blur(input());
    expect(label(store, 'j1')).toBe('Mécanicien PL');
    expect(store.history).toHaveLength(1);
    expect(input().value).toBe('Mécanicien PL');
    store.undo();
    expect(label(store, 'j1')).toBe('Mécanicien');
    expect(store.history).toHaveLength(0);
  });

  it('starts a new step at the next visit of the field', () => {
    const { store, input } = setup();
    fireEvent.change(input(), { target: { value: 'Soudeur' } });
    pause();
    fireEvent.blur(input());
    fireEvent.change(input(), { target: { value: 'Soudeur TIG' } });
    pause();
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(store.history).toHaveLength(2);
  });

  it('keeps the id of a new node while its name is typed, and lets it follow the name on leaving, in the same step', () => {
    const { store, input, controller } = setup({ id: 'nouveau-poste' });
    controller.select(['nouveau-poste']);
    fireEvent.change(input(), { target: { value: 'Soud' } });
    pause();
    expect(store.nodeById('nouveau-poste')).toMatchObject({ label: 'Soud' });
    fireEvent.change(input(), { target: { value: 'Soudeur' } });
    pause();
    fireEvent.blur(input());
    expect(store.nodeById('nouveau-poste')).toBeUndefined();
    expect(store.nodeById('soudeur')).toMatchObject({ label: 'Soudeur' });
    expect(store.history).toHaveLength(1);
    store.undo();
    expect(store.nodeById('nouveau-poste')).toMatchObject({ label: 'Nouveau poste' });
  });

  it('Échap undoes the visit’s edit', () => {
    const { store, input } = setup();
    fireEvent.change(input(), { target: { value: 'Carrossier' } });
    pause();
    expect(label(store, 'j1')).toBe('Carrossier');
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(label(store, 'j1')).toBe('Mécanicien');
    expect(input().value).toBe('Mécanicien');
  });

  it('commits what was typed when the field goes away before the pause (the panel closed)', () => {
    const { store, input, view } = setup();
    fireEvent.change(input(), { target: { value: 'Mécanicien agricole' } });
    view.unmount();
    expect(label(store, 'j1')).toBe('Mécanicien agricole');
  });
});

describe('the page-exit guard', () => {
  it('flushes typed text when the page is hidden or left, and asks before leaving while a write is pending', () => {
    const { store, input, controller } = setup();
    const saver = { busy: false };
    const stop = guardPageExit(controller.edits, saver);
    fireEvent.change(input(), { target: { value: 'Mécanicien VL' } });
    window.dispatchEvent(new Event('pagehide'));
    expect(label(store, 'j1')).toBe('Mécanicien VL');

    fireEvent.change(input(), { target: { value: 'Mécanicien VL et PL' } });
    // The flush starts the write: still in flight when the browser asks.
    saver.busy = true;
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(label(store, 'j1')).toBe('Mécanicien VL et PL');
    expect(leaving.defaultPrevented).toBe(true);

    // Written: leaving is free.
    saver.busy = false;
    const free = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(free);
    expect(free.defaultPrevented).toBe(false);
    stop();
  });

  it('asks before leaving while a field that commits only on Enter holds typed text', () => {
    const { store, input, controller } = setup({ live: false });
    const stop = guardPageExit(controller.edits, { busy: false });
    fireEvent.change(input(), { target: { value: 'Autre' } });
    pause();
    expect(label(store, 'j1')).toBe('Mécanicien');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
    stop();
  });
});
