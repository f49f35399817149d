package io.enclave.cli;

import picocli.CommandLine.Command;

/** {@code enclave studio}: opens the desktop studio (the default with no arguments). */
@Command(name = "studio", mixinStandardHelpOptions = true, description = "Open the desktop studio (default).")
public final class StudioCommand implements Runnable {
    @Override
    public void run() {
        try {
            Class.forName("io.enclave.ui.StudioApp").getMethod("launchStudio", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (ReflectiveOperationException e) {
            throw new UserError("The desktop studio could not start: " + e.getCause(), e);
        }
    }
}
