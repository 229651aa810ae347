package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void joinsTheClosestPolicyWithItsQuotaAndWindow() {
        RateLimit limit = RateLimit.from(Map.of(
                        "ratelimit-policy", List.of("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600"),
                        "ratelimit", List.of("\"hour\";r=997;t=1740")))
                .orElseThrow();

        assertThat(limit.getPolicy()).isEqualTo("hour");
        assertThat(limit.getRemaining()).isEqualTo(997);
        assertThat(limit.getReset()).isEqualTo(Duration.ofSeconds(1740));
        assertThat(limit.getQuota()).hasValue(1000);
        assertThat(limit.getWindow()).contains(Duration.ofSeconds(3600));
    }

    @Test
    void worksWithoutAPolicyHeader() {
        RateLimit limit =
                RateLimit.from(Map.of("RateLimit", List.of("minute;r=3;t=20"))).orElseThrow();

        assertThat(limit.getPolicy()).isEqualTo("minute");
        assertThat(limit.getRemaining()).isEqualTo(3);
        assertThat(limit.getQuota()).isEmpty();
        assertThat(limit.getWindow()).isEmpty();
    }

    @Test
    void anUnreadableOrMissingHeaderGivesNoRateLimitRatherThanAFailure() {
        assertThat(RateLimit.from(Map.of())).isEmpty();
        assertThat(RateLimit.from(null)).isEmpty();
        assertThat(RateLimit.from(Map.of("RateLimit", List.of("\"hour\";r=many;t=60"))))
                .isEmpty();
        assertThat(RateLimit.from(Map.of("RateLimit", List.of("\"hour\";t=60"))))
                .isEmpty();
        assertThat(RateLimit.from(Map.of("RateLimit", List.of("")))).isEmpty();
    }
}
