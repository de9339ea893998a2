package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.broker.rocketmq.remoting.RemotingClient;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.jboss.logging.Logger;

/**
 * Administration through the NameServer with the classic remoting client: the gRPC client cannot create topics or
 * groups, and RocketMQ 5's gRPC consumers need their group to exist. All calls block, so they run on workers.
 */
@Singleton
class RocketMQAdmin implements BrokerAdmin {
    private static final Logger LOG = Logger.getLogger(RocketMQAdmin.class);
    private static final int QUEUES_PER_TOPIC = 4;
    private static final long ROUTE_WAIT_MILLIS = 10_000;

    private final GatewayConfig config;
    private final Set<String> knownGroups = ConcurrentHashMap.newKeySet();
    private MQClientAPIImpl client; // guarded by this; started on first use

    RocketMQAdmin(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Uni<Void> ensureGroup(String group) {
        if (!config.rocketmq().createGroups() || knownGroups.contains(group)) {
            return Uni.createFrom().voidItem();
        }
        return blocking("creating consumer group " + group, () -> {
            SubscriptionGroupConfig groupConfig = new SubscriptionGroupConfig();
            groupConfig.setGroupName(group);
            for (String broker : masterBrokers()) {
                client().createSubscriptionGroup(broker, groupConfig, timeoutMillis());
            }
            knownGroups.add(group);
            LOG.infof("group %s: created (gateway.rocketmq.create-groups=true)", group);
            return null;
        });
    }

    @Override
    public Uni<Void> createTopic(String topic) {
        return blocking("creating topic " + topic, () -> {
            TopicConfig topicConfig = new TopicConfig(topic, QUEUES_PER_TOPIC, QUEUES_PER_TOPIC);
            // MIXED lets one topic carry normal, FIFO (messageGroup) and delayed (deliverAt) messages.
            topicConfig.setAttributes(Map.of("+message.type", "MIXED"));
            for (String broker : masterBrokers()) {
                client().createTopic(broker, "TBW102", topicConfig, timeoutMillis());
            }
            awaitRoute(topic);
            LOG.infof("topic %s: created", topic);
            return null;
        });
    }

    @Override
    public Uni<Boolean> reachable() {
        return Uni.createFrom().item(this::probe)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(false);
    }

    /** The gRPC endpoints are what the gateway depends on; the NameServer too, when one is configured. */
    private boolean probe() {
        boolean viaProxy = config.rocketmq().transport() == GatewayConfig.RocketMQ.Transport.GRPC;
        for (String endpoint : viaProxy ? config.rocketmq().endpoints().split(";") : new String[0]) {
            if (!connects(endpoint.trim())) {
                return false;
            }
        }
        if (config.rocketmq().nameServer().isEmpty()) {
            return true;
        }
        try {
            return !masterBrokers().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean connects(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private List<String> masterBrokers() throws Exception {
        List<String> brokers = client().getBrokerClusterInfo(timeoutMillis()).getBrokerAddrTable().values().stream()
                .map(BrokerData::selectBrokerAddr)
                .filter(address -> address != null)
                .toList();
        if (brokers.isEmpty()) {
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "the NameServer lists no broker");
        }
        return brokers;
    }

    private void awaitRoute(String topic) throws Exception {
        long deadline = System.currentTimeMillis() + ROUTE_WAIT_MILLIS;
        while (true) {
            try {
                client().getTopicRouteInfoFromNameServer(topic, timeoutMillis());
                return;
            } catch (MQClientException e) {
                if (e.getResponseCode() != ResponseCode.TOPIC_NOT_EXIST || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100); // a worker thread: the broker registers the new topic with the NameServer async
            }
        }
    }

    private synchronized MQClientAPIImpl client() {
        if (client == null) {
            String nameServer = config.rocketmq().nameServer().orElseThrow(() -> new GatewayException(
                    ErrorCode.GROUP_NOT_FOUND,
                    "administration needs gateway.rocketmq.name-server; create the group/topic with mqadmin instead"));
            ClientConfig clientConfig = new ClientConfig();
            clientConfig.setNamesrvAddr(nameServer);
            MQClientAPIImpl started =
                    new MQClientAPIImpl(new NettyClientConfig(), null, RemotingClient.signer(config), clientConfig);
            started.start();
            started.updateNameServerAddressList(nameServer);
            client = started;
        }
        return client;
    }

    private long timeoutMillis() {
        return config.rocketmq().requestTimeout().toMillis();
    }

    private static Uni<Void> blocking(String what, Callable<Void> call) {
        return Uni.createFrom().item(() -> {
                    try {
                        return call.call();
                    } catch (GatewayException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, what + " failed: " + e.getMessage(), e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.shutdown();
        }
    }
}
