package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import ai.hokusai.server.security.RateLimiter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Per-key limits: the IETF RateLimit headers on every keyed answer, 429 with Retry-After over the limit, and stored
 * buckets that are deleted when idle and come back full.
 */
class RateLimitIT extends ServerIntegrationTest {

    @Autowired
    RateLimiter limiter;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void bucketsIdlePastTheirTtlAreDeletedAndComeBackFull() {
        // 50 an hour: every request is checked against the store. 100,000: decided on the instance's copy.
        TestKeys.Key idle = TestKeys.create(http(), List.of("models:read"), null, 50);
        TestKeys.Key busy = TestKeys.create(http(), List.of("models:read"), null, 100_000);
        for (int i = 0; i < 2; i++) {
            http().withKey(idle.secret()).get("/api/v1/models/21");
            http().withKey(busy.secret()).get("/api/v1/models/21");
        }
        limiter.syncRecentlyUsed();
        assertThat(stored(idle)).isTrue();
        assertThat(stored(busy)).isTrue();
        // The idle key's bucket is past its TTL, as if untouched for hours; the busy one is not.
        jdbc.update(
                "UPDATE rate_limit_buckets SET expires_at = 0 WHERE id = ?",
                idle.id().toString());

        assertThat(limiter.removeIdleBuckets()).isPositive();

        assertThat(stored(idle)).as("the idle bucket is deleted").isFalse();
        assertThat(stored(busy)).as("a bucket in use is kept").isTrue();
        TestHttp.Response back = http().withKey(idle.secret()).get("/api/v1/models/21");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.header("RateLimit")).as("full again, less this request").matches("\"hour\";r=49;t=\\d+");
        assertThat(stored(idle)).isTrue();
    }

    @Test
    void aBucketDeletedWhileTheInstanceHoldsACopyIsRecreated() {
        TestKeys.Key key = TestKeys.create(http(), List.of("models:read"), null, 100_000);
        TestHttp caller = http().withKey(key.secret());
        for (int i = 0; i < 3; i++) {
            assertThat(caller.get("/api/v1/models/21").status()).isEqualTo(200);
        }
        limiter.syncRecentlyUsed();
        jdbc.update("DELETE FROM rate_limit_buckets WHERE id = ?", key.id().toString());

        // Only this request is sure to be decided before the background sync finds the row missing (every 250 ms).
        TestHttp.Response ok = caller.get("/api/v1/models/21");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("RateLimit")).as("decided on the instance's copy").matches("\"hour\";r=99996;t=\\d+");
        limiter.syncRecentlyUsed();

        assertThat(stored(key)).as("written again by the next sync").isTrue();
        TestHttp.Response after = caller.get("/api/v1/models/21");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("RateLimit"))
                .as("recreated full, as an idle key's bucket is")
                .matches("\"hour\";r=99999;t=\\d+");
    }

    private boolean stored(TestKeys.Key key) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM rate_limit_buckets WHERE id = ?",
                        Integer.class,
                        key.id().toString())
                == 1;
    }

    @Test
    void everyKeyedAnswerDescribesTheQuotaAndTheDefaultIsAThousandAnHour() {
        TestKeys.Key key = TestKeys.create(http(), List.of("models:read"), null, null);
        TestHttp.Response ok = http().withKey(key.secret()).get("/api/v1/models/21");
        assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"hour\";q=1000;w=3600");
        assertThat(ok.header("RateLimit")).matches("\"hour\";r=999;t=\\d+");

        TestHttp.Response notFound = http().withKey(key.secret()).get("/api/v1/models/424242");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("RateLimit")).matches("\"hour\";r=998;t=\\d+");

        assertThat(http().withKey(null).get("/api/v1/models").header("RateLimit"))
                .as("no quota is described to a caller without a valid key")
                .isNull();
    }

    @Test
    void overThePerMinuteLimitIs429WithRetryAfter() {
        clock.holdAtStartOfNextMinute();
        try {
            overTheLimitWithinOneMinute();
        } finally {
            clock.release();
        }
    }

    private void overTheLimitWithinOneMinute() {
        TestKeys.Key key = TestKeys.create(http(), List.of("models:read"), 3, null);
        TestHttp caller = http().withKey(key.secret());

        for (int remaining = 2; remaining >= 0; remaining--) {
            TestHttp.Response ok = caller.get("/api/v1/models/21");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"minute\";q=3;w=60, \"hour\";q=1000;w=3600");
            assertThat(ok.header("RateLimit")).matches("\"minute\";r=" + remaining + ";t=\\d+");
        }
        TestHttp.Response limited = caller.get("/api/v1/models/21");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = limited.json();
        assertThat(problem.get("code").asString()).isEqualTo("rate_limited");
        assertThat(problem.get("detail").asString()).contains("3 requests per minute");
        assertThat(limited.header("Retry-After"))
                .as("held one second into the minute")
                .isEqualTo("59");
        assertThat(limited.header("RateLimit")).matches("\"minute\";r=0;t=\\d+");
        assertThat(http().get("/api/v1/models/21").status())
                .as("other keys are not affected")
                .isEqualTo(200);
    }
}
