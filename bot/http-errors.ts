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
    if (status >= 500) onUnexpected(error);
    if (res.headersSent) return;
    res.status(status).json({ error: { code, message } });
  };
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
