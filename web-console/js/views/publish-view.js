import { GatewayError, base64ToBytes } from "../protocol.js";
import { hideError, showError } from "./ui.js";

/**
 * Publish view: topic, tag, keys, properties, body as text or base64, optional message group and delivery time.
 * Shows the message id RocketMQ assigned, or the error code and text.
 */
class PublishView extends HTMLElement {
  #client;

  connectedCallback() {
    this.innerHTML = `
      <section class="card" aria-labelledby="publish-title">
        <header class="card-head">
          <h2 id="publish-title">Publish</h2>
          <span id="publish-state" class="badge" data-state="idle" role="status">ready</span>
        </header>
        <form id="publish-form" class="fields" autocomplete="off">
          <label>Topic <input id="publish-topic" name="topic" required value="TopicTest" spellcheck="false"></label>
          <label>Tag <input id="publish-tag" name="tag" spellcheck="false"></label>
          <label>Keys <input id="publish-keys" name="keys" placeholder="comma-separated" spellcheck="false"></label>
          <label>Message group <input id="publish-message-group" name="messageGroup" placeholder="FIFO only" spellcheck="false"></label>
          <label class="wide">Properties <textarea id="publish-properties" name="properties" rows="2"
            placeholder="one name=value a line" spellcheck="false"></textarea></label>
          <label>Body encoding <select id="publish-encoding" name="encoding">
            <option value="text">text</option><option value="base64">base64</option></select></label>
          <label>Deliver at <input id="publish-deliver-at" name="deliverAt" type="datetime-local" step="1"></label>
          <label class="wide">Body <textarea id="publish-body" name="body" rows="4" required spellcheck="false"></textarea></label>
          <div class="actions"><button id="publish-button" type="submit">Publish</button></div>
        </form>
        <p id="publish-result" class="result" role="status" hidden>Published <code id="publish-message-id"></code></p>
        <p id="publish-error" class="error" role="alert" hidden><code id="publish-error-code" class="error-code"></code> <span class="error-text"></span></p>
      </section>`;
    this.querySelector("#publish-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.#publish();
    });
  }

  set client(client) {
    this.#client = client;
    const enable = () => {
      this.querySelector("#publish-button").disabled = client.state !== "open";
    };
    client.addEventListener("state", enable);
    enable();
  }

  async #publish() {
    const result = this.querySelector("#publish-result");
    const errorBox = this.querySelector("#publish-error");
    result.hidden = true;
    hideError(errorBox);
    let request;
    try {
      request = this.#readForm();
    } catch (error) {
      this.#setState("error", "not sent");
      showError(errorBox, error);
      return;
    }
    this.#setState("sending", "publishing…");
    this.querySelector("#publish-button").disabled = true;
    try {
      const messageId = await this.#client.publish(request.topic, request.body, request.options);
      this.querySelector("#publish-message-id").textContent = messageId;
      result.hidden = false;
      this.#setState("published", "published");
    } catch (error) {
      this.#setState("error", "failed");
      showError(errorBox, error);
    } finally {
      this.querySelector("#publish-button").disabled = this.#client.state !== "open";
    }
  }

  /** The publish request of the form; mistakes the gateway would refuse anyway are caught here as USAGE. */
  #readForm() {
    const form = this.querySelector("#publish-form");
    const value = (name) => form.elements[name].value;
    const body = value("encoding") === "base64" ? decodeBase64(value("body").trim()) : value("body");
    const keys = value("keys").split(",").map((key) => key.trim()).filter(Boolean);
    const deliverAt = value("deliverAt") ? new Date(value("deliverAt")).getTime() : undefined;
    return {
      topic: value("topic").trim(),
      body,
      options: {
        tag: value("tag").trim() || undefined,
        keys,
        properties: parseProperties(value("properties")),
        messageGroup: value("messageGroup").trim() || undefined,
        deliverAt,
      },
    };
  }

  #setState(state, text) {
    const badge = this.querySelector("#publish-state");
    badge.dataset.state = state;
    badge.textContent = text;
  }
}

function decodeBase64(text) {
  try {
    return base64ToBytes(text);
  } catch {
    throw new GatewayError("USAGE", "the body is not valid base64 (standard alphabet, with padding)");
  }
}

function parseProperties(text) {
  const properties = {};
  for (const [index, line] of text.split("\n").entries()) {
    if (!line.trim()) {
      continue;
    }
    const equals = line.indexOf("=");
    if (equals <= 0) {
      throw new GatewayError("USAGE", `property line ${index + 1} is not name=value`);
    }
    properties[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return properties;
}

customElements.define("rmq-publish", PublishView);
