package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientConfigurationBuilder;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.StaticSessionCredentialsProvider;

/** The gRPC client's entry points, configured once for the whole gateway. */
@Singleton
class RocketMQClients {
    final ClientServiceProvider provider = ClientServiceProvider.loadService();
    final ClientConfiguration configuration;

    RocketMQClients(GatewayConfig config) {
        GatewayConfig.RocketMQ rocketmq = config.rocketmq();
        ClientConfigurationBuilder builder = ClientConfiguration.newBuilder()
                .setEndpoints(rocketmq.endpoints())
                .enableSsl(rocketmq.enableSsl())
                .setRequestTimeout(rocketmq.requestTimeout());
        if (rocketmq.accessKey().isPresent() && rocketmq.secretKey().isPresent()) {
            builder.setCredentialProvider(new StaticSessionCredentialsProvider(
                    rocketmq.accessKey().get(), rocketmq.secretKey().get()));
        }
        this.configuration = builder.build();
    }
}
