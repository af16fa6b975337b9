/**
 * The admin API from the browser: same-origin requests that carry the session cookie, and the
 * session's CSRF token on every change. A 401 means the session ended: the app shows the login.
 */
let csrf = '';

export const setCsrf = (token: string) => {
  csrf = token;
};

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Called on any 401, so that the app can show the login again. */
let onLoggedOut: () => void = () => undefined;
export const whenLoggedOut = (handler: () => void) => {
  onLoggedOut = handler;
};

/** `body` is sent as JSON; `file` as it is, with its content type (an upload). */
export async function api<T>(path: string, init: { method?: string; body?: unknown; file?: { data: Blob; type: string } } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.file) headers['content-type'] = init.file.type;
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const sent = init.file ? init.file.data : init.body !== undefined ? JSON.stringify(init.body) : undefined;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(sent !== undefined ? { body: sent } : {}) });
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/admin/login') onLoggedOut();
    throw new ApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

export type Role = 'support' | 'catalog' | 'admin';

export interface Session {
  user: string;
  role: Role;
  csrf: string;
  expiresAt: string;
}

export const REPLY_KINDS = ['faq', 'products', 'clarify', 'fallback', 'not-sold', 'small-talk', 'product-answer', 'which-product', 'recommendations'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export interface ConversationSummary {
  conversationId: string;
  channelId: string;
  started: string;
  last: string;
  shopperMessages: number;
  firstMessage?: string;
  kinds: ReplyKind[];
  lowestFaqConfidence?: number;
  handedOff: boolean;
  cartAdds: number;
  reviews: number;
}

/** What the bot decided, as its reply's channelData.aisle says (bot/reply.ts). */
export interface Decision {
  kind: ReplyKind;
  confidence: number;
  faqId?: string;
  secondFaqId?: string;
  products?: { id: string; title: string; price?: number; reason?: string }[];
  about?: { productId: string; asked: string; known: boolean };
  context?: { refines: string; applied: string[]; more?: boolean };
  question?: { facet: string; text: string; values: string[] };
  faqCandidates?: { faqId: string; score: number }[];
}

export interface TranscriptActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  timestamp?: string;
  from?: { id?: string; role?: string };
  channelData?: { aisle?: Decision; agent?: { name: string } };
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  diff?: Record<string, [unknown, unknown]>;
}

export interface UploadReport {
  kind: 'products' | 'faq';
  format: 'json' | 'ndjson' | 'csv';
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; id?: string; reason: string }[];
  rejectedTotal: number;
  liveAfterMs: number;
}

export interface ProductRow {
  id: string;
  title: string;
  price?: number;
  category?: string;
}

export interface IndexStatus {
  state: 'idle' | 'loading' | 'indexing' | 'draining' | 'done' | 'failed';
  operation?: 'switch' | 'reindex' | 'rollback';
  serving: string;
  target?: string;
  snapshot?: string;
  progress?: { index: string; done: number; total: number };
  error?: string;
  startedAt?: string;
  finishedAt?: string;
  seconds?: number;
}

export interface IndexSnapshot {
  id: string;
  createdAt: string;
  modelDir: string;
  modelId: string;
  reason: string;
  files: string[];
}

export interface UnansweredCluster {
  id: string;
  size: number;
  label: string;
  messages: { text: string; count: number; conversationId: string; at: string; kind: string; confidence: number }[];
  nearest: { faqId: string; question: string; score: number }[];
}
