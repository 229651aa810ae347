package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.service.IdempotencyService;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an operation under the caller's {@code Idempotency-Key}, when one was sent: the answer is stored as the JSON
 * the client received and a retry gets it back with {@code Idempotent-Replayed: true}. Without the header the
 * operation just runs — no database work is added.
 */
@Component
public class IdempotentCalls {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyService idempotency;
    private final JsonMapper wire;
    /** The same mapper, except that two bodies differing only in field order are the same request. */
    private final JsonMapper canonical;

    public IdempotentCalls(IdempotencyService idempotency, JsonMapper wire) {
        this.idempotency = idempotency;
        this.wire = wire;
        this.canonical = wire.rebuild()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    public <T> ResponseEntity<T> run(
            ApiKeyPrincipal caller,
            String idempotencyKey,
            String operation,
            Object request,
            HttpStatus success,
            Class<T> type,
            Supplier<T> action) {
        if (idempotencyKey == null) {
            return ResponseEntity.status(success).body(action.get());
        }
        String fingerprint = operation + "\n" + canonical.writeValueAsString(request);
        IdempotencyService.Result result = idempotency.execute(
                caller.keyId(),
                idempotencyKey,
                fingerprint,
                () -> new IdempotencyService.StoredResponse(success.value(), wire.writeValueAsString(action.get())));
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(result.response().status());
        if (result.replayed()) {
            answer.header(REPLAYED_HEADER, "true");
        }
        return answer.body(wire.readValue(result.response().body(), type));
    }
}
