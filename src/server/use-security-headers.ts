import type { Plugin } from 'graphql-yoga';

/**
 * The policy of the HTML pages (GraphiQL): scripts only from our own files, no inline code, no eval.
 * Styles allow 'unsafe-inline' because Monaco, GraphiQL's editor, injects <style> elements at run time
 * with no nonce; its fonts and icons are data: URLs in the style sheet; its workers are our files.
 */
export const HTML_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * On every response: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and a
 * `Cache-Control` — `no-store` for errors and anything that did not choose one (GraphQL results, /health,
 * /ready), `no-cache` for HTML pages. HTML pages also get the CSP above and cannot be framed.
 */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      const { headers } = response;
      headers.set('x-content-type-options', 'nosniff');
      headers.set('referrer-policy', 'no-referrer');
      // CORS answers depend on the Origin (with a CORS_ORIGIN list, unlisted origins get no CORS headers).
      if (!/\borigin\b/i.test(headers.get('vary') ?? '')) headers.append('vary', 'Origin');
      const html = /^text\/html\b/i.test(headers.get('content-type') ?? '');
      if (html) {
        headers.set('content-security-policy', HTML_CONTENT_SECURITY_POLICY);
        headers.set('x-frame-options', 'DENY');
      }
      if (response.status >= 400) headers.set('cache-control', 'no-store');
      else if (!headers.has('cache-control')) headers.set('cache-control', html ? 'no-cache' : 'no-store');
    },
  };
}
