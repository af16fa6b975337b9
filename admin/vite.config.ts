/**
 * The admin app's build: Preact, bundled by Vite into admin/dist, which the server serves at
 * /admin. Nothing is loaded from elsewhere at run time (the CSP allows only the server's origin).
 *
 *   npm run admin:build
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
