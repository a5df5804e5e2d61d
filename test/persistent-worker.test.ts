import { describe, expect, it } from 'vitest';
import { persistentWorker, type Envelope } from '../src/ui/persistentWorker.ts';

/** A stand-in for a Worker: records what the page sends, and lets the test answer as the worker would. */
class FakeWorker {
  onmessage: ((event: MessageEvent<Envelope<string>>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: Array<Envelope<string>> = [];
  terminated = false;
  postMessage(message: Envelope<string>) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(id: number, message: string) {
    this.onmessage?.({ data: { id, message } } as MessageEvent<Envelope<string>>);
  }
  end(id: number) {
    this.onmessage?.({ data: { id, end: true } } as MessageEvent<Envelope<string>>);
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const pool = persistentWorker<string, string>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, 'test');
  return { pool, workers };
}

describe('one long-lived worker for many requests', () => {
  it('prewarm starts the worker once, before any request', () => {
    const { pool, workers } = setup();
    pool.prewarm();
    pool.prewarm();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual([]);
  });

  it('sends one request at a time: the next only after the worker says end', () => {
    const { pool, workers } = setup();
    const replies: string[] = [];
    pool.request('a', (r) => replies.push(`a:${r}`), () => {});
    pool.request('b', (r) => replies.push(`b:${r}`), () => {});
    const w = workers[0]!;
    expect(w.sent).toEqual([{ id: 1, message: 'a' }]);
    w.reply(1, 'progress');
    w.reply(1, 'done');
    // Still one in flight: the worker has not taken its handler back yet.
    expect(w.sent).toHaveLength(1);
    w.end(1);
    expect(w.sent).toEqual([
      { id: 1, message: 'a' },
      { id: 2, message: 'b' },
    ]);
    w.reply(2, 'done');
    expect(replies).toEqual(['a:progress', 'a:done', 'b:done']);
  });

  it('a dropped request: waiting ones are never sent, a running one has its replies ignored', () => {
    const { pool, workers } = setup();
    const replies: string[] = [];
    const dropA = pool.request('a', (r) => replies.push(r), () => {});
    const dropB = pool.request('b', (r) => replies.push(r), () => {});
    dropB();
    dropA();
    const w = workers[0]!;
    w.reply(1, 'ignored');
    w.end(1);
    expect(w.sent).toEqual([{ id: 1, message: 'a' }]);
    expect(replies).toEqual([]);
  });

  it('a broken worker fails its request, and the next request starts a new worker', () => {
    const { pool, workers } = setup();
    const errors: string[] = [];
    pool.request('a', () => {}, (e) => errors.push(e.message));
    pool.request('b', () => {}, (e) => errors.push(e.message));
    workers[0]!.fail('boom');
    expect(errors).toEqual(['boom']);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent).toEqual([{ id: 2, message: 'b' }]);
  });
});
