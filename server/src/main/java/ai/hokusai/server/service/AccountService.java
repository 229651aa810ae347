package ai.hokusai.server.service;

import ai.hokusai.server.persistence.AccountMapper;
import ai.hokusai.server.persistence.AccountRecord;
import ai.hokusai.server.security.AuditTrail;
import ai.hokusai.server.security.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and reading accounts. Only the operator creates accounts or reads another one (the scope says so). */
@Service
public class AccountService {

    private final AccountMapper accounts;
    private final AuditTrail audit;

    public AccountService(AccountMapper accounts, AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /** An account to create; {@code rateLimitPerHour} null for no account-wide limit. */
    public record NewAccount(String slug, String name, Integer rateLimitPerHour) {}

    /**
     * @throws AccountSlugTakenException when another account has the slug
     */
    @Transactional
    public Account create(Caller caller, NewAccount request) {
        AccountRecord row =
                new AccountRecord(UUID.randomUUID(), request.slug(), request.name(), request.rateLimitPerHour(), null);
        if (accounts.insertIfSlugFree(row) == 0) {
            throw new AccountSlugTakenException(request.slug());
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("slug", request.slug());
        changes.put("name", request.name());
        changes.put("rate_limit_per_hour", request.rateLimitPerHour());
        audit.record(caller, row.id(), "account.create", "account", row.id(), changes);
        return get(caller, row.id());
    }

    /**
     * @throws AccountNotFoundException when no account the caller may see has the id
     */
    public Account get(Caller caller, UUID id) {
        return accounts.findById(id)
                .filter(a -> caller.owns(a.id()))
                .map(Account::of)
                .orElseThrow(() -> new AccountNotFoundException(id));
    }

    public Account own(Caller caller) {
        return get(caller, caller.accountId());
    }
}
