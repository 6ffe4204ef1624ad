import type { IncomingMessage, Server, ServerResponse } from 'node:http';

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
 * Sets {@link SECURITY_HEADERS} on every answer of `server` before anything answers: Express's (routes, error answers,
 * whose problem filter keeps headers already set, the dashboard's static files, the OpenAPI pages) and socket.io's,
 * which handles its own paths ahead of Express (engine.io's long-polling answers, its handshake, its refusals). Call it
 * after socket.io is attached: engine.io moves the request listeners it finds behind its own. Headers set here are
 * merged into whatever `writeHead` adds later.
 */
export function sendSecurityHeaders(server: Pick<Server, 'prependListener'>): void {
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  });
}
