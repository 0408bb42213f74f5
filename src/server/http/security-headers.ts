import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC_PAGE_CSS } from '../../shared';
import { isApiPath } from './paths';

export interface SecurityHeaderOptions {
  /** HSTS max-age in seconds; 0 sends no HSTS (plain http, or TLS not yet settled) */
  hstsMaxAge: number;
}

/** A CSP source allowing one inline `<style>` element by the SHA-256 of its exact text. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * The app shell, its service worker and the public page. The built app has no inline script or
 * style (vite emits files under /assets; React sets styles through the DOM, which CSP allows), so
 * 'self' is all it needs; the public page's one inline style is allowed by its hash.
 */
export function appDirectives(upgradeInsecure: boolean): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", styleHashSource(PUBLIC_PAGE_CSS)],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    ...(upgradeInsecure ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** API answers are data, never a document: nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Powerful features the app never uses, switched off for it and anything it could ever embed.
 * Only names Chromium knows: an unknown one is logged as an error on every page load.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** For answers sent where no hook runs (the router's own refusals). */
export function setMinimalApiHeaders(reply: FastifyReply): void {
  void reply.header('x-content-type-options', 'nosniff').header('content-security-policy', API_CSP);
}

/**
 * Security headers on every answer (helmet), plus what helmet does not set: Permissions-Policy,
 * and a stricter CSP for API answers. HSTS only when configured: over plain http it would be
 * ignored at best, and a wrong max-age locks browsers out of a site that loses its certificate.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  const hsts = options.hstsMaxAge > 0;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: appDirectives(hsts) },
    strictTransportSecurity: hsts ? { maxAge: options.hstsMaxAge, includeSubDomains: true } : false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // COEP would also be possible (everything is same-origin) but buys nothing without SharedArrayBuffer.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (isApiPath(request.url)) reply.header('content-security-policy', API_CSP);
  });
}
