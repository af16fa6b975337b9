/**
 * Configuration, read once at the edge from the environment (and `.env`), validated,
 * with errors that name the variable.
 *
 *   loadConfig({ PORT: '8080' }).port // 8080
 *   loadConfig({ PORT: 'x' })         // throws ConfigError: PORT: expected a number...
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { answerValuesProblem, DEFAULT_ANSWER_VALUES, type AnswerValues } from '../nlu/calibration.js';
import { defaultLimits, type Limits } from './limits.js';
import { parseShopOrigins } from './safe-markdown.js';

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const optionalNumber = z.coerce.number().finite().optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  MODEL_DIR: z.string().default('./models/all-MiniLM-L6-v2'),
  /** fp32 or int8 (onnx/model_quantized.onnx). */
  EMBED_VARIANT: z.enum(['fp32', 'int8']).default('int8'),
  EMBED_DEVICE: z.enum(['cpu', 'cuda']).default('cpu'),
  EMBED_THREADS: z.coerce.number().int().min(0).default(0),
  EMBED_MAX_LENGTH: z.coerce.number().int().min(8).max(512).default(256),
  /** Bearer token for /api/transcripts and admin routes; when unset those routes answer 401. */
  ADMIN_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Load the demo shop into an empty data dir. */
  DEMO_SHOP: boolean.default(true),
  FAQ_ANSWER_THRESHOLD: optionalNumber,
  /**
   * What each outcome of an FAQ question is worth to the shop, and the share of questions it
   * expects the FAQ to have no entry for: the calibration picks the answer threshold and clarify
   * margin that maximise their expected value (nlu/calibration.ts DEFAULT_ANSWER_VALUES).
   */
  FAQ_VALUE_RIGHT: z.coerce.number().finite().default(DEFAULT_ANSWER_VALUES.right),
  FAQ_VALUE_WRONG: z.coerce.number().finite().default(DEFAULT_ANSWER_VALUES.wrong),
  FAQ_VALUE_CLARIFY: z.coerce.number().finite().default(DEFAULT_ANSWER_VALUES.clarify),
  FAQ_VALUE_DECLINE: z.coerce.number().finite().default(DEFAULT_ANSWER_VALUES.decline),
  FAQ_OUT_OF_SCOPE_SHARE: z.coerce.number().min(0).lt(1).default(DEFAULT_ANSWER_VALUES.outOfScopeShare),
  /**
   * Let calibration give a classifier head over the embeddings (nlu/intent-head.ts) a share of the
   * FAQ score. Off by default: on the demo FAQ it ranks better but answers fewer questions outright.
   */
  FAQ_CLASSIFIER_HEAD: boolean.default(false),
  /** Generic out-of-scope sentences for FAQ threshold calibration (default nlu/data/background-sentences.txt). */
  OOS_BACKGROUND_FILE: z.string().optional(),
  FAQ_CALIBRATION_QUERIES: z.string().optional(),
  /**
   * Share of product lists shown in a random order, so the click model learns past position bias
   * (catalog/rank/click-model.ts presentWithExploration). 0 turns exploration off.
   */
  RANKING_EXPLORE: z.coerce.number().min(0).max(1).default(0.1),
  /**
   * A click cross-encoder (`npm run finetune -- --ctr`) whose score for each candidate becomes a
   * feature of the click model, online. One model run per candidate: only with EMBED_DEVICE=cuda.
   */
  CTR_MODEL: z.string().optional(),
  /** Conversation state (each shopper's session) in Redis instead of memory: kept across restarts and shared by replicas. */
  REDIS_URL: z.string().optional(),
  /**
   * Without MicrosoftAppId, /api/messages serves only loopback clients (the Emulator). `true` lets
   * anyone post unauthenticated activities: for a channel proxy you run yourself, logged at start.
   */
  ALLOW_UNAUTHENTICATED_CHANNELS: boolean.default(false),
  /**
   * The shop's own origins (comma-separated, http(s)): the only places bot text may link to and
   * card pictures may come from, besides the bot's own page. Everything else is shown as text.
   */
  SHOP_ORIGINS: z
    .string()
    .transform((raw, ctx) => {
      try {
        return parseShopOrigins(raw);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** Hosts beyond Bot Framework's own that the bot may send replies to (a serviceUrl), comma-separated. */
  CHANNEL_SERVICE_HOSTS: z.string().optional(),
  /** Per client address: new conversations a minute, and activities (messages, events) a minute. */
  RATE_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(defaultLimits.conversationsPerMinute),
  RATE_ACTIVITIES_PER_MINUTE: z.coerce.number().int().min(1).default(defaultLimits.activitiesPerMinute),
  /** A conversation and its state untouched this long are dropped. */
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).default(defaultLimits.idleConversationMs / 60_000),
  /**
   * Behind a reverse proxy (HAProxy, nginx), which hops to trust for the client's address in
   * X-Forwarded-For, as Express's "trust proxy": a number of hops, or loopback / an address list.
   */
  TRUST_PROXY: z.string().optional(),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
});

export type Config = ReturnType<typeof toConfig>;

/** Bot Framework settings with no app id: channel authentication off (local Web Chat, Emulator, tests). */
export const unauthenticatedBotFramework: Config['botFramework'] = {
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: 'MultiTenant',
  MicrosoftAppTenantId: '',
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(`config: ${message}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return toConfig(parsed.data);
}

/** Loads `.env` from the working directory into process.env (existing variables win). */
export async function loadDotEnv(path = '.env'): Promise<void> {
  if (!existsSync(path)) return;
  const dotenv = await import('dotenv');
  dotenv.config({ path, quiet: true } as never);
}

/**
 * The click teacher's model directory. It scores every candidate of every list with a BERT run per
 * candidate: on CPU that is tens of milliseconds a turn here (`npm run bench -- --only ctr`), so it
 * runs online only on a GPU, and offline (`npm run eval -- --ranking --teacher DIR`) anywhere.
 */
function ctrModel(env: z.infer<typeof schema>): string | undefined {
  if (env.CTR_MODEL === undefined) return undefined;
  if (env.EMBED_DEVICE !== 'cuda') {
    throw new ConfigError(
      'CTR_MODEL: the click cross-encoder runs online only on a GPU (set EMBED_DEVICE=cuda); on CPU it costs a model run per candidate on every turn ' +
        '(measure with npm run bench -- --only ctr --ctr-model DIR). Measure it offline with npm run eval -- --ranking --teacher DIR',
    );
  }
  return resolve(env.CTR_MODEL);
}

function answerValues(env: z.infer<typeof schema>): AnswerValues {
  const values = { right: env.FAQ_VALUE_RIGHT, wrong: env.FAQ_VALUE_WRONG, clarify: env.FAQ_VALUE_CLARIFY, decline: env.FAQ_VALUE_DECLINE, outOfScopeShare: env.FAQ_OUT_OF_SCOPE_SHARE };
  const problem = answerValuesProblem(values);
  if (problem) throw new ConfigError(`FAQ_VALUE_RIGHT, FAQ_VALUE_WRONG, FAQ_VALUE_CLARIFY, FAQ_VALUE_DECLINE: ${problem}`);
  return values;
}

/**
 * Express's "trust proxy" from TRUST_PROXY: a hop count as a number, true/false as booleans (Express
 * reads the string "true" as an address and fails), anything else (loopback, addresses) as Express reads it.
 */
function trustProxy(value: string | undefined): number | string | boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function toConfig(env: z.infer<typeof schema>) {
  const dataDir = resolve(env.DATA_DIR);
  const ctr = ctrModel(env);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databasePath: resolve(dataDir, 'aisle.db'),
    indexDir: resolve(dataDir, 'indexes'),
    modelDir: resolve(env.MODEL_DIR),
    encoder: { variant: env.EMBED_VARIANT, device: env.EMBED_DEVICE, threads: env.EMBED_THREADS, maxSequenceLength: env.EMBED_MAX_LENGTH },
    adminToken: env.ADMIN_TOKEN,
    redisUrl: env.REDIS_URL,
    demoShop: env.DEMO_SHOP,
    backgroundFile: env.OOS_BACKGROUND_FILE === undefined ? undefined : resolve(env.OOS_BACKGROUND_FILE),
    calibrationQueriesFile: env.FAQ_CALIBRATION_QUERIES === undefined ? undefined : resolve(env.FAQ_CALIBRATION_QUERIES),
    faqValues: answerValues(env),
    faqClassifierHead: env.FAQ_CLASSIFIER_HEAD,
    ranking: { explore: env.RANKING_EXPLORE, ...(ctr ? { ctrModel: ctr } : {}) },
    decision: env.FAQ_ANSWER_THRESHOLD !== undefined ? { faqAnswerThreshold: env.FAQ_ANSWER_THRESHOLD } : {},
    channels: {
      allowUnauthenticated: env.ALLOW_UNAUTHENTICATED_CHANNELS,
      serviceUrlHosts: (env.CHANNEL_SERVICE_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean),
    },
    limits: {
      ...defaultLimits,
      conversationsPerMinute: env.RATE_CONVERSATIONS_PER_MINUTE,
      activitiesPerMinute: env.RATE_ACTIVITIES_PER_MINUTE,
      idleConversationMs: env.CONVERSATION_IDLE_MINUTES * 60_000,
    } satisfies Limits,
    trustProxy: trustProxy(env.TRUST_PROXY),
    shopOrigins: env.SHOP_ORIGINS ?? [],
    botFramework: {
      MicrosoftAppId: env.MicrosoftAppId ?? '',
      MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
      MicrosoftAppType: env.MicrosoftAppType ?? 'MultiTenant',
      MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    },
  };
}
