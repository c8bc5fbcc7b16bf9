package qdkg.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * qdkg's local Neo4j 5: Neo4j's own test server (neo4j-harness), community edition, with APOC core loaded from a
 * plugin directory and Neo4j Browser served over HTTP.
 *
 * <p>Binds 127.0.0.1 only (Bolt and HTTP), with auth on: the password of user {@code neo4j} is read from a file and
 * set through {@code ALTER USER ... CHANGE NOT REQUIRED} on the system database at every start. The data stays in
 * the directory given (so a restart keeps the graph). Prints exactly one {@code READY bolt://...} line on stdout once
 * it serves, and stops cleanly (the store is closed, then {@code STOPPED} and exit 0) on SIGTERM or SIGINT.
 *
 * <pre>
 * CLASSPATH="target/classes:target/plugins/*:$(cat target/classpath.txt)" java qdkg.neo4j.Launcher \
 *      --data .neo4j --password-file .neo4j/password [--bolt-port 7687] [--http-port 7474] [--plugins target/plugins]
 * </pre>
 *
 * Exit status: 0 after a clean stop, 2 for bad arguments or a port in use, 1 if the server failed to start.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) {
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage() + "\nusage: Launcher --data DIR --password-file FILE [--bolt-port N] "
                    + "[--http-port N] [--plugins DIR]");
            return;
        }
        Path data = Path.of(opts.get("--data")).toAbsolutePath();
        int boltPort = port(opts.getOrDefault("--bolt-port", "7687"), "--bolt-port");
        int httpPort = port(opts.getOrDefault("--http-port", "7474"), "--http-port");
        Path plugins = Path.of(opts.getOrDefault("--plugins", defaultPlugins())).toAbsolutePath();
        String password = readPassword(Path.of(opts.get("--password-file")));

        ensureFree(boltPort, "Bolt", "--bolt-port");
        ensureFree(httpPort, "HTTP", "--http-port");

        Neo4j neo4j;
        try {
            Files.createDirectories(data);
            Path scratch = data.resolve("harness");
            deleteTree(scratch); // the harness's own folder (logs) from a run that was killed
            neo4j = Neo4jBuilders.newInProcessBuilder(scratch)
                    .withConfig(GraphDatabaseSettings.neo4j_home, data)
                    .withConfig(GraphDatabaseSettings.auth_enabled, true)
                    .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                    .withConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                    .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                    .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .withConfig(HttpConnector.enabled, true)
                    .withConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                    .withConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                    .withConfig(HttpsConnector.enabled, false)
                    .withConfig(GraphDatabaseSettings.routing_enabled, false) // no third listener (7688)
                    .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                    .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    .withConfig(GraphDatabaseSettings.udc_enabled, false) // offline: no usage reports
                    .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                    .build();
        } catch (Exception e) {
            fail(1, "Neo4j did not start: " + rootMessage(e) + " (data in " + data + ")");
            return;
        }

        try {
            neo4j.databaseManagementService()
                    .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                    .executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (Exception e) {
            // A restart on kept data with the same password: Neo4j refuses to "change" it to itself, and it is set.
            if (!String.valueOf(rootMessage(e)).contains("Old password and new password cannot be the same")) {
                neo4j.close();
                fail(1, "could not set the password of user neo4j: " + rootMessage(e));
            }
        }

        // SIGTERM/SIGINT ask the main thread to stop: Neo4j is shut down (the store closed cleanly), then exit 0.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stopRequested.countDown());
        }

        System.out.println("READY bolt://" + HOST + ":" + boltPort + " http://" + HOST + ":" + httpPort
                + "/browser/ data=" + data);
        System.out.flush();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            neo4j.close();
        } catch (Exception e) {
            fail(1, "Neo4j did not stop cleanly: " + rootMessage(e));
        }
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        List<String> known = List.of("--data", "--password-file", "--bolt-port", "--http-port", "--plugins");
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            opts.put(args[i], args[++i]);
        }
        for (String required : List.of("--data", "--password-file")) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        return opts;
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail(2, option + " " + text + " is not a port number (1-65535)");
        return -1;
    }

    /** Refuse a port another process holds, before Neo4j half-starts on it. */
    private static void ensureFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            fail(2, what + " port " + HOST + ":" + port + " is already in use (another Neo4j? `make neo4j-stop` "
                    + "stops qdkg's); choose another with " + option);
        }
    }

    private static String readPassword(Path file) {
        try {
            String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pw.length() < 8) {
                fail(2, "the password in " + file + " is shorter than Neo4j's minimum of 8 characters");
            }
            return pw;
        } catch (IOException e) {
            fail(2, "cannot read the password file " + file + ": " + e.getMessage());
            return "";
        }
    }

    private static String defaultPlugins() {
        try {
            Path classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.resolveSibling("plugins").toString(); // target/classes -> target/plugins
        } catch (Exception e) {
            return "plugins";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static void fail(int status, String message) {
        System.err.println("ERROR: " + message);
        System.err.flush();
        System.exit(status);
    }
}
