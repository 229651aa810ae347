package ai.hokusai.server.config;

/** The server will not start as configured; its message is the one line an operator reads. */
public class StartupRefusedException extends RuntimeException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
