package io.enclave.discovery.server;

/** A request parameter is invalid: answered with 400 and a JSON body naming the parameter. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    BadRequest(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
