import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { ApiKeyCreated, ApiKeyCreateRequest, ApiKeyList } from '../types.js';

/** {@link ApiKeys}' calls, each answering a {@link RawResponse}. */
export class ApiKeysWithRawResponse {
  constructor(private readonly transport: Transport) {}

  create(key: ApiKeyCreateRequest, options?: RequestOptions): Promise<RawResponse<ApiKeyCreated>> {
    return this.transport.send({ operation: 'createApiKey', body: key, options });
  }

  list(options?: RequestOptions): Promise<RawResponse<ApiKeyList>> {
    return this.transport.send({ operation: 'listApiKeys', options });
  }

  revoke(keyId: string, options?: RequestOptions): Promise<RawResponse<void>> {
    return this.transport.send({ operation: 'revokeApiKey', path: { keyId }, options });
  }
}

/** Issuing, listing and revoking keys; needs an `admin` key. */
export class ApiKeys {
  readonly #raw: ApiKeysWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new ApiKeysWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id and rate limit. */
  withRawResponse(): ApiKeysWithRawResponse {
    return this.#raw;
  }

  /**
   * Issues a key; its secret `key` is in this answer only. Not retried after a dropped connection: the spec gives this
   * call no idempotency key, and a resend would issue a second key.
   */
  async create(key: ApiKeyCreateRequest, options?: RequestOptions): Promise<ApiKeyCreated> {
    return (await this.#raw.create(key, options)).value;
  }

  /** Every key of the caller's account, newest first, masked. */
  async list(options?: RequestOptions): Promise<ApiKeyList> {
    return (await this.#raw.list(options)).value;
  }

  /** Revokes a key for good; revoking a revoked key is a no-op. */
  async revoke(keyId: string, options?: RequestOptions): Promise<void> {
    await this.#raw.revoke(keyId, options);
  }
}
