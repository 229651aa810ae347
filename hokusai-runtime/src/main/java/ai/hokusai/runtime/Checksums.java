package ai.hokusai.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests the Hugging Face Hub publishes for a repository's files, computed over a local copy. */
final class Checksums {

    private Checksums() {}

    /** SHA-256 of the content: what the Hub lists as an LFS file's {@code lfs.sha256}. */
    static String sha256(Path file) throws IOException {
        return digest("SHA-256", null, file);
    }

    /** Git's blob id, SHA-1 of {@code "blob <size>\0"} and the content: what the Hub lists as {@code blobId}. */
    static String gitBlobId(Path file) throws IOException {
        return digest("SHA-1", ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII), file);
    }

    private static String digest(String algorithm, byte[] header, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
        if (header != null) {
            digest.update(header);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
