package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.ExampleInputs;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hot path's database budget: once caches are warm, a predict request takes no database connection on the
 * thread that serves it (anything it must record is written off the request path).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PredictDatabaseBudgetIT.ConnectionCounting.class)
class PredictDatabaseBudgetIT {

    @LocalServerPort
    int port;

    static final Map<String, AtomicInteger> CONNECTIONS_BY_THREAD = new ConcurrentHashMap<>();

    @TestConfiguration
    static class ConnectionCounting {

        @Bean
        static BeanPostProcessor countConnections() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource target)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(
                            DataSource.class.getClassLoader(),
                            new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("getConnection")) {
                                    CONNECTIONS_BY_THREAD
                                            .computeIfAbsent(
                                                    Thread.currentThread().getName(), k -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                                try {
                                    return method.invoke(target, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    /**
     * Its own context (the connection counter changes the beans), hence its own data directory: two embedded
     * PostgreSQL servers cannot share one, and the shared context of {@link ServerIntegrationTest} may be running.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        java.nio.file.Path dataDir = ServerIntegrationTest.newDataDir();
        registry.add("hokusai.data-dir", dataDir::toString);
        registry.add("hokusai.bootstrap-api-key", () -> ServerIntegrationTest.ADMIN_KEY);
    }

    private TestHttp http() {
        return new TestHttp("http://localhost:" + port, ServerIntegrationTest.ADMIN_KEY);
    }

    @Test
    void aWarmPredictTakesNoDatabaseConnectionOnItsRequestThread() {
        TestHttp http = http();
        for (int i = 0; i < 3; i++) { // warm the key, registry, schema and model caches
            assertThat(http.postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson())
                            .status())
                    .isEqualTo(200);
        }
        CONNECTIONS_BY_THREAD.clear();

        int requests = 20;
        for (int i = 0; i < requests; i++) {
            assertThat(http.postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson())
                            .status())
                    .isEqualTo(200);
        }

        int onRequestThreads = CONNECTIONS_BY_THREAD.entrySet().stream()
                .filter(e -> e.getKey().startsWith("http-nio"))
                .mapToInt(e -> e.getValue().get())
                .sum();
        assertThat(onRequestThreads)
                .as("connections taken by request threads: %s", CONNECTIONS_BY_THREAD)
                .isZero();
    }
}
