/**
 * The HTTP security headers (helmet) on every response, with a strict Content-Security-Policy for
 * the demo page: scripts only from the bot's own origin (Web Chat's bundle and shop.js, no inline
 * script, no eval), styles from it or carrying the response's nonce (Web Chat's CSS-in-JS is given
 * the nonce by shop.js), images from it (product pictures; `data:` and `blob:` for Web Chat's own
 * icons and animations) and the shop's origins, requests only to it (Direct Line), and nothing else: no frames, objects, fonts,
 * media, or forms posted elsewhere; no framing by other sites.
 *
 *   app.use(securityHeaders({ shopOrigins: ['https://shop.example'] }));
 *   app.get('/', demoPage(join(here, 'web', 'index.html'), ['https://shop.example']));
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** Origins product images may also come from (SHOP_ORIGINS): "https://cdn.shop.example". */
  shopOrigins?: readonly string[];
}

/** Where the page template takes the response's style nonce, and the shop's origins. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';
export const SHOP_ORIGINS_PLACEHOLDER = '__SHOP_ORIGINS__';

const nonceOf = (res: ServerResponse): string => (res as Response).locals.cspNonce as string;

/**
 * An empty <style> element. Web Chat 4.18 gives its own CSS-in-JS the nonce but not the scroll
 * panel's (react-scroll-to-bottom), whose emotion instance inserts empty <style> elements and fills
 * them through the CSSOM (insertRule), which the policy does not govern. Only empty ones pass:
 * injected CSS text would not.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** The Content-Security-Policy's directives, for `shopOrigins`; the nonce is read from each response. */
export function contentSecurityPolicy(shopOrigins: readonly string[] = []) {
  return {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res)}'`, EMPTY_STYLE_HASH],
    // data: and blob: are the page's own (Web Chat's link icon, typing and spinner animations): nothing fetched from elsewhere.
    imgSrc: ["'self'", 'data:', 'blob:', ...shopOrigins],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    objectSrc: ["'none'"],
  };
}

export function securityHeaders(options: SecurityHeadersOptions = {}): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.shopOrigins) },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'sameorigin' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    headers(req, res, next);
  };
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The demo page from its template: the response's style nonce and the shop's origins filled in (on
 * shop.js's script tag, which hands them to Web Chat), never cached, as its nonce is this response's.
 */
export function demoPage(file: string, shopOrigins: readonly string[] = []): RequestHandler {
  return async (_req: Request, res: Response) => {
    const nonce = (res.locals.cspNonce as string | undefined) ?? '';
    const template = await readFile(file, 'utf8');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(template.replaceAll(NONCE_PLACEHOLDER, escapeAttribute(nonce)).replaceAll(SHOP_ORIGINS_PLACEHOLDER, escapeAttribute(shopOrigins.join(' '))));
  };
}
