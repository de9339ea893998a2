package io.github.rocketmqws.gateway.broker.rocketmq.remoting;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.jboss.logging.Logger;

/**
 * The one classic client of the gateway: a DefaultMQProducer whose client instance (its Netty client, its
 * threads) also carries every session's pop, ack and change-invisible-time requests, so consuming sessions cost no
 * threads of their own. Started on first use, so the gateway starts even while the broker does not.
 */
@Singleton
@Typed(RemotingClient.class)
public class RemotingClient {
    static final String PRODUCER_GROUP = "rocketmq-ws-gateway";
    private static final Logger LOG = Logger.getLogger(RemotingClient.class);

    private final GatewayConfig config;
    private volatile DefaultMQProducer producer; // written under this

    RemotingClient(GatewayConfig config) {
        this.config = config;
    }

    /** The producer if it has started, else null. Never blocks, so an event-loop thread may ask. */
    DefaultMQProducer startedProducer() {
        return producer;
    }

    /** The started producer. Blocking on first use: call from a worker thread. */
    synchronized DefaultMQProducer producer() {
        if (producer == null) {
            String nameServer = config.rocketmq().nameServer().orElseThrow(() -> new GatewayException(ErrorCode.INTERNAL,
                    "gateway.rocketmq.transport=remoting needs gateway.rocketmq.name-server"));
            DefaultMQProducer started = new DefaultMQProducer(PRODUCER_GROUP, signer(config));
            started.setNamesrvAddr(nameServer);
            started.setInstanceName("rocketmq-ws-gateway");
            started.setSendMsgTimeout((int) config.rocketmq().requestTimeout().toMillis());
            started.setMaxMessageSize(config.limits().maxBodyBytes());
            try {
                started.start();
            } catch (MQClientException e) {
                throw RemotingErrors.map(e, "starting the producer");
            }
            producer = started;
        }
        return producer;
    }

    MQClientAPIImpl api() {
        DefaultMQProducer started = producer; // every pop, ack and nack asks: no lock once started
        return (started != null ? started : producer()).getDefaultMQProducerImpl().getMqClientFactory()
                .getMQClientAPIImpl();
    }

    /** The masters of the brokers that serve {@code topic} for reading. Blocking: call from a worker thread. */
    List<ReadableBroker> readableBrokers(String topic) {
        TopicRouteData route;
        try {
            route = api().getTopicRouteInfoFromNameServer(topic, config.rocketmq().requestTimeout().toMillis());
        } catch (Exception e) {
            throw RemotingErrors.map(e, "route of " + topic);
        }
        Map<String, String> masters = new HashMap<>();
        for (BrokerData broker : route.getBrokerDatas()) {
            String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            if (master != null) {
                masters.put(broker.getBrokerName(), master);
            }
        }
        List<ReadableBroker> readable = route.getQueueDatas().stream()
                .filter(queues -> PermName.isReadable(queues.getPerm()) && queues.getReadQueueNums() > 0)
                .map(QueueData::getBrokerName)
                .filter(masters::containsKey)
                .map(name -> new ReadableBroker(name, masters.get(name)))
                .toList();
        if (readable.isEmpty()) {
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "no broker serves " + topic + " for reading");
        }
        return readable;
    }

    record ReadableBroker(String name, String address) {}

    /** Signs remoting requests with the gateway's ACL credentials, or null without them; never sent to clients. */
    public static RPCHook signer(GatewayConfig config) {
        GatewayConfig.RocketMQ rocketmq = config.rocketmq();
        if (rocketmq.accessKey().isEmpty() || rocketmq.secretKey().isEmpty()) {
            return null;
        }
        return new AclClientRPCHook(new SessionCredentials(rocketmq.accessKey().get(), rocketmq.secretKey().get()));
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            LOG.debug("shutting the classic client down");
            producer.shutdown();
        }
    }
}
