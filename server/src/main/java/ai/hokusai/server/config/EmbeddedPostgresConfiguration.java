package ai.hokusai.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code HOKUSAI_DB_URL}, the server runs a real PostgreSQL of its own whose
 * data lives in {@code <data-dir>/pgdata} and survives restarts. It is started early, beside the context's own
 * start-up, by {@link EmbeddedPostgresLaunch}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HokusaiProperties properties) throws IOException {
        Path dataDirectory = EmbeddedPostgresLaunch.pgdata(properties);
        Optional<EmbeddedPostgres> launched = EmbeddedPostgresLaunch.take(dataDirectory);
        return launched.isPresent() ? launched.get() : EmbeddedPostgresLaunch.start(dataDirectory);
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
