package ai.hokusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Tracing is off unless the standard OpenTelemetry settings ask for it. */
class TracingConfigurationTest {

    @Test
    void offWhenNothingAsksForIt() {
        assertThat(TracingConfiguration.requested(Map.<String, String>of()::get))
                .isFalse();
        assertThat(TracingConfiguration.requested(Map.of("otel.exporter.otlp.endpoint", " ")::get))
                .isFalse();
    }

    @Test
    void onWithAnOtlpEndpointOrATracesExporter() {
        assertThat(TracingConfiguration.requested(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isTrue();
        assertThat(TracingConfiguration.requested(
                        Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")::get))
                .isTrue();
        assertThat(TracingConfiguration.requested(Map.of("otel.traces.exporter", "otlp")::get))
                .isTrue();
    }

    @Test
    void offWhenTheExporterIsNoneOrTheSdkIsDisabled() {
        assertThat(TracingConfiguration.requested(Map.of(
                        "otel.traces.exporter", "none", "otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isFalse();
        assertThat(TracingConfiguration.requested(Map.of(
                        "otel.sdk.disabled", "TRUE", "otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isFalse();
    }

    @Test
    void withoutOtelSettingsTheContextHasNoTracer() {
        assertThat(System.getenv().keySet()).noneMatch(name -> name.startsWith("OTEL_"));
        new ApplicationContextRunner()
                .withUserConfiguration(TracingConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OpenTelemetrySdk.class));
    }
}
