/**
 * Fuzz: more than 10,000 generated activities and HTTP requests (random shapes, types, sizes, depths,
 * encodings, headers) against one real server (real model, SQLite, HNSW, on loopback), with
 * fast-check and a fixed seed, so a failure is shrunk to a small input and replays in CI.
 *
 * Every answer must be below 500, its JSON must parse, an error must have the `{ error: { code,
 * message } }` shape with a bounded message (no echo of what was sent), no request may raise the
 * app's `aisle_errors_total` (a turn that threw and was answered "Sorry") or make a library log an
 * error it swallowed, and every bot reply read back (polled, sent to the fake channel, or in an
 * expectReplies answer) must be within the reply limits. Afterwards the process is alive, /readyz
 * is 200, a fresh conversation gets an FAQ answer, every fuzzed conversation still answers one, and
 * /metrics counted no error. A smaller section runs on the default (shopper) limits, where 429 is an
 * allowed answer.
 *
 * /api/messages replies only go to a fake channel on 127.0.0.1: every generated serviceUrl is
 * either refused by the app's own gate or the fake channel's (checked before it is sent).
 *
 * FUZZ_SEED=n replays another seed; FUZZ_SCALE=0.1 runs a tenth of the inputs, 2 twice as many.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AisleApp } from '../../bot/app.js';
import { ChannelGate } from '../../bot/channel-security.js';
import { unauthenticatedBotFramework } from '../../bot/config.js';
import { defaultLimits, MAX_MESSAGE_CHARS } from '../../bot/limits.js';
import { ADMIN_TOKEN, DirectLineClient, smallDemoProducts, startFakeChannel, startTestServer, type FakeChannel, type TestServer } from '../helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_111);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** What a reply may be at most (the bot's own limits, with room). */
const REPLY_LIMITS = { textChars: 5_000, attachments: 10, suggestedActions: 10, jsonBytes: 64 * 1024 };
/** An error message longer than this echoes what was sent. */
const MAX_ERROR_MESSAGE_CHARS = 1_000;
/** Never in any answer: the admin token, a file read through a traversal, the project's package.json. */
const LEAKS = [ADMIN_TOKEN, 'root:x:0:0', '"devDependencies"', 'MicrosoftAppPassword'];

const PRODUCT_IDS = smallDemoProducts().map((p) => p.id);

// ---------------------------------------------------------------------------------------------
// Sending, counting, checking

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json?: any;
}

const tally = new Map<string, Map<string, number>>();
function count(section: string, status: string): void {
  const bySection = tally.get(section) ?? new Map<string, number>();
  bySection.set(status, (bySection.get(status) ?? 0) + 1);
  tally.set(section, bySection);
}

/** The Direct Line replies read back, by what was sent and the reply's kind: what the accepted inputs exercised. */
const replyKinds = new Map<string, number>();

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function sendOnce(base: URL, sent: Sent): Promise<{ answer: Answer; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const body = sent.body === undefined ? undefined : Buffer.isBuffer(sent.body) ? sent.body : Buffer.from(sent.body);
    const headers: Record<string, string> = { ...sent.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
    const req = httpRequest({ host: base.hostname, port: base.port, method: sent.method, path: sent.path, headers, agent, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }, reused: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in 60 s to ${sent.method} ${sent.path.slice(0, 200)}`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end(body);
  });
}

async function send(base: URL, sent: Sent): Promise<Answer> {
  try {
    return (await sendOnce(base, sent)).answer;
  } catch (error) {
    // A kept-alive socket the server closed just as it was reused: Node's documented race, sent again once.
    if ((error as { reused?: boolean }).reused && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return (await sendOnce(base, sent)).answer;
    throw error;
  }
}

function describeSent(sent: Sent): string {
  const body = sent.body === undefined ? '' : ` body(${Buffer.byteLength(sent.body)} B)=${JSON.stringify(String(sent.body).slice(0, 300))}`;
  return `${sent.method} ${sent.path.slice(0, 300)} headers=${JSON.stringify(sent.headers ?? {}).slice(0, 300)}${body}`;
}

/** A string with each lone surrogate replaced (U+FFFD), as a URL can carry it (encodeURIComponent throws on one). */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function check(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

/**
 * Sends one request, counts it under `section`, and checks the answer: below 500, JSON that parses
 * when JSON is claimed, the error shape with a bounded message on 4xx, no leak.
 */
async function exchange(base: URL, section: string, sent: Sent, options: { allow429?: boolean } = {}): Promise<Answer> {
  const app = appsByBase.get(base.href);
  const errorsBefore = app ? await errorsOf(app) : {};
  const loggedBefore = consoleErrors.length;
  const answer = await send(base, sent);
  count(section, String(answer.status));
  const what = () => `${describeSent(sent)}\n  -> ${answer.status} ${answer.headers['content-type'] ?? ''} ${answer.body.subarray(0, 400).toString()}`;
  check(answer.status < 500, () => `5xx answer: ${what()}`);
  // A failure the app caught (a turn that threw, answered with "Sorry, something went wrong") is a bug too.
  const errorsAfter = app ? await errorsOf(app) : {};
  check(JSON.stringify(errorsAfter) === JSON.stringify(errorsBefore), () => `aisle_errors_total went from ${JSON.stringify(errorsBefore)} to ${JSON.stringify(errorsAfter)}: ${what()}`);
  // And one a library caught and only logged (botbuilder's transcript middleware logs a failed write and goes on).
  await new Promise((resolve) => setImmediate(resolve));
  const logged = consoleErrors.slice(loggedBefore);
  check(logged.length === 0, () => `logged an error: ${logged.join('\n').slice(0, 1_000)}\n  for ${what()}`);
  check(options.allow429 || answer.status !== 429, () => `429 under the load generator's rates: ${what()}`);
  const type = String(answer.headers['content-type'] ?? '');
  if (sent.method !== 'HEAD' && /json/i.test(type) && answer.body.length > 0) {
    try {
      answer.json = JSON.parse(answer.body.toString('utf8'));
    } catch (error) {
      throw new Error(`JSON claimed but not parseable (${(error as Error).message}): ${what()}`);
    }
  }
  // Node's own HTTP parser answers a request it cannot read (headers over 16 KB: 431) before the app sees it:
  // no body, none of the app's security headers.
  const fromNode = answer.body.length === 0 && answer.headers['x-content-type-options'] === undefined && (answer.status === 431 || answer.status === 400);
  if (answer.status >= 400 && sent.method !== 'HEAD' && !fromNode) {
    const error = answer.json?.error;
    check(error && typeof error.code === 'string' && typeof error.message === 'string', () => `error answer without { error: { code, message } }: ${what()}`);
    check(error.message.length < MAX_ERROR_MESSAGE_CHARS, () => `error message of ${error.message.length} characters (an echo of the input?): ${what()}`);
    check(answer.body.length < 4 * 1024, () => `error body of ${answer.body.length} bytes: ${what()}`);
  }
  if (answer.status === 429) check(answer.headers['retry-after'] !== undefined, () => `429 without Retry-After: ${what()}`);
  // Big static files (the Web Chat bundle) are the project's own: only look for leaks in what is not.
  if (answer.body.length < 512 * 1024) {
    const text = answer.body.toString('latin1');
    for (const leak of LEAKS) check(!text.includes(leak), () => `answer leaks ${JSON.stringify(leak)}: ${what()}`);
  }
  return answer;
}

/** A bot reply, read back from a poll, the fake channel or an expectReplies answer, is within the reply limits. */
function checkReply(activity: any, context: () => string): void {
  const json = JSON.stringify(activity);
  check(Buffer.byteLength(json) <= REPLY_LIMITS.jsonBytes, () => `reply of ${Buffer.byteLength(json)} bytes: ${json.slice(0, 300)} ${context()}`);
  check(activity.text === undefined || (typeof activity.text === 'string' && activity.text.length <= REPLY_LIMITS.textChars), () => `reply text of ${String(activity.text).length} chars: ${context()}`);
  check(!activity.attachments || activity.attachments.length <= REPLY_LIMITS.attachments, () => `reply with ${activity.attachments.length} attachments: ${context()}`);
  const actions = activity.suggestedActions?.actions;
  check(!actions || actions.length <= REPLY_LIMITS.suggestedActions, () => `reply with ${actions.length} suggested actions: ${context()}`);
  for (const attachment of activity.attachments ?? []) {
    const buttons = attachment?.content?.buttons;
    check(!buttons || buttons.length <= REPLY_LIMITS.suggestedActions, () => `card with ${buttons.length} buttons: ${context()}`);
  }
  const reason = activity.value?.reason;
  check(reason === undefined || (typeof reason === 'string' && reason.length < MAX_ERROR_MESSAGE_CHARS), () => `error event reason of ${String(reason).length} chars: ${context()}`);
  for (const leak of LEAKS) check(!json.includes(leak), () => `reply leaks ${leak}: ${context()}`);
}

/** What the shopper's own activity may be when it is read back: bounded as the channel edge bounds it. */
function checkEcho(activity: any, context: () => string): void {
  check(activity.text === undefined || typeof activity.text !== 'string' || activity.text.length <= MAX_MESSAGE_CHARS + 1, () => `kept a shopper text of ${activity.text.length} chars: ${context()}`);
  check(Buffer.byteLength(JSON.stringify(activity)) <= defaultLimits.maxBodyBytes, () => `kept a shopper activity bigger than a body: ${context()}`);
}

/** What was logged with console.error during the fuzz (see beforeAll). */
const consoleErrors: string[] = [];

/** The apps under test by base URL: their error counters are read after each request. */
const appsByBase = new Map<string, AisleApp>();

async function errorsOf(app: AisleApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { labels, value } of (await app.metrics.errors.get()).values) counts[String(labels.where)] = value;
  return counts;
}

async function errorCounts(base: URL): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', base))).text();
  const counts: Record<string, number> = {};
  for (const [, where, n] of text.matchAll(/^aisle_errors_total\{where="([^"]*)"\} (\d+)/gm)) counts[where!] = Number(n);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Characters that break naive text handling: NUL, lone surrogates, bidi controls, RTL, emoji, combining marks, BOM, markup. */
const nastyChar = fc.constantFrom(
  '\u0000', '\ud800', '\udfff', '\udc00\ud800', '\u202e', '\u200f', '\u2066', 'مرحبا', 'שלום', '👍🏽', '👨‍👩‍👧', '\ufeff', '\r\n', '\t', '\\', '"', "'",
  '<script>alert(1)</script>', '**', '[x](javascript:alert(1))', '![i](http://evil.example/x.png)', '$', '%', '%00', ' ', 'e\u0301', '\u{10ffff}', '\uffff', '\u0085', '\u2028',
  '{{', '${x}', '../', '%2e%2e%2f', '€', '£20', '\u00a0', 'İ', 'ß', 'ǅ', '🏳️‍🌈',
);
const anyChar = fc.oneof(nastyChar, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
const nastyString = fc.string({ unit: anyChar, maxLength: 30 });
/** Strings near and over the limits: the message limit, the free-form field limit, the body limit. */
const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', '👍', '\ud800', ' ', 'shoes ', '\u0000', 'ش'), fc.constantFrom(MAX_MESSAGE_CHARS - 1, MAX_MESSAGE_CHARS, MAX_MESSAGE_CHARS + 1, MAX_MESSAGE_CHARS + 2, 5_000, 8_191, 8_193, 20_000, 40_000, 70_000))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
const shopperText = fc.constantFrom(
  'Is shipping free?', 'blue running shoes under $80', 'a warm jacket under $100, not Kestrel', 'what would you recommend for me?', 'tell me about the second one',
  'cheaper', 'how do I return something?', 'can I talk to a person?', 'hi', 'show me more', 'in blue', 'sleeping bag warm enough for -2', 'is it waterproof?', '?',
);
const mutatedShopperText = fc.tuple(shopperText, nastyString, fc.boolean()).map(([text, noise, before]) => (before ? noise + text : text + noise));
const anyText = fc.oneof(
  { weight: 3, arbitrary: shopperText },
  { weight: 3, arbitrary: mutatedShopperText },
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u0000') },
);
const oddScalar = fc.constantFrom<unknown>(null, 0, -1, 1.5, 1e308, -0, true, false, '', [], {}, [null], { toString: 1 }, { valueOf: 'x' }, ['message'], 'x');

function nested(depth: number, leaf: unknown = 1, asArray = false): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Free-form JSON (value, channelData, entities): random shapes and depths, some over the depth, key and size limits. */
const jsonShape: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: anyChar }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 12, max: 40 }), fc.boolean()).map(([depth, asArray]) => nested(depth, 'x', asArray)) },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 1_200 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.constantFrom(7_000, 8_200, 30_000).map((n) => ({ blob: 'b'.repeat(n) })) },
  { weight: 1, arbitrary: oddScalar },
);

const productId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PRODUCT_IDS.slice(0, 40)) },
  { weight: 1, arbitrary: fc.constantFrom(...PRODUCT_IDS.slice(0, 10)).map((id) => ` ${id.toLowerCase()} `) },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom('NOPE-0000', 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(5_000), '   ', '../../etc/passwd', "'; DROP TABLE products; --") },
  { weight: 1, arbitrary: oddScalar },
);

const from = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ id: 'fuzz-shopper', name: 'Shopper' }) },
  { weight: 2, arbitrary: fc.record({ id: nastyString, name: nastyString }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'user', 5, [], {}, { id: 5 }, { name: ['x'] }, { id: 'x'.repeat(501) }, { id: 'u', name: 'n'.repeat(600) }, { id: 'u', role: 'bot' }) },
);

/** A client's extra fields: what the client may send, what it may not, and random ones. */
const extras = fc.record(
  {
    channelData: jsonShape,
    entities: jsonShape,
    locale: fc.oneof(fc.constantFrom('en-US', 'ar-EG', 'he', 'x'.repeat(3_000)), nastyString),
    localTimestamp: fc.oneof(fc.constantFrom('2024-05-01T10:00:00+02:00', 'not a date', '9999-99-99'), oddScalar),
    timestamp: fc.oneof(fc.constantFrom('not a date', '2024-05-01T10:00:00Z', '+275760-09-13T00:00:00.001Z'), oddScalar),
    textFormat: fc.constantFrom<unknown>('plain', 'markdown', 'xml', 'html', 5),
    attachments: fc.oneof(jsonShape, fc.constant([{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'x', buttons: [{ type: 'openUrl', value: 'javascript:alert(1)' }] } }])),
    id: nastyString,
    conversation: fc.constantFrom<unknown>({ id: 'someone-else' }, null, 'x'),
    recipient: fc.constantFrom<unknown>({ id: 'aisle', role: 'bot' }, { id: 'x'.repeat(600) }, null),
    replyToId: nastyString,
    serviceUrl: fc.constantFrom('http://169.254.169.254/', 'https://evil.example'),
    toString: fc.constant(1),
  },
  { requiredKeys: [] },
);

const messageActivity = fc.record({ type: fc.constant('message'), text: anyText, from, extra: fc.option(extras, { nil: undefined }) }).map(({ extra, ...activity }) => ({ ...activity, ...extra }));
/** Messages that run a real turn: a model run each, so their share is bounded. */
const turnMessage = fc.record({ type: fc.constant('message'), text: fc.oneof(shopperText, mutatedShopperText), from: fc.constant({ id: 'fuzz-shopper' }) });
const cardAction = fc.record({
  type: fc.constant('message'),
  value: fc.oneof(
    fc.record({ action: fc.constantFrom<unknown>('view', 'more-like', 'cart-add', 'VIEW', 'delete', '', 5, null), productId }, { requiredKeys: [] }),
    jsonShape,
  ),
  text: fc.option(anyText, { nil: undefined }),
  from,
});
/** Well-formed events and button clicks, with product ids valid and not: most are accepted and recorded. */
const cleanEvent = fc.oneof(
  fc.record({ type: fc.constant('event'), name: fc.constantFrom('product.view', 'product.click', 'cart.add'), value: fc.record({ productId }) }),
  fc.record({ type: fc.constant('event'), name: fc.constant('recommendations.request'), value: fc.option(fc.record({ count: fc.integer({ min: 1, max: 12 }) }), { nil: undefined }) }),
);
const cleanCardAction = fc.record({ type: fc.constant('message'), value: fc.record({ action: fc.constantFrom('view', 'more-like', 'cart-add'), productId }), from: fc.constant({ id: 'fuzz-shopper' }) });
const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('product.view', 'product.click', 'cart.add', 'recommendations.request') },
  { weight: 1, arbitrary: fc.constantFrom('aisle.recommendations', 'aisle.error', 'webchat/join', 'tokens/response', 'continueConversation', '', 'product.view ', 'PRODUCT.VIEW') },
  { weight: 1, arbitrary: fc.oneof(nastyString, hugeString) },
  { weight: 1, arbitrary: oddScalar },
);
const eventValue = fc.oneof(
  { weight: 5, arbitrary: fc.record({ productId }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: fc.record({ count: fc.oneof(fc.integer({ min: -2, max: 15 }), fc.constantFrom<unknown>(1.5, '4', null, {}, [], 1e300, 'x'.repeat(20_000))) }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: jsonShape },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const eventActivity = fc.record({ type: fc.constant('event'), name: eventName, value: eventValue, from, text: fc.option(fc.oneof(anyText, oddScalar), { nil: undefined }), extra: fc.option(extras, { nil: undefined }) }).map(({ extra, ...activity }) => ({ ...activity, ...extra }));
const activityType = fc.oneof(
  fc.constantFrom<unknown>('message ', 'MESSAGE', 'Message', 'typing', 'invoke', 'conversationUpdate', 'endOfConversation', 'delay', 'trace', 'handoff', 'messageReaction', 'installationUpdate', '', 'event\u0000', 'message\ud800'),
  nastyString,
  oddScalar,
);
const oddActivity = fc
  .record({ type: activityType, text: fc.oneof(anyText, oddScalar), value: jsonShape, name: eventName, from, extra: fc.option(extras, { nil: undefined }) }, { requiredKeys: [] })
  .map(({ extra, ...activity }) => ({ ...activity, ...extra }));
/** Messages whose text is not a string, or whose fields have the wrong types. */
const almostMessage = fc.record({ type: fc.constant('message'), text: oddScalar, value: fc.option(jsonShape, { nil: undefined }), from });

/** A JSON body as text: the activity, or broken JSON in the ways clients break it. */
function bodyTexts(activity: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: activity.map((a) => JSON.stringify(a) ?? 'null') },
    { weight: 1, arbitrary: fc.tuple(activity.map((a) => JSON.stringify(a) ?? ''), fc.nat()).map(([json, cut]) => json.slice(0, json.length ? cut % json.length : 0)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '', ' ', 'null', 'true', '0', '-1e999', '"message"', '[]', '[{"type":"message","text":"hi"}]', '{', '{"type":"message",', "{'type':'message'}", '{"type":"message","text":"hi"}}',
        '{"type":"message","text":"a","text":{"x":1}}', '{"type":"event","type":"message","text":"hi","text":"Is shipping free?"}', '{"__proto__":{"type":"message","text":"x"}}',
        '{"type":"message","text":"\\ud800\\udfff\\ud800"}', '{"type":"message","text":"\u0000"}', '\ufeff{"type":"message","text":"hi"}', '{"type":"message","text":"hi"}\u0000',
        '{"constructor":{"prototype":{"polluted":1}},"type":"message","text":"hi"}', 'NaN', '{"type":"message","text":1e400}', '[' .repeat(5_000) + ']'.repeat(5_000),
        '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000), '[' .repeat(70_000), `{"type":"message","text":"${'x'.repeat(70_000)}"}`,
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP requests to every route

const headerValue = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 40 }).map((s) => s.replace(/\x7f/g, '')),
  fc.constantFrom('x'.repeat(8_000), 'y'.repeat(12_000)),
);
const authorization = fc.oneof(
  fc.constantFrom(`Bearer ${ADMIN_TOKEN}`, `bearer   ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN} `, `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`, 'Bearer', 'Bearer ', ''),
  headerValue.map((v) => `Bearer ${v}`),
  headerValue,
);
const contentType = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=UTF-16LE', 'application/json; charset=latin1',
  'application/json; charset=nope', 'application/json;;;', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/*', 'text/plain', 'text/json',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', '*/*', 'json', 'application/json, text/html',
);
const contentEncoding = fc.constantFrom('gzip', 'gzip-garbage', 'gzip-bomb', 'deflate', 'deflate-garbage', 'br-garbage', 'identity', 'gzip, gzip', 'x-unknown', 'GZIP');
const GZIP_BOMB = gzipSync(Buffer.from(`{"type":"message","text":"${' '.repeat(4_000_000)}"}`));

const headersArb = fc.record(
  {
    'content-type': contentType,
    'content-encoding': contentEncoding,
    authorization,
    accept: fc.constantFrom('application/json', 'text/html', '*/*', '', 'application/xml;q=0.9'),
    'accept-charset': fc.constantFrom('utf-16', 'iso-8859-1'),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', '1.2.3.4, 5.6.7.8', 'garbage', '::1'),
    'x-huge': headerValue,
    cookie: headerValue,
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
    host: fc.constantFrom('evil.example', 'localhost:1', '127.0.0.1'),
    expect: fc.constantFrom('100-continue'),
    connection: fc.constantFrom('close', 'keep-alive'),
    range: fc.constantFrom('bytes=0-10', 'bytes=99999999-', 'bytes=garbage'),
    'if-none-match': fc.constantFrom('*', '"x"'),
    'x-http-method-override': fc.constantFrom('DELETE', 'PUT'),
  },
  { requiredKeys: [] },
);

/** One of a list known only when the test runs (the conversations it started). */
function pick(list: () => string[]): fc.Arbitrary<string> {
  return fc.nat({ max: 99 }).map((n) => {
    const items = list();
    return items[n % items.length]!;
  });
}

/** A path segment: ids that exist, traversal, encoded and malformed escapes, very long, latin1 bytes. */
function segment(ids: () => string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: pick(ids) },
    { weight: 2, arbitrary: fc.constantFrom(...PRODUCT_IDS.slice(0, 5), `${PRODUCT_IDS[0]}.svg`, `${PRODUCT_IDS[1]}.svg.svg`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..', '%2e%2e', '..%2F..%2Fpackage.json', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5c..%5cpackage.json', '%', '%E0%A4%A', '%zz', '%00', '%C0%AE%C0%AE', '%ff', '%u2215', '%ED%A0%80', '%F0%9F',
        'x'.repeat(3_000), 'x'.repeat(9_000), '.', '~', '*', '!', "'", '(x)', '%20', '+', '@', ':', ';x=1', '%3F', '%23', '%2F', 'CON', 'aux.svg',
      ),
    },
    { weight: 2, arbitrary: nastyString.map((s) => encodeURIComponent(wellFormed(s))) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 20 }).map((s) => s.replace(/[?#/\x7f]/g, '')) },
  );
}

const queryKey = fc.constantFrom('watermark', 'continuationToken', 'limit', 'q', 'minPrice', 'maxPrice', 'category', 'channelId', '__proto__', 'constructor', 'toString', 'q[]', 'limit[0]', 'watermark[toString]', '', 'x');
const queryValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '-0', '1e3', '1.5', 'NaN', 'Infinity', '9'.repeat(30), '0x10', '%', '%zz', '%00', 'a'.repeat(2_500), '1e400', 'null', '[]', '%E2%80%AE', '%ED%A0%80', '%F0%9F', '%C0%80', 'Jackets%20%26%20Coats', 'warm+jacket', '5', '20', '101', 'true'),
  nastyString.map((s) => encodeURIComponent(wellFormed(s))),
);
const query = fc.array(fc.tuple(queryKey, queryValue, fc.boolean()), { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.map(([k, v, bare]) => (bare && v === '' ? k : `${k}=${v}`)).join('&')}` : ''));

type Route = { method: string; path: (ids: Ids) => fc.Arbitrary<string>; body?: 'activity' | 'channel' | 'review' | 'model' | 'any' };
interface Ids {
  conversations: () => string[];
  transcripts: () => string[];
}
const fixed = (path: string) => () => fc.constant(path);
const ROUTES: Route[] = [
  { method: 'GET', path: fixed('/') },
  { method: 'GET', path: fixed('/shop.js') },
  { method: 'GET', path: fixed('/shop.css') },
  { method: 'GET', path: (ids) => segment(() => PRODUCT_IDS.slice(0, 20)).map((s) => `/img/products/${s}`) },
  { method: 'GET', path: fixed('/healthz') },
  { method: 'GET', path: fixed('/readyz') },
  { method: 'GET', path: fixed('/metrics') },
  { method: 'POST', path: fixed('/api/messages'), body: 'channel' },
  { method: 'POST', path: fixed('/v3/directline/conversations'), body: 'any' },
  { method: 'POST', path: fixed('/v3/directline/tokens/refresh'), body: 'any' },
  { method: 'GET', path: (ids) => segment(ids.conversations).map((s) => `/v3/directline/conversations/${s}`) },
  { method: 'POST', path: (ids) => segment(ids.conversations).map((s) => `/v3/directline/conversations/${s}/activities`), body: 'activity' },
  { method: 'GET', path: (ids) => segment(ids.conversations).map((s) => `/v3/directline/conversations/${s}/activities`) },
  { method: 'GET', path: fixed('/api/products') },
  { method: 'GET', path: () => segment(() => PRODUCT_IDS).map((s) => `/api/products/${s}`) },
  { method: 'GET', path: fixed('/api/categories') },
  { method: 'GET', path: fixed('/api/transcripts') },
  { method: 'GET', path: (ids) => segment(ids.transcripts).map((s) => `/api/transcripts/${s}`) },
  { method: 'POST', path: (ids) => segment(ids.transcripts).map((s) => `/api/transcripts/${s}/reviews`), body: 'review' },
  { method: 'DELETE', path: (ids) => segment(ids.transcripts).map((s) => `/api/transcripts/${s}`) },
  { method: 'GET', path: fixed('/api/admin/model') },
  { method: 'POST', path: fixed('/api/admin/model'), body: 'model' },
  {
    method: 'GET',
    path: () =>
      fc.constantFrom(
        '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/shop.js/..%2f..%2fpackage.json', '/img/products/..%2F..%2F..%2Fpackage.json', '//', '///api//products', '/api/products/',
        '/API/PRODUCTS', '/V3/DIRECTLINE/CONVERSATIONS', '/webchat/../package.json', '/webchat/%2e%2e/package.json', '/web/index.html', '/bot/app.ts', '/.env', '/data/aisle.db',
        '/%00', '/api/%', '/api/products%00', '/api/products;x', '/api/transcripts/%2e%2e', '/metrics/', '/healthz?x=%', '/x'.repeat(3_000), '/?' + 'a=1&'.repeat(2_000),
        '/api/products/%E0%A4%A', '/img/products/%', '/img/products/.svg', '/api/', '/v3/directline/', '/v3/directline/conversations/%/activities', '/*', '/\u00ff\u00e9',
      ),
  },
];

const reviewBody = fc.record(
  { query: fc.oneof(anyText, oddScalar), faqId: fc.oneof(fc.constantFrom('shipping-cost', 'returns', 'nope', ''), nastyString, oddScalar), verdict: fc.constantFrom<unknown>('confirmed', 'corrected', 'nope', 5), activityId: fc.oneof(nastyString, oddScalar) },
  { requiredKeys: [] },
);
// Never a real model directory: a switch must not start for real in the middle of the fuzz.
const modelBody = fc.record({ modelDir: fc.constantFrom<unknown>('', ' ', 'x'.repeat(1_001), 5, null, [], '/nonexistent/aisle-fuzz-model', '/nonexistent/../nonexistent-too') }, { requiredKeys: [] });

// ---------------------------------------------------------------------------------------------
// The fake channel (/api/messages replies) and the service URLs a channel activity may give

function serviceUrlArb(channel: FakeChannel): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(channel.url, `${channel.url}/`, `HTTP://127.0.0.1:${channel.port}`, `${channel.url}/some/base/`, `http://0x7f.1:${channel.port}`, `http://127.0.0.1:${channel.port}/%2e%2e/`),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'https://example.com/', 'http://example.com', 'https://smba.trafficmanager.net.evil.example/', 'https://botframework.com.evil.example', 'ftp://127.0.0.1/', 'javascript:alert(1)',
        'not a url', '', ' ', 'https://10.0.0.1', 'http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'http://127.0.0.1@evil.example/', 'http://evil.example#@127.0.0.1',
        'gopher://127.0.0.1:6379/_INFO', 'x'.repeat(2_001), 'http://[::1', 'ws://127.0.0.1:1/', 'data:text/plain,hi', 'https://evil.example:443@127.0.0.1.evil.example/',
      ),
    },
    { weight: 1, arbitrary: oddScalar },
  );
}

/** The gate of the app under test: any service URL it would send to must be the fake channel's. */
function assertOnlyFakeChannel(gate: ChannelGate, channel: FakeChannel, serviceUrl: unknown): void {
  if (typeof serviceUrl !== 'string' || serviceUrl.length === 0 || serviceUrl.length > 2_000) return;
  // The fuzz posts from loopback with no forwarding headers: a local client.
  if (gate.serviceUrlProblem(serviceUrl, true) !== undefined) return;
  const url = new URL(serviceUrl);
  if (url.hostname !== '127.0.0.1' || url.port !== String(channel.port)) throw new Error(`generator bug: the server would send to ${serviceUrl}`);
}

function channelActivityArb(channel: FakeChannel, dlIds: () => string[]): fc.Arbitrary<unknown> {
  const conversationId = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 7 }).map((n) => `fuzz-channel-${n}`) },
    { weight: 1, arbitrary: pick(dlIds) },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(500), 'x'.repeat(501), '../../v3', 'a/b?c#d', '%2F') },
    { weight: 1, arbitrary: oddScalar },
  );
  const base = fc.record(
    {
      type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('message', 'event') }, { weight: 2, arbitrary: activityType }),
      id: fc.oneof(fc.constantFrom('act-1', 'a/b', ''), nastyString, oddScalar),
      channelId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('emulator', 'msteams', 'webchat', 'directline', 'slack') }, { weight: 1, arbitrary: fc.oneof(nastyString, oddScalar) }),
      serviceUrl: serviceUrlArb(channel),
      conversation: fc.oneof({ weight: 5, arbitrary: fc.record({ id: conversationId }) }, { weight: 1, arbitrary: fc.oneof(oddScalar, fc.record({ id: conversationId, isGroup: oddScalar, tenantId: nastyString })) }),
      from: fc.oneof({ weight: 5, arbitrary: fc.constant({ id: 'channel-user', name: 'Shopper' }) }, { weight: 1, arbitrary: from }),
      recipient: fc.constantFrom<unknown>({ id: 'aisle', name: 'Aisle' }, undefined, null, { id: 5 }),
      text: fc.oneof({ weight: 4, arbitrary: anyText }, { weight: 1, arbitrary: oddScalar }),
      name: eventName,
      value: eventValue,
      deliveryMode: fc.constantFrom<unknown>('normal', 'expectReplies', 'expectReplies', 'stream', 'x', 5),
      membersAdded: fc.constantFrom<unknown>([{ id: 'channel-user' }], [{ id: 'aisle' }], 'abc', [null], [], 5),
      membersRemoved: fc.constantFrom<unknown>([{ id: 'channel-user' }], 'abc', [null]),
      reactionsAdded: fc.constantFrom<unknown>([{ type: 'like' }], 'abc', [null]),
      action: fc.constantFrom<unknown>('add', 'remove', 5),
      extra: fc.option(extras, { nil: undefined }),
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from'] },
  );
  // Well-formed activities with odd contents: most of them run a turn and reply through the fake channel.
  const clean = fc.record(
    {
      type: fc.constantFrom('message', 'message', 'event', 'conversationUpdate', 'typing', 'invoke', 'messageReaction', 'installationUpdate', 'endOfConversation'),
      id: fc.oneof(fc.constantFrom('act-1', 'a/b'), nastyString),
      channelId: fc.constantFrom('emulator', 'msteams', 'webchat', 'slack'),
      serviceUrl: fc.constantFrom(channel.url, `${channel.url}/`, `${channel.url}/some/base/`),
      conversation: fc.record({ id: fc.oneof(fc.integer({ min: 0, max: 7 }).map((n) => `fuzz-channel-${n}`), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '_'))) }),
      from: fc.constant({ id: 'channel-user', name: 'Shopper' }),
      recipient: fc.constant({ id: 'aisle', name: 'Aisle' }),
      text: fc.oneof(nastyString, turnMessage.map((m) => m.text), fc.constantFrom('x'.repeat(MAX_MESSAGE_CHARS + 1), '')),
      name: fc.constantFrom('product.view', 'product.click', 'cart.add', 'recommendations.request', 'webchat/join', 'adaptiveCard/action', 'application/search'),
      value: fc.oneof(fc.record({ productId }, { requiredKeys: [] }), fc.record({ count: fc.integer({ min: 0, max: 13 }) }), fc.record({ action: fc.constantFrom('view', 'more-like', 'cart-add', 'x'), productId })),
      deliveryMode: fc.constantFrom('normal', 'expectReplies'),
      locale: fc.constantFrom('en-US', 'ar', ''),
      channelData: fc.jsonValue({ maxDepth: 3, stringUnit: anyChar }),
      membersAdded: fc.constantFrom<unknown>([{ id: 'channel-user' }], [{ id: 'aisle' }], 'abc', [null], []),
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient'] },
  );
  return fc.oneof(
    { weight: 8, arbitrary: clean },
    { weight: 6, arbitrary: base.map(({ extra, ...activity }) => ({ ...extra, ...activity })) },
    // Required fields missing or of the wrong type.
    { weight: 2, arbitrary: fc.tuple(base, fc.subarray(['type', 'channelId', 'serviceUrl', 'conversation', 'from'], { minLength: 1 })).map(([a, drop]) => Object.fromEntries(Object.entries(a).filter(([k]) => !drop.includes(k)))) },
  );
}

// ---------------------------------------------------------------------------------------------
// The test

interface Conversation {
  id: string;
  token: string;
  watermark: number;
}

async function startConversation(base: URL, section: string, allow429 = false): Promise<Conversation | undefined> {
  const answer = await exchange(base, section, { method: 'POST', path: '/v3/directline/conversations' }, { allow429 });
  if (answer.status !== 201) return undefined;
  return { id: answer.json.conversationId, token: answer.json.token, watermark: 0 };
}

/** Polls a conversation from its watermark, checks every activity read back, and returns them. */
async function poll(base: URL, section: string, conversation: Conversation, context: () => string, allow429 = false): Promise<any[]> {
  const answer = await exchange(base, section, { method: 'GET', path: `/v3/directline/conversations/${conversation.id}/activities?watermark=${conversation.watermark}`, headers: { authorization: `Bearer ${conversation.token}` } }, { allow429 });
  check(answer.status === 200, () => `poll of a live conversation answered ${answer.status}: ${context()}`);
  const { activities, watermark } = answer.json;
  check(Array.isArray(activities) && typeof watermark === 'string', () => `poll answer without activities and watermark: ${context()}`);
  conversation.watermark = Number(watermark);
  for (const activity of activities) {
    if (activity.from?.role === 'bot') checkReply(activity, context);
    else checkEcho(activity, context);
  }
  return activities;
}

function encodeBody(text: string, headers: Record<string, string>): Buffer {
  const plain = Buffer.from(text);
  const ct = headers['content-type'] ?? '';
  const raw = /utf-16/i.test(ct) ? Buffer.from(text, 'utf16le') : /latin1/i.test(ct) ? Buffer.from(text, 'latin1') : plain;
  switch (headers['content-encoding']) {
    case undefined:
      return raw;
    case 'gzip':
    case 'GZIP':
      return gzipSync(raw);
    case 'deflate':
      return deflateSync(raw);
    case 'gzip-bomb':
      headers['content-encoding'] = 'gzip';
      return GZIP_BOMB;
    case 'gzip-garbage':
      headers['content-encoding'] = 'gzip';
      return Buffer.concat([gzipSync(raw).subarray(0, 12), raw]);
    case 'deflate-garbage':
      headers['content-encoding'] = 'deflate';
      return raw;
    case 'br-garbage':
      headers['content-encoding'] = 'br';
      return raw;
    default:
      return raw;
  }
}

/** Raw bytes on a socket: requests Node's own HTTP parser must refuse (it answers 4xx and closes). */
async function rawExchange(base: URL, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(0);
    }, 5_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      const head = Buffer.concat(chunks).toString('latin1');
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0));
    });
    socket.write(bytes, () => socket.end());
  });
}

describe('fuzz: 10,000+ generated activities and requests to a real server', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let base: URL;
  let gate: ChannelGate;
  /** The conversations the fuzz posts into, checked for use afterwards. */
  const pool: Conversation[] = [];
  /** A conversation the raw requests may refresh, erase or post into. */
  let victim: Conversation;
  let errorsBefore: Record<string, number>;
  const processErrors: string[] = [];
  const originalConsoleError = console.error;
  const onProcessError = (error: unknown) => processErrors.push(String((error as Error)?.stack ?? error));
  const started = Date.now();

  beforeAll(async () => {
    [server, channel] = await Promise.all([startTestServer(), startFakeChannel()]);
    base = new URL(server.url);
    appsByBase.set(base.href, server.aisle);
    gate = new ChannelGate({ appId: '', allowUnauthenticated: false, serviceUrlHosts: [] });
    for (let i = 0; i < 16; i++) pool.push((await startConversation(base, 'setup'))!);
    victim = (await startConversation(base, 'setup'))!;
    // A transcript the raw requests may read, review and erase: the victim's, never a pool conversation's.
    await exchange(base, 'setup', { method: 'POST', path: `/v3/directline/conversations/${victim.id}/activities`, headers: { 'content-type': 'application/json', authorization: `Bearer ${victim.token}` }, body: JSON.stringify({ type: 'message', text: 'hi' }) });
    errorsBefore = await errorCounts(base);
    // Failures botbuilder swallows (a transcript write that threw) are only logged: watched here.
    console.error = (...args: unknown[]) => {
      consoleErrors.push(args.map((a) => String((a as Error)?.stack ?? a)).join(' ').slice(0, 2_000));
      originalConsoleError(...args);
    };
    process.on('uncaughtException', onProcessError);
    process.on('unhandledRejection', onProcessError);
  });

  afterAll(async () => {
    console.error = originalConsoleError;
    process.off('uncaughtException', onProcessError);
    process.off('unhandledRejection', onProcessError);
    agent.destroy();
    await channel?.close();
    await server?.close();
    let total = 0;
    const byStatus = new Map<string, number>();
    const lines: string[] = [];
    for (const [section, statuses] of tally) {
      const sorted = [...statuses].sort(([a], [b]) => a.localeCompare(b));
      const sum = sorted.reduce((n, [, c]) => n + c, 0);
      total += sum;
      for (const [status, c] of sorted) byStatus.set(status, (byStatus.get(status) ?? 0) + c);
      lines.push(`  ${section}: ${sum} (${sorted.map(([s, c]) => `${s}: ${c}`).join(', ')})`);
    }
    const statuses = [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => `${s}: ${c}`).join(', ');
    console.log(`fuzz: ${total} requests and activities sent in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${SEED}); by status: ${statuses}\n${lines.join('\n')}\n  fake channel received ${channel?.received.length ?? 0} replies\n  Direct Line replies by kind: ${[...replyKinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => `${k}: ${c}`).join(', ')}`);
  });

  const ids: Ids = {
    conversations: () => [victim.id, pool[3]!.id, 'unknown-conversation'],
    transcripts: () => [victim.id, 'unknown-conversation', 'fuzz-channel-1'],
  };

  it('answers Direct Line activities of every shape below 500, keeping nothing it refuses, with replies within limits', async () => {
    const input = fc.record({
      conversation: fc.nat({ max: pool.length - 1 }),
      auth: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'none', 'other', 'garbage'),
      contentType: fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
      body: bodyTexts(fc.oneof(
        { weight: 2, arbitrary: turnMessage },
        { weight: 3, arbitrary: messageActivity },
        { weight: 3, arbitrary: cleanEvent },
        { weight: 3, arbitrary: eventActivity },
        { weight: 2, arbitrary: cardAction },
        { weight: 2, arbitrary: cleanCardAction },
        { weight: 2, arbitrary: almostMessage },
        { weight: 2, arbitrary: oddActivity },
      )),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ conversation: index, auth, contentType: ct, body }) => {
        const conversation = pool[index]!;
        const token = auth === 'ok' ? conversation.token : auth === 'other' ? pool[(index + 1) % pool.length]!.token : auth === 'garbage' ? 'garbage' : undefined;
        const headers: Record<string, string> = { 'content-type': ct, ...(token ? { authorization: `Bearer ${token}` } : {}) };
        const sent: Sent = { method: 'POST', path: `/v3/directline/conversations/${conversation.id}/activities`, headers, body: encodeBody(body, headers) };
        const answer = await exchange(base, 'directline activity', sent);
        const context = () => describeSent(sent);
        if (auth !== 'ok') check(answer.status >= 400, () => `a post with a wrong token answered ${answer.status}: ${context()}`);
        const activities = await poll(base, 'directline poll', conversation, context);
        if (answer.status !== 200) {
          check(activities.length === 0, () => `refused with ${answer.status}, yet kept ${activities.length} activities: ${context()}`);
          return;
        }
        check(typeof answer.json?.id === 'string', () => `200 without an id: ${context()}`);
        const sentActivity = activities.find((a) => a.id === answer.json.id);
        check(sentActivity, () => `the accepted activity is not in the conversation: ${context()}`);
        const replies = activities.filter((a) => a.from?.role === 'bot');
        if (sentActivity.type === 'message') check(replies.length >= 1, () => `a message got no reply: ${context()}`);
        for (const reply of replies) replyKinds.set(`${sentActivity.type}→${reply.channelData?.aisle?.kind ?? reply.name ?? reply.type}`, (replyKinds.get(`${sentActivity.type}→${reply.channelData?.aisle?.kind ?? reply.name ?? reply.type}`) ?? 0) + 1);
      }),
      { numRuns: runs(3_000), seed: SEED },
    );
  }, 400_000);

  it('answers raw HTTP requests to every route (methods, paths, queries, headers, bodies) below 500 with bounded errors', async () => {
    const bodyFor = (route: Route): fc.Arbitrary<string | undefined> => {
      switch (route.body) {
        case 'activity':
          return bodyTexts(fc.oneof(eventActivity, oddActivity, almostMessage));
        case 'channel':
          return bodyTexts(channelActivityArb(channel, ids.conversations));
        case 'review':
          return bodyTexts(reviewBody);
        case 'model':
          return bodyTexts(modelBody);
        default:
          return fc.option(bodyTexts(jsonShape), { nil: undefined });
      }
    };
    const input = fc
      .nat({ max: ROUTES.length - 1 })
      .chain((r) => {
        const route = ROUTES[r]!;
        return fc.record({
          route: fc.constant(r),
          method: fc.oneof({ weight: 6, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'PURGE') }),
          path: route.path(ids),
          query,
          headers: headersArb,
          body: bodyFor(route),
          victimToken: fc.boolean(),
        });
      });
    await fc.assert(
      fc.asyncProperty(input, async ({ route: r, method, path, query: q, headers, body, victimToken }) => {
        const route = ROUTES[r]!;
        const sentHeaders: Record<string, string> = { ...headers };
        // The victim conversation's token, where a route takes a Direct Line token.
        if (victimToken && path.includes('/v3/directline/')) sentHeaders.authorization = `Bearer ${victim.token}`;
        const wantsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const sent: Sent = { method, path: path + q, headers: sentHeaders, ...(wantsBody ? { body: encodeBody(body, sentHeaders) } : {}) };
        if (!wantsBody) delete sentHeaders['content-encoding'];
        if (route.body === 'channel' && body !== undefined) {
          try {
            assertOnlyFakeChannel(gate, channel, JSON.parse(body)?.serviceUrl);
          } catch (error) {
            if (!(error instanceof SyntaxError)) throw error;
          }
        }
        const answer = await exchange(base, 'raw http', sent);
        if (answer.status === 200 && answer.json?.conversationId === victim.id && typeof answer.json.token === 'string') victim.token = answer.json.token;
      }),
      { numRuns: runs(3_000), seed: SEED },
    );
  }, 400_000);

  it('answers channel activities on /api/messages below 500, and replies only through the fake channel, within limits', async () => {
    const input = fc.record({
      activity: channelActivityArb(channel, () => pool.map((c) => c.id)),
      contentType: fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
      authorization: fc.option(authorization, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ activity, contentType: ct, authorization: auth }) => {
        assertOnlyFakeChannel(gate, channel, (activity as { serviceUrl?: unknown }).serviceUrl);
        const received = channel.received.length;
        const headers: Record<string, string> = { 'content-type': ct, ...(auth !== undefined ? { authorization: auth } : {}) };
        const sent: Sent = { method: 'POST', path: '/api/messages', headers, body: JSON.stringify(activity) };
        const answer = await exchange(base, 'api/messages', sent);
        const context = () => describeSent(sent);
        for (const reply of channel.received.slice(received)) {
          check(reply.method === 'POST' || reply.method === 'PUT', () => `the channel got a ${reply.method}: ${context()}`);
          checkReply(reply.body, context);
        }
        for (const reply of answer.json?.activities ?? []) checkReply(reply, context);
        if (answer.status >= 400) check(channel.received.length === received, () => `refused with ${answer.status}, yet replied to the channel: ${context()}`);
      }),
      { numRuns: runs(1_500), seed: SEED },
    );
  }, 400_000);

  it('answers catalog queries and transcript reads (with and without the admin token) below 500', async () => {
    const input = fc.record({
      path: fc.constantFrom('/api/products', '/api/products', '/api/products', '/api/transcripts', `/api/transcripts/${pool[0]!.id}`, '/api/categories'),
      query,
      q: fc.option(fc.oneof(anyText.filter((t) => t.length < 2_500), nastyString), { nil: undefined }),
      admin: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ path, query: qs, q, admin }) => {
        const search = q === undefined ? qs : `${qs ? `${qs}&` : '?'}q=${encodeURIComponent(wellFormed(q))}`;
        const sent: Sent = { method: 'GET', path: path + search, headers: admin ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {} };
        const answer = await exchange(base, 'catalog and transcripts', sent);
        // 431: Node's own answer to a URL over its 16 KB header limit, before any route.
        if (path.startsWith('/api/transcripts') && !admin) check(answer.status === 401 || answer.status === 431, () => `transcripts without the token answered ${answer.status}: ${describeSent(sent)}`);
        if (answer.status === 200 && path === '/api/products') check(Array.isArray(answer.json.items) && answer.json.items.length <= 100, () => `products answer with ${answer.json.items?.length} items`);
      }),
      { numRuns: runs(500), seed: SEED },
    );
  }, 400_000);

  it('keeps each conversation in order when its activities arrive at once', async () => {
    const light = fc.oneof(
      fc.record({ type: fc.constant('event'), name: fc.constantFrom('product.view', 'product.click', 'cart.add'), value: fc.record({ productId }) }),
      fc.record({ type: fc.constant('event'), name: fc.constant('recommendations.request'), value: fc.record({ count: fc.integer({ min: 0, max: 13 }) }) }),
      fc.record({ type: fc.constant('message'), value: fc.record({ action: fc.constantFrom('view', 'more-like', 'cart-add'), productId }) }),
      fc.record({ type: fc.constant('message'), text: fc.oneof(hugeString, fc.constantFrom('hi', 'Is shipping free?')) }),
    );
    const input = fc.record({ conversation: fc.nat({ max: pool.length - 1 }), activities: fc.array(light, { minLength: 2, maxLength: 6 }) });
    await fc.assert(
      fc.asyncProperty(input, async ({ conversation: index, activities }) => {
        const conversation = pool[index]!;
        const sent = activities.map((activity): Sent => ({ method: 'POST', path: `/v3/directline/conversations/${conversation.id}/activities`, headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` }, body: JSON.stringify(activity) }));
        const answers = await Promise.all(sent.map((s) => exchange(base, 'concurrent activities', s)));
        const context = () => sent.map(describeSent).join('\n');
        const read = await poll(base, 'concurrent poll', conversation, context);
        const accepted = answers.filter((a) => a.status === 200).map((a) => a.json.id);
        const kept = read.filter((a) => a.from?.role !== 'bot').map((a) => a.id);
        check(accepted.every((id) => kept.includes(id)) && kept.length === accepted.length, () => `accepted ${accepted.length}, kept ${kept.length}: ${context()}`);
      }),
      { numRuns: runs(200), seed: SEED },
    );
  }, 400_000);

  it("refuses malformed HTTP at Node's parser without harm", async () => {
    const lines = fc.constantFrom(
      'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'GET /\u00ff\u0000 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 'GARBAGE\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 'POST /api/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}', 'GET / HTTP/1.1\nHost: x\n\n', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /v3/directline/conversations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n', '\r\n\r\n', 'GET  HTTP/1.1\r\n\r\n',
    );
    await fc.assert(
      fc.asyncProperty(lines, async (raw) => {
        const status = await rawExchange(base, Buffer.from(raw, 'latin1'));
        count('malformed http (raw socket)', status === 0 ? 'closed without an answer' : String(status));
        check(status < 500, () => `${status} to ${JSON.stringify(raw.slice(0, 200))}`);
      }),
      { numRuns: runs(100), seed: SEED },
    );
  }, 400_000);

  it('runs with the default (shopper) limits too, where 429 is an allowed answer', async () => {
    const limited: AisleApp = createApp({ config: { adminToken: ADMIN_TOKEN, botFramework: unauthenticatedBotFramework, limits: defaultLimits }, log: () => undefined });
    limited.setShop(server.shop);
    const listening = limited.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    const limitedBase = new URL(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`);
    appsByBase.set(limitedBase.href, limited);
    try {
      const before = await errorCounts(limitedBase);
      const conversations: Conversation[] = [];
      for (let i = 0; i < 4; i++) conversations.push((await startConversation(limitedBase, 'default limits', true))!);
      const input = fc.record({
        conversation: fc.nat({ max: conversations.length - 1 }),
        newConversation: fc.boolean(),
        body: bodyTexts(fc.oneof(messageActivity, eventActivity, cardAction, oddActivity)),
      });
      let limitedAnswers = 0;
      await fc.assert(
        fc.asyncProperty(input, async ({ conversation: index, newConversation, body }) => {
          if (newConversation) {
            const started = await startConversation(limitedBase, 'default limits', true);
            if (!started) limitedAnswers++;
            return;
          }
          const conversation = conversations[index]!;
          const sent: Sent = { method: 'POST', path: `/v3/directline/conversations/${conversation.id}/activities`, headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` }, body };
          const answer = await exchange(limitedBase, 'default limits', sent, { allow429: true });
          if (answer.status === 429) limitedAnswers++;
          await poll(limitedBase, 'default limits', conversation, () => describeSent(sent), true);
        }),
        { numRuns: runs(600), seed: SEED },
      );
      // Past 240 activities and 30 conversations a minute, the limits answered.
      expect(limitedAnswers).toBeGreaterThan(0);
      expect(await errorCounts(limitedBase)).toEqual(before);
    } finally {
      limited.close();
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    }
  }, 400_000);

  it('is still up afterwards: no crash, no unexpected error, ready, and every fuzzed conversation still usable', async () => {
    expect(processErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await errorCounts(base)).toEqual(errorsBefore);
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    const fresh = await new DirectLineClient(server.url).start();
    const [answer] = await fresh.say('Is shipping free?');
    expect(answer.channelData.aisle.kind).toBe('faq');
    // A fuzzed conversation that asked for a person ("can I talk to a person?" is among the texts) waits in the
    // handoff queue: it is answered with its place there, which is the conversation working as it should.
    const queued = new Set(((await (await fetch(new URL('/api/admin/handoffs', base), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()).items as { conversationId: string }[]).map((h) => h.conversationId));
    for (const conversation of pool) {
      const context = () => `conversation ${conversation.id}`;
      await poll(base, 'afterwards', conversation, context);
      const posted = await exchange(base, 'afterwards', { method: 'POST', path: `/v3/directline/conversations/${conversation.id}/activities`, headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` }, body: JSON.stringify({ type: 'message', text: 'Is shipping free?' }) });
      expect(posted.status).toBe(200);
      const replies = (await poll(base, 'afterwards', conversation, context)).filter((a) => a.replyToId === posted.json.id && a.from?.role === 'bot');
      expect(replies.length).toBeGreaterThan(0);
      const reply = replies.find((r) => r.type === 'message');
      if (queued.has(conversation.id)) expect(reply?.text, context()).toMatch(/^You're number \d+ in the queue for a person/);
      else expect(reply?.channelData?.aisle?.kind, context()).toBe('faq');
    }
  }, 120_000);
});
