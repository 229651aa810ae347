package ai.hokusai.server.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code HOKUSAI_LOG_FORMAT=json}: every console line becomes one Elastic Common Schema JSON object (Spring Boot's
 * structured logging), carrying the MDC ({@code request_id}) and the access log's fields; {@code text} (the default)
 * keeps the readable pattern.
 */
public class LogFormat implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("hokusai.log-format", "text").strip();
        switch (format) {
            case "json" ->
                environment
                        .getPropertySources()
                        .addLast(new MapPropertySource(
                                "hokusai-log-format", Map.of("logging.structured.format.console", "ecs")));
            case "text", "" -> {}
            default ->
                throw new StartupRefusedException("HOKUSAI_LOG_FORMAT is '" + format + "'; it must be text or json");
        }
    }

    /** After the configuration files are read, before the logging system starts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
