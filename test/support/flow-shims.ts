import { afterAll, beforeAll } from 'vitest';

/*
 * jsdom has no layout: React Flow's testing shims, installed for a test file's whole run. A user who
 * prefers reduced motion: the viewport jumps to a node instead of gliding (no d3 transition, whose timers
 * jsdom does not run like a browser).
 */

interface Size {
  width: number;
  height: number;
}

export function installFlowShims(options: {
  /** Element sizes React Flow measures (`offset*`: nodes and the pane; `client*`: d3-zoom's extent when it animates). */
  sizes?: { offset: Size; client: Size };
  /** `DOMMatrixReadOnly` reads the zoom from a `scale(…)` transform (1 otherwise). */
  readScale?: boolean;
} = {}): void {
  const SIZES = ['offsetHeight', 'offsetWidth', 'clientHeight', 'clientWidth'] as const;
  const targetOf = (name: (typeof SIZES)[number]) => (name.startsWith('offset') ? HTMLElement.prototype : Element.prototype);
  const originals = SIZES.map((name) => [name, Object.getOwnPropertyDescriptor(targetOf(name), name)] as const);
  beforeAll(() => {
    class ResizeObserverShim {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(target: Element) {
        this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
      }
      unobserve() {}
      disconnect() {}
    }
    class DOMMatrixReadOnlyShim {
      m22: number;
      constructor(transform?: string) {
        const scale = options.readScale ? /scale\(([\d.]+)\)/.exec(transform ?? '')?.[1] : undefined;
        this.m22 = scale === undefined ? 1 : Number(scale);
      }
    }
    Object.assign(globalThis, { ResizeObserver: ResizeObserverShim, DOMMatrixReadOnly: DOMMatrixReadOnlyShim });
    window.matchMedia = (query: string) => ({ matches: query.includes('reduce'), media: query, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false }) as MediaQueryList;
    if (options.sizes) {
      const { offset, client } = options.sizes;
      Object.defineProperties(HTMLElement.prototype, { offsetHeight: { configurable: true, get: () => offset.height }, offsetWidth: { configurable: true, get: () => offset.width } });
      Object.defineProperties(Element.prototype, { clientHeight: { configurable: true, get: () => client.height }, clientWidth: { configurable: true, get: () => client.width } });
    }
    (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
  });
  afterAll(() => {
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
    for (const [name, descriptor] of originals) {
      if (descriptor) Object.defineProperty(targetOf(name), name, descriptor);
      else delete (targetOf(name) as unknown as Record<string, unknown>)[name];
    }
  });
}
