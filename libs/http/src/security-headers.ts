import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The security headers of every HTTP answer (api.md): no MIME sniffing of JSON or problem+json into something a
 * browser would run, no framing of the dashboard by another site (clickjacking), and no URL, which may carry
 * a subject or a query, leaked to another site in `Referer`.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Middleware setting {@link SECURITY_HEADERS} before anything answers: routes, error answers (the problem filter
 * keeps headers already set), the dashboard's static files and the OpenAPI pages alike.
 */
export function securityHeaders(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  next();
}
