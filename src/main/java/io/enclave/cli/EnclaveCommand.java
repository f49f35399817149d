package io.enclave.cli;

import io.enclave.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code enclave}: the root of the command line. Subcommands are listed in the annotation. */
@Command(name = "enclave", mixinStandardHelpOptions = true, versionProvider = EnclaveCommand.Version.class,
        description = "Enclave: a privacy-first data marketplace — wallet, credential studio and discovery server.",
        subcommands = {
            CommandLine.HelpCommand.class,
            StudioCommand.class,
            DevnetCommand.class,
            WalletCommand.class,
            TxCommand.class,
            DeployCommand.class,
            VerifyProofCommand.class,
            ZkCommand.class,
            StorageCommand.class,
            CredentialCommand.class,
            DiscoveryCommand.class,
            MarketCommand.class,
            TrustCommand.class,
            GovCommand.class,
        })
public final class EnclaveCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the process exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EnclaveCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    /** Prints the build's version and commit. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo info = BuildInfo.current();
            return new String[] {"enclave " + info.version(), "commit " + info.commit(),
                "java " + System.getProperty("java.version"),
                "AES-256-GCM " + io.enclave.crypto.GcmProvider.selected().description()
                    + io.enclave.crypto.GcmProvider.correttoUnavailableReason()
                        .map(r -> " (Amazon Corretto Crypto Provider not used: " + r + ")").orElse("")};
        }
    }
}
