package ai.hokusai.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under {@code k8s/} parses strictly against the Kubernetes API model (no field the API does not know,
 * anywhere), and together they hold what running the API as a fleet needs.
 */
class ManifestsTest {

    private static final Path DIR = Path.of("k8s");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class);
    /** The longest the server's graceful shutdown (Spring's default phase timeout) and metering's last write take. */
    private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(30);

    private static final Duration METERING_SHUTDOWN = Duration.ofSeconds(20);

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<HasMetadata> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(DIR)) {
            files = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents =
                    YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                for (JsonNode document : documents.readAll()) {
                    String type = document.path("apiVersion").asText() + " "
                            + document.path("kind").asText();
                    Class<? extends HasMetadata> kind = KINDS.get(type);
                    assertThat(kind)
                            .as("%s: a kind this test knows (%s)", file, type)
                            .isNotNull();
                    HasMetadata resource = YAML.treeToValue(document, kind);
                    assertThat(unknownFields(resource, type))
                            .as("fields the Kubernetes API does not know in %s", file)
                            .isEmpty();
                    RESOURCES.add(resource);
                }
            }
        }
    }

    private static <T> T the(Class<T> kind) {
        List<T> found =
                RESOURCES.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Container api() {
        return the(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    private static Optional<EnvVar> env(String name) {
        return api().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    @Test
    void theDeploymentRunsInProductionModeWithItsSecretsFromSecrets() {
        assertThat(env("HOKUSAI_EMBEDDED_DB"))
                .hasValueSatisfying(e -> assertThat(e.getValue()).isEqualTo("false"));
        assertThat(env("HOKUSAI_DB_URL"))
                .hasValueSatisfying(e -> assertThat(e.getValueFrom().getSecretKeyRef())
                        .as("from a Secret")
                        .isNotNull());
        for (String file : List.of("HOKUSAI_DB_PASSWORD_FILE", "HOKUSAI_KEY_HASH_SECRET_FILE")) {
            String path = env(file).orElseThrow().getValue();
            assertThat(api().getVolumeMounts())
                    .as(file + " is on a mounted Secret")
                    .anySatisfy(m -> {
                        assertThat(path).startsWith(m.getMountPath() + "/");
                        assertThat(the(Deployment.class)
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec()
                                        .getVolumes())
                                .anySatisfy(v -> {
                                    assertThat(v.getName()).isEqualTo(m.getName());
                                    assertThat(v.getSecret()).isNotNull();
                                });
                    });
        }
        assertThat(api().getEnv())
                .as("no secret value written into the manifest")
                .noneMatch(e -> e.getName().matches(".*(PASSWORD|SECRET)$") && e.getValue() != null)
                .noneMatch(e -> e.getName().equals("HOKUSAI_BOOTSTRAP_API_KEY"));
    }

    /** {@code file://} artifacts stay off unless an operator chooses a directory for them. */
    @Test
    void theManifestsSetNoArtifactRoot() {
        assertThat(env("HOKUSAI_ARTIFACT_ROOT")).isEmpty();
        assertThat(api().getArgs()).noneMatch(arg -> arg.contains("artifact-root"));
        assertThat(api().getCommand()).noneMatch(arg -> arg.contains("artifact-root"));
    }

    @Test
    void probesAskTheServersOwnHealthRoutes() {
        assertThat(api().getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(api().getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(api().getStartupProbe()).isNotNull();
    }

    @Test
    void thePodRunsAsNonRootOnAReadOnlyRootFilesystemWithResources() {
        PodSpec pod = the(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(api().getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(api().getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(api().getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(api().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(api().getResources().getLimits()).containsKey("memory");
        assertThat(api().getVolumeMounts())
                .as("the only writable places are volumes")
                .extracting(m -> m.getMountPath())
                .contains("/tmp", env("HOKUSAI_DATA_DIR").orElseThrow().getValue());
    }

    /**
     * The heap is a quarter of the container's memory: the rest is for what lives outside it (model runtimes' native
     * memory, metaspace, compiled code, thread stacks), so the limit is not reached when the heap is full. Native
     * memory freed (the JIT's work areas, mostly) is handed back to the system now and then, not kept by the allocator.
     */
    @Test
    void theHeapLeavesTheContainerRoomForNativeMemory() {
        String options = env("JAVA_TOOL_OPTIONS").orElseThrow().getValue();
        Matcher percentage =
                Pattern.compile("-XX:MaxRAMPercentage=(\\d+(\\.\\d+)?)").matcher(options);
        assertThat(percentage.find())
                .as("the heap is sized from the container's memory: " + options)
                .isTrue();
        assertThat(Double.parseDouble(percentage.group(1))).isLessThanOrEqualTo(50);
        assertThat(options).as("no heap size fixed apart from the container's").doesNotContain("-Xmx");
        Matcher trim = Pattern.compile("-XX:TrimNativeHeapInterval=(\\d+)").matcher(options);
        assertThat(trim.find()).as("freed native memory is trimmed: " + options).isTrue();
        assertThat(Long.parseLong(trim.group(1)))
                .as("milliseconds between trims")
                .isBetween(1L, 60_000L);
    }

    /**
     * The collector and the JIT run as README's command runs them (`run.jvm.options` of server/pom.xml, which bench/
     * measures), only the heap sized from the container instead of fixed.
     */
    @Test
    void theJvmRunsAsReadmesCommandDoes() throws IOException {
        List<String> options =
                List.of(env("JAVA_TOOL_OPTIONS").orElseThrow().getValue().split("\\s+"));
        Matcher run = Pattern.compile("<run.jvm.options>([^<]+)</run.jvm.options>")
                .matcher(Files.readString(Path.of("../server/pom.xml")));
        assertThat(run.find()).as("server/pom.xml names README's JVM options").isTrue();
        List<String> readme = Stream.of(run.group(1).trim().split("\\s+"))
                .filter(option -> !option.startsWith("-Xmx"))
                .toList();
        assertThat(readme).contains("-XX:+UseSerialGC", "-XX:-TieredCompilation", "-XX:Tier4LoadFeedback=6");
        assertThat(options).containsAll(readme);
        assertThat(options).noneMatch(option -> option.startsWith("-XX:CICompilerCount"));
    }

    @Test
    void terminationOutlastsTheDrainAndTheGracefulShutdown() {
        Duration drain = Duration.parse(
                "PT" + env("HOKUSAI_SHUTDOWN_DRAIN").orElseThrow().getValue().toUpperCase());
        long grace = the(Deployment.class).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(Duration.ofSeconds(grace))
                .isGreaterThan(drain.plus(GRACEFUL_SHUTDOWN).plus(METERING_SHUTDOWN));
        assertThat(drain)
                .as("longer than the readiness probe needs to see it: period x failures")
                .isGreaterThan(
                        Duration.ofSeconds((long) api().getReadinessProbe().getPeriodSeconds()
                                * api().getReadinessProbe().getFailureThreshold()));
        assertThat(the(Deployment.class)
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
    }

    @Test
    void everyKindSelectsTheDeploymentsPods() {
        Map<String, String> pods =
                the(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(pods)
                .containsAllEntriesOf(
                        the(Deployment.class).getSpec().getSelector().getMatchLabels());
        assertThat(pods).containsAllEntriesOf(the(Service.class).getSpec().getSelector());
        assertThat(pods)
                .containsAllEntriesOf(
                        the(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        assertThat(pods)
                .containsAllEntriesOf(
                        the(NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels());
        assertThat(the(HorizontalPodAutoscaler.class)
                        .getSpec()
                        .getScaleTargetRef()
                        .getName())
                .isEqualTo(the(Deployment.class).getMetadata().getName());
        assertThat(the(HorizontalPodAutoscaler.class).getSpec().getMinReplicas())
                .isGreaterThanOrEqualTo(2);
        assertThat(the(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
                .isPositive();
    }

    @Test
    void metricsAreScrapedFromTheManagementPortWhichOnlyMonitoringReaches() {
        Map<String, String> annotations =
                the(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/actuator/prometheus")
                .containsEntry(
                        "prometheus.io/port",
                        env("HOKUSAI_MANAGEMENT_PORT").orElseThrow().getValue());
        assertThat(the(Service.class).getSpec().getPorts())
                .as("the Service exposes the public port only")
                .allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        NetworkPolicy policy = the(NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> {
            boolean management =
                    rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 9090);
            if (management) {
                assertThat(rule.getFrom())
                        .as("who may reach the management port")
                        .isNotEmpty();
            }
        });
    }

    @Test
    void aFieldTheApiDoesNotKnowIsFoundAnywhereInAManifest() throws IOException {
        JsonNode typo = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers:
                        - name: api
                          image: example
                          readinessProbe: {httpGet: {pth: /health/ready, port: 8080}}
                """);
        assertThat(unknownFields(YAML.treeToValue(typo, Deployment.class), "typo"))
                .containsExactly("typo.spec.template.spec.containers[0].readinessProbe.httpGet.pth");
    }

    /** Paths of every field that landed in a model object's catch-all map: a typo, or a field of another version. */
    private static List<String> unknownFields(Object node, String path) {
        List<String> found = new ArrayList<>();
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean) {
            return found;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                found.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
            return found;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> found.addAll(unknownFields(v, path + "." + k)));
            return found;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return found;
        }
        try {
            for (PropertyDescriptor property :
                    Introspector.getBeanInfo(node.getClass()).getPropertyDescriptors()) {
                if (property.getReadMethod() == null || property.getName().equals("class")) {
                    continue;
                }
                Object value = property.getReadMethod().invoke(node);
                if (property.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                } else {
                    found.addAll(unknownFields(value, path + "." + property.getName()));
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
