import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabPresence } from '../src/ui/editor/tabs.ts';

/*
 * The count of other tabs on a draft comes from the holders of a shared Web Lock. An editor mounted and
 * unmounted at once (React's development double effects, a quick navigation) must not leave a lock
 * granted to no tab: the other tab would say « aussi ouvert dans un autre onglet » with no other tab
 * there. The lock manager below follows the Web Locks API where it matters here: a request is granted
 * on a later task, an aborted request that was not granted yet is withdrawn, and a lock is freed one
 * task after its callback's promise settles (the browser's own bookkeeping).
 */

class Locks {
  /** The tab (document) asking: the browser gives each its own client id. */
  client = 'onglet-1';
  held: Array<{ name: string; clientId: string }> = [];
  request(name: string, options: { mode: 'shared'; signal?: AbortSignal }, callback: () => Promise<void>): Promise<void> {
    const clientId = this.client;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (options.signal?.aborted) return reject(new DOMException('withdrawn', 'AbortError'));
        const lock = { name, clientId };
        this.held.push(lock);
        void callback().then(() =>
          setTimeout(() => {
            this.held = this.held.filter((l) => l !== lock);
            resolve();
          }, 5),
        );
      }, 0);
    });
  }
  query(): Promise<{ held: Array<{ name: string; clientId: string }> }> {
    return Promise.resolve({ held: [...this.held] });
  }
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the other tabs on a draft', () => {
  it('an editor started and stopped at once leaves no lock for the next one to count', async () => {
    const locks = new Locks();
    vi.stubGlobal('navigator', { locks });
    const first = new TabPresence('atelier');
    first.start()();
    const second = new TabPresence('atelier');
    const stop = second.start();
    await tick(20);
    expect(locks.held.length).toBe(1);
    expect(second.others).toBe(0);
    stop();
  });

  it('a lock of this same tab not yet released (its editor just closed) is not another tab', async () => {
    const locks = new Locks();
    vi.stubGlobal('navigator', { locks });
    const first = new TabPresence('atelier');
    const stopFirst = first.start();
    // Granted, then stopped: its release lands 5 ms after the next editor of this tab counts.
    await tick(1);
    stopFirst();
    const second = new TabPresence('atelier');
    const stop = second.start();
    await tick(2);
    expect(locks.held.length).toBe(2);
    expect(second.others).toBe(0);
    stop();
  });

  it('two open tabs count each other', async () => {
    const locks = new Locks();
    vi.stubGlobal('navigator', { locks });
    const a = new TabPresence('atelier');
    const b = new TabPresence('atelier');
    const stops = [a.start()];
    locks.client = 'onglet-2';
    stops.push(b.start());
    await tick(20);
    expect([a.others, b.others]).toEqual([1, 1]);
    stops.forEach((s) => s());
  });
});
