import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BEARER_SCHEME, OPENAPI_JSON_PATH, OPENAPI_UI_PATH, PROBLEM_JSON } from '@customs-pulse/http';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** A parsed OpenAPI document: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpenApiDocument = any;

/** api.md's endpoint table, with `:param` written as OpenAPI writes it; `null`: public. */
const API_MD_ENDPOINTS: readonly (readonly [method: string, path: string, role: string | null])[] = [
  ['post', '/api/events', 'ingest'],
  ['get', '/api/kpis', 'operator'],
  ['get', '/api/kpis/{id}/series', 'operator'],
  ['get', '/api/kpis/{id}/current', 'operator'],
  ['get', '/api/kpis/current', 'operator'],
  ['get', '/api/kpis/current/offices', 'operator'],
  ['put', '/api/kpis/{id}/thresholds', 'admin'],
  ['get', '/api/declarations/{id}', 'operator'],
  ['get', '/api/alerts', 'risk'],
  ['post', '/api/alerts/{id}/acknowledge', 'risk'],
  ['get', '/api/quality', 'operator'],
  ['get', '/api/audit/streams/{subject}', 'auditor'],
  ['get', '/api/audit/verify', 'auditor'],
  ['get', '/health/live', null],
  ['get', '/health/ready', null],
  ['get', '/metrics', null],
];
const PROTECTED = API_MD_ENDPOINTS.filter(([, , role]) => role !== null);
/** Every JSON route: `/metrics` answers in the Prometheus text format instead (its own test below). */
const DESCRIBED_HERE = API_MD_ENDPOINTS.filter(([, path]) => path !== '/metrics');

let standalone: AppUnderTest;
let document: OpenApiDocument;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'openapi-e2e' });
  const response = await fetch(`${standalone.baseUrl}${OPENAPI_JSON_PATH}`);
  expect(response.status).toBe(200);
  document = await response.json();
});

afterAll(() => standalone?.close());

function operation(method: string, path: string): OpenApiDocument {
  return document.paths[path]?.[method];
}

describe(`the OpenAPI document (${OPENAPI_JSON_PATH})`, () => {
  it('is OpenAPI 3.1, public, and declares the bearer JWT scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Customs Pulse API');
    expect(document.components.securitySchemes[BEARER_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it.each(API_MD_ENDPOINTS)('holds %s %s of api.md', (method, path) => {
    expect(operation(method, path)).toBeDefined();
  });

  it.each(DESCRIBED_HERE)('describes %s %s with a summary and a JSON answer', (method, path) => {
    const { summary, responses } = operation(method, path);
    expect(summary).toEqual(expect.any(String));
    expect(responses['200'].content['application/json'].schema).toBeDefined();
  });

  it("describes the fields of readiness's KPI projection, alert judge and target plan status", () => {
    const { schemas } = document.components;
    expect(operation('get', '/health/ready').responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Readiness' });
    expect(schemas.Readiness.properties.kpiProjection).toMatchObject({ allOf: [{ $ref: '#/components/schemas/KpiProjectionReadiness' }] });
    expect(schemas.Readiness.properties.alertRules).toMatchObject({ allOf: [{ $ref: '#/components/schemas/AlertRulesReadiness' }] });
    expect(schemas.Readiness.properties.targets).toMatchObject({ allOf: [{ $ref: '#/components/schemas/TargetsReadiness' }] });
    expect(Object.keys(schemas.TargetsReadiness.properties).sort()).toEqual(['consecutiveFailures', 'error', 'loaded', 'ready']);
    const kpiProjection = schemas.KpiProjectionReadiness;
    expect(Object.keys(kpiProjection.properties).sort()).toEqual(
      ['caughtUp', 'committedPosition', 'consecutiveFailures', 'error', 'failing', 'lagSeconds', 'maxLagSeconds', 'position', 'ready', 'restoring'],
    );
    expect(kpiProjection.required.sort()).toEqual(['caughtUp', 'committedPosition', 'consecutiveFailures', 'failing', 'lagSeconds', 'maxLagSeconds', 'position', 'ready', 'restoring']);
    expect(kpiProjection.properties).toMatchObject({
      ready: { type: 'boolean' },
      position: { type: 'integer' },
      caughtUp: { type: 'boolean' },
      restoring: { type: 'boolean' },
      failing: { type: 'boolean' },
      consecutiveFailures: { type: 'integer' },
      maxLagSeconds: { type: 'number' },
      error: { type: 'string' },
    });
    expect(JSON.stringify(kpiProjection.properties.lagSeconds)).toMatch(/null/);
    expect(Object.keys(schemas.AlertRulesReadiness.properties).sort()).toEqual(['consecutiveFailures', 'error', 'failing', 'ready']);
  });

  it('describes GET /metrics as public Prometheus text', () => {
    const { summary, security, responses } = operation('get', '/metrics');
    expect(summary).toEqual(expect.any(String));
    expect(security).toBeUndefined();
    expect(Object.keys(responses['200'].content)).toEqual(['text/plain; version=0.0.4; charset=utf-8']);
  });

  it.each(PROTECTED)('%s %s requires a bearer token granting %s, and documents 401 and 403', (method, path, role) => {
    const { security, responses } = operation(method, path);
    expect(security).toEqual([{ [BEARER_SCHEME]: [role] }]);
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['401', '403']));
  });

  it.each(['/api/kpis/current', '/api/kpis/{id}/series', '/api/kpis/{id}/current', '/api/declarations/{id}', '/api/quality'])(
    'GET %s documents 503 while the read model is being rebuilt',
    (path) => {
      expect(operation('get', path).responses['503'].description).toContain('being rebuilt');
    },
  );

  it.each(API_MD_ENDPOINTS.filter(([, , role]) => role === null))('%s %s is public', (method, path) => {
    expect(operation(method, path).security ?? []).toEqual([]);
  });

  it('documents every error answer as application/problem+json problem details', () => {
    const errors = Object.values<OpenApiDocument>(document.paths)
      .flatMap((item) => Object.values<OpenApiDocument>(item))
      .flatMap(({ responses }) => Object.entries<OpenApiDocument>(responses).filter(([status]) => Number(status) >= 400));
    expect(errors.length).toBeGreaterThan(0);
    for (const [, response] of errors) {
      expect(Object.keys(response.content)).toEqual([PROBLEM_JSON]);
      expect(response.content[PROBLEM_JSON].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    }
    expect(Object.keys(document.components.schemas.ProblemDetails.properties)).toEqual(['type', 'title', 'status', 'detail', 'errors']);
  });

  it('documents each path parameter of every route', () => {
    for (const [path, item] of Object.entries<OpenApiDocument>(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const { parameters } of Object.values<OpenApiDocument>(item)) {
        const inPath = parameters.filter((parameter: OpenApiDocument) => parameter.in === 'path').map(({ name }: OpenApiDocument) => name);
        expect(inPath.sort()).toEqual(names.sort());
      }
    }
  });

  it('lists the query parameters of the series endpoint, all optional, asOf naming the auditor', () => {
    const parameters: OpenApiDocument[] = operation('get', '/api/kpis/{id}/series').parameters.filter(({ in: where }: OpenApiDocument) => where === 'query');
    const byName = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter]));
    expect(Object.keys(byName).sort()).toEqual(['asOf', 'category', 'from', 'granularity', 'office', 'regime', 'to', 'transportMode']);
    expect(parameters.every(({ required }) => required === false)).toBe(true);
    expect(byName['granularity'].schema.enum).toEqual(['hour', 'day']);
    expect(byName['from'].schema.format).toBe('date-time');
    expect(byName['regime'].schema.enum).toEqual(['IMPORT', 'EXPORT', 'TRANSIT']);
    expect(byName['asOf'].description).toContain('auditor');
  });

  it('documents the body of POST /api/events as one CloudEvent or an array of 1 to 1,000', () => {
    const { requestBody } = operation('post', '/api/events');
    const cloudEvent = { $ref: '#/components/schemas/CloudEvent' };
    expect(requestBody.required).toBe(true);
    expect(requestBody.content['application/json'].schema.oneOf).toEqual([cloudEvent, { type: 'array', minItems: 1, maxItems: 1000, items: cloudEvent }]);
    expect(document.components.schemas.CloudEvent.required).toEqual(['specversion', 'id', 'source', 'type', 'subject', 'time', 'data']);
    expect(Object.keys(operation('post', '/api/events').responses)).toEqual(expect.arrayContaining(['400', '413']));
  });

  it('documents the bodies of the threshold change and the acknowledgement', () => {
    expect(operation('put', '/api/kpis/{id}/thresholds').requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/KpiThresholds' });
    expect(operation('post', '/api/alerts/{id}/acknowledge').requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Acknowledgement' });
  });
});

describe(`the Swagger UI (${OPENAPI_UI_PATH})`, () => {
  it('serves the UI page, without a token, with its assets', async () => {
    const page = await fetch(`${standalone.baseUrl}${OPENAPI_UI_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const script = await fetch(`${standalone.baseUrl}${OPENAPI_UI_PATH}/swagger-ui-init.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('Customs Pulse API');
    const bundle = await fetch(`${standalone.baseUrl}${OPENAPI_UI_PATH}/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.body?.cancel();
  });
});
