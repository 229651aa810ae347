package ai.hokusai.server.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.registry.ModelRegistry;
import org.springframework.stereotype.Service;

/** Counts metered calls per model per UTC day, for the calling key or, for admins, any key. */
@Service
public class UsageService {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final InferenceLogMapper logs;
    private final ModelRegistry registry;
    private final Clock clock;

    public UsageService(InferenceLogMapper logs, ModelRegistry registry, Clock clock) {
        this.logs = logs;
        this.registry = registry;
        this.clock = clock;
    }

    /** The report of one key over {@code [from, to]}, both days inclusive. */
    public record Usage(UUID keyId, LocalDate from, LocalDate to, List<DailyUsage> counts) {
    }

    /**
     * @param askedKeyId another key's id, or null for the caller's own
     * @throws NotOwnerException when a non-admin asks for another key
     */
    public Usage usage(UUID callerKeyId, boolean callerIsAdmin, UUID askedKeyId, LocalDate from, LocalDate to,
            String modelRef) {
        UUID keyId = askedKeyId == null ? callerKeyId : askedKeyId;
        if (!keyId.equals(callerKeyId) && !callerIsAdmin) {
            throw new NotOwnerException("Only an admin key may read another key's usage.");
        }
        LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (first.isAfter(last)) {
            throw new InvalidQueryException("from", "'from' must not be after 'to'.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidQueryException("from", "At most " + MAX_DAYS + " days can be counted at once.");
        }
        Integer modelId = modelRef == null ? null : registry.resolve(modelRef).model().id();
        List<DailyUsage> counts = logs.usage(keyId, first.atStartOfDay().atOffset(ZoneOffset.UTC),
                last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), modelId).stream()
                .map(row -> new DailyUsage(row.day(), row.modelId(), row.requests(), row.predictions()))
                .toList();
        return new Usage(keyId, first, last, counts);
    }
}
