package ai.hokusai.spec;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds pairs of path templates that some concrete URL matches both of — the shape of the bug where
 * {@code /models/{deployed_model_id}/predict} and {@code /models/{model_id}/predict} were served by two routers and
 * a POST ended in 405.
 *
 * <p>Each path segment becomes a regular language: a literal is itself; a parameter is what its schema allows
 * (its {@code pattern}, {@code format: uuid}, {@code integer}, {@code enum}), never containing '/'. Two templates
 * overlap when they have as many segments and every pair of segments has a common word. A literal is tested
 * against a parameter's pattern with Java's own regex engine, so every pattern feature counts; two parameters are
 * intersected as automata, and a pattern the automaton library cannot express (e.g. a lookahead) is taken to
 * allow any segment — the lint may then report an overlap that is not there, but never misses one.
 */
public final class PathOverlapLint {

    private static final String ANY_SEGMENT = "[^/]+";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** Two templates a single URL can match; {@code example} is one such URL (or the literal that collides). */
    public record Overlap(
            String first, String second, Set<String> firstMethods, Set<String> secondMethods, String example) {

        /** The old incident's exact shape: one route's methods split across look-alike templates. */
        public boolean splitsMethods() {
            return !firstMethods.equals(secondMethods);
        }

        @Override
        public String toString() {
            String split = splitsMethods()
                    ? "; its methods are split across them (" + firstMethods + " vs " + secondMethods
                            + "), so one method answers 405 on the other's URLs"
                    : "";
            return "'" + first + "' and '" + second + "' both match '" + example + "'" + split;
        }
    }

    private PathOverlapLint() {}

    public static List<Overlap> findOverlaps(OpenAPI api) {
        List<Template> templates = new ArrayList<>();
        api.getPaths().forEach((path, item) -> templates.add(Template.of(path, item)));
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            for (int j = i + 1; j < templates.size(); j++) {
                Template a = templates.get(i);
                Template b = templates.get(j);
                String example = a.commonUrl(b);
                if (example != null) {
                    overlaps.add(new Overlap(a.path, b.path, a.methods, b.methods, example));
                }
            }
        }
        return overlaps;
    }

    /** A path template split into segments, each with the Java regex and automaton of the words it accepts. */
    private record Template(String path, Set<String> methods, List<Segment> segments) {

        static Template of(String path, PathItem item) {
            Map<String, Parameter> parameters = pathParameters(item);
            List<Segment> segments = new ArrayList<>();
            for (String raw : path.substring(1).split("/", -1)) {
                segments.add(Segment.of(raw, parameters));
            }
            Set<String> methods = new TreeSet<>();
            item.readOperationsMap().keySet().forEach(m -> methods.add(m.name()));
            return new Template(path, methods, segments);
        }

        String commonUrl(Template other) {
            if (segments.size() != other.segments.size()) {
                return null;
            }
            StringBuilder url = new StringBuilder();
            for (int k = 0; k < segments.size(); k++) {
                String word = segments.get(k).commonWord(other.segments.get(k));
                if (word == null) {
                    return null;
                }
                url.append('/').append(word);
            }
            return url.toString();
        }
    }

    /** One segment: a literal, or literals and parameters concatenated. */
    private record Segment(String literal, Pattern javaPattern, Automaton automaton) {

        static Segment of(String raw, Map<String, Parameter> parameters) {
            Matcher m = PARAMETER.matcher(raw);
            if (!m.find()) {
                return new Segment(raw, Pattern.compile(Pattern.quote(raw)), Automaton.makeString(raw));
            }
            m.reset();
            StringBuilder java = new StringBuilder();
            Automaton automaton = Automaton.makeEmptyString();
            int last = 0;
            while (m.find()) {
                String before = raw.substring(last, m.start());
                java.append(Pattern.quote(before));
                automaton = automaton.concatenate(Automaton.makeString(before));
                Parameter parameter = parameters.get(m.group(1));
                String regex = parameter == null ? ANY_SEGMENT : regexOf(parameter.getSchema());
                java.append("(?:").append(regex).append(')');
                automaton = automaton.concatenate(automatonOf(regex));
                last = m.end();
            }
            String after = raw.substring(last);
            java.append(Pattern.quote(after));
            automaton = automaton.concatenate(Automaton.makeString(after));
            automaton = automaton.intersection(new RegExp(ANY_SEGMENT, RegExp.NONE).toAutomaton());
            return new Segment(null, Pattern.compile(java.toString()), automaton);
        }

        String commonWord(Segment other) {
            if (literal != null && other.literal != null) {
                return literal.equals(other.literal) ? literal : null;
            }
            if (literal != null) {
                return other.javaPattern.matcher(literal).matches() ? literal : null;
            }
            if (other.literal != null) {
                return javaPattern.matcher(other.literal).matches() ? other.literal : null;
            }
            Automaton common = automaton.intersection(other.automaton);
            return common.isEmpty() ? null : common.getShortestExample(true);
        }
    }

    private static Map<String, Parameter> pathParameters(PathItem item) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        for (Operation operation : item.readOperations()) {
            if (operation.getParameters() != null) {
                all.addAll(operation.getParameters());
            }
        }
        for (Parameter p : all) {
            if ("path".equals(p.getIn())) {
                // Operations of one path could declare one parameter differently; the widest view is kept.
                parameters.merge(p.getName(), p, (x, y) -> sameSchema(x, y) ? x : new Parameter().name(x.getName()));
            }
        }
        return parameters;
    }

    private static boolean sameSchema(Parameter x, Parameter y) {
        return java.util.Objects.equals(regexOf(x.getSchema()), regexOf(y.getSchema()));
    }

    /** The Java regex (unanchored) of the segments a parameter schema allows. */
    static String regexOf(Schema<?> schema) {
        if (schema == null) {
            return ANY_SEGMENT;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            List<String> quoted = new ArrayList<>();
            schema.getEnum().forEach(v -> quoted.add(Pattern.quote(String.valueOf(v))));
            return String.join("|", quoted);
        }
        if (schema.getPattern() != null) {
            String p = schema.getPattern();
            if (p.startsWith("^")) {
                p = p.substring(1);
            }
            if (p.endsWith("$") && !p.endsWith("\\$")) {
                p = p.substring(0, p.length() - 1);
            }
            return p;
        }
        if ("uuid".equals(schema.getFormat())) {
            return UUID;
        }
        if ("integer".equals(schema.getType()) || "number".equals(schema.getType())) {
            return "-?[0-9]+";
        }
        return ANY_SEGMENT;
    }

    /** The automaton of a Java regex, or of any segment when the automaton syntax cannot express it. */
    static Automaton automatonOf(String javaRegex) {
        if (javaRegex.contains("(?=")
                || javaRegex.contains("(?!")
                || javaRegex.contains("(?<")
                || javaRegex.matches(".*\\\\[1-9].*")) {
            return new RegExp(ANY_SEGMENT, RegExp.NONE).toAutomaton();
        }
        String brics = javaRegex
                .replace("(?:", "(")
                .replace("\\d", "[0-9]")
                .replace("\\w", "[a-zA-Z0-9_]")
                .replace("\\Q", "\"")
                .replace("\\E", "\"");
        try {
            return new RegExp(brics, RegExp.NONE).toAutomaton();
        } catch (IllegalArgumentException e) {
            return new RegExp(ANY_SEGMENT, RegExp.NONE).toAutomaton();
        }
    }
}
