package ai.hokusai.server.service;

import ai.hokusai.server.persistence.InferenceLogMapper;
import ai.hokusai.server.persistence.UsageCountRecord;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.security.ApiKeyInfo;
import ai.hokusai.server.security.ApiKeyNotFoundException;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Counts metered calls per model per UTC day: for the calling key, another key of its account, or every key of the
 * account (admins); and, for a model's owner, per calling account.
 */
@Service
public class UsageService {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final InferenceLogMapper logs;
    private final ModelAccess access;
    private final ApiKeyService keys;
    private final Clock clock;

    public UsageService(InferenceLogMapper logs, ModelAccess access, ApiKeyService keys, Clock clock) {
        this.logs = logs;
        this.access = access;
        this.keys = keys;
        this.clock = clock;
    }

    /** A report over {@code [from, to]}, both days inclusive; {@code keyId} null when it counts the whole account. */
    public record Usage(UUID accountId, UUID keyId, LocalDate from, LocalDate to, List<DailyUsage> counts) {}

    /** A model's calls per day and calling account. */
    public record ModelUsage(int modelId, LocalDate from, LocalDate to, List<Row> rows) {

        public record Row(
                LocalDate day,
                UUID accountId,
                long requests,
                long failedRequests,
                long predictions,
                long tokens,
                double latencyMsMean,
                double latencyMsP95) {}
    }

    /**
     * @param askedKeyId   another key's id, or null for the caller's own
     * @param wholeAccount count every key of the caller's account
     * @throws NotOwnerException       when a non-admin asks for another key or for the whole account
     * @throws ApiKeyNotFoundException when the asked key is not one of the caller's account
     */
    public Usage usage(
            Caller caller, UUID askedKeyId, boolean wholeAccount, LocalDate from, LocalDate to, String modelRef) {
        if (wholeAccount && !caller.isAdmin()) {
            throw new NotOwnerException("Only an admin key may read its account's usage.");
        }
        UUID keyId = askedKeyId == null ? caller.keyId() : askedKeyId;
        UUID accountId = caller.accountId();
        if (!wholeAccount && !keyId.equals(caller.keyId())) {
            ApiKeyInfo asked = keys.find(caller, keyId).orElseThrow(() -> new ApiKeyNotFoundException(keyId));
            if (!caller.isAdmin()) {
                throw new NotOwnerException("Only an admin key may read another key's usage.");
            }
            accountId = asked.accountId();
        }
        Period period = period(from, to);
        Integer modelId = modelRef == null
                ? null
                : access.readable(caller, modelRef).model().id();
        List<UsageCountRecord> rows = wholeAccount
                ? logs.accountUsage(accountId, period.start(), period.end(), modelId)
                : logs.usage(keyId, period.start(), period.end(), modelId);
        List<DailyUsage> counts = rows.stream()
                .map(row -> new DailyUsage(
                        row.day(), row.modelId(), row.requests(), row.predictions(), row.tokens(), row.keyId()))
                .toList();
        return new Usage(accountId, wholeAccount ? null : keyId, period.first(), period.last(), counts);
    }

    /**
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model the caller may see answers to the ref
     * @throws NotOwnerException when the model is another account's
     */
    public ModelUsage modelUsage(Caller caller, String modelRef, LocalDate from, LocalDate to) {
        RegisteredModel model = access.writable(caller, modelRef).model();
        Period period = period(from, to);
        return new ModelUsage(
                model.id(),
                period.first(),
                period.last(),
                logs.modelUsage(model.id(), period.start(), period.end()).stream()
                        .map(r -> new ModelUsage.Row(
                                r.day(),
                                r.accountId(),
                                r.requests(),
                                r.failedRequests(),
                                r.predictions(),
                                r.tokens(),
                                r.latencyMsMean(),
                                r.latencyMsP95()))
                        .toList());
    }

    private record Period(LocalDate first, LocalDate last) {

        OffsetDateTime start() {
            return first.atStartOfDay().atOffset(ZoneOffset.UTC);
        }

        OffsetDateTime end() {
            return last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
    }

    private Period period(LocalDate from, LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (first.isAfter(last)) {
            throw new InvalidQueryException("from", "'from' must not be after 'to'.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidQueryException("from", "At most " + MAX_DAYS + " days can be counted at once.");
        }
        return new Period(first, last);
    }
}
