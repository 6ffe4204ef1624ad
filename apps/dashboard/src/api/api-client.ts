import type { Alert, AlertStatus, AuditedEvent, ChainVerification, CurrentKpisByOffice, DeclarationReport, Granularity, KpiDefinition, KpiSeries, ReportPeriod, SliceFilters, StrategicTarget, TrsReport } from './api-types.js';

/** An answer other than 2xx, from its problem details (api.md: RFC 9457) where the server sent them. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The page's one way to the HTTP API: every request carries the signed-in token. */
export class ApiClient {
  constructor(private readonly token: string) {}

  /** `GET /api/kpis`: the catalogue. */
  kpis(): Promise<KpiDefinition[]> {
    return this.request('/api/kpis');
  }

  /** `GET /api/kpis/:id/series` over the server's default range (24 hours, or 30 days). */
  series(kpiId: string, granularity: Granularity, filters: SliceFilters): Promise<KpiSeries> {
    return this.request(`/api/kpis/${encodeURIComponent(kpiId)}/series?${query({ granularity, ...filters })}`);
  }

  /** `GET /api/kpis/current/offices`: the Offices view's rows. */
  currentByOffice(): Promise<CurrentKpisByOffice> {
    return this.request('/api/kpis/current/offices');
  }

  /** `GET /api/targets`: the strategic plan with each target's progress. */
  targets(): Promise<StrategicTarget[]> {
    return this.request('/api/targets');
  }

  /** `GET /api/reports/trs` over `period` under `filters`. */
  trsReport(period: ReportPeriod, filters: SliceFilters): Promise<TrsReport> {
    return this.request(`/api/reports/trs?${query({ ...period, ...filters })}`);
  }

  /** `GET /api/reports/trs?format=csv`: the same report as the API's CSV, as text. */
  trsReportCsv(period: ReportPeriod, filters: SliceFilters): Promise<string> {
    return this.request(`/api/reports/trs?${query({ ...period, ...filters, format: 'csv' })}`, { accept: 'text/csv' });
  }

  /** `GET /api/declarations/:id`. */
  declaration(id: string): Promise<DeclarationReport> {
    return this.request(`/api/declarations/${encodeURIComponent(id)}`);
  }

  /** `GET /api/alerts?status=`. */
  alerts(status: AlertStatus): Promise<Alert[]> {
    return this.request(`/api/alerts?${query({ status })}`);
  }

  /** `POST /api/alerts/:id/acknowledge`. */
  acknowledge(alertId: string, note?: string): Promise<unknown> {
    return this.request(`/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: note ? { note } : {} });
  }

  /** `GET /api/audit/streams/:subject`: a bare list, or one wrapped as `{events}`. */
  async auditStream(subject: string): Promise<AuditedEvent[]> {
    const answer = await this.request<AuditedEvent[] | { events: AuditedEvent[] }>(`/api/audit/streams/${encodeURIComponent(subject)}`);
    return Array.isArray(answer) ? answer : answer.events;
  }

  /** `GET /api/audit/verify`. */
  verifyChain(): Promise<ChainVerification> {
    return this.request('/api/audit/verify');
  }

  private async request<T>(path: string, options: { method?: string; body?: unknown; accept?: string } = {}): Promise<T> {
    const accept = options.accept ?? 'application/json';
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const text = await response.text();
    // Problems come as problem+json whatever was asked; anything else asked as text is answered as the text.
    if (response.ok && accept !== 'application/json') return text as T;
    const body: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) throw new ApiError(response.status, problemMessage(response, body));
    return body as T;
  }
}

function query(parameters: Readonly<Record<string, string | undefined>>): string {
  const defined = Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return new URLSearchParams(defined).toString();
}

function problemMessage(response: Response, body: unknown): string {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as { title?: unknown; detail?: unknown };
  const title = typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`;
  return typeof problem.detail === 'string' && problem.detail !== '' ? `${title}: ${problem.detail}` : title;
}
