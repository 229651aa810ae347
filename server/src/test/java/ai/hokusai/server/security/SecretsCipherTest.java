package ai.hokusai.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.config.HokusaiProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class SecretsCipherTest {

    private static final UUID ACCOUNT = UUID.fromString("7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    private static final UUID OTHER_ACCOUNT = UUID.fromString("2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091");
    private static final String TOKEN = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    private final SecretsCipher cipher = new SecretsCipher(KEY);

    @Test
    void aSecretDecryptsForItsAccountAndIsNotStoredInClear() {
        SecretsCipher.Sealed sealed = cipher.encrypt(ACCOUNT, TOKEN);

        assertThat(cipher.decrypt(ACCOUNT, sealed)).isEqualTo(TOKEN);
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).as("the secret and a 16-byte tag").hasSize(TOKEN.length() + 16);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hf_");
    }

    @Test
    void everyEncryptionHasItsOwnNonce() {
        SecretsCipher.Sealed first = cipher.encrypt(ACCOUNT, TOKEN);
        SecretsCipher.Sealed second = cipher.encrypt(ACCOUNT, TOKEN);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void aChangedCiphertextOrNonceDoesNotDecrypt() {
        SecretsCipher.Sealed sealed = cipher.encrypt(ACCOUNT, TOKEN);
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] changed = sealed.ciphertext().clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(ACCOUNT, new SecretsCipher.Sealed(changed, sealed.nonce())))
                    .as("byte %d changed", i)
                    .isInstanceOf(IllegalStateException.class);
        }
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 0x01;
        assertThatThrownBy(() -> cipher.decrypt(ACCOUNT, new SecretsCipher.Sealed(sealed.ciphertext(), nonce)))
                .isInstanceOf(IllegalStateException.class);
        byte[] cut = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);
        assertThatThrownBy(() -> cipher.decrypt(ACCOUNT, new SecretsCipher.Sealed(cut, sealed.nonce())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretMovedToAnotherAccountDoesNotDecryptAndTheFailureNamesNoPartOfIt() {
        SecretsCipher.Sealed sealed = cipher.encrypt(ACCOUNT, TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(OTHER_ACCOUNT, sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasNoCause()
                .message()
                .doesNotContain(TOKEN)
                .doesNotContain("hf_");
    }

    @Test
    void anotherKeyCannotDecrypt() {
        SecretsCipher.Sealed sealed = cipher.encrypt(ACCOUNT, TOKEN);
        byte[] otherKey = KEY.clone();
        otherKey[31] ^= 0x01;

        assertThatThrownBy(() -> new SecretsCipher(otherKey).decrypt(ACCOUNT, sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theConfiguredKeyIsTheBase64Of32BytesAndAWrongOneIsRefusedWithoutEchoingIt() {
        String standard = Base64.getEncoder().encodeToString(KEY);
        SecretsCipher configured = new SecretsCipher(
                properties(),
                new MockEnvironment()
                        .withProperty("hokusai.secrets-key", standard + "\n")
                        .withProperty("spring.datasource.url", "jdbc:postgresql://db/hokusai"));
        assertThat(configured.decrypt(ACCOUNT, cipher.encrypt(ACCOUNT, TOKEN))).isEqualTo(TOKEN);
        assertThat(SecretsCipher.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(KEY)))
                .isEqualTo(KEY);

        for (String wrong : new String[] {"c2hvcnQ=", "not base64 at all!", standard + standard}) {
            assertThatThrownBy(() -> SecretsCipher.decode(wrong))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HOKUSAI_SECRETS_KEY")
                    .message()
                    .doesNotContain(wrong);
        }
    }

    @Test
    void withAnExternalDatabaseAndNoKeyNothingCanBeEncrypted() {
        SecretsCipher none = new SecretsCipher(
                properties(),
                new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/hokusai"));

        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.encrypt(ACCOUNT, TOKEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOKUSAI_SECRETS_KEY");
        assertThat(data.resolve(SecretsCipher.KEY_FILE)).doesNotExist();
    }

    @Test
    void theEmbeddedDefaultGeneratesAKeyOnceAndKeepsIt() throws Exception {
        SecretsCipher first = new SecretsCipher(properties(), new MockEnvironment());
        SecretsCipher.Sealed sealed = first.encrypt(ACCOUNT, TOKEN);
        String key = Files.readString(data.resolve(SecretsCipher.KEY_FILE));

        SecretsCipher afterRestart = new SecretsCipher(properties(), new MockEnvironment());

        assertThat(first.available()).isTrue();
        assertThat(afterRestart.decrypt(ACCOUNT, sealed)).isEqualTo(TOKEN);
        assertThat(Files.readString(data.resolve(SecretsCipher.KEY_FILE))).isEqualTo(key);
        assertThat(Files.getPosixFilePermissions(data.resolve(SecretsCipher.KEY_FILE)))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    private HokusaiProperties properties() {
        return new HokusaiProperties(data, null, null, 1_048_576, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
