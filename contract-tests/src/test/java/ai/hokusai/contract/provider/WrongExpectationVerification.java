package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;

/**
 * The same verification as {@link ProviderPactIT}, over the deliberately wrong pact that
 * {@link ProviderRejectsWrongExpectationIT} writes. Named so that neither test plugin runs it on its own: only that
 * test launches it, and expects it to fail.
 */
@Provider(Contract.PROVIDER)
@PactFolder(WrongExpectationVerification.FOLDER)
class WrongExpectationVerification extends ProviderVerification {

    static final String FOLDER = "target/wrong-expectation-pacts";
}
