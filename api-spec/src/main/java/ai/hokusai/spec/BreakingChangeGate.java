package ai.hokusai.spec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Compares the spec with the last released one: a change that breaks existing clients passes only together with
 * a new major version, so a client pinned to {@code 1.x} is never broken by surprise.
 */
public final class BreakingChangeGate {

    /** What the comparison found; {@code report} says what broke, in Markdown. */
    public record Verdict(boolean breaking, boolean majorVersionMoved, String report) {

        public boolean passes() {
            return !breaking || majorVersionMoved;
        }
    }

    private BreakingChangeGate() {}

    public static Verdict check(String releasedYaml, String currentYaml) {
        ChangedOpenApi diff =
                OpenApiCompare.fromContents(withoutNulExclusions(releasedYaml), withoutNulExclusions(currentYaml));
        boolean breaking = diff.isIncompatible();
        int releasedMajor = major(diff.getOldSpecOpenApi().getInfo().getVersion());
        int currentMajor = major(diff.getNewSpecOpenApi().getInfo().getVersion());
        return new Verdict(breaking, currentMajor > releasedMajor, breaking ? render(diff) : "");
    }

    /**
     * The server has always refused NUL in every string (the spec's introduction says so); a pattern that states it
     * ({@code [^\u0000]} in place of {@code .}, or a whole {@code ^[^\u0000]*$}) restates that refusal and narrows
     * nothing a client could send with success, so the comparison reads such a pattern as if it were not there.
     */
    static String withoutNulExclusions(String yaml) {
        return NUL_ONLY_PATTERN.matcher(yaml.replace("[^\\u0000]", ".")).replaceAll("");
    }

    private static final Pattern NUL_ONLY_PATTERN = Pattern.compile("(?m)^[ ]*pattern: '\\^\\.\\*\\$'\\n");

    static int major(String version) {
        return Integer.parseInt(version.split("\\.", 2)[0]);
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
