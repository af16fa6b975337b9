/**
 * A shop built in a temporary directory from the given files, for evaluation: your
 * DATA_DIR is not touched, and `close()` removes everything it made. Bad rows are
 * reported (first one with its line) and skipped, as `npm run ingest` does.
 *
 *   const temp = await openTemporaryShop({ products: 'demo/products.json', needs: 'demo/needs.json' }, { onIndexProgress });
 *   const services = temp.shop.current();
 *   await temp.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, loadDotEnv } from '../../bot/config.js';
import type { Shop } from '../../bot/shop.js';
import { openShop, type OpenShopOptions } from '../../bot/startup.js';
import { CatalogStore, ingestFile, type IngestKind } from '../../catalog/index.js';

export interface TemporaryShopOptions extends Pick<OpenShopOptions, 'onIndexProgress' | 'productLexicalWeight'> {
  /** Model directory; MODEL_DIR when absent. */
  model?: string | undefined;
  /** Labelled shoppers' FAQ questions that set the answer threshold (FAQ_CALIBRATION_QUERIES). */
  calibration?: string | undefined;
}

export async function openTemporaryShop(
  files: Partial<Record<IngestKind, string | undefined>>,
  options: TemporaryShopOptions = {},
): Promise<{ shop: Shop; close(): Promise<void> }> {
  await loadDotEnv();
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'aisle-eval-'));
  try {
    const store = CatalogStore.open(join(dir, 'aisle.db'));
    for (const [kind, file] of Object.entries(files) as [IngestKind, string | undefined][]) {
      if (!file) continue;
      const report = ingestFile(store, kind, file);
      if (report.rejected.length) console.warn(`eval: ${report.rejected.length} ${kind} rows rejected, first: line ${report.rejected[0]!.line}: ${report.rejected[0]!.reason}`);
    }
    await store.close();
    const shop = await openShop(
      {
        ...config, dataDir: dir, databasePath: join(dir, 'aisle.db'), indexDir: join(dir, 'indexes'), demoShop: false,
        ...(options.model ? { modelDir: resolve(options.model) } : {}),
        ...(options.calibration ? { calibrationQueriesFile: resolve(options.calibration) } : {}),
      },
      {
        ...(options.onIndexProgress ? { onIndexProgress: options.onIndexProgress } : {}),
        ...(options.productLexicalWeight !== undefined ? { productLexicalWeight: options.productLexicalWeight } : {}),
        // Quality is measured, not a first shopper's wait: latencies stay comparable with earlier runs.
        warmUp: false,
      },
    );
    return {
      shop,
      async close() {
        await shop.store.close();
        await shop.current().encoder.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
