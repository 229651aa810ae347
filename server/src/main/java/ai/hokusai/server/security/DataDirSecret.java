package ai.hokusai.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret the embedded default generates once and keeps in its data directory, readable by the server's user only:
 * 32 random bytes, base64url without padding.
 */
final class DataDirSecret {

    private DataDirSecret() {}

    /** The secret in {@code file}, created first if there is none. */
    static String readOrCreate(Path file, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String created = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, created);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system (Windows): the data directory's own permissions apply.
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + what + " " + file, e);
        }
    }
}
