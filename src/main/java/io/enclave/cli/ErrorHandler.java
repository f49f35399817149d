package io.enclave.cli;

import picocli.CommandLine;

/** Turns an exception into one readable line on stderr (stack traces only with ENCLAVE_DEBUG=1). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("enclave: " + msg);
        if ("1".equals(System.getenv("ENCLAVE_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        return ex instanceof UserError || ex instanceof io.enclave.wallet.WalletException
                || ex instanceof io.enclave.chain.ChainException ? 2 : 1;
    }
}
