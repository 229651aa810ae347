package ai.hokusai.archfixture.service;

import ai.hokusai.archfixture.web.model.FixtureWireModel;

/** Breaks "generated types stay in web": a use case returning a wire model. */
public class GeneratedModelUser {

    public FixtureWireModel describe() {
        return new FixtureWireModel("21");
    }
}
