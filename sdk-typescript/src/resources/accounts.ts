import type { RawResponse } from '../headers.js';
import type { RequestOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { Account, AccountCreateRequest, Credential } from '../types.js';

/** {@link Accounts}' calls, each answering a {@link RawResponse}. */
export class AccountsWithRawResponse {
  constructor(private readonly transport: Transport) {}

  retrieve(options?: RequestOptions): Promise<RawResponse<Account>>;
  retrieve(accountId: string, options?: RequestOptions): Promise<RawResponse<Account>>;
  retrieve(accountIdOrOptions?: string | RequestOptions, options?: RequestOptions): Promise<RawResponse<Account>> {
    if (typeof accountIdOrOptions === 'string') {
      return this.transport.send({ operation: 'getAccount', path: { accountId: accountIdOrOptions }, options });
    }
    return this.transport.send({ operation: 'getOwnAccount', options: accountIdOrOptions });
  }

  create(account: AccountCreateRequest, options?: RequestOptions): Promise<RawResponse<Account>> {
    return this.transport.send({ operation: 'createAccount', body: account, options });
  }

  async setHuggingFaceToken(token: string, options?: RequestOptions): Promise<RawResponse<Credential>> {
    // The message names the parameter, never its value: a token must not reach a log through an error.
    if (typeof token !== 'string' || token.trim() === '') {
      throw new TypeError('token must not be blank');
    }
    return this.transport.send({ operation: 'setHuggingFaceCredential', body: { token }, options });
  }

  deleteHuggingFaceToken(options?: RequestOptions): Promise<RawResponse<void>> {
    return this.transport.send({ operation: 'deleteHuggingFaceCredential', options });
  }
}

/**
 * Accounts: who owns keys, models, credentials and usage. Every key reads its own account; the platform operator's
 * `platform:admin` keys create accounts and read any of them. An `admin` key stores the Hugging Face token its
 * account's `hf://` deployments are fetched with.
 */
export class Accounts {
  readonly #raw: AccountsWithRawResponse;

  constructor(transport: Transport) {
    this.#raw = new AccountsWithRawResponse(transport);
  }

  /** The same calls, answering the value with its status, headers, request id and rate limit. */
  withRawResponse(): AccountsWithRawResponse {
    return this.#raw;
  }

  /** The account the calling key belongs to (scope `models:read`). */
  retrieve(options?: RequestOptions): Promise<Account>;
  /** Any account, by id (scope `platform:admin`). */
  retrieve(accountId: string, options?: RequestOptions): Promise<Account>;
  async retrieve(accountIdOrOptions?: string | RequestOptions, options?: RequestOptions): Promise<Account> {
    const response =
      typeof accountIdOrOptions === 'string'
        ? await this.#raw.retrieve(accountIdOrOptions, options)
        : await this.#raw.retrieve(accountIdOrOptions);
    return response.value;
  }

  /** Creates an account (scope `platform:admin`). Not retried after a dropped connection (no idempotency key). */
  async create(account: AccountCreateRequest, options?: RequestOptions): Promise<Account> {
    return (await this.#raw.create(account, options)).value;
  }

  /** Stores the Hugging Face Hub token of the account's `hf://` deployments (scope `admin`); it is never returned. */
  async setHuggingFaceToken(token: string, options?: RequestOptions): Promise<Credential> {
    return (await this.#raw.setHuggingFaceToken(token, options)).value;
  }

  /** Removes the stored Hugging Face token (scope `admin`); removing a token that is not there is a no-op. */
  async deleteHuggingFaceToken(options?: RequestOptions): Promise<void> {
    await this.#raw.deleteHuggingFaceToken(options);
  }
}
