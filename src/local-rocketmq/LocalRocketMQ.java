import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.BrokerStartup;
import org.apache.rocketmq.common.ThreadFactoryImpl;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.AttributeParser;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.common.utils.Shutdown;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.proxy.config.ConfigurationManager;
import org.apache.rocketmq.proxy.grpc.GrpcServer;
import org.apache.rocketmq.proxy.grpc.GrpcServerBuilder;
import org.apache.rocketmq.proxy.grpc.v2.GrpcMessagingApplication;
import org.apache.rocketmq.proxy.metrics.ProxyMetricsManager;
import org.apache.rocketmq.proxy.processor.DefaultMessagingProcessor;
import org.apache.rocketmq.proxy.processor.MessagingProcessor;
import org.apache.rocketmq.proxy.service.cert.TlsCertificateManager;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;

/**
 * A throw-away RocketMQ 5 for dev and tests: NameServer + Broker + Proxy (LOCAL mode, gRPC) in this one JVM,
 * on loopback, with small store files. Run with the JDK source-file launcher on the broker's classpath
 * (see the exec-maven-plugin executions in pom.xml).
 *
 * <p>System properties: {@code rocketmq.local.home}, {@code rocketmq.local.namesrv-port},
 * {@code rocketmq.local.broker-port}, {@code rocketmq.local.grpc-port}, {@code rocketmq.local.remoting-port},
 * {@code rocketmq.local.topics} (comma list), {@code rocketmq.local.groups} (comma list, optional).
 *
 * <p>Each run starts from an empty store. When every topic is routable, {@code <home>/ready} is written and
 * {@code LOCAL ROCKETMQ READY in N ms} is printed.
 */
public class LocalRocketMQ {

    /** A failed start leaves non-daemon threads behind, so every failure ends the JVM. */
    public static void main(String[] args) {
        try {
            Settings settings = Settings.fromSystemProperties();
            settings.checkPortsFree();
            settings.prepareHome();
            settings.applySystemProperties();

            Cluster cluster = new Cluster(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopWithinBudget, "local-rocketmq-shutdown"));
            cluster.start();
            cluster.awaitRoutes();

            long launchedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
            long readyInMillis = System.currentTimeMillis() - launchedAt;
            settings.writeReadyFile(launchedAt, readyInMillis);
            System.out.println("LOCAL ROCKETMQ READY in " + readyInMillis + " ms");
        } catch (Throwable e) {
            System.out.println("LOCAL ROCKETMQ FAILED: " + e);
            e.printStackTrace(System.out);
            reportFailure(e);
            System.exit(1);
        }
    }

    /** Leaves {@code <home>/failed} so that whoever waits for {@code ready} stops waiting at once. */
    private static void reportFailure(Throwable failure) {
        String home = System.getProperty("rocketmq.local.home");
        if (home == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(home));
            Files.writeString(Path.of(home, "failed"), String.valueOf(failure), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException ignored) {
            // Nothing more to say: the console already has the cause.
        }
    }

    /** The inputs, and the files this launcher owns under the home folder. */
    record Settings(Path home, int namesrvPort, int brokerPort, int grpcPort, int remotingPort,
                    List<String> topics, List<String> groups) {

        static final String LOOPBACK = "127.0.0.1";
        static final String CLUSTER = "DefaultCluster";
        static final String BROKER_NAME = "local-broker";

        static Settings fromSystemProperties() {
            return new Settings(
                Path.of(required("rocketmq.local.home")).toAbsolutePath().normalize(),
                port("rocketmq.local.namesrv-port"),
                port("rocketmq.local.broker-port"),
                port("rocketmq.local.grpc-port"),
                port("rocketmq.local.remoting-port"),
                commaList(System.getProperty("rocketmq.local.topics", "")),
                commaList(System.getProperty("rocketmq.local.groups", "")));
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("system property " + name + " is required");
            }
            return value.trim();
        }

        private static int port(String name) {
            return Integer.parseInt(required(name));
        }

        private static List<String> commaList(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().collect(Collectors.toList());
        }

        Path store() {
            return home.resolve("store");
        }

        Path conf() {
            return home.resolve("conf");
        }

        Path readyFile() {
            return home.resolve("ready");
        }

        String namesrvAddr() {
            return LOOPBACK + ":" + namesrvPort;
        }

        String grpcEndpoint() {
            return LOOPBACK + ":" + grpcPort;
        }

        /**
         * A second launcher on the same ports would otherwise wipe the store and the ready file of the one
         * already running, and only then fail to bind.
         */
        void checkPortsFree() throws IOException {
            // The broker also listens on port - 2 (its "fast" server) and port + 1 (HA); gRPC binds 0.0.0.0.
            for (int port : List.of(namesrvPort, brokerPort, brokerPort - 2, brokerPort + 1, grpcPort)) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(port));
                } catch (BindException e) {
                    throw new IOException("port " + port + " is in use: is a local RocketMQ already running?", e);
                }
            }
        }

        /** Tests rely on an empty broker, and on "ready" meaning this run is ready. */
        void prepareHome() throws IOException {
            Files.deleteIfExists(readyFile());
            Files.deleteIfExists(home.resolve("failed"));
            deleteRecursively(store());
            Files.createDirectories(conf());
            Files.createDirectories(home.resolve("logs"));
            writeLogbackConfig();
        }

        /**
         * Must run before any RocketMQ class is initialised: several read these properties in static fields
         * (MixAll.ROCKETMQ_HOME_DIR, TlsSystemConfig) or in field initialisers (paths under user.home).
         */
        void applySystemProperties() {
            // Everything RocketMQ writes under user.home (kv config, logs) stays under the home folder.
            System.setProperty("user.home", home.toString());
            System.setProperty("rocketmq.home.dir", home.toString());
            // Without a config of its own, the shaded logback logs DEBUG to the console.
            System.setProperty("rmq.logback.configurationFile", conf().resolve("logback.xml").toString());
            // Each server would generate its own self-signed certificate (1-3 s each): share one from files.
            // Permissive mode lets gRPC clients connect with or without TLS.
            TlsFiles tls = TlsFiles.ensure(home.resolve("tls"));
            System.setProperty("tls.server.mode", "permissive");
            System.setProperty("tls.test.mode.enable", "false");
            System.setProperty("tls.server.certPath", tls.cert().toString());
            System.setProperty("tls.server.keyPath", tls.key().toString());
            // Never pick up a machine-wide /etc/rocketmq/tls.properties.
            System.setProperty("tls.config.file", conf().resolve("tls.properties").toString());
            System.setProperty(ConfigurationManager.RMQ_PROXY_HOME, home.toString());
        }

        /** One file for all components at INFO; only errors reach the console, which Maven shows. */
        private void writeLogbackConfig() throws IOException {
            String logFile = home.resolve("logs").resolve("rocketmq.log").toString();
            String xml = String.join("\n",
                "<configuration>",
                "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
                "    <file>" + xmlEscape(logFile) + "</file>",
                "    <append>false</append>",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5p [%t] %c - %m%n</pattern></encoder>",
                "  </appender>",
                "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\"><level>ERROR</level></filter>",
                "    <encoder><pattern>local-rocketmq %-5p [%t] %c - %m%n</pattern></encoder>",
                "  </appender>",
                // Periodic status lines (every second, every revive scan) that bury what matters.
                "  <logger name=\"RocketmqWaterMark\" level=\"WARN\"/>",
                "  <logger name=\"RocketmqNamesrvWaterMark\" level=\"WARN\"/>",
                "  <logger name=\"RocketmqProxyWatermark\" level=\"WARN\"/>",
                "  <logger name=\"RocketmqPop\" level=\"WARN\"/>",
                "  <root level=\"INFO\">",
                "    <appender-ref ref=\"FILE\"/>",
                "    <appender-ref ref=\"CONSOLE\"/>",
                "  </root>",
                "</configuration>",
                "");
            Files.writeString(conf().resolve("logback.xml"), xml);
        }

        private static String xmlEscape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        /** Written atomically, so a reader never sees half a file. */
        void writeReadyFile(long launchedAt, long readyInMillis) throws IOException {
            Properties ready = new Properties();
            ready.setProperty("namesrv", namesrvAddr());
            ready.setProperty("grpc", grpcEndpoint());
            ready.setProperty("startMillis", Long.toString(launchedAt));
            ready.setProperty("readyInMillis", Long.toString(readyInMillis));
            ready.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            Path tmp = home.resolve("ready.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ready.store(out, "local RocketMQ");
            }
            Files.move(tmp, readyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        private static void deleteRecursively(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A self-signed certificate made on the first run and kept (outside the store) for the next ones. */
    record TlsFiles(Path cert, Path key) {

        static TlsFiles ensure(Path dir) {
            TlsFiles files = new TlsFiles(dir.resolve("rocketmq.crt"), dir.resolve("rocketmq.key"));
            if (Files.isRegularFile(files.cert) && Files.isRegularFile(files.key)) {
                return files;
            }
            try {
                Files.createDirectories(dir);
                SelfSignedCertificate generated = new SelfSignedCertificate("localhost");
                try {
                    Files.copy(generated.privateKey().toPath(), files.key, StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(generated.certificate().toPath(), files.cert, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    generated.delete();
                }
                return files;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot generate a TLS certificate in " + dir, e);
            }
        }
    }

    /** The three servers, started in the order ProxyStartup uses for LOCAL mode, with handles kept for shutdown. */
    static final class Cluster {
        /** How long a graceful stop may run before the JVM is halted; a complete one takes ~20 s. */
        private static final long SHUTDOWN_BUDGET_MILLIS = 2_000;
        private static final long ROUTE_TIMEOUT_MILLIS = 60_000;
        private static final int QUEUES_PER_TOPIC = 8;

        private final Settings settings;
        /** Newest first; a copy-on-write list because SIGTERM may arrive while start() is still adding. */
        private final List<Shutdown> stopOrder = new CopyOnWriteArrayList<>();
        private NamesrvController namesrv;
        private BrokerController broker;

        Cluster(Settings settings) {
            this.settings = settings;
        }

        void start() throws Exception {
            startNameServer();
            createBroker();
            createTopicsAndGroups();
            startProxyWithBroker();
        }

        private void startNameServer() throws Exception {
            NamesrvConfig config = new NamesrvConfig();
            config.setRocketmqHome(settings.home().toString());
            Path dir = settings.store().resolve("namesrv");
            config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
            config.setConfigStorePath(dir.resolve("namesrv.properties").toString());

            NettyServerConfig server = new NettyServerConfig();
            server.setBindAddress(Settings.LOOPBACK);
            server.setListenPort(settings.namesrvPort());

            // The NameServer's own client would otherwise keep dialling the host's outside address.
            NettyClientConfig client = new NettyClientConfig();
            client.setScanAvailableNameSrv(false);

            namesrv = new NamesrvController(config, server, client);
            if (!namesrv.initialize()) {
                throw new IllegalStateException("name server failed to initialise");
            }
            stopOrder.add(0, namesrv::shutdown);
            namesrv.start();
        }

        /** Through BrokerStartup's own parsing, so broker.conf keys mean what they mean for a real broker. */
        private void createBroker() throws Exception {
            Path brokerConf = writeBrokerConf();
            broker = BrokerStartup.buildBrokerController(
                BrokerStartup.configFileToConfigContext(brokerConf.toString()));
            if (!broker.initialize()) {
                throw new IllegalStateException("broker failed to initialise (see logs/rocketmq.log)");
            }
        }

        private Path writeBrokerConf() throws IOException {
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("rocketmqHome", settings.home().toString());
            conf.put("brokerClusterName", Settings.CLUSTER);
            conf.put("brokerName", Settings.BROKER_NAME);
            conf.put("brokerId", "0");
            conf.put("namesrvAddr", settings.namesrvAddr());
            conf.put("brokerIP1", Settings.LOOPBACK);
            conf.put("bindAddress", Settings.LOOPBACK);
            conf.put("listenPort", Integer.toString(settings.brokerPort()));
            // Not scanAvailableNameSrv=false here: the broker registers only with NameServers its scan found.
            conf.put("storePathRootDir", settings.store().toString());
            // Topics are created here, as in production: a client must not create them by accident.
            conf.put("autoCreateTopicEnable", "false");
            // Lets one topic take normal, FIFO, delayed and transactional messages.
            conf.put("enableMixedMessageType", "true");
            conf.put("enablePropertyFilter", "true");
            // Small files: the defaults (1 GiB commit log, ~420 MB index) are for production.
            conf.put("mappedFileSizeCommitLog", Integer.toString(128 * 1024 * 1024));
            conf.put("mappedFileSizeConsumeQueue", Integer.toString(100_000 * 20));
            conf.put("mappedFileSizeTimerLog", Integer.toString(16 * 1024 * 1024));
            conf.put("maxHashSlotNum", "500000");
            conf.put("maxIndexNum", "2000000");
            conf.put("diskMaxUsedSpaceRatio", "95");
            // On two cores shared with the gateway, its load clients and a build, a send can wait in the broker's
            // queue longer than the default 200 ms, which the broker answers with TIMEOUT_CLEAN_QUEUE ("broker busy").
            conf.put("waitTimeMillsInSendQueue", "1000");
            Properties props = new Properties();
            props.putAll(conf);
            Path file = settings.conf().resolve("broker.conf");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "written by LocalRocketMQ on every start");
            }
            return file;
        }

        /**
         * Before the broker starts, so its first registration already carries them; gRPC producers cannot
         * create topics, and gRPC consumers need their group to exist.
         */
        private void createTopicsAndGroups() {
            for (String topic : settings.topics()) {
                TopicConfig config = new TopicConfig(topic, QUEUES_PER_TOPIC, QUEUES_PER_TOPIC,
                    PermName.PERM_READ | PermName.PERM_WRITE);
                // The "+" means "add this attribute", the only form accepted when a topic is created.
                config.setAttributes(AttributeParser.parseToMap("+message.type=MIXED"));
                broker.getTopicConfigManager().updateTopicConfig(config);
            }
            for (String group : settings.groups()) {
                SubscriptionGroupConfig config = new SubscriptionGroupConfig();
                config.setGroupName(group);
                broker.getSubscriptionGroupManager().updateSubscriptionGroupConfig(config);
            }
        }

        /** The broker starts as one of the proxy's parts, as in ProxyStartup; no proxy remoting server. */
        private void startProxyWithBroker() throws Exception {
            Path proxyConf = writeProxyConf();
            System.setProperty("com.rocketmq.proxy.configPath", proxyConf.toString());
            ConfigurationManager.initEnv();
            ConfigurationManager.initConfig();
            ProxyMetricsManager.initLocalMode(broker.getBrokerMetricsManager(), ConfigurationManager.getProxyConfig());

            MessagingProcessor processor = DefaultMessagingProcessor.createForLocalMode(broker);
            TlsCertificateManager tls = new TlsCertificateManager();
            GrpcMessagingApplication application = GrpcMessagingApplication.create(processor);
            ThreadPoolExecutor grpcExecutor = grpcExecutor();
            GrpcServer grpcServer = GrpcServerBuilder.newBuilder(grpcExecutor, settings.grpcPort(), tls)
                .addService(application)
                .configInterceptor()
                // Clients of a throw-away broker need no grace period.
                .shutdownTime(1, TimeUnit.SECONDS)
                .build();

            stopOrder.add(0, broker::shutdown);
            broker.start();
            stopOrder.add(0, processor::shutdown);
            processor.start();
            stopOrder.add(0, tls::shutdown);
            tls.start();
            stopOrder.add(0, application::shutdown);
            application.start();
            stopOrder.add(0, grpcExecutor::shutdownNow);
            stopOrder.add(0, grpcServer::shutdown);
            grpcServer.start();
        }

        private Path writeProxyConf() throws IOException {
            Map<String, Object> conf = new LinkedHashMap<>();
            conf.put("proxyMode", "LOCAL");
            conf.put("rocketMQClusterName", Settings.CLUSTER);
            conf.put("namesrvAddr", settings.namesrvAddr());
            conf.put("localServeAddr", Settings.LOOPBACK);
            conf.put("grpcServerPort", settings.grpcPort());
            // Not started, but its default (8080) is the gateway's port: keep it out of the way.
            conf.put("remotingListenPort", settings.remotingPort());
            conf.put("brokerConfigPath", settings.conf().resolve("broker.conf").toString());
            conf.put("tlsTestModeEnable", false);
            conf.put("tlsCertPath", System.getProperty("tls.server.certPath"));
            conf.put("tlsKeyPath", System.getProperty("tls.server.keyPath"));
            conf.put("enablePrintJstack", false);
            Path file = settings.conf().resolve("rmq-proxy.json");
            Files.writeString(file, com.alibaba.fastjson.JSON.toJSONString(conf, true), StandardCharsets.UTF_8);
            return file;
        }

        private static ThreadPoolExecutor grpcExecutor() {
            int threads = ConfigurationManager.getProxyConfig().getGrpcThreadPoolNums();
            return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(ConfigurationManager.getProxyConfig().getGrpcThreadPoolQueueCapacity()),
                new ThreadFactoryImpl("GrpcRequestExecutorThread_"));
        }

        /**
         * The broker registers only with NameServers its client has already found reachable, which an
         * asynchronous scan decides, so the registration in broker.start() is usually skipped without a word;
         * the periodic one comes 10 s later. And the proxy caches a missing route for a while. So register
         * again until the NameServer itself has a route for every topic.
         */
        void awaitRoutes() throws InterruptedException {
            long deadline = System.currentTimeMillis() + ROUTE_TIMEOUT_MILLIS;
            while (true) {
                List<String> missing = unroutableTopics();
                if (missing.isEmpty() && brokerRegistered()) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("after " + ROUTE_TIMEOUT_MILLIS + " ms the NameServer has the broker: "
                        + brokerRegistered() + ", and no route for the topics " + missing);
                }
                broker.registerBrokerAll(true, false, true);
                Thread.sleep(100);
            }
        }

        private boolean brokerRegistered() {
            return namesrv.getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable()
                .containsKey(Settings.BROKER_NAME);
        }

        private List<String> unroutableTopics() {
            List<String> missing = new ArrayList<>();
            for (String topic : settings.topics()) {
                TopicRouteData route = namesrv.getRouteInfoManager().pickupTopicRouteData(topic);
                if (route == null || route.getQueueDatas() == null || route.getQueueDatas().isEmpty()) {
                    missing.add(topic);
                }
            }
            return missing;
        }

        /**
         * A graceful stop of everything takes ~20 s (flush, thread pools, gRPC grace). The store is wiped on the
         * next start, so after a short budget the JVM is halted instead of waited for.
         */
        void stopWithinBudget() {
            deleteReadyFile();
            Thread stopper = new Thread(this::stopAll, "local-rocketmq-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(SHUTDOWN_BUDGET_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Again: a start still in progress may have written it meanwhile.
            deleteReadyFile();
            if (stopper.isAlive()) {
                Runtime.getRuntime().halt(0);
            }
        }

        private void deleteReadyFile() {
            try {
                Files.deleteIfExists(settings.readyFile());
            } catch (IOException ignored) {
                // Only a hint for readers; the next start deletes it as well.
            }
        }

        private void stopAll() {
            for (Shutdown part : stopOrder) {
                try {
                    part.shutdown();
                } catch (Throwable e) {
                    System.out.println("local-rocketmq: error while stopping: " + e);
                }
            }
        }
    }
}
