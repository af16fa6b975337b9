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

// The API's shapes, as the server builds them (one file, bot/api-types.ts, for both sides).
export { REPLY_KINDS } from '../../bot/api-types';
export type {
  AisleChannelData as Decision,
  AuditEntry,
  CatalogUploadReport as UploadReport,
  ConversationSummary,
  DayFigures,
  Handoff,
  IndexSnapshot,
  ModelSwitchStatus as IndexStatus,
  ReplyKind,
  UnansweredCluster,
} from '../../bot/api-types';
import type { AisleChannelData } from '../../bot/api-types';

export interface TranscriptActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  timestamp?: string;
  from?: { id?: string; role?: string };
  channelData?: { aisle?: AisleChannelData; agent?: { name: string } };
}

export interface ProductRow {
  id: string;
  title: string;
  price?: number;
  category?: string;
}
