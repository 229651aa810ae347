package ai.hokusai.server.service;

import java.time.OffsetDateTime;

import ai.hokusai.server.security.Caller;
import org.springframework.stereotype.Service;

/** Placeholder until the credential store lands. */
@Service
public class CredentialService {

    public OffsetDateTime setHuggingFaceToken(Caller caller, String token) {
        throw new UnsupportedOperationException("not yet");
    }

    public void deleteHuggingFaceToken(Caller caller) {
        throw new UnsupportedOperationException("not yet");
    }
}
