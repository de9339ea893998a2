import { defaultGatewayUrl } from "../client.js";
import { hideError, showError } from "./ui.js";

const STATE_TEXT = {
  idle: "disconnected",
  connecting: "connecting…",
  open: "connected",
  reconnecting: "reconnecting…",
  failed: "connection failed",
};

/** Connect view: the gateway URL (this page's origin by default), the connection state, connect and disconnect. */
class ConnectView extends HTMLElement {
  #client;

  connectedCallback() {
    this.innerHTML = `
      <form id="connect-form" class="connect" autocomplete="off">
        <label class="connect-url">Gateway
          <input id="connect-url" name="url" type="text" spellcheck="false" required>
        </label>
        <button id="connect-button" type="submit">Connect</button>
        <button id="disconnect-button" type="button" class="secondary">Disconnect</button>
        <span id="connect-state" class="badge" data-state="idle" role="status" aria-live="polite">disconnected</span>
      </form>
      <p id="connect-detail" class="connect-detail" hidden></p>
      <p id="connect-error" class="error" role="alert" hidden><code class="error-code"></code> <span class="error-text"></span></p>`;
    this.querySelector("#connect-url").value = defaultGatewayUrl(window.location);
    this.querySelector("#connect-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.connect();
    });
    this.querySelector("#disconnect-button").addEventListener("click", () => this.#client.disconnect());
  }

  set client(client) {
    this.#client = client;
    client.addEventListener("state", (event) => this.#render(event.detail));
    this.#render({ state: client.state });
  }

  /** Connects to the URL in the field; a failure shows in the view, so nothing is thrown. */
  async connect() {
    const url = this.querySelector("#connect-url").value.trim();
    try {
      await this.#client.connect(url);
    } catch {
      // the "state" event of the failure has shown it
    }
  }

  #render({ state, error, attempt, delayMs }) {
    const badge = this.querySelector("#connect-state");
    badge.dataset.state = state;
    badge.textContent = STATE_TEXT[state] ?? state;
    const open = state === "open";
    const busy = state === "connecting" || state === "reconnecting";
    this.querySelector("#connect-button").textContent = open || busy ? "Reconnect" : "Connect";
    this.querySelector("#disconnect-button").disabled = !(open || busy);
    const detail = this.querySelector("#connect-detail");
    detail.hidden = state !== "reconnecting" && !open;
    detail.textContent = state === "reconnecting"
      ? `attempt ${attempt}, next try in ${(delayMs / 1000).toFixed(1)} s`
      : open ? `to ${this.#client.url}` : "";
    const box = this.querySelector("#connect-error");
    if (error && state !== "open") {
      showError(box, error);
    } else {
      hideError(box);
    }
  }
}

customElements.define("rmq-connect", ConnectView);
