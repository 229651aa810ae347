package ai.hokusai.archfixture.service;

import ai.hokusai.archfixture.persistence.FixtureRow;

/** A use case reading rows, as it may. */
public class FixtureService {

    public FixtureRow row() {
        return new FixtureRow("1");
    }
}
