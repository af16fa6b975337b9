/**
 * `npm run reindex`: rebuilds the FAQ and product HNSW indexes in DATA_DIR from the store
 * with the configured model, with a progress bar. The saved files are replaced atomically.
 *
 *   npm run reindex
 *   # faq [████████████████████] 100% | 281/281
 *   # products [██████████████████] 100% | 1200/1200
 */
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { openShop } from '../bot/startup.js';
import { progressBar } from './progress.js';

await loadDotEnv();
const config = loadConfig();
const bar = progressBar();
const started = Date.now();
try {
  const shop = await openShop(config, {
    forceReindex: true,
    // It only builds the indexes: nothing will be asked of this shop.
    warmUp: false,
    onIndexProgress: ({ index, done, total }) => bar.update(done, total, index),
  });
  bar.stop();
  const { kb, encoder } = shop.current();
  console.log(`reindexed ${kb.faqCount} FAQ entries and ${kb.productCount} products with ${encoder.modelId} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  shop.store.close();
  await encoder.dispose();
} catch (error) {
  bar.stop();
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
