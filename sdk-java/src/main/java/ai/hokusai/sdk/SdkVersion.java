package ai.hokusai.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's own version, written into a resource by the build so it is never retyped. */
final class SdkVersion {

    static final String VERSION = load();
    static final String USER_AGENT = "hokusai-sdk-java/" + VERSION;

    private SdkVersion() {}

    private static String load() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the SDK jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
