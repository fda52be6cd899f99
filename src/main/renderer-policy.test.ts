import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_RENDERER_URL,
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CONTENT_SECURITY_POLICY,
  isSafeExternalUrl,
  isTrustedRendererUrl,
  resolveRendererFile,
  withContentSecurityPolicy,
} from './renderer-policy.js';

describe('Content-Security-Policy', () => {
  it('allows only our own scripts and connections, and no plugins, frames or <base>', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources.join(' ')];
    }));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });

  it('loosens only scripts and connections for the dev server, never with unsafe-eval', () => {
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-inline'");
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).toContain("connect-src 'self' ws: http://localhost:*");
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('replaces a server-sent policy whatever its letter case, keeping other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["script-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isTrustedRendererUrl', () => {
  it('trusts pages of the app protocol, with any path, query or hash', () => {
    expect(isTrustedRendererUrl('spendbar://app/index.html', APP_RENDERER_URL)).toBe(true);
    expect(isTrustedRendererUrl('spendbar://app/index.html#/entries?x=1', APP_RENDERER_URL)).toBe(true);
  });

  it('trusts the dev server only on its own host and port', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
  });

  it('rejects other origins, files, blank and broken URLs', () => {
    expect(isTrustedRendererUrl('spendbar://evil/index.html', APP_RENDERER_URL)).toBe(false);
    expect(isTrustedRendererUrl('https://app/index.html', APP_RENDERER_URL)).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html', APP_RENDERER_URL)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', APP_RENDERER_URL)).toBe(false);
    expect(isTrustedRendererUrl('', APP_RENDERER_URL)).toBe(false);
    // A renderer URL without a host (file://) never vouches for anything.
    expect(isTrustedRendererUrl('file:///a/index.html', 'file:///a/index.html')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('opens plain https links in the browser and nothing else', () => {
    expect(isSafeExternalUrl('https://platform.openai.com/settings/organization/admin-keys')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pass@example.com/')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  const root = join('/opt', 'Spendbar', 'out', 'renderer');

  it('maps app URLs to files under the renderer folder, "/" to index.html', () => {
    expect(resolveRendererFile(root, 'spendbar://app/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'spendbar://app/index.html?x=1#top')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'spendbar://app/assets/index-a1b2.js')).toBe(join(root, 'assets', 'index-a1b2.js'));
  });

  it('refuses paths that climb out of the folder, however they are spelled', () => {
    expect(resolveRendererFile(root, 'spendbar://app/..%2f..%2fsettings.json')).toBeUndefined();
    expect(resolveRendererFile(root, 'spendbar://app/a%00.html')).toBeUndefined();
    expect(resolveRendererFile(root, 'spendbar://app/%E0%A4%A')).toBeUndefined();
  });

  it('lets the URL parser resolve dot segments first, and leading slashes, so such paths stay in the folder', () => {
    expect(resolveRendererFile(root, 'spendbar://app/assets/%2e%2e/%2e%2e/%2e%2e/secret')).toBe(join(root, 'secret'));
    expect(resolveRendererFile(root, 'spendbar://app/%2fetc%2fpasswd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('serves nothing for another host or scheme', () => {
    expect(resolveRendererFile(root, 'spendbar://other/index.html')).toBeUndefined();
    expect(resolveRendererFile(root, 'file:///opt/Spendbar/out/renderer/index.html')).toBeUndefined();
  });
});
