package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;

/**
 * Replays every interaction the TypeScript SDK's consumer tests recorded in {@code sdk-typescript/target/pacts}
 * (consumer {@code hokusai-sdk-typescript}) against the real server, under the same provider states.
 */
@Provider(Contract.PROVIDER)
@PactFolder("../sdk-typescript/target/pacts")
class ProviderTypeScriptPactIT extends ProviderVerification {}
