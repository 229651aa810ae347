package ai.hokusai.archfixture.runtime;

import jakarta.servlet.http.HttpServletRequest;

/** Breaks "runtime knows no HTTP": a runtime reading the servlet request. */
public class HttpAwareRuntime {

    public String predict(HttpServletRequest request) {
        return request.getParameter("input");
    }
}
