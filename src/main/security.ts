/**
 * Hardening in the spirit of electron/fiddle and Electron's security checklist: a strict CSP on every
 * response, no navigation, no new windows, no <webview>, no web permissions, and the built renderer
 * served from our own privileged scheme instead of file://.
 */
import { pathToFileURL } from 'node:url';
import { app, net, protocol, shell, type Session } from 'electron';
import {
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isSafeExternalUrl,
  resolveRendererFile,
  withContentSecurityPolicy,
} from './renderer-policy.js';

/** Privileges are fixed when Chromium starts, so this must run before app 'ready'. */
export function registerAppScheme(): void {
  // standard: relative URLs and storage work as on the web; secure: a secure context like https.
  // corsEnabled stays off, so no other origin can read our files.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder on spendbar://app/ with our CSP as a real response header. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveRendererFile(rendererRoot, request.url) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Hands an https link to the user's browser; anything else is dropped. */
function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/** Every web contents the app ever creates: no navigation away, no pop-ups, no <webview>. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      // A plain link to a provider's key page (no target=_blank) still reaches the browser.
      openExternally(event.url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}

/** Only copying text to the clipboard is allowed; the popover needs no camera, location or notifications. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** `policy` is CONTENT_SECURITY_POLICY, or the dev-server variant for an unpackaged dev run. */
export function lockDownSession(session: Session, policy: string = CONTENT_SECURITY_POLICY): void {
  // Covers the dev server and anything else; the app protocol sets the header itself too, because
  // webRequest does not reliably see responses of file:// and custom protocols.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
