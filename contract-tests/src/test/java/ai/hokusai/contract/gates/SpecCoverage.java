package ai.hokusai.contract.gates;

import ai.hokusai.contract.gates.RecordedInteractions.Recorded;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The spec within the pacts: every operation of the spec, and every response status it documents, is exercised by
 * at least one recorded interaction, unless {@link #EXEMPTIONS} says why it cannot be.
 */
public final class SpecCoverage {

    /**
     * The statuses no honest provider state can provoke, with the reason. Every other documented status must have an
     * interaction; an exemption that an interaction covers after all is reported too, so this list cannot rot.
     */
    public static final Map<String, String> EXEMPTIONS = Map.ofEntries(
            Map.entry(
                    "500",
                    "no provider state can provoke an internal error without breaking the server on "
                            + "purpose; its body is the shared Problem schema that every other error interaction already "
                            + "holds to"),
            Map.entry(
                    "408",
                    "a body that stalls for the connection timeout (10 s) cannot be recorded as an "
                            + "interaction; the server's StalledClientsIT and HostileInputIT hold the answer"),
            Map.entry(
                    "createApiKey 413",
                    "a body over 1 MiB in the pact file to repeat what predict's 413 "
                            + "interaction shows: one filter refuses every oversized body, and the server's bad-input corpus "
                            + "proves it per operation"),
            Map.entry("reportOutcome 413", "as for createApiKey 413"),
            Map.entry("createModel 413", "as for createApiKey 413"),
            Map.entry("updateModel 413", "as for createApiKey 413"),
            Map.entry("createDeployment 413", "as for createApiKey 413"),
            Map.entry("setHuggingFaceCredential 413", "as for createApiKey 413"),
            Map.entry("createAccount 413", "as for createApiKey 413"),
            Map.entry("inferTensors 413", "as for createApiKey 413"),
            Map.entry("inferTensorsOfVersion 413", "as for createApiKey 413"),
            Map.entry(
                    "setHuggingFaceCredential 503",
                    "only a server on an external database with no secrets key "
                            + "configured answers it (the embedded default makes itself one); the provider verification's "
                            + "server must hold a key so that storing a token can be verified, and no provider state can take "
                            + "it from a running server. The server's CredentialServiceTest holds the refusal"),
            Map.entry(
                    "getLiveness 400",
                    "only a request no HTTP client sends as such provokes it (an undecodable "
                            + "query string, a malformed request line or header); the server's HostileInputIT and corpus "
                            + "prove the answer"),
            Map.entry("getReadiness 400", "as for getLiveness 400"),
            Map.entry("getOpenApiDocument 400", "as for getLiveness 400"),
            Map.entry("getApiIndex 400", "as for getLiveness 400"),
            Map.entry("getInferenceServerMetadata 400", "as for getLiveness 400"),
            Map.entry("getInferenceServerLive 400", "as for getLiveness 400"),
            Map.entry("getInferenceServerReady 400", "as for getLiveness 400"));

    /** One documented outcome: an operation and one of its response statuses. */
    public record Outcome(String operationId, String status) implements Comparable<Outcome> {

        @Override
        public int compareTo(Outcome other) {
            return Comparator.comparing(Outcome::operationId)
                    .thenComparing(Outcome::status)
                    .compare(this, other);
        }

        @Override
        public String toString() {
            return operationId + " " + status;
        }
    }

    /** What the pacts cover of the spec. */
    public record Report(
            SortedSet<Outcome> documented,
            SortedMap<Outcome, List<String>> covered,
            SortedSet<Outcome> exempted,
            SortedSet<Outcome> uncovered,
            SortedSet<Outcome> needlessExemptions) {

        public boolean passes() {
            return uncovered.isEmpty() && needlessExemptions.isEmpty();
        }

        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(
                    "Spec within pacts: %d of %d documented outcomes covered, %d exempt%n",
                    covered.size(), documented.size(), exempted.size()));
            EXEMPTIONS.forEach((outcome, why) -> text.append(outcome.contains(" ") ? "  exempt: " : "  exempt: every ")
                    .append(outcome)
                    .append(" - ")
                    .append(why)
                    .append('\n'));
            uncovered.forEach(o -> text.append("  UNCOVERED: ").append(o).append('\n'));
            needlessExemptions.forEach(o -> text.append("  EXEMPT BUT COVERED (drop the exemption): ")
                    .append(o)
                    .append('\n'));
            return text.toString();
        }
    }

    private record Route(String template, Pattern pattern, PathItem item, int parameters) {}

    private final List<Route> routes = new ArrayList<>();

    public SpecCoverage(OpenAPI spec) {
        spec.getPaths()
                .forEach((template, item) -> routes.add(new Route(
                        template,
                        Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")),
                        item,
                        template.split("\\{", -1).length - 1)));
    }

    public static SpecCoverage of(Path specFile) {
        OpenAPI spec = new OpenAPIV3Parser().read(specFile.toString());
        if (spec == null) {
            throw new IllegalStateException("Cannot read the spec " + specFile);
        }
        return new SpecCoverage(spec);
    }

    public static OpenAPI parse(Path specFile) {
        return new OpenAPIV3Parser().read(specFile.toString());
    }

    public Report check(List<Recorded> interactions) {
        SortedSet<Outcome> documented = new TreeSet<>();
        for (Route route : routes) {
            route.item()
                    .readOperationsMap()
                    .values()
                    .forEach(operation -> operation.getResponses().keySet().stream()
                            .filter(status -> !status.equals("default"))
                            .forEach(status -> documented.add(new Outcome(operation.getOperationId(), status))));
        }
        SortedMap<Outcome, List<String>> covered = new TreeMap<>();
        for (Recorded interaction : interactions) {
            for (Outcome outcome : outcomesOf(interaction)) {
                covered.computeIfAbsent(outcome, o -> new ArrayList<>()).add(interaction.description());
            }
        }
        covered.keySet().retainAll(documented);
        SortedSet<Outcome> exempted = new TreeSet<>();
        SortedSet<Outcome> uncovered = new TreeSet<>();
        SortedSet<Outcome> needless = new TreeSet<>();
        for (Outcome outcome : documented) {
            boolean exempt = EXEMPTIONS.containsKey(outcome.status()) || EXEMPTIONS.containsKey(outcome.toString());
            boolean isCovered = covered.containsKey(outcome);
            if (exempt && isCovered) {
                needless.add(outcome);
            } else if (exempt) {
                exempted.add(outcome);
            } else if (!isCovered) {
                uncovered.add(outcome);
            }
        }
        return new Report(documented, covered, exempted, uncovered, needless);
    }

    /**
     * The documented outcomes one interaction exercises. A method the route does not take exercises the 405 that
     * the route's operations document; that is how the wrong-method contract is counted.
     */
    private List<Outcome> outcomesOf(Recorded interaction) {
        String status = String.valueOf(interaction.response().getStatus());
        Optional<Route> route = routes.stream()
                .filter(r ->
                        r.pattern().matcher(interaction.request().getPath()).matches())
                .min(Comparator.comparingInt(Route::parameters));
        if (route.isEmpty()) {
            return List.of();
        }
        PathItem.HttpMethod method =
                PathItem.HttpMethod.valueOf(interaction.request().getMethod().toUpperCase(Locale.ROOT));
        Operation operation = route.get().item().readOperationsMap().get(method);
        if (operation != null) {
            return List.of(new Outcome(operation.getOperationId(), status));
        }
        if (!status.equals("405")) {
            return List.of();
        }
        return route.get().item().readOperationsMap().values().stream()
                .filter(o -> o.getResponses().containsKey("405"))
                .map(o -> new Outcome(o.getOperationId(), status))
                .toList();
    }
}
