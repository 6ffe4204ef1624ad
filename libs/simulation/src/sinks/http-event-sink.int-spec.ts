import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DeliveryRefusedError } from './event-sink.port.js';
import { HttpEventSink } from './http-event-sink.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server | undefined;

/** A local HTTP server answering each request with the next handler; resolves its base URL. */
async function serve(...handlers: Handler[]): Promise<{ url: string; requests: { authorization?: string; body: string }[] }> {
  const requests: { authorization?: string; body: string }[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({ ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}), body });
      handlers[Math.min(requests.length, handlers.length) - 1]!(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const answer = (status: number, body: unknown): Handler => (_request, _body, response) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const events = [{ specversion: '1.0', id: 'e-1' }, { specversion: '1.0', id: 'e-2' }];

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('HttpEventSink', () => {
  it('posts the batch as a JSON array with the bearer token and reports ingest’s answer', async () => {
    const { url, requests } = await serve(answer(200, { accepted: 1, duplicates: 0, rejected: [{ index: 1, errors: [] }] }));

    const receipt = await new HttpEventSink({ url, token: 'T' }).send(events, new AbortController().signal);

    expect(receipt).toEqual({ accepted: 1, duplicates: 0, rejected: 1 });
    expect(requests).toEqual([{ authorization: 'Bearer T', body: JSON.stringify(events) }]);
  });

  it('retries while the app answers 503, then delivers the same batch', async () => {
    const { url, requests } = await serve(answer(503, {}), answer(503, {}), answer(200, { accepted: 2, duplicates: 0, rejected: [] }));
    const warnings: string[] = [];

    const receipt = await new HttpEventSink({ url, token: 'T', logger: { log: () => {}, warn: (message) => warnings.push(message) } }).send(
      events,
      new AbortController().signal,
    );

    expect(receipt.accepted).toBe(2);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map(({ body }) => body)).size).toBe(1);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/answered 503; retrying in 250 ms/);
  });

  it('gives up at once when the app refuses the token', async () => {
    const { url } = await serve(answer(401, { title: 'Unauthorized' }));

    await expect(new HttpEventSink({ url, token: 'expired' }).send(events, new AbortController().signal)).rejects.toThrow(DeliveryRefusedError);
  });

  it('stops retrying when aborted', async () => {
    const { url } = await serve(answer(503, {}));
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);

    await expect(new HttpEventSink({ url, token: 'T' }).send(events, stop.signal)).rejects.toThrow();
    expect(stop.signal.aborted).toBe(true);
  });
});
