import { ACK_MODES, DEFAULT_PREFETCH, FILTER_TYPES } from "../protocol.js";
import { bodyPreview, el, formatBytes, formatTime, hideError, showError } from "./ui.js";

/** The list keeps the newest messages only, so a busy topic cannot make the page slow. */
export const MAX_MESSAGES = 200;

/**
 * Subscribe view: topic, group, TAG or SQL92 filter, prefetch and ack mode; the live list of deliveries, newest first,
 * each with Ack and Nack (after the delay in #nack-delay) in client ack mode.
 */
class SubscribeView extends HTMLElement {
  #client;
  #ackMode = "client";

  connectedCallback() {
    this.innerHTML = `
      <section class="card" aria-labelledby="subscribe-title">
        <header class="card-head">
          <h2 id="subscribe-title">Subscribe</h2>
          <span id="subscribe-state" class="badge" data-state="idle" role="status">not subscribed</span>
        </header>
        <form id="subscribe-form" class="fields" autocomplete="off">
          <label>Topic <input id="subscribe-topic" name="topic" required value="TopicTest" spellcheck="false"></label>
          <label>Group <input id="subscribe-group" name="group" required value="web-console" spellcheck="false"></label>
          <label>Filter type <select id="subscribe-filter-type" name="filterType">
            ${FILTER_TYPES.map((type) => `<option>${type}</option>`).join("")}</select></label>
          <label>Filter <input id="subscribe-filter" name="filter" value="*" spellcheck="false"
            placeholder="a || b, or color = 'red' for SQL92"></label>
          <label>Prefetch <input id="subscribe-prefetch" name="prefetch" type="number" min="1" max="1000"
            value="${DEFAULT_PREFETCH}" required></label>
          <label>Ack mode <select id="subscribe-ack-mode" name="ackMode">
            ${ACK_MODES.map((mode) => `<option>${mode}</option>`).join("")}</select></label>
          <div class="actions">
            <button id="subscribe-button" type="submit">Subscribe</button>
            <button id="unsubscribe-button" type="button" class="secondary" disabled>Unsubscribe</button>
          </div>
        </form>
        <p id="subscribe-error" class="error" role="alert" hidden><code class="error-code"></code> <span class="error-text"></span></p>
        <p id="subscribe-notice" class="error notice" role="alert" hidden><code class="error-code"></code> <span class="error-text"></span></p>
        <div class="list-toolbar">
          <span id="message-count">0 messages</span>
          <label class="inline">Nack delay <input id="nack-delay" type="number" min="0" step="100" value="1000"> ms</label>
          <button id="message-clear" type="button" class="secondary small">Clear</button>
        </div>
        <p id="message-empty" class="empty">No messages yet: subscribe, then publish to the topic.</p>
        <ol id="message-list" class="messages" aria-live="polite"></ol>
      </section>`;
    this.querySelector("#subscribe-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.#subscribe();
    });
    this.querySelector("#unsubscribe-button").addEventListener("click", () => this.#unsubscribe());
    this.querySelector("#message-clear").addEventListener("click", () => {
      this.querySelector("#message-list").replaceChildren();
      this.#countChanged();
    });
    this.querySelector("#message-list").addEventListener("click", (event) => this.#onListClick(event));
  }

  set client(client) {
    this.#client = client;
    client.addEventListener("message", (event) => this.#add(event.detail.message, event.detail.connection));
    client.addEventListener("notice", (event) => showError(this.querySelector("#subscribe-notice"), event.detail.error));
    client.addEventListener("subscription", (event) => {
      if (!event.detail.subscription) {
        this.#setState("idle", "not subscribed");
      }
    });
    client.addEventListener("state", (event) => this.#connectionChanged(event.detail.state));
    this.#connectionChanged(client.state);
  }

  async #subscribe() {
    const form = this.querySelector("#subscribe-form");
    const value = (name) => form.elements[name].value.trim();
    const topic = value("topic");
    const group = value("group");
    const ackMode = value("ackMode");
    const filterType = value("filterType");
    const options = {
      filter: value("filter") || undefined,
      // TAG is the gateway's default: the frame stays as short as the documented examples
      filterType: filterType === "TAG" ? undefined : filterType,
      prefetch: Number(value("prefetch")),
      ackMode,
    };
    hideError(this.querySelector("#subscribe-error"));
    hideError(this.querySelector("#subscribe-notice"));
    this.#setState("subscribing", "subscribing…");
    this.#ackMode = ackMode; // deliveries may follow the reply at once
    try {
      await this.#client.subscribe(topic, group, options);
      this.#setState("subscribed", `${topic} · ${group}`);
    } catch (error) {
      this.#setState("error", "not subscribed");
      showError(this.querySelector("#subscribe-error"), error);
    }
  }

  async #unsubscribe() {
    hideError(this.querySelector("#subscribe-error"));
    try {
      await this.#client.unsubscribe();
    } catch (error) {
      showError(this.querySelector("#subscribe-error"), error);
    }
  }

  #connectionChanged(state) {
    const subscribed = Boolean(this.#client.subscription);
    this.querySelector("#subscribe-button").disabled = state !== "open" || subscribed;
    this.querySelector("#unsubscribe-button").disabled = state !== "open" || !subscribed;
    if (state === "open") {
      // receipts die with the socket that issued them: older deliveries come again with new ones
      for (const item of this.querySelectorAll(".message")) {
        if (Number(item.dataset.connection) !== this.#client.connection && item.dataset.status === "pending") {
          this.#settled(item, "stale", "connection lost: redelivered");
        }
      }
    }
  }

  #setState(state, text) {
    const badge = this.querySelector("#subscribe-state");
    badge.dataset.state = state;
    badge.textContent = text;
    const subscribed = state === "subscribed" || state === "subscribing";
    const open = this.#client.state === "open";
    this.querySelector("#subscribe-button").disabled = !open || subscribed;
    this.querySelector("#unsubscribe-button").disabled = !open || state !== "subscribed";
    for (const field of this.querySelectorAll("#subscribe-form input, #subscribe-form select")) {
      field.disabled = subscribed;
    }
  }

  #add(message, connection) {
    const auto = this.#ackMode === "auto";
    const item = el("li", {
      class: "message",
      "data-message-id": message.messageId,
      "data-receipt": message.receipt,
      "data-attempt": message.deliveryAttempt,
      "data-connection": connection,
      "data-status": auto ? "auto" : "pending",
    },
    el("div", { class: "message-head" },
      el("span", { class: "message-attempt", title: "RocketMQ's delivery attempt" }, `attempt ${message.deliveryAttempt}`),
      message.tag ? el("span", { class: "message-tag" }, message.tag) : null,
      el("code", { class: "message-id", title: "message id" }, message.messageId),
      el("time", { class: "message-born", datetime: new Date(message.bornTimestamp).toISOString(), title: "born" },
        formatTime(message.bornTimestamp)),
      el("span", { class: "message-status" }, auto ? "auto-acked" : "awaiting ack")),
    el("pre", { class: "message-body", "data-encoding": message.encoding }, bodyPreview(message)),
    el("div", { class: "message-meta" },
      el("span", { class: "message-encoding" },
        `${message.encoding === "text" ? "text" : "binary (base64 on the wire, shown as hex)"} · ${formatBytes(message.bytes.length)}`),
      message.keys.length ? el("span", { class: "message-keys" }, `keys: ${message.keys.join(", ")}`) : null,
      message.messageGroup ? el("span", { class: "message-group" }, `group: ${message.messageGroup}`) : null,
      ...Object.entries(message.properties).map(([name, value]) =>
        el("span", { class: "message-property", "data-name": name }, `${name}=${value}`))),
    auto ? null : el("div", { class: "message-actions" },
      el("button", { type: "button", class: "message-ack small" }, "Ack"),
      el("button", { type: "button", class: "message-nack small secondary" }, "Nack"),
      el("span", { class: "error message-error", hidden: true },
        el("code", { class: "error-code" }), " ", el("span", { class: "error-text" }))));
    const list = this.querySelector("#message-list");
    list.prepend(item);
    while (list.children.length > MAX_MESSAGES) {
      list.lastElementChild.remove();
    }
    this.#countChanged();
  }

  async #onListClick(event) {
    const button = event.target.closest("button");
    const item = event.target.closest(".message");
    if (!button || !item || item.dataset.status !== "pending") {
      return;
    }
    const connection = Number(item.dataset.connection);
    const receipt = item.dataset.receipt;
    const nack = button.classList.contains("message-nack");
    const delayMs = Math.max(0, Number(this.querySelector("#nack-delay").value) || 0);
    item.dataset.status = nack ? "nacking" : "acking";
    for (const action of item.querySelectorAll("button")) {
      action.disabled = true;
    }
    try {
      if (nack) {
        await this.#client.nack(receipt, delayMs, connection);
        this.#settled(item, "nacked", `nacked: back in ${delayMs} ms`);
      } else {
        await this.#client.ack(receipt, connection);
        this.#settled(item, "acked", "acked");
      }
    } catch (error) {
      this.#settled(item, "failed", `${nack ? "nack" : "ack"} failed`);
      showError(item.querySelector(".message-error"), error);
    }
  }

  #settled(item, status, text) {
    item.dataset.status = status;
    item.querySelector(".message-status").textContent = text;
    for (const action of item.querySelectorAll("button")) {
      action.hidden = true; // a receipt settles once
    }
  }

  #countChanged() {
    const count = this.querySelector("#message-list").children.length;
    this.querySelector("#message-count").textContent =
      `${count} message${count === 1 ? "" : "s"}${count === MAX_MESSAGES ? ` (newest ${MAX_MESSAGES} kept)` : ""}`;
    this.querySelector("#message-empty").hidden = count > 0;
  }
}

customElements.define("rmq-subscribe", SubscribeView);
