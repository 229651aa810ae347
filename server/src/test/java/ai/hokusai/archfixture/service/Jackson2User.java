package ai.hokusai.archfixture.service;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "one JSON library": builds its own Jackson 2 mapper. */
public class Jackson2User {

    private final ObjectMapper mapper = new ObjectMapper();

    public String write(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }
}
