package ai.hokusai.archfixture.web;

import ai.hokusai.archfixture.persistence.FixtureRow;

/** Breaks "web never reads persistence" (and the layers): answers with a database row. */
public class LeakyController {

    public String answer(FixtureRow row) {
        return row.id();
    }
}
