package ai.hokusai.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ExternalInstances;
import ai.hokusai.server.MovableClock;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two server instances on one PostgreSQL: one limit, one revocation list. */
class MultiInstanceIT {

    private static ExternalInstances.TwoInstances instances;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = ExternalInstances.TwoInstances.start();
        first = instances.first();
        second = instances.second();
    }

    @AfterAll
    static void stopThem() throws Exception {
        instances.close();
    }

    private static TestHttp on(ConfigurableApplicationContext instance, String key) {
        return ExternalInstances.http(instance, key);
    }

    @Test
    void aLimitIsSharedByBothInstances() {
        MovableClock.SHARED.holdAtStartOfNextMinute();
        try {
            TestKeys.Key key =
                    TestKeys.create(on(first, ServerIntegrationTest.ADMIN_KEY), List.of("models:read"), 5, null);
            List<Integer> statuses = new ArrayList<>();
            for (ConfigurableApplicationContext instance : List.of(first, first, first, second, second, second)) {
                statuses.add(on(instance, key.secret()).get("/api/v1/models/21").status());
            }

            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
            assertThat(on(first, key.secret()).get("/api/v1/models/21").status())
                    .isEqualTo(429);
        } finally {
            MovableClock.SHARED.release();
        }
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinTheDocumentedBound() throws InterruptedException {
        TestKeys.Key key =
                TestKeys.create(on(first, ServerIntegrationTest.ADMIN_KEY), List.of("models:read"), null, null);
        assertThat(on(first, key.secret()).get("/api/v1/models/21").status()).isEqualTo(200);
        assertThat(on(second, key.secret()).get("/api/v1/models/21").status())
                .as("now cached on both")
                .isEqualTo(200);

        long revoked = System.nanoTime();
        assertThat(on(first, ServerIntegrationTest.ADMIN_KEY)
                        .send("DELETE", "/api/v1/api-keys/" + key.id(), Map.of(), null)
                        .status())
                .isEqualTo(204);
        assertThat(on(first, key.secret()).get("/api/v1/models/21").status())
                .as("at once where revoked")
                .isEqualTo(401);

        int status = 200;
        while (status != 401 && System.nanoTime() - revoked < 5_000_000_000L) {
            Thread.sleep(50);
            status = on(second, key.secret()).get("/api/v1/models/21").status();
        }
        double seconds = (System.nanoTime() - revoked) / 1e9;
        assertThat(status).isEqualTo(401);
        // The documented bound is the poll interval (1 s); allow for a scheduler tick and the query itself.
        assertThat(seconds)
                .as("refused by the other instance after %.2f s", seconds)
                .isLessThan(2.5);
    }
}
