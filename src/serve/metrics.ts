/**
 * `GET /metrics` in the Prometheus text format (version 0.0.4): files checked by verdict, findings by
 * code, request latency as a histogram, requests in flight. Counters only grow; nothing about a file's
 * contents is kept.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  private files = new Map<string, number>();
  private findings = new Map<string, number>();
  private requests = new Map<string, number>();
  private buckets = BUCKETS.map(() => 0);
  private count = 0;
  private sum = 0;
  inFlight = 0;

  file(status: string, codes: string[]): void {
    this.files.set(status, (this.files.get(status) ?? 0) + 1);
    for (const c of codes) this.findings.set(c, (this.findings.get(c) ?? 0) + 1);
  }

  request(route: string, status: number, seconds: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.count++;
    this.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.buckets[i]!++;
    });
  }

  text(): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, values: Map<string, number>, label: string): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [k, v] of values) lines.push(label ? `${name}{${label}="${k}"} ${v}` : `${name} ${v}`);
    };
    counter('tiss_files_checked_total', 'Arquivos conferidos, por veredito.', this.files, 'status');
    counter('tiss_findings_total', 'Achados, por código.', this.findings, 'code');
    lines.push('# HELP tiss_http_requests_total Requisições, por rota e status.', '# TYPE tiss_http_requests_total counter');
    for (const [k, v] of this.requests) lines.push(`tiss_http_requests_total{${k}} ${v}`);
    lines.push('# HELP tiss_http_request_duration_seconds Latência das requisições.', '# TYPE tiss_http_request_duration_seconds histogram');
    BUCKETS.forEach((b, i) => lines.push(`tiss_http_request_duration_seconds_bucket{le="${b}"} ${this.buckets[i]}`));
    lines.push(`tiss_http_request_duration_seconds_bucket{le="+Inf"} ${this.count}`, `tiss_http_request_duration_seconds_sum ${this.sum}`, `tiss_http_request_duration_seconds_count ${this.count}`);
    lines.push('# HELP tiss_http_requests_in_flight Requisições em andamento.', '# TYPE tiss_http_requests_in_flight gauge', `tiss_http_requests_in_flight ${this.inFlight}`);
    return `${lines.join('\n')}\n`;
  }
}
