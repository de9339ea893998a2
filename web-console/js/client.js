/**
 * A connection to the gateway over the browser's WebSocket, on top of the I/O-free Protocol; the counterpart of the
 * Python client's rocketmq_ws/client.py. No DOM: it needs only WebSocket, EventTarget and timers.
 *
 * States: "idle" (not connected, or disconnected on purpose), "connecting", "open", "reconnecting" (the connection
 * was lost; retrying with exponential backoff and jitter), "failed" (the first connect failed, or the gateway closed
 * the connection because its credentials expired; nothing retries).
 * Events: "state" {state, error, attempt, delayMs}, "message" {message, connection}, "notice" {error},
 * "subscription" {subscription} (null once unsubscribed or lost for good).
 *
 * The token given to connect() is the console's one credential: it opens every socket (reconnects included) and is
 * the Authorization of the status view's requests. It lives in this object only, never in storage or a URL.
 */
import { GatewayError, Protocol, authorization, subprotocols } from "./protocol.js";

// the close the gateway sends when a JWT expires on an open connection (docs/security.md): retrying cannot help
const CREDENTIALS_EXPIRED = { code: 1008, reason: "credentials expired" };

export class GatewayClient extends EventTarget {
  #options;
  #url = null;
  #token = null;
  #ws = null;
  #opening = null; // the socket being opened, so that disconnect() can abandon it
  #state = "idle";
  #protocol = new Protocol();
  #connection = 0; // numbers the sockets: a receipt is only good on the socket that delivered it
  #waiters = new Map(); // request id -> {resolve, reject, timer}
  #subscription = null; // the subscribe request to repeat after a reconnect
  #retry = null; // {timer, attempt}

  constructor({
    requestTimeoutMs = 10_000,
    openTimeoutMs = 10_000,
    reconnect = true,
    backoffInitialMs = 200,
    backoffMaxMs = 10_000,
    WebSocketImpl = globalThis.WebSocket,
  } = {}) {
    super();
    this.#options = { requestTimeoutMs, openTimeoutMs, reconnect, backoffInitialMs, backoffMaxMs, WebSocketImpl };
  }

  get url() {
    return this.#url;
  }

  get state() {
    return this.#state;
  }

  /** The Authorization header value of the token given to connect(), or null without one. */
  get authorization() {
    return this.#token ? authorization(this.#token) : null;
  }

  /** The number of the current socket; each message carries the number of the socket that delivered it. */
  get connection() {
    return this.#connection;
  }

  get subscription() {
    return this.#subscription;
  }

  // -- opening and closing ---------------------------------------------------------------------------------------

  /**
   * Opens a socket to `url` (closing any other first), presenting `token` (an API key or a JWT) when given.
   * Rejects with CONNECT_FAILED, or USAGE for a token that cannot be sent.
   */
  async connect(url, { token = null } = {}) {
    this.disconnect();
    this.#url = url;
    this.#token = token || null;
    this.#setState("connecting");
    try {
      await this.#open();
    } catch (error) {
      if (this.#url === url && this.#state === "connecting") {
        this.#setState("failed", { error });
      }
      throw error;
    }
  }

  /** Closes the socket and stops reconnecting. Un-acked messages go back to RocketMQ. */
  disconnect() {
    this.#stopRetry();
    if (this.#opening) {
      this.#opening.close();
      this.#opening = null;
    }
    const ws = this.#ws;
    this.#ws = null;
    this.#endSubscription();
    if (ws) {
      ws.close(1000, "closed by the console");
    }
    this.#failWaiters(new GatewayError("CLOSED", "the connection was closed"));
    if (this.#state !== "idle") {
      this.#setState("idle");
    }
  }

  #open() {
    const { WebSocketImpl, openTimeoutMs } = this.#options;
    return new Promise((resolve, reject) => {
      let protocols;
      try {
        protocols = subprotocols(this.#token);
      } catch (error) {
        reject(error);
        return;
      }
      let ws;
      try {
        ws = new WebSocketImpl(this.#url, protocols);
      } catch (e) {
        reject(new GatewayError("CONNECT_FAILED", `invalid gateway URL ${this.#url}: ${e.message}`, { retriable: false }));
        return;
      }
      this.#opening = ws;
      const timer = setTimeout(() => {
        ws.close();
        reject(new GatewayError("CONNECT_FAILED", `no WebSocket to ${this.#url} within ${openTimeoutMs} ms`));
      }, openTimeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        if (this.#opening !== ws) {
          ws.close(1000, "abandoned by the console");
          reject(new GatewayError("CLOSED", "the connection was closed while opening"));
          return;
        }
        this.#opening = null;
        this.#connection += 1;
        const number = this.#connection;
        this.#ws = ws;
        this.#protocol = new Protocol(number === 1 ? "" : `r${number}-`);
        ws.onmessage = (event) => this.#handle(event.data, number);
        ws.onclose = (event) => this.#lost(ws, event);
        this.#setState("open");
        resolve();
      };
      ws.onclose = (event) => {
        clearTimeout(timer);
        if (this.#opening === ws) {
          this.#opening = null;
        }
        // A refused upgrade (401, 403, 429, 503) and an unreachable gateway look the same here: close 1006, as
        // browsers hide the HTTP status from pages. The connect view lists the likely causes.
        reject(new GatewayError("CONNECT_FAILED",
          `no WebSocket to ${this.#url}: the gateway refused it or cannot be reached${closeText(event)}`,
          { closeCode: event.code || null, closeReason: event.reason || null }));
      };
    });
  }

  #lost(ws, event) {
    if (ws !== this.#ws) {
      return; // a socket we closed ourselves
    }
    this.#ws = null;
    const close = { closeCode: event.code || null, closeReason: event.reason || null };
    const expired = event.code === CREDENTIALS_EXPIRED.code && event.reason === CREDENTIALS_EXPIRED.reason;
    const error = new GatewayError("CONNECTION_LOST", expired
      ? `the gateway closed the connection${closeText(event)}: connect again with a fresh token`
      : `the connection to ${this.#url} was lost${closeText(event)}`, close);
    this.#failWaiters(error);
    if (expired || !this.#options.reconnect) {
      this.#endSubscription();
      this.#setState("failed", { error });
      return;
    }
    this.#scheduleRetry(1, error);
  }

  #scheduleRetry(attempt, error) {
    const { backoffInitialMs, backoffMaxMs } = this.#options;
    // jitter keeps a room full of consoles from reconnecting in lockstep after a gateway restart
    const delayMs = Math.round(Math.min(backoffInitialMs * 2 ** (attempt - 1), backoffMaxMs) * (0.5 + Math.random() / 2));
    const timer = setTimeout(() => this.#reconnect(attempt), delayMs);
    this.#retry = { timer, attempt };
    this.#setState("reconnecting", { error, attempt, delayMs });
  }

  async #reconnect(attempt) {
    const url = this.#url;
    try {
      await this.#open();
    } catch (error) {
      if (this.#retry && this.#url === url) {
        this.#scheduleRetry(attempt + 1, error);
      }
      return;
    }
    this.#retry = null;
    if (this.#subscription) {
      this.#resubscribe(this.#subscription);
    }
  }

  async #resubscribe(subscription) {
    try {
      await this.#call((protocol) => protocol.subscribe(subscription.topic, subscription.group, subscription.options));
    } catch (error) {
      this.#endSubscription();
      this.#notice(error);
    }
  }

  #stopRetry() {
    if (this.#retry) {
      clearTimeout(this.#retry.timer);
      this.#retry = null;
    }
  }

  // -- the operations --------------------------------------------------------------------------------------------

  /** Publishes one message; resolves to its message id once RocketMQ stored it. */
  async publish(topic, body, options = {}) {
    const reply = await this.#call((protocol) => protocol.publish(topic, body, options));
    return reply.messageId;
  }

  /** Subscribes this connection; deliveries arrive as "message" events. Survives reconnects. */
  async subscribe(topic, group, options = {}) {
    await this.#call((protocol) => protocol.subscribe(topic, group, options));
    this.#subscription = { topic, group, options: { ...options } };
    this.#emit("subscription", { subscription: this.#subscription });
  }

  async unsubscribe() {
    try {
      await this.#call((protocol) => protocol.unsubscribe());
    } finally {
      this.#endSubscription();
    }
  }

  /** Acks a delivery of `connection` (the socket that delivered it); its receipt means nothing on another. */
  ack(receipt, connection = this.#connection) {
    return this.#settle(connection, (protocol) => protocol.ack(receipt), receipt);
  }

  nack(receipt, delayMs, connection = this.#connection) {
    return this.#settle(connection, (protocol) => protocol.nack(receipt, delayMs), receipt);
  }

  #settle(connection, build, receipt) {
    if (connection !== this.#connection || !this.#ws) {
      return Promise.reject(new GatewayError("CONNECTION_LOST",
        "the connection that delivered this message is gone; the gateway has put it back and delivers it again",
        { receipt, retriable: false }));
    }
    return this.#call(build);
  }

  #call(build) {
    const ws = this.#ws;
    if (!ws || this.#state !== "open") {
      return Promise.reject(new GatewayError("CONNECTION_LOST", "not connected to the gateway"));
    }
    const request = build(this.#protocol);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(request.id);
        this.#protocol.forget(request.id);
        reject(new GatewayError("TIMEOUT", `no reply to ${request.op} ${request.id} within ${this.#options.requestTimeoutMs} ms`,
          { requestId: request.id, retriable: true }));
      }, this.#options.requestTimeoutMs);
      this.#waiters.set(request.id, { resolve, reject, timer });
      ws.send(request.text);
    });
  }

  // -- receiving -------------------------------------------------------------------------------------------------

  #handle(text, number) {
    let event;
    try {
      event = this.#protocol.receive(text);
    } catch (error) {
      this.#notice(error);
      return;
    }
    if (event.kind === "delivery") {
      this.#emit("message", { message: event.message, connection: number });
    } else if (event.kind === "notice") {
      this.#notice(event.error);
    } else {
      this.#resolve(event.requestId, event.kind === "reply" ? event : null, event.error);
    }
  }

  #resolve(requestId, reply, error) {
    const waiter = this.#waiters.get(requestId);
    if (!waiter) {
      return;
    }
    this.#waiters.delete(requestId);
    clearTimeout(waiter.timer);
    if (reply) {
      waiter.resolve(reply);
    } else {
      waiter.reject(error);
    }
  }

  #failWaiters(error) {
    for (const [id, waiter] of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new GatewayError(error.code, error.message, { requestId: id, retriable: error.retriable }));
    }
    this.#waiters.clear();
  }

  #endSubscription() {
    if (this.#subscription) {
      this.#subscription = null;
      this.#emit("subscription", { subscription: null });
    }
  }

  #notice(error) {
    this.#emit("notice", { error });
  }

  #setState(state, { error = null, attempt = 0, delayMs = 0 } = {}) {
    this.#state = state;
    this.#emit("state", { state, error, attempt, delayMs });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** The URL a console served by the gateway connects to by default: this page's origin, path /ws/v1. */
export function defaultGatewayUrl(location) {
  if (!location || !/^https?:$/.test(location.protocol)) {
    return "ws://localhost:8080/ws/v1";
  }
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/v1`;
}

function closeText(event) {
  if (!event || !event.code) {
    return "";
  }
  const meaning = CLOSE_CODES[event.code];
  const reason = event.reason || meaning;
  return ` (close ${event.code}${reason ? `: ${reason}` : ""})`;
}

// RFC 6455 close codes a console user may meet
const CLOSE_CODES = {
  1000: "normal closure",
  1001: "going away",
  1006: "abnormal closure, no close frame",
  1008: "policy violation",
  1009: "message too big",
  1011: "server error",
};
