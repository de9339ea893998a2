/** Small helpers the views share: error boxes, body previews, times. User data only ever goes in as text. */

/** Shows `error` (a GatewayError or any Error) in a box holding a `.error-code` and an `.error-text`. */
export function showError(box, error) {
  box.querySelector(".error-code").textContent = error.code ?? "ERROR";
  box.querySelector(".error-text").textContent = error.message || String(error);
  box.dataset.code = error.code ?? "ERROR";
  box.hidden = false;
}

export function hideError(box) {
  box.hidden = true;
  delete box.dataset.code;
}

const PREVIEW_CHARS = 2000;
const PREVIEW_BYTES = 256;

/** The preview of a delivered body: its text, or a hex dump of its first bytes when it came as base64. */
export function bodyPreview(message) {
  if (message.encoding === "text") {
    const text = message.body;
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  }
  return hexDump(message.bytes.subarray(0, PREVIEW_BYTES)) + (message.bytes.length > PREVIEW_BYTES ? "\n…" : "");
}

/** 16 bytes a line: offset, hex, and the printable ASCII. */
export function hexDump(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${offset.toString(16).padStart(4, "0")}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join("\n");
}

export function formatBytes(count) {
  if (count < 1024) {
    return `${count} B`;
  }
  return count < 1024 * 1024 ? `${(count / 1024).toFixed(1)} KiB` : `${(count / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatTime(epochMillis) {
  const date = new Date(epochMillis);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour12: false });
}

/** Builds an element: el("span", {class: "x", "data-y": 1}, "text", child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      node.append(child);
    }
  }
  return node;
}
