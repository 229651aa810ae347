package ai.hokusai.server;

import ai.hokusai.server.config.EmbeddedPostgresLaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HokusaiServerApplication {

    public static void main(String[] args) {
        StartupChecks checks = new StartupChecks(args, System.getenv());
        if (checks.helpRequested()) {
            System.out.print(StartupChecks.HELP);
            return;
        }
        try {
            checks.run();
        } catch (StartupChecks.StartupFailure failure) {
            StartupChecks.fail(failure, System.err);
            System.exit(StartupChecks.EXIT_MISCONFIGURED);
        }
        // The tokenizer library would otherwise probe a cloud metadata address and a model hub on start-up;
        // this server only ever loads artifacts it was given.
        defaultProperty("offline", "true");
        defaultProperty("OPT_OUT_TRACKING", "true");
        SpringApplication application = new SpringApplication(HokusaiServerApplication.class);
        // The embedded database starts beside the context instead of in the middle of it.
        application.addListeners(new EmbeddedPostgresLaunch());
        application.run(args);
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
