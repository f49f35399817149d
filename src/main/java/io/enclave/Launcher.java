package io.enclave;

import io.enclave.cli.EnclaveCommand;
import io.enclave.util.DataDirs;

/**
 * The one entry point of the jar, with three faces: no arguments opens the desktop studio, anything else
 * is the CLI (which includes {@code discovery serve}, the server). Imports no JavaFX, so the CLI and the
 * server run on machines without a display and the studio runs from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("enclave.log.dir") == null) {
            System.setProperty("enclave.log.dir", DataDirs.logs().toString());
        }
        if (args.length == 2 && args[0].equals("studio") && args[1].equals("--no-demo")) {
            // a new local devnet without the demo listings, vouches, proposal and dispute (an existing one is kept)
            System.setProperty("enclave.devnet", "bare");
        }
        if (args.length == 0 || (args.length == 1 && args[0].equals("studio"))
                || (args.length == 2 && args[0].equals("studio") && args[1].equals("--no-demo"))) {
            Class.forName("io.enclave.ui.StudioApp").getMethod("launchStudio", String[].class)
                    .invoke(null, (Object) new String[0]);
            return;
        }
        System.exit(EnclaveCommand.run(args));
    }
}
