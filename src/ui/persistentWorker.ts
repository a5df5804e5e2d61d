/**
 * One long-lived Web Worker serving many requests. Started when the app loads (`prewarm`), it has
 * fetched its script and modules while the network was there: afterwards the app works offline, where
 * a worker created on demand would have to fetch them again.
 *
 * Requests go one at a time. A worker library may take over the worker's message handler while it
 * works (elkjs, the former layout engine, did), so the next
 * request is sent only after the worker has said `end`, which it does once its handler is back.
 */
export type Envelope<T> = { id: number; message: T } | { id: number; end: true };

export interface PersistentWorker<Req, Res> {
  prewarm(): void;
  /** Sends a request; each reply goes to `onReply`. The returned function drops the request's replies. */
  request(message: Req, onReply: (reply: Res) => void, onError: (error: Error) => void): () => void;
}

interface Job<Req, Res> {
  id: number;
  message: Req;
  onReply: ((reply: Res) => void) | null;
  onError: ((error: Error) => void) | null;
}

export function persistentWorker<Req, Res>(create: () => Worker, what: string): PersistentWorker<Req, Res> {
  let worker: Worker | null = null;
  let next = 1;
  const queue: Array<Job<Req, Res>> = [];
  let current: Job<Req, Res> | null = null;

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = create();
    w.onmessage = (event: MessageEvent<Envelope<Res>>) => {
      const data = event.data;
      if (!current || data.id !== current.id) return;
      if ('end' in data) {
        current = null;
        pump();
      } else current.onReply?.(data.message);
    };
    w.onerror = (event) => {
      // A broken worker fails what it was doing; the next request starts a new one.
      event.preventDefault();
      const failed = current;
      current = null;
      w.terminate();
      worker = null;
      failed?.onError?.(new Error(event.message || `${what} : erreur du traitement en arrière-plan`));
      pump();
    };
    worker = w;
    return w;
  };

  const pump = () => {
    if (current || queue.length === 0) return;
    current = queue.shift()!;
    ensure().postMessage({ id: current.id, message: current.message } satisfies Envelope<Req>);
  };

  return {
    prewarm: () => void ensure(),
    request(message, onReply, onError) {
      const job: Job<Req, Res> = { id: next++, message, onReply, onError };
      queue.push(job);
      pump();
      return () => {
        const waiting = queue.indexOf(job);
        if (waiting >= 0) queue.splice(waiting, 1);
        // In progress: the worker finishes it; its replies are dropped.
        job.onReply = null;
        job.onError = null;
      };
    },
  };
}

/**
 * Inside a worker: answers each request through `handle`, then takes its message handler back and says
 * `end`. A reply may hand buffers over to the page (`transfer`) instead of copying them.
 */
export function serveTagged<Req, Res>(handle: (message: Req, reply: (response: Res, transfer?: Transferable[]) => void) => void | Promise<void>): void {
  const scope = self as unknown as { onmessage: ((event: MessageEvent<Envelope<Req>>) => void) | null; postMessage(message: Envelope<Res>, transfer?: Transferable[]): void };
  const onMessage = async (event: MessageEvent<Envelope<Req>>) => {
    const data = event.data;
    if ('end' in data) return;
    try {
      await handle(data.message, (response, transfer) => scope.postMessage({ id: data.id, message: response }, transfer ?? []));
    } finally {
      scope.onmessage = onMessage;
      scope.postMessage({ id: data.id, end: true });
    }
  };
  scope.onmessage = onMessage;
}
