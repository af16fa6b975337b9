/**
 * Composes the HTTP surface: Bot Framework (`/api/messages`), the local Direct Line and
 * Web Chat page, the catalog and transcript APIs, health and metrics. The shop may still
 * be loading when the app starts serving; routes that need it answer 503 until it is set.
 *
 *   const aisle = createApp({ config });
 *   aisle.app.listen(3978); aisle.setShop(shop); // /healthz -> 200
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  MessageFactory,
  TranscriptLoggerMiddleware,
  type BotAdapter,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AisleBot } from './aisle-bot.js';
import { AnalyticsMiddleware } from './analytics.js';
import { adminRouter, catalogRouter, transcriptRouter } from './api-routes.js';
import type { Config } from './config.js';
import { directLineRouter, DirectLineAdapter } from './direct-line.js';
import { isPageSuggestionTraffic } from './events.js';
import { checkChannelActivity } from './channel-activity.js';
import { errorHandler, HttpError } from './http-errors.js';
import { TurnMetrics } from './metrics.js';
import { productImageSvg } from './product-image.js';
import { withAisle } from './reply.js';
import { ModelSwitcher } from './model-switch.js';
import type { Shop } from './shop.js';
import type { ShopConfig } from './startup.js';
import { SqliteTranscriptStore } from './transcript-store.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The official Web Chat bundle from node_modules (served locally: no CDN). */
const webChatBundle = join(packageRoot('botframework-webchat'), 'dist', 'webchat.js');

function packageRoot(name: string): string {
  // The package's exports hide package.json, so walk up from its entry point.
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`bot: cannot find the ${name} package`);
    dir = parent;
  }
  return dir;
}

export interface AppOptions {
  config: Pick<Config, 'adminToken' | 'botFramework'>;
  /** Conversation state storage (memory by default). */
  storage?: Storage;
  log?: (message: string, error?: unknown) => void;
}

export interface AisleApp {
  app: express.Express;
  metrics: TurnMetrics;
  directLine: DirectLineAdapter;
  /**
   * Makes the app ready: the bot, APIs and /healthz start answering. With the shop's
   * config, the admin model switch (POST /api/admin/model) is enabled too.
   */
  setShop(shop: Shop, shopConfig?: ShopConfig): void;
  shop(): Shop | undefined;
  modelSwitcher(): ModelSwitcher | undefined;
}

/** What a shopper who writes before the shop has loaded is told. */
export const STILL_LOADING = "I'm still getting ready: the shop's catalog is loading. Please try again in a few seconds.";

export function createApp(options: AppOptions): AisleApp {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const metrics = new TurnMetrics();
  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());
  let shop: Shop | undefined;
  let bot: AisleBot | undefined;
  let transcripts: SqliteTranscriptStore | undefined;
  let switcher: ModelSwitcher | undefined;

  const requireShop = (): Shop => {
    if (!shop) throw new HttpError(503, 'NotReady', 'Aisle is still loading its model and indexes; retry in a few seconds');
    return shop;
  };
  const turn = async (context: TurnContext) => {
    // The page is served while the model and indexes load: a shopper who types then is told so,
    // not that something went wrong, and nothing is counted as a failed turn.
    if (!shop) {
      if (context.activity.type === ActivityTypes.Message) await context.sendActivity(withAisle(MessageFactory.text(STILL_LOADING), { kind: 'fallback', confidence: 0 }));
      return;
    }
    await bot!.run(context);
  };

  const cloudAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options.config.botFramework));
  const directLine = new DirectLineAdapter();
  const transcriptLogger = {
    // A transcript is the conversation a support team reviews. The demo page asks for its "Recommended
    // for you" strip after every reply; those requests and their answers change nothing in the chat,
    // and logged they would double a page shopper's transcript.
    logActivity: async (activity: Parameters<SqliteTranscriptStore['logActivity']>[0]) => (isPageSuggestionTraffic(activity) ? undefined : transcripts?.logActivity(activity)),
  };
  for (const adapter of [cloudAdapter, directLine] as BotAdapter[]) {
    adapter.use(metrics.middleware());
    adapter.use(new TranscriptLoggerMiddleware(transcriptLogger));
    adapter.use(new AnalyticsMiddleware((what, error, context) => {
      metrics.errors.inc({ where: 'analytics' });
      log(`analytics: ${what} not written in conversation ${context.activity.conversation?.id}`, error);
    }));
    adapter.onTurnError = async (context, error) => {
      metrics.errors.inc({ where: 'turn' });
      log(`bot: turn failed in conversation ${context.activity.conversation?.id}`, error);
      await context
        .sendActivity(withAisle(MessageFactory.text('Sorry, something went wrong on my side. Please try again, or ask for a person.'), { kind: 'fallback', confidence: 0 }))
        .catch(() => undefined);
    };
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));

  // The demo shop's page: the chat beside a small shop that sends what the shopper browses to the bot.
  app.get('/', (_req, res) => res.sendFile(join(here, 'web', 'index.html')));
  app.get('/shop.js', (_req, res) => res.sendFile(join(here, 'web', 'shop.js')));
  app.get('/shop.css', (_req, res) => res.sendFile(join(here, 'web', 'shop.css')));
  app.get('/webchat/webchat.js', (_req, res) => res.sendFile(webChatBundle, { maxAge: '1d' }));
  app.get('/img/products/:file', (req, res) => {
    const id = String(req.params.file).replace(/\.svg$/, '');
    const { kb } = requireShop().current();
    const product = kb.product(id);
    if (!product) throw new HttpError(404, 'NotFound', `no product with id "${id}"`);
    const type = kb.productTypes.types.find((t) => t.name === kb.typeOf(product));
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=3600').send(productImageSvg(product, type?.label));
  });

  app.get('/healthz', (_req, res) => {
    if (!shop) {
      res.status(503).json({ status: 'loading' });
      return;
    }
    const { kb, encoder } = shop.current();
    res.json({ status: 'ok', model: encoder.modelId, products: kb.productCount, faq: kb.faqCount });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.post('/api/messages', async (req: Request, res: Response) => {
    checkChannelActivity(req.body);
    await cloudAdapter.process(req, res, turn);
  });
  app.use('/v3/directline', directLineRouter(directLine, turn));
  app.use('/api', transcriptRouter(() => {
    if (!transcripts) throw new HttpError(503, 'NotReady', 'Aisle is still loading');
    return transcripts;
  }, options.config.adminToken, requireShop));
  app.use('/api', adminRouter(() => {
    if (!switcher) throw new HttpError(503, 'NotReady', shop ? 'model switching is not enabled in this app' : 'Aisle is still loading');
    return switcher;
  }, options.config.adminToken));
  app.use('/api', catalogRouter(requireShop));
  app.use((req: Request, _res: Response, next: NextFunction) => next(new HttpError(404, 'NotFound', `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler((error) => {
    metrics.errors.inc({ where: 'http' });
    log('http: request failed', error);
  }));

  return {
    app,
    metrics,
    directLine,
    setShop(ready: Shop, shopConfig?: ShopConfig) {
      shop = ready;
      transcripts = new SqliteTranscriptStore(ready.store.db);
      bot = new AisleBot(ready, conversationState);
      if (shopConfig) switcher = new ModelSwitcher(ready, shopConfig, (message) => log(message));
    },
    shop: () => shop,
    modelSwitcher: () => switcher,
  };
}
