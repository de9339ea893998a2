/** Wires the views to one shared gateway client and connects to this page's gateway. */
import { GatewayClient } from "./client.js";
import "./views/connect-view.js";
import "./views/subscribe-view.js";
import "./views/publish-view.js";
import "./views/status-view.js";

const client = new GatewayClient();
for (const id of ["connect-view", "subscribe-view", "publish-view", "status-view"]) {
  document.getElementById(id).client = client;
}

// ?connect=false leaves the console disconnected, e.g. to point it at another gateway first
if (new URLSearchParams(window.location.search).get("connect") !== "false") {
  document.getElementById("connect-view").connect();
}

// for the browser tests and the devtools console
window.gatewayConsole = { client };
