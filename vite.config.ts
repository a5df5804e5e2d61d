import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { strictPort: true },
  // dist/ itself holds the CLI and the library (scripts/build-dist.mjs); the app builds beside them.
  build: { outDir: 'dist/app' },
  // ES-module workers can load code on demand: the staff-file worker fetches the workbook reader only
  // for an .xlsx file, so starting it stays light.
  worker: { format: 'es' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/dist-setup.ts'],
    setupFiles: ['test/support/dom-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
  },
});
