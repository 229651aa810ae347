package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.web.api.SystemApi;
import ai.hokusai.server.web.model.ApiIndex;
import ai.hokusai.server.web.model.ApiIndexLinks;
import ai.hokusai.server.web.model.HealthStatus;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SystemController implements SystemApi {

    private static final Logger log = LoggerFactory.getLogger(SystemController.class);
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    /** The base of every keyed operation; {@code RootIndexIT} holds every {@code /api/} path of the spec to it. */
    static final String API_BASE = "/api/v1";

    private final ApiSpecDocument spec;
    private final DataSource dataSource;
    private final ApplicationAvailability availability;
    private final ApiIndex index;

    public SystemController(ApiSpecDocument spec, DataSource dataSource, ApplicationAvailability availability) {
        this.spec = spec;
        this.dataSource = dataSource;
        this.availability = availability;
        // Paths relative to the server's root, so the index holds behind any host name or port.
        this.index = new ApiIndex(
                spec.apiTitle(),
                spec.apiVersion(),
                new ApiIndexLinks(
                        API_BASE,
                        WebConfiguration.DOCS,
                        PATH_GET_OPEN_API_DOCUMENT,
                        PATH_GET_LIVENESS,
                        PATH_GET_READINESS));
    }

    @Override
    public ResponseEntity<ApiIndex> getApiIndex() {
        return ResponseEntity.ok(index);
    }

    @Override
    public ResponseEntity<HealthStatus> getLiveness() {
        return ResponseEntity.ok(new HealthStatus(HealthStatus.StatusEnum.UP, Map.of()));
    }

    @Override
    public ResponseEntity<HealthStatus> getReadiness() {
        // Spring Boot accepts traffic once start-up has run (the bootstrap key included) and refuses it on shutdown.
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            boolean startingUp = availability.getLastChangeEvent(ReadinessState.class) == null;
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new HealthStatus(
                            HealthStatus.StatusEnum.DOWN,
                            Map.of(startingUp ? "startup" : "shutdown", HealthStatus.InnerEnum.DOWN)));
        }
        boolean database = databaseAnswers();
        HealthStatus.InnerEnum state = database ? HealthStatus.InnerEnum.UP : HealthStatus.InnerEnum.DOWN;
        HealthStatus body = new HealthStatus(
                database ? HealthStatus.StatusEnum.UP : HealthStatus.StatusEnum.DOWN, Map.of("database", state));
        return ResponseEntity.status(database ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }

    @Override
    public ResponseEntity<String> getOpenApiDocument() {
        return ResponseEntity.ok().contentType(YAML).body(spec.text());
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            log.warn("Readiness: the database does not answer: {}", e.getMessage());
            return false;
        }
    }
}
