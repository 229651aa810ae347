package ai.hokusai.server.config;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Prints a refused start-up as one line on standard error, without a stack trace: the exit code says it failed, the
 * line says what to change. Other start-up failures keep Spring Boot's own report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupRefusedReporter implements SpringBootExceptionReporter {

    public static final String PREFIX = "Hokusai cannot start: ";

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupRefusedException refused) {
                System.err.println(PREFIX + refused.getMessage());
                return true;
            }
        }
        return false;
    }
}
