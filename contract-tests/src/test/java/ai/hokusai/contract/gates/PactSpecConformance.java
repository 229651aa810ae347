package ai.hokusai.contract.gates;

import ai.hokusai.contract.gates.RecordedInteractions.Recorded;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pacts within the spec: every recorded interaction, request and response, must be one the OpenAPI document allows.
 * A consumer expectation the spec does not describe (an undocumented route, a field of another type, a status the
 * operation does not list) is a finding.
 *
 * <p>A few interactions exist to provoke a documented error with a request the spec rejects on purpose (the wrong
 * method, the wrong content type, a malformed parameter). For those, and only those, the validator's one
 * request-level finding is expected; see {@link #ALLOWANCES}. The response must still be exactly the documented
 * problem, so nothing else slips through with them.
 */
public final class PactSpecConformance {

    /** A request-level finding that is the point of an interaction whose response is the documented problem. */
    record Allowance(String keyPrefix, int status, String code, String why) {}

    static final List<Allowance> ALLOWANCES = List.of(
            new Allowance(
                    "validation.request.operation.notAllowed",
                    405,
                    "method_not_allowed",
                    "a client calls a route with a method it does not take; the answer must carry Allow"),
            new Allowance(
                    "validation.request.contentType.notAllowed",
                    415,
                    "unsupported_media_type",
                    "a client sends a body that is not JSON"),
            new Allowance(
                    "validation.request.parameter.",
                    400,
                    "invalid_parameter",
                    "a client sends a path, query or header parameter that breaks its schema"),
            new Allowance(
                    "validation.request.body.schema.",
                    422,
                    "invalid_request",
                    "a client sends a JSON body that breaks the request schema"),
            new Allowance(
                    "validation.request.accept.notAllowed",
                    406,
                    "not_acceptable",
                    "a client's Accept header rules out every media type the operation answers with"));

    /** One interaction the spec does not allow, with the validator's (or this gate's) reason. */
    public record Finding(Recorded interaction, String key, String message) {

        @Override
        public String toString() {
            return interaction + ": [" + key + "] " + message;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiInteractionValidator validator;

    public PactSpecConformance(String specText) {
        // The validator treats every object as closed (no properties beyond those documented), which is the point;
        // merging allOf parts first keeps a composed schema (ApiKeyCreated = ApiKey + key) satisfiable under it.
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(specText)
                .withResolveCombinators(true)
                .build();
    }

    public static PactSpecConformance of(Path specFile) {
        try {
            return new PactSpecConformance(Files.readString(specFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Finding> check(List<Recorded> interactions) {
        List<Finding> findings = new ArrayList<>();
        interactions.forEach(interaction -> findings.addAll(check(interaction)));
        return findings;
    }

    public List<Finding> check(Recorded interaction) {
        Request request = PactRequest.of(interaction.request());
        Response response = PactResponse.of(interaction.response());
        List<Finding> findings = new ArrayList<>();
        for (ValidationReport.Message message :
                validator.validate(request, response).getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            List<Allowance> candidates = ALLOWANCES.stream()
                    .filter(a -> message.getKey().startsWith(a.keyPrefix()))
                    .toList();
            Optional<Allowance> allowance = candidates.stream()
                    .filter(a -> a.status() == response.getStatus())
                    .findFirst()
                    .or(() -> candidates.stream().findFirst());
            if (allowance.isEmpty()) {
                findings.add(new Finding(interaction, message.getKey(), describe(message)));
            } else {
                findings.addAll(provokedError(interaction, allowance.get(), request, response, message));
            }
        }
        return findings;
    }

    /** The request is wrong on purpose; the answer must be exactly the documented problem for it. */
    private List<Finding> provokedError(
            Recorded interaction,
            Allowance allowance,
            Request request,
            Response response,
            ValidationReport.Message message) {
        List<Finding> findings = new ArrayList<>();
        String why = "allowed only when " + allowance.why() + ": " + message.getMessage();
        if (response.getStatus() != allowance.status()) {
            findings.add(new Finding(
                    interaction,
                    message.getKey(),
                    "the response is " + response.getStatus() + ", not the documented " + allowance.status() + "; "
                            + why));
        }
        String code = problemCode(interaction);
        if (!allowance.code().equals(code)) {
            findings.add(new Finding(
                    interaction,
                    message.getKey(),
                    "the response's problem code is " + code + ", not " + allowance.code() + "; " + why));
        }
        if (allowance.status() == 405) {
            findings.addAll(methodNotAllowed(interaction, request, response));
        }
        return findings;
    }

    /**
     * With no operation for the request's method, the validator cannot check the answer; check it against the 405
     * that the route's operations document, for each method {@code Allow} names.
     */
    private List<Finding> methodNotAllowed(Recorded interaction, Request request, Response response) {
        List<Finding> findings = new ArrayList<>();
        List<String> allow = response.getHeaderValues("Allow").stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (allow.isEmpty()) {
            findings.add(new Finding(
                    interaction,
                    "hokusai.response.header.allow.missing",
                    "a 405 must say which methods the route takes in an Allow header"));
        }
        for (String method : allow) {
            Request.Method allowed;
            try {
                allowed = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                findings.add(
                        new Finding(interaction, "hokusai.response.header.allow.invalid", "Allow names " + method));
                continue;
            }
            for (ValidationReport.Message m : validator
                    .validateResponse(request.getPath(), allowed, response)
                    .getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    findings.add(new Finding(
                            interaction,
                            m.getKey(),
                            "as the 405 of " + method + " " + request.getPath() + ": " + m.getMessage()));
                }
            }
        }
        return findings;
    }

    /** The message with the reasons nested under it (an allOf failure names its parts' failures there). */
    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getMessage());
        for (ValidationReport.Message nested : message.getNestedMessages()) {
            text.append("\n      - ").append(describe(nested).replace("\n", "\n  "));
        }
        return text.toString();
    }

    private static String problemCode(Recorded interaction) {
        if (!interaction.response().getBody().isPresent()) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(interaction.response().getBody().valueAsString());
            // The OpenAI-compatible routes carry the same code in OpenAI's error shape.
            if (interaction.request().getPath().startsWith("/api/openai/")) {
                body = body.path("error");
            }
            return body.path("code").isTextual() ? body.path("code").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
