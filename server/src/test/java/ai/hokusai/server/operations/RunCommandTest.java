package ai.hokusai.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's run command starts what the build made, under the JVM options the AOT cache was trained with (the pom's
 * {@code run.jvm.options}): a cache trained under other options would be refused, and the server would start slowly
 * without a word to the newcomer.
 */
class RunCommandTest {

    private static final Pattern RUN =
            Pattern.compile("\\./mvnw -q -DskipTests package && java (.*?) -jar (\\S+)\\n", Pattern.DOTALL);

    @Test
    void readmeRunsTheExtractedJarWithItsAotCacheAndTheTrainedOptions() throws IOException {
        String readme = Files.readString(Path.of("../README.md")).replace("\\\n", " ");
        Matcher run = RUN.matcher(readme);
        assertThat(run.find()).as("README's run command").isTrue();
        String options = run.group(1).trim().replaceAll("\\s+", " ");
        String jar = run.group(2);

        assertThat(jar).isEqualTo("server/target/hokusai-server/hokusai-server.jar");
        assertThat(options)
                .isEqualTo("-XX:AOTCache=server/target/hokusai-server/hokusai-server.aot "
                        + System.getProperty("run.jvm.options"));
    }
}
