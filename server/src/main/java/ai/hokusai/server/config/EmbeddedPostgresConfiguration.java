package ai.hokusai.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code HOKUSAI_DB_URL}, the server runs a real PostgreSQL of its own whose
 * data lives in {@code <data-dir>/pgdata} and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HokusaiProperties properties) throws IOException {
        Path dataDirectory = properties.dataDir().resolve("pgdata");
        Files.createDirectories(dataDirectory.getParent());
        log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Stopped by the context, after everything that writes to it (metering, key usage) has flushed;
                // its own JVM hook would stop it concurrently with the context's graceful shutdown.
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        // Fail fast while the database is down: callers get a 503 to retry instead of a request that hangs 30 s.
        config.setConnectionTimeout(3_000);
        config.setPoolName("hokusai-embedded");
        return new HikariDataSource(config);
    }
}
