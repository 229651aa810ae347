package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.api.AccountsApi;
import ai.hokusai.sdk.model.Account;
import ai.hokusai.sdk.model.Credential;
import ai.hokusai.sdk.model.HuggingFaceCredentialRequest;
import java.util.Objects;
import java.util.UUID;

/**
 * Accounts: who owns keys, models, credentials and usage. Every key reads its own account; the platform operator's
 * {@code platform:admin} keys create accounts and read any of them. An {@code admin} key stores the Hugging Face token
 * its account's {@code hf://} deployments are fetched with.
 */
public final class AccountService {

    private final WithRawResponse raw;

    AccountService(Transport transport) {
        this.raw = new WithRawResponse(transport);
    }

    /** The same calls, answering the value with its request id, rate limit and deprecation notice. */
    public WithRawResponse withRawResponse() {
        return raw;
    }

    /** The account the calling key belongs to (scope {@code models:read}). */
    public Account retrieve() {
        return raw.retrieve().getValue();
    }

    public Account retrieve(RequestOptions options) {
        return raw.retrieve(options).getValue();
    }

    /** Any account, by id (scope {@code platform:admin}); an unknown id is {@code 404 account_not_found}. */
    public Account retrieve(UUID accountId) {
        return raw.retrieve(accountId).getValue();
    }

    public Account retrieve(UUID accountId, RequestOptions options) {
        return raw.retrieve(accountId, options).getValue();
    }

    /**
     * Creates an account (scope {@code platform:admin}); issue its first key with
     * {@link ApiKeyCreateParams.Builder#accountId}. Not retried after a dropped connection: the spec gives this call no
     * idempotency key, so a resend could find the slug taken by the first attempt.
     */
    public Account create(AccountCreateParams params) {
        return raw.create(params).getValue();
    }

    public Account create(AccountCreateParams params, RequestOptions options) {
        return raw.create(params, options).getValue();
    }

    /**
     * Stores the Hugging Face Hub token the account's {@code hf://} deployments are fetched with, replacing any earlier
     * one (scope {@code admin}). The server keeps it encrypted and never returns it; the SDK never logs it or puts it
     * in an exception message. A server without a secrets key answers {@code 503 credentials_unavailable}.
     *
     * @return the stored credential, without its token
     */
    public Credential setHuggingFaceToken(String token) {
        return raw.setHuggingFaceToken(token).getValue();
    }

    public Credential setHuggingFaceToken(String token, RequestOptions options) {
        return raw.setHuggingFaceToken(token, options).getValue();
    }

    /**
     * Removes the stored Hugging Face token (scope {@code admin}); the account's later {@code hf://} deployments read
     * public repositories only. Removing a token that is not there is a no-op.
     */
    public void deleteHuggingFaceToken() {
        raw.deleteHuggingFaceToken();
    }

    public void deleteHuggingFaceToken(RequestOptions options) {
        raw.deleteHuggingFaceToken(options);
    }

    /** {@link AccountService}'s calls, each answering a {@link RawResponse}. */
    public static final class WithRawResponse {

        private final Transport transport;

        private WithRawResponse(Transport transport) {
            this.transport = transport;
        }

        public RawResponse<Account> retrieve() {
            return retrieve(RequestOptions.none());
        }

        public RawResponse<Account> retrieve(RequestOptions options) {
            return transport.send(
                    Operation.GET_OWN_ACCOUNT,
                    options,
                    (client, headers, requestId) ->
                            new AccountsApi(client).getOwnAccountWithHttpInfo(requestId, headers));
        }

        public RawResponse<Account> retrieve(UUID accountId) {
            return retrieve(accountId, RequestOptions.none());
        }

        public RawResponse<Account> retrieve(UUID accountId, RequestOptions options) {
            Objects.requireNonNull(accountId, "accountId");
            return transport.send(
                    Operation.GET_ACCOUNT,
                    options,
                    (client, headers, requestId) ->
                            new AccountsApi(client).getAccountWithHttpInfo(accountId, requestId, headers));
        }

        public RawResponse<Account> create(AccountCreateParams params) {
            return create(params, RequestOptions.none());
        }

        public RawResponse<Account> create(AccountCreateParams params, RequestOptions options) {
            Objects.requireNonNull(params, "params");
            return transport.send(
                    Operation.CREATE_ACCOUNT,
                    options,
                    (client, headers, requestId) ->
                            new AccountsApi(client).createAccountWithHttpInfo(params.toRequest(), requestId, headers));
        }

        public RawResponse<Credential> setHuggingFaceToken(String token) {
            return setHuggingFaceToken(token, RequestOptions.none());
        }

        public RawResponse<Credential> setHuggingFaceToken(String token, RequestOptions options) {
            // The messages name the parameter, never its value: a token must not reach a log through an exception.
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            return transport.send(
                    Operation.SET_HUGGING_FACE_CREDENTIAL,
                    options,
                    (client, headers, requestId) -> new AccountsApi(client)
                            .setHuggingFaceCredentialWithHttpInfo(
                                    new HuggingFaceCredentialRequest().token(token), requestId, headers));
        }

        public RawResponse<Void> deleteHuggingFaceToken() {
            return deleteHuggingFaceToken(RequestOptions.none());
        }

        public RawResponse<Void> deleteHuggingFaceToken(RequestOptions options) {
            return transport.send(
                    Operation.DELETE_HUGGING_FACE_CREDENTIAL,
                    options,
                    (client, headers, requestId) ->
                            new AccountsApi(client).deleteHuggingFaceCredentialWithHttpInfo(requestId, headers));
        }
    }
}
