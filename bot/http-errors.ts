/**
 * Errors to HTTP in one place: typed errors carry their status; everything the client
 * sees is `{ error: { code, message } }` (the Direct Line error shape).
 */
import type { ErrorRequestHandler } from 'express';
import { IndexFormatError, RecordFormatError } from '../catalog/index.js';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorHandler(onUnexpected: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const { status, code, message } = toHttp(error);
    // A 503 the app chose (loading, draining) is an answer, not a failure to log.
    if (status >= 500 && !(error instanceof HttpError)) onUnexpected(error);
    if (res.headersSent) return;
    // A file route may have set the file's headers before it failed (a Range past the end): the answer is
    // this JSON error, not the file, and not to be cached as the file.
    for (const header of ['Content-Type', 'Content-Disposition', 'ETag', 'Last-Modified', 'Cache-Control']) res.removeHeader(header);
    res.status(status).json({ error: { code, message: message.length > MAX_ERROR_MESSAGE_CHARS ? `${message.slice(0, MAX_ERROR_MESSAGE_CHARS - 1)}…` : message } });
  };
}

/** The longest error message sent: one that quotes what the client sent is cut here, so no error echoes a big input back. */
export const MAX_ERROR_MESSAGE_CHARS = 500;

/**
 * A client's value as an error message may quote it: at most `max` characters of it, as a JSON string,
 * and never throwing (the JSON object `{"toString": 1}` has no string form: `${value}` throws).
 */
export function quote(value: unknown, max = 64): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function toHttp(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof HttpError) return error;
  if (error instanceof RecordFormatError || error instanceof IndexFormatError) {
    return { status: 400, code: 'BadArgument', message: error.message };
  }
  const e = error as { type?: string; status?: number; message?: string };
  // body-parser's errors: invalid JSON, too large, wrong charset.
  if (e?.type === 'entity.parse.failed') return { status: 400, code: 'BadSyntax', message: `invalid JSON: ${e.message}` };
  if (e?.type === 'entity.too.large') return { status: 413, code: 'MessageSizeTooBig', message: 'the request body is too large' };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return { status: e.status, code: 'BadArgument', message: e.message ?? 'bad request' };
  return { status: 500, code: 'ServiceError', message: 'internal error; the server logged it' };
}
