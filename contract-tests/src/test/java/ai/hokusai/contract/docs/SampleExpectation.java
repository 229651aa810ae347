package ai.hokusai.contract.docs;

import ai.hokusai.contract.gates.ResponseExamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request sample of the reference must answer when pasted against a fresh server: its operation's documented
 * success and, where the spec's response example for that request is reproducible ({@link ResponseExamples}), that
 * example. A sample whose example a fresh server must refuse (it names something only another server has, or the
 * one deployment a fresh server cannot retire) answers that documented refusal with its code instead, which still
 * proves the request well-formed (a malformed one gets 400 or 422 first).
 *
 * @param status      the HTTP status the sample must answer
 * @param example     the response example it must answer value by value, if reproducible
 * @param refusalCode the problem code of the expected refusal, when a fresh server must refuse the example
 */
record SampleExpectation(int status, Optional<ResponseExamples.Case> example, String refusalCode) {

    /** A documented refusal: its status and problem code. */
    record Refusal(int status, String code) {}

    /** Operations whose examples a fresh server must refuse, with the documented refusal that answers them. */
    static final Map<String, Refusal> REFUSED_BY_A_FRESH_SERVER = Map.of(
            // the example keyId is a key issued on another server
            "revokeApiKey", new Refusal(404, "api_key_not_found"),
            // the example inference_log_id is another server's prediction
            "reportOutcome", new Refusal(404, "inference_log_not_found"),
            // the example deployment is model 21's live one, which cannot be retired while it is active
            "retireDeployment", new Refusal(409, "deployment_active"),
            // the example accountId is an account created on another server
            "getAccount", new Refusal(404, "account_not_found"),
            // the example model minilm-embed is an embedding model deployed on another server
            "createOpenAiEmbeddings", new Refusal(404, "model_not_found"),
            "getOpenAiModel", new Refusal(404, "model_not_found"));

    private static final Pattern BODY = Pattern.compile("(?s).*-d '(.*)'\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static SampleExpectation of(ReferenceSamples.Sample sample, ResponseExamples examples, JsonNode publishedSpec) {
        Refusal refusal = REFUSED_BY_A_FRESH_SERVER.get(sample.operationId());
        if (refusal != null) {
            return new SampleExpectation(refusal.status(), Optional.empty(), refusal.code());
        }
        Optional<ResponseExamples.Case> example = matchingCase(examples, sample);
        int status =
                example.map(c -> Integer.parseInt(c.status())).orElseGet(() -> firstSuccess(publishedSpec, sample));
        return new SampleExpectation(status, example, null);
    }

    /** The spec's reproducible response example for the request a curl sample sends (by its body), if there is one. */
    static Optional<ResponseExamples.Case> matchingCase(ResponseExamples examples, ReferenceSamples.Sample sample) {
        Matcher body = BODY.matcher(sample.source());
        JsonNode sent;
        try {
            sent = body.matches() ? JSON.readTree(body.group(1)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(sample + ": its body is not JSON", e);
        }
        return examples.cases().stream()
                .filter(c -> c.operationId().equals(sample.operationId()))
                .filter(c -> sent == null ? c.requestBody() == null : sent.equals(c.requestBody()))
                .findFirst();
    }

    private static int firstSuccess(JsonNode spec, ReferenceSamples.Sample sample) {
        JsonNode responses = spec.path("paths")
                .path(sample.path())
                .path(sample.method().toLowerCase())
                .path("responses");
        for (Iterator<String> statuses = responses.fieldNames(); statuses.hasNext(); ) {
            String status = statuses.next();
            if (status.startsWith("2")) return Integer.parseInt(status);
        }
        throw new IllegalStateException(sample + ": the operation documents no success");
    }
}
