/**
 * The /ws/v1 contract (docs/protocol.md) without I/O, mirroring the Python client's rocketmq_ws/protocol.py:
 * building client frames, issuing request ids, and turning each server frame into one event. Nothing here touches
 * the DOM, a socket, a timer or a clock, so it runs in a browser, a worker or Node alike.
 *
 * Events returned by Protocol#receive:
 *   {kind: "reply", requestId, op, messageId?}     the success reply to a request
 *   {kind: "failure", requestId, error}            an error frame answering a pending request
 *   {kind: "delivery", message}                    a message frame (see Delivery below)
 *   {kind: "notice", error}                        an error frame answering no pending request
 */

export const DEFAULT_PREFETCH = 32;
export const ACK_MODES = Object.freeze(["client", "auto"]);
export const FILTER_TYPES = Object.freeze(["TAG", "SQL92"]);

/** The gateway's stable error codes and whether the same request may succeed later (docs/protocol.md). */
export const ERROR_CODES = Object.freeze({
  BAD_FRAME: false,
  UNKNOWN_OP: false,
  INVALID_ARGUMENT: false,
  NOT_SUBSCRIBED: false,
  ALREADY_SUBSCRIBED: false,
  UNKNOWN_RECEIPT: false,
  PAYLOAD_TOO_LARGE: false,
  FORBIDDEN: false,
  RATE_LIMITED: true,
  TOPIC_NOT_FOUND: false,
  GROUP_NOT_FOUND: false,
  BROKER_UNAVAILABLE: true,
  INTERNAL: true,
});

// the success reply each request op waits for
const REPLY_OP = Object.freeze({
  subscribe: "subscribed",
  unsubscribe: "unsubscribed",
  publish: "published",
  ack: "acked",
  nack: "nacked",
});
const REPLY_OPS = new Set(Object.values(REPLY_OP));

/**
 * Every error of the console's client. `code` is the gateway's code for errors it sent (a code added to the gateway
 * later arrives unchanged, retriable false), or one of the client's own, which never appear on the wire:
 * PROTOCOL (the gateway broke the contract), CONNECTION_LOST, CONNECT_FAILED, TIMEOUT, CLOSED, USAGE. `closeCode` and
 * `closeReason` are the WebSocket close that caused a CONNECTION_LOST or CONNECT_FAILED, when there was one.
 */
export class GatewayError extends Error {
  constructor(code, message, { requestId = null, receipt = null, retriable, closeCode = null, closeReason = null } = {}) {
    super(message);
    this.name = "GatewayError";
    this.code = code;
    this.requestId = requestId;
    this.receipt = receipt;
    this.retriable = retriable ?? ERROR_CODES[code] ?? false;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
  }

  /** True for the codes the gateway sends (including codes added after this console); false for its own. */
  get fromGateway() {
    return !CLIENT_CODES.has(this.code);
  }

  toString() {
    return `${this.code}: ${this.message}`;
  }
}

const CLIENT_CODES = new Set(["PROTOCOL", "CONNECTION_LOST", "CONNECT_FAILED", "TIMEOUT", "CLOSED", "USAGE"]);

function protocolError(message) {
  return new GatewayError("PROTOCOL", message);
}

/** The wire body and encoding of a message body: a string is text; bytes are text when UTF-8, else base64. */
export function encodeBody(body) {
  if (typeof body === "string") {
    return { body, encoding: "text" };
  }
  if (body instanceof Uint8Array) {
    try {
      return { body: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "text" };
    } catch {
      return { body: bytesToBase64(body), encoding: "base64" };
    }
  }
  throw new TypeError("body must be a string or a Uint8Array");
}

/** The bytes of a wire body in `encoding` ("text" or "base64"). */
export function decodeBody(body, encoding) {
  if (encoding === "text") {
    return new TextEncoder().encode(body);
  }
  if (encoding === "base64") {
    return base64ToBytes(body);
  }
  throw protocolError(`unknown body encoding ${JSON.stringify(encoding)}`);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 (with padding) to bytes; throws a PROTOCOL error for anything else, as Python's validate=True. */
export function base64ToBytes(text) {
  if (!BASE64.test(text)) {
    throw protocolError("not valid base64");
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

export function bytesToBase64(bytes) {
  let binary = "";
  const chunk = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The subprotocol of /ws/v1; a browser that carries a token offers it, and the gateway selects it. */
export const SUBPROTOCOL = "rocketmq-ws.v1";

// Quarkus websockets-next turns the subprotocol "quarkus-http-upgrade#<header>#<url-encoded value>" into that header
const HEADER_SUBPROTOCOL = "quarkus-http-upgrade#Authorization#";

/** The value of the Authorization header that carries `token` (an API key or a JWT). */
export function authorization(token) {
  return `Bearer ${token}`;
}

/**
 * The subprotocols a browser opens /ws/v1 with to present `token` (docs/security.md): a browser cannot set a header
 * on a WebSocket, so the Authorization header travels as a subprotocol the gateway turns back into the header. None
 * without a token, so a gateway that runs open and selects no subprotocol is reached as before.
 */
export function subprotocols(token) {
  if (!token) {
    return [];
  }
  if (token.includes("#")) {
    // the gateway splits the subprotocol at '#' after decoding it: the token would arrive cut short
    throw new GatewayError("USAGE", "a token cannot contain '#'", { retriable: false });
  }
  // encodeURIComponent leaves ( and ), which a subprotocol may not contain; the gateway decodes %28 and %29 alike
  const value = encodeURIComponent(authorization(token))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [SUBPROTOCOL, HEADER_SUBPROTOCOL + value];
}

function omitEmpty(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
}

/** Client side of one /ws/v1 session: issues request ids and matches replies to them. */
export class Protocol {
  #idPrefix;
  #nextId = 1;
  #pending = new Map(); // request id -> {op, receipt}

  constructor(idPrefix = "") {
    this.#idPrefix = idPrefix;
  }

  // -- building client frames: each returns {id, op, text} -------------------------------------------------

  subscribe(topic, group, { filter, filterType, prefetch, ackMode } = {}) {
    return this.#request("subscribe", { topic, group, filter, filterType, prefetch, ackMode });
  }

  unsubscribe() {
    return this.#request("unsubscribe", {});
  }

  /** `body` is a string (text) or a Uint8Array; `deliverAt` is epoch milliseconds. */
  publish(topic, body, { tag, keys, properties, messageGroup, deliverAt } = {}) {
    const wire = encodeBody(body);
    if (typeof keys === "string") {
      throw new TypeError("keys must be an array of strings, not a string");
    }
    return this.#request("publish", {
      topic,
      body: wire.body,
      // "text" is the default: leaving it out keeps the common frame short
      encoding: wire.encoding === "text" ? undefined : wire.encoding,
      tag: tag || undefined,
      keys: keys && keys.length ? [...keys] : undefined,
      properties: properties && Object.keys(properties).length ? { ...properties } : undefined,
      messageGroup: messageGroup || undefined,
      deliverAt,
    });
  }

  ack(receipt) {
    return this.#request("ack", { receipt }, receipt);
  }

  nack(receipt, delayMs) {
    return this.#request("nack", { receipt, delayMs }, receipt);
  }

  #request(op, fields, receipt = null) {
    const id = `${this.#idPrefix}${this.#nextId++}`;
    this.#pending.set(id, { op, receipt });
    // The gateway refuses a raw U+FFFD (what invalid UTF-8 becomes in transit); escaped, it is a character.
    const text = JSON.stringify({ op, id, ...omitEmpty(fields) }).replaceAll("\uFFFD", "\\ufffd");
    return { id, op, text };
  }

  // -- pending requests ----------------------------------------------------------------------------------------

  /** Ids of the requests still waiting for their reply, oldest first. */
  get pending() {
    return [...this.#pending.keys()];
  }

  /** Stop waiting for `requestId` (it timed out); a late reply then comes as a reply to nobody. */
  forget(requestId) {
    this.#pending.delete(requestId);
  }

  // -- parsing server frames -----------------------------------------------------------------------------------

  /** The event of one server frame. Throws a PROTOCOL GatewayError if the frame breaks the contract. */
  receive(text) {
    if (typeof text !== "string") {
      throw protocolError("the gateway sent a binary frame");
    }
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      throw protocolError(`the gateway sent a frame that is not JSON: ${e.message}`);
    }
    if (frame === null || typeof frame !== "object" || Array.isArray(frame) || typeof frame.op !== "string") {
      throw protocolError("the gateway sent a frame that is not an object with a string 'op'");
    }
    if (frame.op === "message") {
      return { kind: "delivery", message: delivery(frame) };
    }
    const requestId = optionalString(frame, "id");
    if (frame.op === "error") {
      return this.#error(frame, requestId);
    }
    if (!REPLY_OPS.has(frame.op)) {
      throw protocolError(`the gateway sent an unknown op ${JSON.stringify(frame.op)}`);
    }
    if (requestId !== null) {
      const expected = this.#pending.get(requestId);
      this.#pending.delete(requestId);
      if (expected && REPLY_OP[expected.op] !== frame.op) {
        throw protocolError(`request ${requestId} (${expected.op}) was answered with '${frame.op}'`);
      }
    }
    const event = { kind: "reply", requestId, op: frame.op };
    if (frame.op === "published") {
      event.messageId = requiredString(frame, "messageId");
    }
    return event;
  }

  #error(frame, requestId) {
    const code = requiredString(frame, "code");
    const message = optionalString(frame, "message") ?? "";
    const pending = requestId === null ? undefined : this.#pending.get(requestId);
    if (pending) {
      this.#pending.delete(requestId);
    }
    const receipt = optionalString(frame, "receipt") ?? pending?.receipt ?? null;
    const error = new GatewayError(code, message, { requestId, receipt });
    return pending ? { kind: "failure", requestId, error } : { kind: "notice", error };
  }
}

/** A message frame as the console shows it: the wire body and encoding, and the decoded bytes. */
function delivery(frame) {
  const keys = frame.keys ?? [];
  const properties = frame.properties ?? {};
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
    throw protocolError("message 'keys' is not an array of strings");
  }
  if (typeof properties !== "object" || Array.isArray(properties)
      || !Object.values(properties).every((value) => typeof value === "string")) {
    throw protocolError("message 'properties' is not an object of strings");
  }
  const body = requiredString(frame, "body");
  const encoding = requiredString(frame, "encoding");
  return {
    receipt: requiredString(frame, "receipt"),
    messageId: requiredString(frame, "messageId"),
    topic: requiredString(frame, "topic"),
    tag: optionalString(frame, "tag"),
    keys,
    properties,
    messageGroup: optionalString(frame, "messageGroup"),
    bornTimestamp: requiredInteger(frame, "bornTimestamp"),
    deliveryAttempt: requiredInteger(frame, "deliveryAttempt"),
    body,
    encoding,
    bytes: decodeBody(body, encoding),
  };
}

function requiredString(frame, name) {
  const value = frame[name];
  if (typeof value !== "string") {
    throw protocolError(`'${frame.op}' frame has no string '${name}'`);
  }
  return value;
}

function optionalString(frame, name) {
  const value = frame[name];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== "string") {
    throw protocolError(`'${frame.op}' frame has a non-string '${name}'`);
  }
  return value;
}

function requiredInteger(frame, name) {
  const value = frame[name];
  if (!Number.isInteger(value)) {
    throw protocolError(`'${frame.op}' frame has no integer '${name}'`);
  }
  return value;
}
