import { defaultWarn } from './deprecation-warnings.js';
import { DEFAULT_BASE_URL } from './generated/spec.js';
import type { HokusaiOptions } from './options.js';
import { Accounts } from './resources/accounts.js';
import { ApiKeys } from './resources/api-keys.js';
import { AuditEvents } from './resources/audit-events.js';
import { Deployments } from './resources/deployments.js';
import { Models } from './resources/models.js';
import { Outcomes } from './resources/outcomes.js';
import { Inference } from './resources/inference.js';
import { Predictions } from './resources/predictions.js';
import { System } from './resources/system.js';
import { Usage } from './resources/usage.js';
import { Embeddings } from './resources/embeddings.js';
import { sleep } from './retry.js';
import { Transport } from './transport.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

/**
 * The entry point of the Hokusai Model API. Make one per application and share it.
 *
 * ```ts
 * const client = new Hokusai({ apiKey: process.env.HOKUSAI_API_KEY });
 * const scored = await client.predictions.create('21', lead);
 * ```
 */
export class Hokusai {
  /** The production base URL: the first `servers` entry of the API's OpenAPI document. */
  static readonly DEFAULT_BASE_URL = DEFAULT_BASE_URL;

  /** The base URL every call goes to. */
  readonly baseUrl: string;
  readonly models: Models;
  readonly predictions: Predictions;
  readonly deployments: Deployments;
  /** Issuing, listing and revoking keys; needs an `admin` key. */
  readonly apiKeys: ApiKeys;
  readonly usage: Usage;
  readonly outcomes: Outcomes;
  /** Every model as named tensors, through the Open Inference Protocol (KServe v2) routes. */
  readonly inference: Inference;
  /** The server's index, probes and OpenAPI document. */
  readonly system: System;
  /** The caller's account, its Hugging Face token, and (for the platform operator) every account. */
  readonly accounts: Accounts;
  /** Who changed what, and when; needs an `admin` key. */
  readonly auditEvents: AuditEvents;
  /** Embeddings and embedding models through the OpenAI-compatible routes; needs a `predict` key. */
  readonly embeddings: Embeddings;

  constructor(options: HokusaiOptions = {}) {
    const apiKey = options.apiKey ?? environment('HOKUSAI_API_KEY');
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new TypeError("an API key is required: new Hokusai({ apiKey: 'hk_live_…' }) or HOKUSAI_API_KEY");
    }
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new RangeError(`maxRetries must be a whole number, 0 or more: ${maxRetries}`);
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    if (!(timeout > 0)) {
      throw new RangeError(`timeout must be positive: ${timeout}`);
    }
    const platformFetch = globalThis.fetch as typeof globalThis.fetch | undefined;
    const fetch = options.fetch ?? (platformFetch === undefined ? undefined : platformFetch.bind(globalThis));
    if (fetch === undefined) {
      throw new TypeError('no fetch: run on Node 20+ or pass one as new Hokusai({ fetch })');
    }
    const transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      maxRetries,
      timeout,
      fetch,
      sleep: options.sleep ?? sleep,
      random: options.random ?? Math.random,
      warn: options.onWarning ?? defaultWarn,
    });
    this.models = new Models(transport);
    this.predictions = new Predictions(transport);
    this.deployments = new Deployments(transport);
    this.apiKeys = new ApiKeys(transport);
    this.usage = new Usage(transport);
    this.embeddings = new Embeddings(transport);
    this.outcomes = new Outcomes(transport);
    this.inference = new Inference(transport);
    this.system = new System(transport);
    this.accounts = new Accounts(transport);
    this.auditEvents = new AuditEvents(transport);
  }
}

function environment(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an absolute http(s) URL: ${baseUrl}`);
  }
  // Paths are appended to it, so a trailing slash would double up.
  return baseUrl.replace(/\/+$/, '');
}
