package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesFromHalfASecondAndIsCappedAtEightSeconds() {
        RetryPolicy atTheBound = new RetryPolicy(() -> 1.0);

        assertThat(List.of(0, 1, 2, 3, 4, 5, 30))
                .extracting(retry -> atTheBound.delay(retry, Optional.empty()))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8));
    }

    @Test
    void fullJitterPicksAnywhereBetweenZeroAndTheBound() {
        assertThat(new RetryPolicy(() -> 0.0).delay(3, Optional.empty())).isEqualTo(Duration.ZERO);
        assertThat(new RetryPolicy(() -> 0.25).delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterWithinAMinuteWinsOverBackoff() {
        RetryPolicy policy = new RetryPolicy(() -> 1.0);

        assertThat(policy.delay(0, Optional.of(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delay(0, Optional.of(Duration.ofSeconds(61)))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void onlyTooManyRequestsAndServiceUnavailableAreRetryableStatuses() {
        for (int status = 100; status < 600; status++) {
            assertThat(RetryPolicy.isRetryableStatus(status))
                    .as("status %d", status)
                    .isEqualTo(status == 429 || status == 503);
        }
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));

        assertThat(RetryPolicy.retryAfter(headers("Retry-After", "12"))).contains(Duration.ofSeconds(12));
        assertThat(RetryPolicy.retryAfter(headers("Retry-After", inTwoMinutes)).orElseThrow())
                .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(headers("Retry-After", "soon"))).isEmpty();
        assertThat(RetryPolicy.retryAfter(headers("Retry-After", "-1"))).isEmpty();
        assertThat(RetryPolicy.retryAfter(headers("X-Other", "1"))).isEmpty();
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
    }
}
