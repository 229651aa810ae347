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
 * example. A sample whose example names something only another server has answers the documented 404 with its code
 * instead, which still proves the request well-formed (a malformed one gets 400 or 422 first).
 *
 * @param status       the HTTP status the sample must answer
 * @param example      the response example it must answer value by value, if reproducible
 * @param notFoundCode the problem code of the expected 404, when the example names what a fresh server lacks
 */
record SampleExpectation(int status, Optional<ResponseExamples.Case> example, String notFoundCode) {

    /** Operations whose examples name what a fresh server does not have, with the 404 code that answers them. */
    static final Map<String, String> NAMES_WHAT_A_FRESH_SERVER_LACKS = Map.of(
            "revokeApiKey", "api_key_not_found",      // the example keyId is a key issued on another server
            "reportOutcome", "inference_log_not_found"); // the example inference_log_id is another server's prediction

    private static final Pattern BODY = Pattern.compile("(?s).*-d '(.*)'\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static SampleExpectation of(ReferenceSamples.Sample sample, ResponseExamples examples, JsonNode publishedSpec) {
        String notFound = NAMES_WHAT_A_FRESH_SERVER_LACKS.get(sample.operationId());
        if (notFound != null) {
            return new SampleExpectation(404, Optional.empty(), notFound);
        }
        Optional<ResponseExamples.Case> example = matchingCase(examples, sample);
        int status = example.map(c -> Integer.parseInt(c.status())).orElseGet(() -> firstSuccess(publishedSpec, sample));
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
        JsonNode responses = spec.path("paths").path(sample.path()).path(sample.method().toLowerCase()).path("responses");
        for (Iterator<String> statuses = responses.fieldNames(); statuses.hasNext(); ) {
            String status = statuses.next();
            if (status.startsWith("2")) return Integer.parseInt(status);
        }
        throw new IllegalStateException(sample + ": the operation documents no success");
    }
}
