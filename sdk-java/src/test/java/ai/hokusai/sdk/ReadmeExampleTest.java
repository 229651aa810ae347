package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's example is the compiled, tested QuickstartExample, character for character. */
class ReadmeExampleTest {

    private static final Pattern EXAMPLE_BLOCK = Pattern.compile(
            "<!-- sdk-example:start -->\\s*```java\\n(.*?)```\\s*<!-- sdk-example:end -->", Pattern.DOTALL);

    @Test
    void readmeShowsExactlyTheQuickstartExample() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String example = Files.readString(
                Path.of("src/test/java/ai/hokusai/sdk/examples/QuickstartExample.java"), StandardCharsets.UTF_8);

        Matcher block = EXAMPLE_BLOCK.matcher(readme);

        assertThat(block.find())
                .as("README.md has a ```java block between the sdk-example markers")
                .isTrue();
        assertThat(block.group(1)).isEqualTo(example);
        assertThat(block.find()).as("only one sdk-example block").isFalse();
    }
}
