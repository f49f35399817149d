package io.enclave.ui;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns an exception into one sentence a person can act on; Enclave's own exceptions already say what to do. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t instanceof java.util.concurrent.ExecutionException || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        if (t.getClass().getName().startsWith("io.enclave.") && t.getMessage() != null && !t.getMessage().isBlank()) {
            return t.getMessage(); // Enclave's own exceptions already say what happened and what to do
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException) {
                return withMessage(t, "The server did not answer. Check the URL in Settings and that it is running.");
            }
            if (c instanceof SocketTimeoutException) {
                return withMessage(t, "The server took too long to answer. Try again, or pick another RPC URL in Settings.");
            }
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t instanceof IOException ? "Reading or writing a file failed (" + t.getClass().getSimpleName() + ")."
                    : "Something went wrong (" + t.getClass().getSimpleName() + ").";
        }
        return m;
    }

    private static String withMessage(Throwable t, String advice) {
        return t.getMessage() == null ? advice : t.getMessage() + " — " + advice;
    }
}
