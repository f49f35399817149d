package io.enclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.ChainException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void enclaveMessagesPassThroughUnchanged() {
        assertThat(Errors.describe(new ChainException("No RPC endpoint answered. Check your connection.")))
                .isEqualTo("No RPC endpoint answered. Check your connection.");
        assertThat(Errors.describe(new ExecutionException(new ChainException("Refusing to sign."))))
                .isEqualTo("Refusing to sign.");
    }

    @Test
    void foreignNetworkErrorsGetAdvice() {
        assertThat(Errors.describe(new java.io.UncheckedIOException(new ConnectException("Connection refused"))))
                .startsWith("Connection refused — The server did not answer");
        assertThat(Errors.describe(new RuntimeException(new java.net.SocketTimeoutException())))
                .contains("took too long");
    }

    @Test
    void blankMessagesStillSaySomething() {
        assertThat(Errors.describe(new NullPointerException())).isEqualTo("Something went wrong (NullPointerException).");
        assertThat(Errors.describe(new java.io.IOException())).contains("file");
    }
}
