package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-key limits: the IETF RateLimit headers on every keyed answer, and 429 with Retry-After over the limit. */
class RateLimitIT extends ServerIntegrationTest {

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
                .as("no quota is described to a caller without a valid key").isNull();
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
        assertThat(limited.header("Retry-After")).as("held one second into the minute").isEqualTo("59");
        assertThat(limited.header("RateLimit")).matches("\"minute\";r=0;t=\\d+");
        assertThat(http().get("/api/v1/models/21").status()).as("other keys are not affected").isEqualTo(200);
    }
}
