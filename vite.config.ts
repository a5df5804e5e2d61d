import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const TESTS = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const MEASURED = 'test/e2e/company.e2e.test.ts';

export default defineConfig({
  plugins: [react()],
  server: { strictPort: true },
  // dist/ itself holds the CLI and the library (scripts/build-dist.mjs); the app builds beside them.
  build: { outDir: 'dist/app' },
  // ES-module workers can load code on demand: the staff-file worker fetches the workbook reader only
  // for an .xlsx file, so starting it stays light.
  worker: { format: 'es' },
  test: {
    globalSetup: ['test/support/dist-setup.ts'],
    setupFiles: ['test/support/dom-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
    // The company e2e measures the page's long tasks (no main-thread task of 100 ms while 100 000 rows
    // are imported, evaluated and scrolled): it runs alone, once every other file is done, so that no
    // other test file shares the machine's cores with the page it measures.
    projects: [
      { extends: true, test: { name: 'suite', sequence: { groupOrder: 0 }, include: [...TESTS], exclude: [...configDefaults.exclude, MEASURED] } },
      { extends: true, test: { name: 'measured', include: [MEASURED], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
