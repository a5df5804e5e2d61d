import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraft, LogigrammeDb, openDraft, revisionOf, type DraftRecord } from '../src/storage/index.ts';
import { IdMaker } from '../src/ui/editor/ids.ts';
import { DraftSync } from '../src/ui/editor/tabs.ts';

/*
 * Two editor tabs on one draft, as the app wires them (src/ui/editor/tabs.ts): each tab's store,
 * autosave and BroadcastChannel, over one fake-indexeddb database. Both add ten « Nouveau poste » at
 * the same time — the readable ids they make collide — and neither loses one: each refused write is
 * replayed on top of the other's, and each tab follows the other's writes.
 */

const NOW = () => '2026-01-15T10:00:00.000+01:00';
let counter = 0;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const db = new LogigrammeDb(`tabs-sync-${++counter}`);
  cleanups.push(async () => {
    db.close();
    await db.delete();
  });
  const created = await createDraft(db, { id: 'atelier', title: 'Atelier', branch: 'Métallurgie' }, NOW);
  if (created.kind !== 'created') throw new Error(created.kind);
  return { db, draft: created.record };
}

function openTab(db: LogigrammeDb, draft: DraftRecord) {
  const notices: Array<{ text: string; kind: string }> = [];
  const tab = new DraftSync(db, draft, { readOnly: false, now: NOW, notify: (text, kind) => notices.push({ text, kind }) });
  cleanups.push(tab.start());
  return { tab, notices };
}

/** Adds a job the way the palette does: an id made from the default label, free in this tab's graph. */
function addJob(tab: DraftSync, y: number) {
  const id = new IdMaker(tab.store.graph).fromLabel('Nouveau poste', 'poste');
  const outcome = tab.store.execute({ type: 'node/add', node: { id, kind: 'job', label: 'Nouveau poste' }, position: { x: 0, y } }, 'Ajouter un poste');
  expect(outcome.ok).toBe(true);
}

/** Until no write is pending and both tabs show the stored revision (every round makes progress; bounded). */
async function settle(db: LogigrammeDb, ...tabs: DraftSync[]) {
  for (let round = 0; round < 50; round++) {
    await Promise.all(tabs.map((t) => t.saver.flush()));
    await Promise.all(tabs.map((t) => t.check()));
    const stored = (await openDraft(db, 'atelier'))!;
    if (tabs.every((t) => !t.saver.busy && t.saver.revision === revisionOf(stored) && t.store.graph === t.saver.base)) return stored;
  }
  throw new Error('the tabs never settled');
}

describe('two tabs on one draft', () => {
  it('both adding ten nodes at the same moment: all twenty are stored and shown in both tabs', async () => {
    const { db, draft } = await setup();
    const a = openTab(db, draft);
    const b = openTab(db, draft);
    for (let i = 0; i < 10; i++) {
      addJob(a.tab, i * 100);
      addJob(b.tab, i * 100);
      // Let the writes and the tabs' messages interleave with the next edits.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const stored = await settle(db, a.tab, b.tab);
    expect(stored.graph.nodes).toHaveLength(20);
    expect(new Set(stored.graph.nodes.map((n) => n.id)).size).toBe(20);
    expect(a.tab.store.graph.nodes.map((n) => n.id).sort()).toEqual(stored.graph.nodes.map((n) => n.id).sort());
    expect(b.tab.store.graph.nodes.map((n) => n.id).sort()).toEqual(stored.graph.nodes.map((n) => n.id).sort());
    // The collisions happened and were told, not hidden.
    expect([...a.notices, ...b.notices].some((n) => n.text.startsWith('Un autre onglet a enregistré en même temps'))).toBe(true);
  });

  it('a tab with nothing unsaved follows the other live, with the other tab’s undo steps', async () => {
    const { db, draft } = await setup();
    const a = openTab(db, draft);
    const b = openTab(db, draft);
    addJob(a.tab, 0);
    await settle(db, a.tab, b.tab);
    expect(b.tab.store.graph.nodes.map((n) => n.id)).toEqual(['nouveau-poste']);
    expect(b.notices.at(-1)?.text).toBe('Le brouillon a été modifié ailleurs (autre onglet ou import) : il est à jour, avec son historique d’annulation.');
    // The history came with the draft and applies to it: undo in the following tab removes the node.
    expect(b.tab.store.getSnapshot().undoLabel).toBe('Ajouter un poste');
    b.tab.store.undo();
    await settle(db, a.tab, b.tab);
    expect(a.tab.store.graph.nodes).toEqual([]);
  });

  it('the same field changed in both tabs: this tab’s value is kept and said, the other tab is told its value was replaced', async () => {
    const { db, draft } = await setup();
    const a = openTab(db, draft);
    const b = openTab(db, draft);
    addJob(a.tab, 0);
    await settle(db, a.tab, b.tab);
    // B's write races A's: B writes first, A's is refused and replayed over it.
    b.tab.store.execute({ type: 'node/update', id: 'nouveau-poste', changes: { label: 'Soudeur' } }, 'libellé');
    await b.tab.saver.flush();
    a.tab.store.execute({ type: 'node/update', id: 'nouveau-poste', changes: { label: 'Chaudronnier' } }, 'libellé');
    const stored = await settle(db, a.tab, b.tab);
    expect(stored.graph.nodes[0]).toMatchObject({ label: 'Chaudronnier' });
    expect(a.notices.some((n) => n.kind === 'error' && n.text.includes('votre valeur est gardée') && n.text.includes('Soudeur'))).toBe(true);
    // The other tab hears it over the channel.
    for (let i = 0; i < 20 && !b.notices.some((n) => n.kind === 'error'); i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(b.notices.find((n) => n.kind === 'error')?.text).toContain('votre valeur remplacée : « Soudeur »');
    expect(b.tab.store.graph.nodes[0]).toMatchObject({ label: 'Chaudronnier' });
  });
});
