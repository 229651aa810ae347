package ai.hokusai.server.web;

import ai.hokusai.server.service.AccountService;
import ai.hokusai.server.service.CredentialService;
import ai.hokusai.server.web.api.AccountsApi;
import ai.hokusai.server.web.model.Account;
import ai.hokusai.server.web.model.AccountCreateRequest;
import ai.hokusai.server.web.model.Credential;
import ai.hokusai.server.web.model.HuggingFaceCredentialRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccountsController implements AccountsApi {

    private final AccountService accounts;
    private final CredentialService credentials;
    private final HttpServletRequest request;

    public AccountsController(AccountService accounts, CredentialService credentials, HttpServletRequest request) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.request = request;
    }

    @Override
    public ResponseEntity<Account> createAccount(AccountCreateRequest body, String xRequestId) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(account(accounts.create(
                        ApiKeyFilter.caller(request),
                        new AccountService.NewAccount(body.getSlug(), body.getName(), body.getRateLimitPerHour()))));
    }

    @Override
    public ResponseEntity<Account> getAccount(UUID accountId, String xRequestId) {
        return ResponseEntity.ok(account(accounts.get(ApiKeyFilter.caller(request), accountId)));
    }

    @Override
    public ResponseEntity<Account> getOwnAccount(String xRequestId) {
        return ResponseEntity.ok(account(accounts.own(ApiKeyFilter.caller(request))));
    }

    @Override
    public ResponseEntity<Credential> setHuggingFaceCredential(HuggingFaceCredentialRequest body, String xRequestId) {
        return ResponseEntity.ok(new Credential(
                Credential.ProviderEnum.HUGGINGFACE,
                credentials
                        .setHuggingFaceToken(ApiKeyFilter.caller(request), body.getToken())
                        .withOffsetSameInstant(ZoneOffset.UTC)));
    }

    @Override
    public ResponseEntity<Void> deleteHuggingFaceCredential(String xRequestId) {
        credentials.deleteHuggingFaceToken(ApiKeyFilter.caller(request));
        return ResponseEntity.noContent().build();
    }

    private static Account account(ai.hokusai.server.service.Account a) {
        Account account = new Account(a.id(), a.slug(), a.name(), a.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        account.setRateLimitPerHour(a.rateLimitPerHour());
        return account;
    }
}
