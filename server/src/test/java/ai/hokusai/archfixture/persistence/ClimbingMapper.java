package ai.hokusai.archfixture.persistence;

import ai.hokusai.archfixture.service.FixtureService;

/** Breaks "persistence depends on nothing above it" and, with FixtureService, makes a cycle. */
public class ClimbingMapper {

    public FixtureRow load(FixtureService caller) {
        return caller.row();
    }
}
