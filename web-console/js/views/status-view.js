import { RateChart, formatRate } from "./rate-chart.js";
import { el } from "./ui.js";

const POLL_MS = 2000;
const WINDOW_MS = 5 * 60 * 1000;
const SERIES = [
  { name: "deliveries", label: "deliveries" },
  { name: "acks", label: "acks" },
  { name: "publishes", label: "publishes" },
];

/**
 * Status view: open sessions, subscriptions, broker reachability and a live chart of deliveries, acks and publishes
 * per second, from the gateway's read-only GET /api/v1/status and /api/v1/sessions (docs/console.md). Rates are the
 * deltas of the cumulative counters between two polls. The requests carry the client's token; a gateway that
 * refuses it (401, 403) is not asked again until the next Connect, which may bring another token.
 */
class StatusView extends HTMLElement {
  #client = null;
  #chart;
  #previous = null;
  #timer = null;
  #refused = false;
  #stopped = false;

  connectedCallback() {
    this.innerHTML = `
      <section class="card" aria-labelledby="status-title">
        <header class="card-head">
          <h2 id="status-title">Gateway status</h2>
          <span id="status-state" class="badge" data-state="loading" role="status">loading…</span>
        </header>
        <p id="status-error" class="error" role="alert" hidden><code class="error-code"></code> <span class="error-text"></span></p>
        <div class="tiles">
          <div class="tile"><span class="tile-label">Sessions</span><span id="status-sessions" class="tile-value">–</span></div>
          <div class="tile"><span class="tile-label">Subscriptions</span><span id="status-subscriptions" class="tile-value">–</span></div>
          <div class="tile"><span class="tile-label">In flight</span><span id="status-in-flight" class="tile-value">–</span></div>
          <div class="tile"><span class="tile-label">RocketMQ</span><span id="status-broker" class="tile-value" data-reachable="">–</span></div>
        </div>
        <figure class="chart">
          <svg id="status-chart" role="img" aria-label="messages per second over the last ${WINDOW_MS / 60000} minutes"></svg>
          <figcaption class="legend">
            ${SERIES.map(({ name, label }) => `<span class="legend-item"><i class="swatch series-${name}"></i>${label}
              <b id="rate-${name}">–</b>/s</span>`).join("")}
          </figcaption>
        </figure>
        <h3>Sessions</h3>
        <p id="status-sessions-empty" class="empty" hidden>No open sessions.</p>
        <table id="status-session-table" class="sessions" hidden>
          <thead><tr><th>session</th><th>topic</th><th>group</th><th>prefetch</th><th>in flight</th></tr></thead>
          <tbody id="status-session-list"></tbody>
        </table>
        <p class="footnote">Updated <span id="status-updated">never</span> · every ${POLL_MS / 1000} s</p>
      </section>`;
    this.#chart = new RateChart(this.querySelector("#status-chart"), SERIES, WINDOW_MS);
    this.#stopped = false;
    this.#poll();
  }

  disconnectedCallback() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  set client(client) {
    this.#client = client;
    client.addEventListener("state", (event) => {
      if (event.detail.state === "connecting" && this.#refused && !this.#stopped) {
        this.#refused = false;
        this.#poll();
      }
    });
  }

  async #poll() {
    const authorization = this.#client?.authorization ?? null;
    try {
      const [status, sessions] = await Promise.all(
        [getJson("api/v1/status", authorization), getJson("api/v1/sessions", authorization)]);
      this.#render(status, sessions);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        this.#notAuthorized(error, authorization !== null);
        // the same token would be refused again; a Connect meanwhile may have brought another
        this.#refused = (this.#client?.authorization ?? null) === authorization;
      } else {
        this.#failed(error);
      }
    }
    if (!this.#stopped && !this.#refused) {
      this.#timer = setTimeout(() => this.#poll(), POLL_MS);
    }
  }

  #render(status, sessions) {
    const state = this.querySelector("#status-state");
    state.dataset.state = "ok";
    state.textContent = "live";
    this.querySelector("#status-error").hidden = true;
    this.querySelector("#status-sessions").textContent = status.sessions;
    this.querySelector("#status-subscriptions").textContent = status.subscriptions;
    this.querySelector("#status-in-flight").textContent = status.inFlight;
    const broker = this.querySelector("#status-broker");
    broker.dataset.reachable = String(status.brokerReachable);
    broker.textContent = status.brokerReachable ? "reachable" : "unreachable";
    this.querySelector("#status-updated").textContent = new Date(status.time).toLocaleTimeString([], { hour12: false });
    this.#addRates(status);
    this.#renderSessions(sessions);
  }

  #addRates(status) {
    const previous = this.#previous;
    this.#previous = status;
    if (!previous) {
      return;
    }
    const seconds = (status.time - previous.time) / 1000;
    const rates = {};
    for (const { name } of SERIES) {
      const delta = status.counters[name] - previous.counters[name];
      if (delta < 0 || seconds <= 0) {
        this.#chart.clear(); // the gateway restarted: its counters began again
        return;
      }
      rates[name] = delta / seconds;
    }
    this.#chart.add(status.time, rates);
    for (const { name } of SERIES) {
      this.querySelector(`#rate-${name}`).textContent = formatRate(rates[name]);
    }
  }

  #renderSessions(sessions) {
    this.querySelector("#status-sessions-empty").hidden = sessions.length > 0;
    this.querySelector("#status-session-table").hidden = sessions.length === 0;
    const rows = sessions
      .toSorted((a, b) => a.id.localeCompare(b.id))
      .map((session) => el("tr", { "data-session": session.id },
        el("td", {}, el("code", {}, session.id)),
        el("td", {}, session.topic ?? "—"),
        el("td", {}, session.group ?? "—"),
        el("td", {}, session.topic ? String(session.prefetch) : "—"),
        el("td", {}, String(session.inFlight))));
    this.querySelector("#status-session-list").replaceChildren(...rows);
  }

  /** The gateway refused the credentials: say what is missing, and show none of what an earlier token could see. */
  #notAuthorized(error, withToken) {
    const state = this.querySelector("#status-state");
    state.dataset.state = "unauthorized";
    state.textContent = "not authorized";
    const box = this.querySelector("#status-error");
    box.querySelector(".error-code").textContent = error.code;
    box.querySelector(".error-text").textContent = error.status === 403
      ? `not authorized: the token lacks the monitor permission${error.detail ? ` (the gateway: "${error.detail}")` : ""}`
        + "; connect with a token whose role has monitor=true"
      : withToken
        ? "not authorized: the gateway does not accept the token (an unknown API key, or a JWT that expired or is not "
          + "trusted); paste another into Token and Connect"
        : "not authorized: the gateway's status needs a token with the monitor permission; paste one into Token and "
          + "Connect";
    box.dataset.code = error.code;
    box.hidden = false;
    for (const id of ["status-sessions", "status-subscriptions", "status-in-flight", "status-broker"]) {
      this.querySelector(`#${id}`).textContent = "–";
    }
    this.querySelector("#status-broker").dataset.reachable = "";
    this.querySelector("#status-sessions-empty").hidden = true;
    this.querySelector("#status-session-table").hidden = true;
    this.querySelector("#status-session-list").replaceChildren();
  }

  #failed(error) {
    const state = this.querySelector("#status-state");
    state.dataset.state = "error";
    state.textContent = "unavailable";
    const box = this.querySelector("#status-error");
    box.querySelector(".error-code").textContent = error.code ?? "HTTP";
    box.querySelector(".error-text").textContent = `the gateway's status is unavailable: ${error.message}; retrying`;
    box.hidden = false;
    const broker = this.querySelector("#status-broker");
    broker.dataset.reachable = "";
    broker.textContent = "unknown";
  }
}

/** GETs `path` with the Authorization header when there is one; a refusal carries the gateway's short reason. */
async function getJson(path, authorization) {
  const headers = { Accept: "application/json" };
  if (authorization) {
    headers.Authorization = authorization;
  }
  let response;
  try {
    response = await fetch(path, { headers, cache: "no-store" });
  } catch (e) {
    throw Object.assign(new Error(`cannot reach the gateway (${e.message})`), { code: "NETWORK" });
  }
  if (!response.ok) {
    const detail = response.status === 403 ? (await response.text().catch(() => "")).trim().slice(0, 200) : "";
    throw Object.assign(new Error(`GET ${path} answered ${response.status} ${response.statusText}`),
      { code: `HTTP ${response.status}`, status: response.status, detail });
  }
  return response.json();
}

customElements.define("rmq-status", StatusView);
