package ai.hokusai.contract.consumer;

import java.util.Map;

import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.internal.api.ApiKeysApi;
import ai.hokusai.sdk.internal.api.OutcomesApi;
import ai.hokusai.sdk.internal.api.UsageApi;
import ai.hokusai.sdk.internal.invoker.ApiClient;
import ai.hokusai.sdk.internal.invoker.ApiException;
import au.com.dius.pact.consumer.MockServer;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SDK as a consumer test drives it: the facade ({@code HokusaiClient}) for every operation it exposes, and the
 * SDK's generated client — the code the facade itself sends through — for the key, usage and outcome operations
 * that the facade does not expose yet.
 */
final class Clients {

    /** What a call answered, whichever of the two clients made it. */
    record Answer(int status, String code) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final HokusaiClient sdk;
    private final ApiClient generated;
    private final Map<String, String> authorization;

    Clients(MockServer server, String apiKey) {
        this.sdk = Contract.sdk(server, apiKey);
        this.generated = new ApiClient();
        this.generated.updateBaseUri(server.getUrl());
        this.authorization = Map.of("Authorization", "Bearer " + apiKey);
    }

    ApiKeysApi apiKeys() {
        return new ApiKeysApi(generated);
    }

    UsageApi usage() {
        return new UsageApi(generated);
    }

    OutcomesApi outcomes() {
        return new OutcomesApi(generated);
    }

    /** The bearer header the facade sends on every call; the generated client takes it per call. */
    Map<String, String> auth() {
        return authorization;
    }

    @FunctionalInterface
    interface Call {
        void send(Clients clients) throws Exception;
    }

    /** Makes the call and returns the refusal; a call that succeeds is a broken expectation. */
    Answer refusal(Call call) {
        try {
            call.send(this);
        } catch (HokusaiException e) {
            return new Answer(e.getStatusCode(), e.getCode());
        } catch (ApiException e) {
            return new Answer(e.getCode(), problemCode(e.getResponseBody()));
        } catch (Exception e) {
            throw new AssertionError("the call failed without an answer", e);
        }
        throw new AssertionError("the call succeeded; a refusal was expected");
    }

    private static String problemCode(String body) {
        try {
            return body == null ? null : JSON.readTree(body).path("code").asText(null);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
