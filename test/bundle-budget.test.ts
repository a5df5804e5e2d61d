import { beforeAll, describe, expect, it } from 'vitest';
import { bundleReport, describeChunks, sumGzip, type BundleReport, type ChunkInfo } from '../scripts/bundle-report.ts';

/*
 * The app's size budgets, on a real production build (`vite build` in memory, the project's own
 * vite.config.ts). Sizes are deterministic for a given lock file, so a budget can fail a test where a
 * time could not. Measured with gzip at zlib's default level.
 *
 * - Initial JavaScript: the entry chunk of index.html and every chunk it imports statically, i.e. what
 *   the page loads before any lazy screen — the referential list is usable with it.
 * - The staff CSV worker.
 * - Heavy libraries stay out of the initial chunks: the graph canvas (React Flow), spreadsheet
 *   libraries, the layout engine. The layout engine — found from the module graph of the layout entry
 *   src/core/layout.ts, whatever library implements it — ships in the layout worker and nowhere else.
 */

const KB = 1024;
const INITIAL_BUDGET = 300 * KB;
const CSV_WORKER_BUDGET = 60 * KB;
/** Packages that only lazily loaded screens (or a worker) may bring. */
const HEAVY = ['elkjs', '@xyflow/react', '@xyflow/system', 'xlsx', 'exceljs', 'write-excel-file', 'read-excel-file', 'jszip', 'fflate'];

let report: BundleReport;

beforeAll(async () => {
  report = await bundleReport();
}, 180_000);

const packagesIn = (chunks: readonly ChunkInfo[]) => new Set(chunks.flatMap((c) => c.packages.map((p) => p.name)));

describe('bundle budgets (production build)', () => {
  it(`loads less than ${INITIAL_BUDGET / KB} KB gzip of JavaScript before any lazy screen`, () => {
    const total = sumGzip(report.initial);
    expect(total, `initial chunks:\n${describeChunks(report.initial)}`).toBeLessThan(INITIAL_BUDGET);
    // The split is real: the lazy screens exist and are not imported statically.
    expect(report.lazy.some((c) => c.moduleIds.some((id) => id.endsWith('/src/ui/editor/EditorScreen.tsx')))).toBe(true);
    for (const screen of ['editor/EditorScreen.tsx', 'company/CompanyScreen.tsx', 'company/CompaniesScreen.tsx', 'review/ReviewScreen.tsx', 'dossier/DossierScreen.tsx']) {
      expect(report.initial.flatMap((c) => c.moduleIds).filter((id) => id.endsWith(`/src/ui/${screen}`)), screen).toEqual([]);
    }
  });

  it('keeps React Flow, spreadsheet libraries and the layout engine out of the initial chunks', () => {
    const initial = packagesIn(report.initial);
    expect([...HEAVY, ...report.layoutLibraries].filter((name) => initial.has(name)), describeChunks(report.initial)).toEqual([]);
  });

  it('ships the layout engine in the layout worker only', () => {
    // Found from the module graph: if this list were empty, the check below would prove nothing.
    expect(report.layoutLibraries.length).toBeGreaterThan(0);
    const layoutWorker = Object.entries(report.workers).find(([, chunks]) => report.layoutLibraries.every((name) => packagesIn(chunks).has(name)));
    expect(layoutWorker, 'a worker holds the layout engine').toBeDefined();
    const elsewhere = [...report.initial, ...report.lazy, ...Object.entries(report.workers).filter(([name]) => name !== layoutWorker![0]).flatMap(([, chunks]) => chunks)];
    const engine = new Set([...report.layoutLibraries, 'elkjs']);
    const leaks = elsewhere.filter((c) => c.packages.some((p) => engine.has(p.name))).map((c) => c.file);
    expect(leaks).toEqual([]);
  });

  it(`parses staff files in a worker of less than ${CSV_WORKER_BUDGET / KB} KB gzip`, () => {
    const csv = report.workers['csv.worker.ts'];
    expect(csv, `workers: ${Object.keys(report.workers).join(', ')}`).toBeDefined();
    expect(sumGzip(csv!), describeChunks(csv!)).toBeLessThan(CSV_WORKER_BUDGET);
  });
});
