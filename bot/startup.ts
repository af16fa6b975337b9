/**
 * Opens everything a running bot needs, in order: the store (with the demo shop loaded
 * into an empty one, when enabled), the encoder, the indexes (rebuilt when stale), the
 * vocabulary. Used by the server and by scripts that need the same shop.
 *
 *   const shop = await openShop(loadConfig(), { log: console.log });
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVocabulary, CatalogStore, ingestFile, openKnowledgeBase, type IndexProgress } from '../catalog/index.js';
import { CoalescingEncoder, OnnxEncoder } from '../nlu/index.js';
import type { Config } from './config.js';
import { Shop } from './shop.js';

export const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

export interface OpenShopOptions {
  log?: (message: string) => void;
  onIndexProgress?: (progress: IndexProgress) => void;
  /** Rebuild the indexes even when they are current. */
  forceReindex?: boolean;
}

export async function openShop(
  config: Pick<Config, 'databasePath' | 'indexDir' | 'modelDir' | 'encoder' | 'demoShop' | 'decision'>,
  options: OpenShopOptions = {},
): Promise<Shop> {
  const log = options.log ?? (() => undefined);
  const store = CatalogStore.open(config.databasePath);
  try {
    const counts = store.counts();
    if (counts.products === 0 && counts.faq === 0 && config.demoShop) {
      for (const [kind, file] of [['faq', 'faq.json'], ['products', 'products.json']] as const) {
        const report = ingestFile(store, kind, join(DEMO_DIR, file));
        log(`demo shop: loaded ${report.inserted} ${kind} rows from demo/${file}`);
      }
    }
    const encoder = await OnnxEncoder.load({ modelDir: config.modelDir, ...config.encoder });
    log(`model: ${encoder.modelId} (${encoder.dimensions} dims) on ${config.encoder.device}`);
    const started = Date.now();
    const { kb, rebuilt } = await openKnowledgeBase({
      store,
      encoder,
      indexDir: config.indexDir,
      force: options.forceReindex ?? false,
      ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
    });
    log(`indexes: ${kb.faqCount} FAQ entries, ${kb.productCount} products` +
      (rebuilt.length ? ` (rebuilt ${rebuilt.join(' and ')} in ${((Date.now() - started) / 1000).toFixed(1)} s)` : ' (loaded from disk)'));
    const vocabulary = buildVocabulary(kb.products());
    return new Shop({ encoder: new CoalescingEncoder(encoder), kb, vocabulary }, store, config.decision);
  } catch (error) {
    store.close();
    throw error;
  }
}
