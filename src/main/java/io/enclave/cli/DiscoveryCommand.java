package io.enclave.cli;

import io.enclave.BuildInfo;
import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enclave discovery ...}: the read-only discovery server. */
@Command(name = "discovery", mixinStandardHelpOptions = true,
        description = "The read-only discovery API that indexes the contracts' events.",
        subcommands = {DiscoveryCommand.Serve.class})
public final class DiscoveryCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code enclave discovery serve}: serves the API until interrupted. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the discovery API.")
    static final class Serve implements Runnable {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8600", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public void run() {
            CountDownLatch stopped = new CountDownLatch(1);
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "up", "version",
                        BuildInfo.current().version())));
                cfg.events.serverStopped(stopped::countDown);
            });
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "discovery-shutdown"));
            app.start(host, port);
            System.out.println("discovery API on http://" + host + ":" + app.port());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
