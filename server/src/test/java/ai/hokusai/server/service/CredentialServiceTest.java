package ai.hokusai.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.security.SecretsCipher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class CredentialServiceTest {

    @TempDir
    Path data;

    @Test
    void withoutASecretsKeyATokenIsRefusedAsUnavailableBeforeAnythingIsWritten() {
        SecretsCipher noKey = new SecretsCipher(
                new HokusaiProperties(data, null, null, 1_048_576, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/hokusai"));
        // No mapper and no audit trail: the refusal must come before either is touched.
        CredentialService credentials =
                new CredentialService(null, noKey, null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThatThrownBy(() -> credentials.setHuggingFaceToken(Caller.system(), "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ01"))
                .isInstanceOfSatisfying(CredentialsUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_UNAVAILABLE);
                    assertThat(e.retryAfterSeconds()).isEmpty();
                    assertThat(e.getMessage()).contains("HOKUSAI_SECRETS_KEY").doesNotContain("hf_");
                });
    }
}
