package io.enclave.market;

/** Where a long use case is, in words for a status bar or a terminal. Called on the service's thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = message -> { };

    void step(String message);
}
