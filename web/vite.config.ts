import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// During development the API is proxied to a locally running `strada serve`.
const apiTarget = process.env.STRADA_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2020',
    sourcemap: false,
    // One small bundle: the app is tiny, and a single request is best on poor connections.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': apiTarget } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
