package ai.hokusai.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.runtime.lscor.LscorRuntime;
import ai.hokusai.testsupport.HubStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deployment of a moving Hugging Face revision ({@code main}) honours its model's cache TTL: within it the Hub is
 * not asked; after it the revision is re-resolved in the background, a new commit is loaded and swapped in, and the
 * loaded copy serves every request meanwhile.
 */
class MovingRevisionTest {

    private static final Path COMMITTED = Path.of("../server/src/main/resources/models/lscor-v2");
    private static final String NEXT_COMMIT = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807";
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final UUID DEPLOYMENT = UUID.fromString("00000000-0000-4000-8000-00000000c0de");
    private static final UUID ACCOUNT = UUID.fromString("7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f");

    @TempDir
    Path data;

    @TempDir
    Path nextVersion;

    private final SteppingClock clock = new SteppingClock();
    private HubStub hub;
    private LoadedModelCache models;
    private final LoadedModelCache.Artifact main = new LoadedModelCache.Artifact(
            21, ACCOUNT, DEPLOYMENT, "lscor-logistic", ArtifactResolver.HUGGINGFACE, "acme/lscor-v2", TTL);

    @BeforeEach
    void start() throws IOException {
        hub = new HubStub().repository("acme/lscor-v2", COMMITTED);
        ArtifactResolver resolver = new ArtifactResolver(
                data.toString(),
                hub.endpoint(),
                new ArtifactRoot(""),
                account -> Optional.of(HubStub.TOKEN),
                JsonMapper.shared());
        models = new LoadedModelCache(List.of(new LscorRuntime()), resolver, clock, new SimpleMeterRegistry());
        try (Stream<Path> files = Files.list(COMMITTED)) {
            for (Path file : files.toList()) {
                Files.copy(file, nextVersion.resolve(file.getFileName()));
            }
        }
        Path config = nextVersion.resolve(LscorRuntime.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replace("\"version\": \"2.0.0\"", "\"version\": \"2.0.1\""));
    }

    @AfterEach
    void stop() {
        models.close();
        hub.close();
    }

    @Test
    void withinTheTtlTheHubIsNotAskedEvenIfTheBranchMoved() {
        assertThat(models.get(main).model().version()).isEqualTo("2.0.0");
        int asked = hub.requests.size();
        hub.move("acme/lscor-v2", nextVersion, NEXT_COMMIT);

        clock.advance(TTL.minusSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(models.get(main).model().version()).isEqualTo("2.0.0");
        }
        assertThat(hub.requests).hasSize(asked);
    }

    @Test
    void afterTheTtlAMovedBranchIsLoadedInTheBackgroundAndSwappedIn() throws InterruptedException {
        LoadedModel first = models.get(main).model();
        hub.move("acme/lscor-v2", nextVersion, NEXT_COMMIT);
        clock.advance(TTL.plusSeconds(1));

        assertThat(models.get(main).model())
                .as("the loaded copy answers while the new one loads")
                .isSameAs(first);
        String version = awaitVersion("2.0.1");

        assertThat(version).isEqualTo("2.0.1");
        assertThat(hub.requests).contains("/acme/lscor-v2/resolve/" + NEXT_COMMIT + "/config.json");
        assertThat(data.resolve("artifacts/huggingface/" + ACCOUNT + "/acme/lscor-v2/snapshots/" + NEXT_COMMIT))
                .isDirectory();
    }

    @Test
    void afterTheTtlAnUnmovedBranchIsCheckedButNotDownloadedAgain() throws InterruptedException {
        LoadedModel first = models.get(main).model();
        clock.advance(TTL.plusSeconds(1));
        models.get(main);
        awaitRequests(request -> request.startsWith("/api/models/acme/lscor-v2/revision/main"), 2);

        Thread.sleep(200);
        assertThat(models.get(main).model()).isSameAs(first);
        assertThat(hub.requests.stream().filter(r -> r.contains("/resolve/")).count())
                .as("files fetched once, for the first load")
                .isEqualTo(4);
    }

    @Test
    void aHubThatCannotBeReachedLeavesTheLoadedCopyServing() throws InterruptedException {
        LoadedModel first = models.get(main).model();
        hub.close();
        clock.advance(TTL.plusSeconds(1));

        models.get(main);
        Thread.sleep(500);

        assertThat(models.get(main).model()).isSameAs(first);
        assertThat(first.version()).isEqualTo("2.0.0");
    }

    private String awaitVersion(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String version = models.get(main).model().version();
        while (!version.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            version = models.get(main).model().version();
        }
        return version;
    }

    private void awaitRequests(java.util.function.Predicate<String> request, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.requests.stream().filter(request).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hub.requests.stream().filter(request).count()).isEqualTo(count);
    }

    /** The system's time, moved forward by a test instead of waited for. */
    private static final class SteppingClock extends Clock {

        private final Clock system = Clock.systemUTC();
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration amount) {
            offset = offset.plus(amount);
        }

        @Override
        public Instant instant() {
            return system.instant().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
