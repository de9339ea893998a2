package io.github.rocketmqws.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.protocol.FrameCodec;
import io.github.rocketmqws.gateway.protocol.FrameLimits;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the protocol codec from configuration, so the protocol package stays free of CDI. */
public class CodecProducer {
    @Produces
    @Singleton
    FrameCodec frameCodec(ObjectMapper mapper, GatewayConfig config) {
        GatewayConfig.Limits limits = config.limits();
        return new FrameCodec(mapper, new FrameLimits(
                limits.maxFrameBytes(), limits.maxBodyBytes(), limits.maxProperties(), limits.maxPropertiesBytes()));
    }
}
