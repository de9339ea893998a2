import { defaultGatewayUrl } from "../client.js";
import { el, hideError, showError } from "./ui.js";

const STATE_TEXT = {
  idle: "disconnected",
  connecting: "connecting…",
  open: "connected",
  reconnecting: "reconnecting…",
  failed: "connection failed",
};

/**
 * Connect view: the gateway URL (this page's origin by default), an optional token, the connection state, connect
 * and disconnect. The token field is the only copy of the token besides the client's memory: nothing stores it.
 */
class ConnectView extends HTMLElement {
  #client;

  connectedCallback() {
    this.innerHTML = `
      <form id="connect-form" class="connect" autocomplete="off">
        <label class="connect-url">Gateway
          <input id="connect-url" name="url" type="text" spellcheck="false" required>
        </label>
        <label class="connect-token">Token
          <input id="connect-token" name="token" type="password" autocomplete="off" spellcheck="false"
            placeholder="optional: API key or JWT">
        </label>
        <button id="connect-button" type="submit">Connect</button>
        <button id="disconnect-button" type="button" class="secondary">Disconnect</button>
        <span id="connect-state" class="badge" data-state="idle" role="status" aria-live="polite">disconnected</span>
      </form>
      <p id="connect-detail" class="connect-detail" hidden></p>
      <p id="connect-error" class="error" role="alert" hidden><code class="error-code"></code> <span class="error-text"></span></p>
      <div id="connect-refused" class="connect-refused" hidden>
        <p>Browsers do not tell a page why a WebSocket was refused. Likely causes:</p>
        <ul id="connect-causes"></ul>
        <p>The browser's developer tools (Console, Network) show the HTTP status; the gateway's debug log, why.</p>
      </div>`;
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

  /** Connects to the URL in the field with the token in its field; a failure shows in the view, so nothing is thrown. */
  async connect() {
    const url = this.querySelector("#connect-url").value.trim();
    const token = this.querySelector("#connect-token").value.trim();
    try {
      await this.#client.connect(url, { token });
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
      : open ? `to ${this.#client.url}${this.#client.authorization ? " with a token" : ""}` : "";
    const box = this.querySelector("#connect-error");
    if (error && state !== "open") {
      showError(box, error);
    } else {
      hideError(box);
    }
    // close 1006 before the socket opened: refused at the upgrade, or nobody there; the page cannot know which
    const refused = Boolean(error) && state !== "open" && error.code === "CONNECT_FAILED" && error.closeCode === 1006;
    this.querySelector("#connect-refused").hidden = !refused;
    if (refused) {
      const causes = refusalCauses(this.#client.authorization !== null);
      this.querySelector("#connect-causes").replaceChildren(
        ...causes.map(([cause, text]) => el("li", { "data-cause": cause }, text)));
    }
  }
}

/** Why a gateway refuses an upgrade (docs/security.md, "Credentials at the WebSocket upgrade"), most likely first. */
function refusalCauses(withToken) {
  return [
    ["token", withToken
      ? "Token: the gateway does not accept it: an unknown API key, or a JWT that expired, is badly signed or comes "
        + "from another issuer (HTTP 401)."
      : "Token: none was given and the gateway requires one: paste an API key or a JWT into Token, then Connect "
        + "(HTTP 401)."],
    ["origin", `Allowed origins: this page's origin, ${window.location.origin}, is neither the gateway's own nor in `
      + "gateway.security.allowed-origins (HTTP 403)."],
    ["limits", "Connection limits: the token's principal already holds gateway.limits.max-connections-per-principal "
      + "connections (HTTP 429), or the gateway holds gateway.limits.max-connections (HTTP 503)."],
    ["unreachable", "Address: no gateway listens at this URL, or the network is in the way."],
  ];
}

customElements.define("rmq-connect", ConnectView);
