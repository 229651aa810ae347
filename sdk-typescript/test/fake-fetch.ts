import { Hokusai, type HokusaiOptions } from '../src/index.js';

/** One request as it reached the fake server. */
export interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: unknown;
}

type Answer = Response | Error | ((sent: Sent, signal: AbortSignal | undefined) => Response | Promise<Response>);

/**
 * A `fetch` that answers from a queue (the last answer repeats when the queue runs out) and records every request.
 */
export class FakeFetch {
  readonly sent: Sent[] = [];
  private readonly answers: Answer[] = [];

  answer(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const sent: Sent = { method: init.method ?? 'GET', url: new URL(input), headers: new Headers(init.headers), body };
    this.sent.push(sent);
    const next = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (next === undefined) throw new Error('the fake fetch has no answer');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(sent, init.signal ?? undefined);
    return next.clone();
  };

  get last(): Sent {
    const last = this.sent.at(-1);
    if (last === undefined) throw new Error('nothing was sent');
    return last;
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req_test', ...headers },
  });
}

export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: `https://api.hokus.ai/docs/errors.html#${code}`, title: code, status, detail: `${code} happened`, code, request_id: 'req_problem', ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': 'req_header', ...headers } },
  );
}

/** A client on the fake, whose waits are recorded instead of slept and whose jitter is `random`. */
export function clientFor(fake: FakeFetch, options: HokusaiOptions = {}): { client: Hokusai; waits: number[] } {
  const waits: number[] = [];
  const client = new Hokusai({
    apiKey: 'hk_test_key',
    baseUrl: 'http://hokusai.test',
    fetch: fake.fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    onWarning: () => undefined,
    ...options,
  });
  return { client, waits };
}

export const LEAD = {
  company_size: 1000,
  industry: 'Technology',
  engagement_score: 75,
  website_visits: 10,
  email_opens: 5,
  content_downloads: 3,
  demo_requested: true,
  budget_confirmed: false,
  decision_timeline: 'Q2 2025',
  title: 'VP of Engineering',
} as const;

export const SCORE = {
  lead_score: 82,
  conversion_probability: 0.82,
  recommendation: 'Hot',
  factors: ['Demo requested'],
  confidence: 0.64,
} as const;

export function predictResponse(predictions: unknown): Record<string, unknown> {
  return {
    model_id: 21,
    deployment_id: '6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21',
    model_version: '2.0.0',
    predictions,
    metadata: { api_version: '1.0.0', runtime: 'lscor-logistic', batch_size: 1, latency_ms: 0.4 },
    timestamp: '2026-11-27T09:00:00Z',
    inference_log_id: '0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c',
  };
}
