package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.web.model.HealthStatus;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;

/** Readiness follows Spring Boot's own state: not ready before start-up has run, nor once a shutdown has begun. */
class ReadinessTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    /** Never reached: readiness does not ask the database while the instance refuses traffic. */
    private final DataSource noDatabase = null;

    private final SystemController system = new SystemController(new ApiSpecDocument(), noDatabase, availability);

    @Test
    void beforeStartUpHasRunTheInstanceIsNotReadyForStartUp() {
        assertDown(system.getReadiness(), "startup");
    }

    @Test
    void onceTheContextClosesTheInstanceIsNotReadyForShutdown() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertDown(system.getReadiness(), "shutdown");
    }

    private static void assertDown(ResponseEntity<HealthStatus> answer, String check) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getStatus()).isEqualTo(HealthStatus.StatusEnum.DOWN);
        assertThat(answer.getBody().getChecks()).containsOnlyKeys(check);
    }
}
