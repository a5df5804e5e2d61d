import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';

/*
 * What the app's production build ships, read from the bundler itself (Rolldown's output chunks and
 * module graph, not file names): the JavaScript the page loads before any lazy screen, every other
 * chunk, each Web Worker, and the packages each holds. Used by the budget test
 * (test/bundle-budget.test.ts) and by `npm run bench`. Nothing is written to disk. Sizes are
 * deterministic for a given lock file, unlike times.
 */

const ROOT = join(import.meta.dirname, '..');
/** The entry of the automatic layout (outside the core barrel): its engine must ship in the layout worker only. */
const LAYOUT_ENTRY = join(ROOT, 'src', 'core', 'layout.ts');
const BARREL = join(ROOT, 'src', 'core', 'index.ts');

export interface ChunkInfo {
  file: string;
  bytes: number;
  /** gzip at zlib's default level, as a web server sends it. */
  gzip: number;
  moduleIds: string[];
  /** Rendered bytes per npm package in this chunk, largest first. */
  packages: Array<{ name: string; bytes: number }>;
}

export interface BundleReport {
  /** The entry chunk of index.html and every chunk it imports statically: what loads before any lazy screen. */
  initial: ChunkInfo[];
  /** Every other JavaScript chunk of the page (lazy screens and what they share). */
  lazy: ChunkInfo[];
  /**
   * Each Web Worker's entry chunk and the chunks it imports statically — what starting the worker loads —
   * by the worker's source file name (`csv.worker.ts`).
   */
  workers: Record<string, ChunkInfo[]>;
  /** Each Web Worker's chunks loaded on demand only (the workbook reader of the staff-file worker). */
  workersLazy: Record<string, ChunkInfo[]>;
  /**
   * The packages the layout entry reaches that the rest of the core does not: the layout engine
   * (d3-hierarchy today), whatever library implements it.
   */
  layoutLibraries: string[];
}

export const sumGzip = (chunks: readonly ChunkInfo[]) => chunks.reduce((sum, c) => sum + c.gzip, 0);

/** `…/node_modules/@xyflow/react/dist/esm/index.js` → `@xyflow/react`; null for the project's own modules. */
export function packageOf(moduleId: string): string | null {
  const at = moduleId.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = moduleId.slice(at + '/node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? null);
}

interface RawChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  moduleIds: string[];
  modules: Record<string, { renderedLength: number }>;
}

function info(chunk: RawChunk): ChunkInfo {
  const bytes = Buffer.byteLength(chunk.code);
  const packages = new Map<string, number>();
  for (const id of chunk.moduleIds) {
    const name = packageOf(id);
    if (name) packages.set(name, (packages.get(name) ?? 0) + (chunk.modules[id]?.renderedLength ?? 0));
  }
  return {
    file: chunk.fileName,
    bytes,
    gzip: gzipSync(chunk.code).length,
    moduleIds: chunk.moduleIds,
    packages: [...packages].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** Packages reachable through static imports from `start`, in the module graph of the build being read. */
function reachablePackages(getInfo: (id: string) => { importedIds: readonly string[] } | null, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const name = packageOf(id);
    if (name) packages.add(name);
    for (const next of getInfo(id)?.importedIds ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return packages;
}

const jsChunks = (bundle: Record<string, { type: string }>) => Object.values(bundle).filter((o): o is RawChunk & { type: 'chunk' } => o.type === 'chunk');

/**
 * `vite build` of what `npm run build` ships, from any process. Under Vitest NODE_ENV is `test`, which
 * would make Vite build React's development bundle and keep `import.meta.env.DEV` code.
 */
export async function productionBuild(config: InlineConfig): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...config, mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** The file names of `entry` and of every chunk it imports statically, directly or not. */
function staticClosure(chunks: readonly RawChunk[], entry: RawChunk): Set<string> {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const next of byFile.get(file)?.imports ?? []) visit(next);
  };
  visit(entry.fileName);
  return loaded;
}

/** Builds the app in memory with the project's vite.config.ts and reports what each chunk holds. */
export async function bundleReport(): Promise<BundleReport> {
  let page: RawChunk[] = [];
  let barrelPackages = new Set<string>();
  const workers: Record<string, ChunkInfo[]> = {};
  const workersLazy: Record<string, ChunkInfo[]> = {};
  let layoutPackages: Set<string> | null = null;

  const pageRecorder: Plugin = {
    name: 'logigramme:bundle-report',
    generateBundle(_options, bundle) {
      page = jsChunks(bundle);
      barrelPackages = reachablePackages((id) => this.getModuleInfo(id), BARREL);
    },
  };
  const workerRecorder = (): Plugin => ({
    name: 'logigramme:bundle-report-worker',
    generateBundle(_options, bundle) {
      const chunks = jsChunks(bundle);
      const entry = chunks.find((c) => c.isEntry) as (RawChunk & { facadeModuleId?: string | null }) | undefined;
      if (!entry?.facadeModuleId) return;
      const loaded = staticClosure(chunks, entry);
      workers[basename(entry.facadeModuleId)] = chunks.filter((c) => loaded.has(c.fileName)).map(info);
      workersLazy[basename(entry.facadeModuleId)] = chunks.filter((c) => !loaded.has(c.fileName)).map(info);
      if (this.getModuleInfo(LAYOUT_ENTRY)) layoutPackages = reachablePackages((id) => this.getModuleInfo(id), LAYOUT_ENTRY);
    },
  });

  await productionBuild({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, reportCompressedSize: false },
    plugins: [pageRecorder],
    worker: { plugins: () => [workerRecorder()] },
  });

  const entry = page.find((c) => c.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const initial = staticClosure(page, entry);
  if (!layoutPackages) throw new Error(`no worker bundles ${LAYOUT_ENTRY}: where does the layout run now?`);
  const layoutOnly = [...(layoutPackages as Set<string>)].filter((name) => !barrelPackages.has(name)).sort();
  return {
    initial: page.filter((c) => initial.has(c.fileName)).map(info),
    lazy: page.filter((c) => !initial.has(c.fileName)).map(info),
    workers,
    workersLazy,
    layoutLibraries: layoutOnly,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line per chunk with its gzip size and its largest packages, for a failure message or the bench. */
export function describeChunks(chunks: readonly ChunkInfo[]): string {
  return chunks
    .map((c) => `  ${c.file.padEnd(44)} ${kb(c.gzip).padStart(9)} gzip  ${c.packages.slice(0, 4).map((p) => `${p.name} ${kb(p.bytes)}`).join(', ')}`)
    .join('\n');
}
