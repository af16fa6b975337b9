/**
 * Composes the HTTP surface: Bot Framework (`/api/messages`), the local Direct Line and
 * Web Chat page, the catalog and transcript APIs, health and metrics. The shop may still
 * be loading when the app starts serving; routes that need it answer 503 until it is set,
 * and again while the app drains its turns before a stop.
 *
 *   const aisle = createApp({ config });
 *   aisle.app.listen(3978); aisle.setShop(shop); // /readyz -> 200
 *   await aisle.drain();                          // /readyz -> 503; resolves when no turn is in flight
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MessageFactory,
  TranscriptLoggerMiddleware,
  type BotAdapter,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AdminAccounts } from './admin/accounts.js';
import { AuditLog } from './admin/audit-log.js';
import { authenticate, loginRouter, sessionRouter } from './admin/auth.js';
import { adminAppRouter } from './admin/routes.js';
import { catalogChangeRouter, catalogUploadHandler } from './admin/catalog-routes.js';
import { LiveCatalog } from './live-catalog.js';
import { HandoffQueue } from './handoff.js';
import { handoffRouter, type SendToConversation } from './admin/handoff-routes.js';
import { adminWebApp } from './admin/web-app.js';
import { AisleBot } from './aisle-bot.js';
import { AnalyticsMiddleware } from './analytics.js';
import { adminRouter, catalogRouter, transcriptRouter } from './api-routes.js';
import type { Config } from './config.js';
import { directLineRouter, DirectLineAdapter, LOCAL_DIRECT_LINE_SERVICE_URL } from './direct-line.js';
import { ContentSafetyMiddleware } from './content-safety.js';
import { isPageSuggestionTraffic } from './events.js';
import { boundActivity, checkChannelActivity } from './channel-activity.js';
import { ChannelGate, isLocalClient } from './channel-security.js';
import { ExpiringMemoryStorage } from './expiring-memory-storage.js';
import { InFlight } from './in-flight.js';
import { jsonShapeLimits } from './json-shape.js';
import { defaultLimits, EventBudget, type Limits } from './limits.js';
import { clientRateLimits } from './rate-limits.js';
import { errorHandler, HttpError } from './http-errors.js';
import { TurnMetrics } from './metrics.js';
import { productImageSvg } from './product-image.js';
import { withAisle } from './reply.js';
import { ModelSwitcher } from './model-switch.js';
import { demoPage, securityHeaders } from './security-headers.js';
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
  config: Pick<Config, 'adminToken' | 'botFramework'> & Partial<Pick<Config, 'channels' | 'trustProxy'>> & { limits?: Partial<Limits>; shopOrigins?: readonly string[] };
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
  /** Stops taking turns (503 with Retry-After, /readyz 503) and resolves when the turns in flight have finished. */
  drain(): Promise<void>;
  /** Turns taken and not yet finished (queued behind their conversation's previous turn included). */
  turnsInFlight(): number;
  /** Conversation states held in memory (undefined with an outside storage such as Redis). */
  conversationStates(): number | undefined;
  /** Stops the app's timers (the idle sweep); the HTTP server is the caller's to close. */
  close(): void;
}

export function createApp(options: AppOptions): AisleApp {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const metrics = new TurnMetrics();
  const limits: Limits = { ...defaultLimits, ...options.config.limits };
  // The shop's own origins (SHOP_ORIGINS): links and images in the bot's messages may point there, besides the page itself.
  const shopOrigins = options.config.shopOrigins ?? [];
  // Each conversation's state, forgotten on the Direct Line conversations' schedule (Redis keys expire by themselves).
  const memoryStorage = options.storage ? undefined : new ExpiringMemoryStorage({ idleMs: limits.idleConversationMs, maxItems: 20_000 });
  const conversationState = new ConversationState(options.storage ?? memoryStorage!);
  const gate = new ChannelGate({ appId: options.config.botFramework.MicrosoftAppId, allowUnauthenticated: false, serviceUrlHosts: [], ...options.config.channels });
  let draining = false;
  const turnsInFlight = new InFlight();
  /** Why a turn cannot run now, or undefined when it can. */
  const refusing = (): string | undefined =>
    draining ? 'Aisle is shutting down; retry in a few seconds' : !shop ? 'Aisle is still loading its model and indexes; retry in a few seconds' : undefined;
  let shop: Shop | undefined;
  let bot: AisleBot | undefined;
  let transcripts: SqliteTranscriptStore | undefined;
  let accounts: AdminAccounts | undefined;
  let audit: AuditLog | undefined;
  let live: LiveCatalog | undefined;
  let handoffs: HandoffQueue | undefined;
  let switcher: ModelSwitcher | undefined;

  const requireShop = (): Shop => {
    if (!shop) throw new HttpError(503, 'NotReady', 'Aisle is still loading its model and indexes; retry in a few seconds');
    return shop;
  };
  // Both routes refuse a turn with 503 before the shop is set (see `refusing`), so a turn always has its bot.
  const turn = async (context: TurnContext) => bot!.run(context);

  const cloudAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options.config.botFramework));
  const directLine = new DirectLineAdapter({ idleTimeoutMs: limits.idleConversationMs, tokenLifetimeS: limits.tokenLifetimeS });
  const sweep = setInterval(() => {
    directLine.sweep();
    memoryStorage?.sweep();
  }, limits.sweepIntervalMs);
  sweep.unref();
  const transcriptLogger = {
    // A transcript is the conversation a support team reviews. The demo page asks for its "Recommended
    // for you" strip after every reply; those requests and their answers change nothing in the chat,
    // and logged they would double a page shopper's transcript.
    logActivity: async (activity: Parameters<SqliteTranscriptStore['logActivity']>[0]) => (isPageSuggestionTraffic(activity) ? undefined : transcripts?.logActivity(activity)),
  };
  for (const adapter of [cloudAdapter, directLine] as BotAdapter[]) {
    // First, so every other middleware (the transcript too) sees the messages as they are sent.
    adapter.use(new ContentSafetyMiddleware(shopOrigins));
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
  app.use(securityHeaders({ shopOrigins }));
  // While draining, every answer ends its connection, so a client's next request opens a new one (refused once the
  // server closes) instead of landing on a kept-alive socket just as the server closes it.
  app.use((_req, res, next) => {
    if (draining) res.set('Connection', 'close');
    next();
  });
  if (options.config.trustProxy) app.set('trust proxy', options.config.trustProxy);
  // Catalog uploads read their own body, row by row, before the JSON parser (and its size limit) would.
  const liveCatalog = (): LiveCatalog => {
    if (!live) throw new HttpError(503, 'NotReady', shop ? 'live catalog changes are not enabled in this app' : 'Aisle is still loading; retry in a few seconds');
    return live;
  };
  app.post('/api/admin/catalog', authenticate(() => accounts, options.config.adminToken), ...catalogUploadHandler(liveCatalog, limits.maxUploadBytes));
  app.use(express.json({ limit: limits.maxBodyBytes }));
  app.use(jsonShapeLimits(limits));
  const rates = clientRateLimits(limits);

  // The demo shop's page: the chat beside a small shop that sends what the shopper browses to the bot.
  app.get('/', demoPage(join(here, 'web', 'index.html'), shopOrigins));
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

  // Liveness: the process answers. A loading or draining app is alive; restarting it would not help.
  app.get('/healthz', (_req, res) => {
    res.json({ status: draining ? 'draining' : shop ? 'ok' : 'loading' });
  });
  // Readiness: send it shoppers. 503 with Retry-After while loading and while draining.
  app.get('/readyz', (_req, res) => {
    const why = refusing();
    if (why || !shop) {
      res.set('Retry-After', '5').status(503).json({ status: draining ? 'draining' : 'loading', reason: why });
      return;
    }
    const { kb, encoder } = shop.current();
    res.json({ status: 'ready', model: encoder.modelId, products: kb.productCount, faq: kb.faqCount });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.post('/api/messages', rates.activities, async (req: Request, res: Response) => {
    const local = isLocalClient(req.socket.remoteAddress, req.headers);
    gate.checkClient(local);
    // With credentials, botbuilder verifies the channel's JWT; a request with none is refused as unauthenticated first.
    if (gate.authenticated && !req.get('authorization')) throw new HttpError(401, 'Unauthorized', 'a Bot Framework channel request carries an Authorization header');
    checkChannelActivity(req.body);
    gate.normalise(req.body, local);
    // The local Direct Line's conversations are its own: a channel activity naming one would write into its transcript.
    if (directLine.owns(req.body.conversation.id)) throw new HttpError(403, 'Forbidden', 'that conversation belongs to the local Direct Line');
    boundActivity(req.body);
    const why = refusing();
    if (why) {
      res.set('Retry-After', '5');
      throw new HttpError(503, 'ServiceUnavailable', why);
    }
    await turnsInFlight.track(cloudAdapter.process(req, res, turn));
  });
  app.post('/v3/directline/conversations', rates.conversations);
  app.post('/v3/directline/conversations/:id/activities', rates.activities);
  app.use('/v3/directline', directLineRouter(directLine, turn, refusing, (work) => turnsInFlight.track(work)));
  // The admin API: a login opens a session (cookie) that the admin app's requests carry; scripts send ADMIN_TOKEN.
  const adminAccounts = (): AdminAccounts => {
    if (!accounts) throw new HttpError(503, 'NotReady', 'Aisle is still loading; retry in a few seconds');
    return accounts;
  };
  const auditLog = (): AuditLog => {
    if (!audit) throw new HttpError(503, 'NotReady', 'Aisle is still loading; retry in a few seconds');
    return audit;
  };
  app.use('/api', loginRouter(adminAccounts, { loginsPer15Minutes: limits.adminLoginsPer15Minutes }));
  app.use(['/api/admin', '/api/transcripts'], authenticate(() => accounts, options.config.adminToken));
  app.use('/api', sessionRouter(adminAccounts));
  app.use('/api', adminAppRouter(adminAccounts, auditLog, () => requireShop().store.db));
  app.use('/api', catalogChangeRouter(liveCatalog, requireShop));
  // An agent's messages go out through the adapter the conversation came in on, through its middleware (safety, transcript).
  const sendToConversation: SendToConversation = async (reference, activity) => {
    const id = reference.conversation?.id ?? '';
    const logic = async (context: TurnContext) => void (await context.sendActivity(activity));
    if (directLine.owns(id)) return directLine.continueConversation(reference, logic);
    if (reference.serviceUrl === LOCAL_DIRECT_LINE_SERVICE_URL) throw new HttpError(410, 'Gone', 'the shopper has left: their chat ended or expired');
    try {
      await cloudAdapter.continueConversationAsync(options.config.botFramework.MicrosoftAppId ?? '', reference, logic);
    } catch (error) {
      throw new HttpError(502, 'BadGateway', `the channel did not take the message: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  app.use('/api', handoffRouter(() => {
    if (!handoffs) throw new HttpError(503, 'NotReady', 'Aisle is still loading; retry in a few seconds');
    return handoffs;
  }, sendToConversation, auditLog));
  app.use('/api', transcriptRouter(() => {
    if (!transcripts) throw new HttpError(503, 'NotReady', 'Aisle is still loading');
    return transcripts;
  }, requireShop, auditLog, async (conversationId, channels) => {
    // An erased conversation is gone from memory too: its Direct Line activities, its session, its asked-next pairs.
    directLine.forget(conversationId);
    await bot?.forgetConversation(conversationId, channels);
  }));
  app.use('/api', adminRouter(() => {
    if (!switcher) throw new HttpError(503, 'NotReady', shop ? 'model switching is not enabled in this app' : 'Aisle is still loading');
    return switcher;
  }, auditLog, () => live?.busy() ?? false));
  app.use('/api', catalogRouter(requireShop));
  // The admin app (admin/), for support and catalog teams: it logs in through /api/admin/login.
  app.use('/admin', adminWebApp(join(here, '..', 'admin', 'dist')));
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
      accounts = new AdminAccounts(ready.store.db);
      audit = new AuditLog(ready.store.db);
      handoffs = new HandoffQueue(ready.store.db);
      bot = new AisleBot(ready, conversationState, new EventBudget(limits), handoffs);
      if (shopConfig) {
        const models = new ModelSwitcher(ready, shopConfig, (message) => log(message));
        switcher = models;
        live = new LiveCatalog(ready, shopConfig, audit, () => models.busy(), (message) => log(message));
      }
    },
    shop: () => shop,
    modelSwitcher: () => switcher,
    drain() {
      draining = true;
      return turnsInFlight.idle();
    },
    close() {
      clearInterval(sweep);
    },
    conversationStates: () => memoryStorage?.size,
    turnsInFlight: () => turnsInFlight.size,
  };
}
