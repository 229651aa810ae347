package ai.hokusai.server.config;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * OpenTelemetry tracing, off by default and on when the standard {@code OTEL_*} variables ask for it: an OTLP
 * endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) or a traces exporter
 * ({@code OTEL_TRACES_EXPORTER}, not {@code none}); {@code OTEL_SDK_DISABLED=true} keeps it off. The SDK is
 * configured by OpenTelemetry's own autoconfiguration, so every standard variable (protocol, headers, sampler,
 * resource attributes, batch settings) means what the OpenTelemetry specification says. Spans travel as OTLP over
 * HTTP/protobuf (the specification's default); {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} is not supported.
 *
 * <p>Spans come from Micrometer observations: one per HTTP request (Spring MVC's, continuing a caller's W3C
 * {@code traceparent}) and one per stage inside it ({@link RequestStages}). Only traces are exported; metrics stay on
 * the Prometheus endpoint.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingConfiguration.Requested.class)
public class TracingConfiguration {

    static final String SERVICE_NAME = "hokusai-server";

    /**
     * Whether the environment asks for tracing; {@code env} reads a setting by its system-property name
     * ({@code otel.traces.exporter} for {@code OTEL_TRACES_EXPORTER}).
     */
    static boolean requested(UnaryOperator<String> env) {
        if ("true".equalsIgnoreCase(env.apply("otel.sdk.disabled"))) {
            return false;
        }
        String exporter = env.apply("otel.traces.exporter");
        if (exporter != null && !exporter.isBlank()) {
            return !exporter.strip().equalsIgnoreCase("none");
        }
        return isSet(env.apply("otel.exporter.otlp.endpoint"))
                || isSet(env.apply("otel.exporter.otlp.traces.endpoint"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Read where the SDK reads them: the {@code otel.*} system property, else the {@code OTEL_*} variable. */
    static final class Requested implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return requested(name -> {
                String property = System.getProperty(name);
                return property != null
                        ? property
                        : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
            });
        }
    }

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetrySdk() {
        return AutoConfiguredOpenTelemetrySdk.builder()
                // Defaults only: the OTEL_* variables and otel.* system properties override each of them.
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", SERVICE_NAME,
                        // The specification's default (port 4318); gRPC is not built in.
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .build()
                .getOpenTelemetrySdk();
    }

    @Bean
    ObservationRegistryCustomizer<ObservationRegistry> tracingObservations(OpenTelemetrySdk sdk) {
        Tracer otelTracer = sdk.getTracer("ai.hokusai.server");
        OtelCurrentTraceContext context = new OtelCurrentTraceContext();
        OtelTracer tracer =
                new OtelTracer(otelTracer, context, event -> {}, new OtelBaggageManager(context, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(sdk.getPropagators(), otelTracer);
        return registry -> registry.observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
    }
}
