package ai.hokusai.contract.consumer;

import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.exception.HokusaiException;
import au.com.dius.pact.consumer.MockServer;

/** The SDK's facade as a consumer test drives it, and the refusal a call met, whatever the call. */
final class Clients {

    /** The status and problem code a call was refused with. */
    record Answer(int status, String code) {}

    final HokusaiClient sdk;

    Clients(MockServer server, String apiKey) {
        this.sdk = Contract.sdk(server, apiKey);
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
        } catch (Exception e) {
            throw new AssertionError("the call failed without an answer", e);
        }
        throw new AssertionError("the call succeeded; a refusal was expected");
    }
}
