package ai.hokusai.training.lscor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a Hugging Face {@code tokenizers} JSON: a WordLevel model over a given vocabulary, a Lowercase
 * normalizer and the Whitespace pre-tokenizer ({@code \w+|[^\w\s]+}). {@link #preTokenize} mirrors that
 * pipeline so the trainer can collect the vocabulary before the tokenizer exists; the trainer then checks
 * that the real tokenizer agrees.
 */
final class TokenizerJson {

    static final String UNK = "[UNK]";

    private static final Pattern WHITESPACE_PRE_TOKENIZER =
            Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

    private TokenizerJson() {}

    static List<String> preTokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = WHITESPACE_PRE_TOKENIZER.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** The unknown token gets id 0, the vocabulary the following ids in its (sorted) order. */
    static Map<String, Object> wordLevel(SortedSet<String> vocabulary) {
        Map<String, Object> vocab = new LinkedHashMap<>();
        vocab.put(UNK, 0);
        for (String token : vocabulary) {
            vocab.put(token, vocab.size());
        }
        Map<String, Object> unk = new LinkedHashMap<>();
        unk.put("id", 0);
        unk.put("content", UNK);
        unk.put("single_word", false);
        unk.put("lstrip", false);
        unk.put("rstrip", false);
        unk.put("normalized", false);
        unk.put("special", true);

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordLevel");
        model.put("vocab", vocab);
        model.put("unk_token", UNK);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of(unk));
        root.put("normalizer", typed("Lowercase"));
        root.put("pre_tokenizer", typed("Whitespace"));
        root.put("post_processor", null);
        root.put("decoder", null);
        root.put("model", model);
        return root;
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", type);
        return node;
    }
}
