package ai.hokusai.runtimefixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Breaks "the runtime uses no database class" on purpose: a runtime reading its weights over JDBC. */
public class SqlReadingRuntime {

    public Connection weights(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
