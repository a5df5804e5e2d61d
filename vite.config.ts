import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { strictPort: true },
  // dist/ itself holds the CLI and the library (scripts/build-dist.mjs); the app builds beside them.
  build: { outDir: 'dist/app' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/dist-setup.ts'],
    setupFiles: ['test/support/dom-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
  },
});
