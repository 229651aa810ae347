package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;

/**
 * Replays every interaction the SDK's consumer tests recorded in {@code target/pacts} against the real server. No
 * pact file there fails the run (Pact's default), so the verification cannot pass by having nothing to verify.
 */
@Provider(Contract.PROVIDER)
@PactFolder("target/pacts")
class ProviderPactIT extends ProviderVerification {}
