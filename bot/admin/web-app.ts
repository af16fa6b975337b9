/**
 * Serves the admin app's build (admin/dist, made by `npm run admin:build`) at /admin: its hashed
 * assets cached for a year, its one page never cached, for every path under /admin (the app's pages
 * are addressed by the URL's hash). Without a build, /admin says how to make one.
 *
 *   app.use('/admin', adminWebApp(join(root, 'admin', 'dist')));
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { HttpError } from '../http-errors.js';

export function adminWebApp(distDir: string): Router {
  const router = express.Router();
  const page = join(distDir, 'index.html');
  router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.get(/.*/, (_req, res) => {
    if (!existsSync(page)) throw new HttpError(503, 'NotBuilt', 'the admin app is not built: run `npm run admin:build` (npm start does)');
    res.set('Cache-Control', 'no-store').sendFile(page);
  });
  return router;
}
