/**
 * Per-app API metrics in the Prometheus text format: request counts, a latency histogram and
 * the Apdex score (satisfied ≤ T, tolerating ≤ 4T) that the platform's own performance
 * analysis reports per app.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Apdex target T, in seconds. */
export const APDEX_T = 0.1;

interface Series {
  count: number;
  sum: number;
  buckets: number[];
  satisfied: number;
  tolerating: number;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Series>();
  private readonly apps = new Map<string, { satisfied: number; tolerating: number; total: number }>();
  private readonly started = Date.now();

  observe(app: string, route: string, method: string, status: number, seconds: number): void {
    const key = JSON.stringify([app, route, method, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lkey = JSON.stringify([app, route]);
    const s = this.latency.get(lkey) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0), satisfied: 0, tolerating: 0 };
    s.count++;
    s.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]!++;
    });
    this.latency.set(lkey, s);
    const a = this.apps.get(app) ?? { satisfied: 0, tolerating: 0, total: 0 };
    a.total++;
    // Server errors count as frustrated whatever their speed.
    if (status < 500 && seconds <= APDEX_T) a.satisfied++;
    else if (status < 500 && seconds <= 4 * APDEX_T) a.tolerating++;
    this.apps.set(app, a);
  }

  render(): string {
    const out: string[] = [];
    out.push('# HELP netpad_http_requests_total API requests by app, route, method and status.');
    out.push('# TYPE netpad_http_requests_total counter');
    for (const [key, n] of this.requests) {
      const [app, route, method, status] = JSON.parse(key) as string[];
      out.push(`netpad_http_requests_total{app="${label(app!)}",route="${label(route!)}",method="${method}",status="${status}"} ${n}`);
    }
    out.push('# HELP netpad_http_request_duration_seconds API request latency by app and route.');
    out.push('# TYPE netpad_http_request_duration_seconds histogram');
    for (const [key, s] of this.latency) {
      const [app, route] = (JSON.parse(key) as string[]).map((v) => label(v));
      BUCKETS.forEach((b, i) => out.push(`netpad_http_request_duration_seconds_bucket{app="${app}",route="${route}",le="${b}"} ${s.buckets[i]}`));
      out.push(`netpad_http_request_duration_seconds_bucket{app="${app}",route="${route}",le="+Inf"} ${s.count}`);
      out.push(`netpad_http_request_duration_seconds_sum{app="${app}",route="${route}"} ${s.sum.toFixed(6)}`);
      out.push(`netpad_http_request_duration_seconds_count{app="${app}",route="${route}"} ${s.count}`);
    }
    out.push(`# HELP netpad_apdex_score Apdex per app (T = ${APDEX_T}s): (satisfied + tolerating / 2) / total.`);
    out.push('# TYPE netpad_apdex_score gauge');
    for (const [app, a] of this.apps) out.push(`netpad_apdex_score{app="${label(app)}"} ${((a.satisfied + a.tolerating / 2) / a.total).toFixed(4)}`);
    out.push('# HELP netpad_uptime_seconds Seconds since the platform started.');
    out.push('# TYPE netpad_uptime_seconds gauge');
    out.push(`netpad_uptime_seconds ${((Date.now() - this.started) / 1000).toFixed(0)}`);
    return `${out.join('\n')}\n`;
  }
}
