/**
 * A hand-drawn SVG line chart of rates over a sliding window. No library: a polyline per series, a few grid lines.
 * The SVG carries data-samples, and each line data-last and data-peak, so tests can read what is drawn.
 */
const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 180;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

export class RateChart {
  #svg;
  #series;
  #windowMs;
  #points = []; // {time, values: {name: rate}}

  /** `series` is [{name, label}]; colours come from the CSS classes series-<name>. */
  constructor(svg, series, windowMs) {
    this.#svg = svg;
    this.#series = series;
    this.#windowMs = windowMs;
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    svg.setAttribute("preserveAspectRatio", "none");
    this.#draw();
  }

  /** Adds the rates measured at `time` (epoch ms) and forgets what fell out of the window. */
  add(time, values) {
    this.#points.push({ time, values });
    while (this.#points.length > 0 && this.#points[0].time < time - this.#windowMs) {
      this.#points.shift();
    }
    this.#draw();
  }

  /** Starts over, e.g. when the gateway restarted and its counters went back to zero. */
  clear() {
    this.#points = [];
    this.#draw();
  }

  #draw() {
    const points = this.#points;
    const peak = Math.max(0, ...points.flatMap((point) => Object.values(point.values)));
    const top = niceCeiling(peak);
    const end = points.length ? points[points.length - 1].time : 0;
    const x = (time) => PAD.left + (WIDTH - PAD.left - PAD.right) * (1 - (end - time) / this.#windowMs);
    const y = (rate) => HEIGHT - PAD.bottom - (HEIGHT - PAD.top - PAD.bottom) * (rate / top);

    const nodes = [];
    for (const fraction of [0, 0.5, 1]) {
      const value = top * fraction;
      nodes.push(svgNode("line", { class: "grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }));
      nodes.push(svgNode("text", { class: "axis", x: PAD.left - 6, y: y(value) + 4, "text-anchor": "end" },
        formatRate(value)));
    }
    const minutes = Math.round(this.#windowMs / 60000);
    nodes.push(svgNode("text", { class: "axis", x: PAD.left, y: HEIGHT - 6 }, `−${minutes} min`));
    nodes.push(svgNode("text", { class: "axis", x: WIDTH - PAD.right, y: HEIGHT - 6, "text-anchor": "end" }, "now"));
    for (const { name } of this.#series) {
      const rates = points.map((point) => point.values[name] ?? 0);
      nodes.push(svgNode("polyline", {
        id: `chart-line-${name}`,
        class: `series series-${name}`,
        points: points.map((point, i) => `${x(point.time).toFixed(1)},${y(rates[i]).toFixed(1)}`).join(" "),
        "data-last": rates.length ? rates[rates.length - 1].toFixed(2) : "0",
        "data-peak": Math.max(0, ...rates).toFixed(2),
      }));
      if (points.length) {
        // the newest sample as a dot: a lone first sample is visible, not a zero-length line
        nodes.push(svgNode("circle", {
          class: `marker series-${name}`, r: 3, cx: x(end).toFixed(1), cy: y(rates[rates.length - 1]).toFixed(1),
        }));
      }
    }
    if (!points.length) {
      nodes.push(svgNode("text", { id: "chart-empty", class: "empty-chart", x: (WIDTH + PAD.left) / 2, y: HEIGHT / 2,
        "text-anchor": "middle" }, "measuring… rates appear after two samples"));
    }
    this.#svg.replaceChildren(...nodes);
    this.#svg.dataset.samples = String(points.length);
  }
}

function niceCeiling(value) {
  if (value <= 1) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((nice) => nice >= value);
}

export function formatRate(rate) {
  return rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2).replace(/\.?0+$/, "") || "0";
}

function svgNode(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
