package ai.hokusai.sdk;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says once per operation, per client, when the server answers with a {@link Deprecation} notice: the call (or
 * fields of its answer) will go away, on the {@code Sunset} date if the server gives one, and the link says how to
 * migrate. Logged through {@code java.util.logging}, which every logging framework can route, so the SDK needs no
 * logging dependency. The notice itself is on every {@link RawResponse#getDeprecation()}.
 */
final class DeprecationWarnings {

    static final Logger LOGGER = Logger.getLogger("ai.hokusai.sdk.deprecation");

    private final Set<Operation> warned = ConcurrentHashMap.newKeySet();

    /** Warns if the answer to {@code operation} says it is deprecated and this client has not said so yet. */
    void check(Operation operation, RawResponse<?> response) {
        response.getDeprecation().filter(notice -> warned.add(operation)).ifPresent(notice -> {
            StringBuilder message = new StringBuilder("Hokusai API: ")
                    .append(operation.operationId())
                    .append(" answers with deprecated fields or is deprecated (Deprecation: ")
                    .append(notice.getHeader())
                    .append(')');
            notice.getSunsetHeader()
                    .ifPresent(sunset -> message.append("; removed after ").append(sunset));
            notice.getLink()
                    .ifPresent(link -> message.append("; how to migrate: ").append(link));
            LOGGER.log(Level.WARNING, message.toString());
        });
    }
}
