/**
 * The rules that keep the popover a closed room, as pure functions (tested without Electron): its
 * Content-Security-Policy, which URLs count as the app's own renderer, which links may leave for the
 * browser, and which files the app protocol may serve.
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** The built renderer is served from here rather than file:// (own origin, real CSP header, no file access). */
export const APP_SCHEME = 'spendbar';
export const APP_HOST = 'app';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Only our own bundle; inline styles allowed for React style props; no plugins, frames, or base tricks. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For electron-vite's dev server only (never packaged): React Refresh needs an inline preamble and Vite's
 * client a websocket, as the renderer's own devCspPlugin allows in vite.renderer.config.ts.
 */
export const DEV_SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");

/** Sets `policy` on response headers, replacing any the server sent in whatever letter case. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `frameUrl` belongs to the renderer we loaded (same scheme and host[:port]). Compared by parts
 * because Node's URL gives custom schemes an opaque "null" origin.
 */
export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  const frame = parse(frameUrl);
  const renderer = parse(rendererUrl);
  if (!frame || !renderer || !renderer.host) return false;
  return frame.protocol === renderer.protocol && frame.host === renderer.host;
}

/** Links the popover may hand to the user's browser: plain https only (no file:, javascript:, custom apps). */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}

/**
 * The file under `rendererRoot` that an app-protocol URL names, or undefined for another host or a path
 * that escapes the folder ("/../", encoded "%2e%2e", absolute or drive paths).
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): string | undefined {
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const relativePath = normalize(pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
  if (isAbsolute(relativePath)) return undefined;
  const file = join(rendererRoot, relativePath);
  const fromRoot = relative(rendererRoot, file);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) return undefined;
  return file;
}
