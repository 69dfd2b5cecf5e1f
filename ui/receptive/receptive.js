// The receptive field, layer by layer (issue 13): point at a cell of a stack's last layer and every earlier
// grid lights the cells it depends on, down to the input. An ES module: Streamlit calls the default export on
// every rerun with {parentElement, data, setTriggerValue}; the DOM is built once per parentElement and updated
// in place. Hover, drag and keys stay in the browser; only a click (or Enter) goes back to Python.
//
// Tests read what is lit from data attributes: root[data-cell]="i,j", root[data-fields]=JSON
// [[top, left, bottom, right, reachTop, reachLeft, reachBottom, reachRight], ...] from the input to the last layer
// ([] for a rect or reach that is empty: a window reading only padding).

// ---- the arithmetic: playground.receptive.field_per_layer, step for step ----------------------------------

// layers: [{kernel_size, stride, padding, dilation}], sizes: [[H, W]] of the input and each layer's output.
// Returns [{reach, rect}] per grid, input first: reach may leave the grid (padding), rect is clipped to it.
export function fieldPerLayer(layers, sizes, i, j) {
  const L = layers.length, out = new Array(L + 1);
  let rect = { top: i, left: j, bottom: i, right: j };
  out[L] = { reach: rect, rect };
  for (let l = L - 1; l >= 0; l--) {
    let reach = null; // (a field that is all padding depends on nothing further down: rect null)
    if (rect) {
      const g = layers[l], span = g.dilation * (g.kernel_size - 1), [H, W] = sizes[l];
      reach = {
        top: rect.top * g.stride - g.padding, left: rect.left * g.stride - g.padding,
        bottom: rect.bottom * g.stride - g.padding + span, right: rect.right * g.stride - g.padding + span,
      };
      rect = { top: Math.max(reach.top, 0), left: Math.max(reach.left, 0),
        bottom: Math.min(reach.bottom, H - 1), right: Math.min(reach.right, W - 1) };
      if (rect.top > rect.bottom || rect.left > rect.right) rect = null;
    }
    out[l] = { reach, rect };
  }
  return out;
}

const same = (a, b) => (a === null || b === null ? a === b
  : a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right);
const flat = (r) => (r ? [r.top, r.left, r.bottom, r.right] : []);

export function fill(template, values) { // "{i}" -> values.i (the texts arrive translated from Python)
  return template.replace(/\{([a-z]+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

async function inflate(b64) {
  const bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Sizes (CSS px): a grid's box side, and the largest cell (a 6×6 grid does not fill a whole column).
const SIZES = {
  normal: { minSide: 150, maxSide: 260, cellMax: 36, gap: 14, line: 2 },
  present: { minSide: 240, maxSide: 440, cellMax: 60, gap: 24, line: 3 },
};
const PAD_FILL = "#fde7c8", PAD_HATCH = "rgba(160,100,0,0.45)", LAYER_FILL = "#eef1f6";

function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

const INSTANCES = new WeakMap(); // parentElement -> Receptive (the module runs again on every rerun)

class Receptive {
  constructor(parent) {
    this.root = parent.querySelector("[data-role=root]");
    this.q = (role) => this.root.querySelector(`[data-role=${role}]`);
    this.listeners = [];
    this.hovering = false;
    this.cur = [0, 0];
    this.wire();
  }

  on(el, type, fn) { el.addEventListener(type, fn); this.listeners.push([el, type, fn]); }

  destroy() {
    for (const [el, type, fn] of this.listeners) el.removeEventListener(type, fn);
    this.resize?.disconnect();
  }

  async update(d, setTriggerValue) {
    this.setTriggerValue = setTriggerValue;
    const rebuild = !this.d || this.d.id !== d.id || this.d.present !== d.present || this.d.lang !== d.lang
      || JSON.stringify(this.d.sizes) !== JSON.stringify(d.sizes);
    if (!this.d || this.d.id !== d.id) this.bitmap = await this.picture(d.input);
    this.d = d;
    this.L = d.layers.length;
    this.root.classList.toggle("crf-present", d.present === true);
    for (const [role, key] of [["title", "title"], ["legend", "legend"], ["hint", "hint"]])
      this.q(role).textContent = d.labels[key];
    if (rebuild) this.layout();
    this.selected = d.selected;
    const [OH, OW] = d.sizes[this.L];
    if (!this.hovering) this.cur = [...d.selected];
    this.cur = [Math.min(this.cur[0], OH - 1), Math.min(this.cur[1], OW - 1)];
    this.paint();
    this.root.dataset.ready = d.id;
  }

  async picture(inp) { // (h, w) gray pixels -> a canvas of that size
    const px = await inflate(inp.pixels), cv = document.createElement("canvas");
    cv.width = inp.w; cv.height = inp.h;
    const g = cv.getContext("2d"), im = g.createImageData(inp.w, inp.h);
    for (let p = 0; p < inp.w * inp.h; p++) im.data.set([px[p], px[p], px[p], 255], 4 * p);
    g.putImageData(im, 0, 0);
    return cv;
  }

  // ---- geometry: one figure per grid, side by side, wrapping when the column is narrow
  layout() {
    const d = this.d, z = (this.sz = d.present ? SIZES.present : SIZES.normal), n = d.sizes.length;
    const width = Math.max(200, this.root.clientWidth || 700);
    const cols = Math.max(1, Math.min(n, Math.floor((width + z.gap) / (z.minSide + z.gap))));
    const side = Math.max(80, Math.min(z.maxSide, Math.floor((width - z.gap * (cols - 1)) / cols)));
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    const box = this.q("grids");
    box.replaceChildren();
    this.grids = d.sizes.map(([H, W], k) => {
      const p = k < this.L ? d.layers[k].padding : 0; // the padding the next layer adds around this grid
      const c = Math.min(z.cellMax, side / Math.max(H + 2 * p, W + 2 * p));
      const fig = document.createElement("figure");
      fig.dataset.grid = String(k);
      if (k === this.L) fig.classList.add("last");
      const cap = document.createElement("figcaption");
      cap.textContent = d.names[k];
      const cv = document.createElement("canvas");
      const w = (W + 2 * p) * c, h = (H + 2 * p) * c;
      cv.width = Math.round(w * this.dpr); cv.height = Math.round(h * this.dpr);
      cv.style.width = `${w}px`; cv.style.height = `${h}px`;
      const rc = document.createElement("span");
      rc.className = "crf-rc";
      fig.style.width = `${Math.max(w, Math.min(side, 120))}px`;
      fig.append(cap, cv, rc);
      box.append(fig);
      const g = cv.getContext("2d");
      g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      const grid = { k, H, W, p, c, w, h, fig, cv, rc, g };
      grid.base = this.base(grid);
      return grid;
    });
    this.last = this.grids[this.L];
  }

  base(grid) { // what does not move: the picture or the empty grid, the padding frame, grid lines
    const { k, H, W, p, c, w, h } = grid, cv = document.createElement("canvas");
    cv.width = Math.round(w * this.dpr); cv.height = Math.round(h * this.dpr);
    const g = cv.getContext("2d");
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (p > 0) this.hatch(g, 0, 0, w, h, PAD_FILL, PAD_HATCH);
    if (k === 0) {
      const inp = this.d.input, f = inp.factor;
      g.imageSmoothingEnabled = c / f < 1.5; // a 28×28 digit stays crisp; a 512² photo is smoothed down
      g.drawImage(this.bitmap, 0, 0, W / f, H / f, p * c, p * c, W * c, H * c);
    } else {
      g.fillStyle = LAYER_FILL;
      g.fillRect(p * c, p * c, W * c, H * c);
    }
    if (c >= 5) { // grid lines where cells are big enough to count
      g.strokeStyle = k === 0 ? "rgba(128,128,128,0.35)" : "rgba(120,130,150,0.45)"; g.lineWidth = 1;
      g.beginPath();
      for (let r = 0; r <= H + 2 * p; r++) { const y = Math.min(r * c + 0.5, h - 0.5); g.moveTo(0, y); g.lineTo(w, y); }
      for (let q = 0; q <= W + 2 * p; q++) { const x = Math.min(q * c + 0.5, w - 0.5); g.moveTo(x, 0); g.lineTo(x, h); }
      g.stroke();
    }
    g.strokeStyle = "rgba(80,80,80,0.8)"; g.lineWidth = 1;
    g.strokeRect(p * c + 0.5, p * c + 0.5, W * c - 1, H * c - 1);
    return cv;
  }

  hatch(g, x, y, w, h, bg, ink) {
    g.save();
    g.beginPath(); g.rect(x, y, w, h); g.clip();
    if (bg) { g.fillStyle = bg; g.fillRect(x, y, w, h); }
    g.strokeStyle = ink; g.lineWidth = 1;
    g.beginPath();
    for (let s = -h; s < w; s += 6) { g.moveTo(x + s, y + h); g.lineTo(x + s + h, y); }
    g.stroke();
    g.restore();
  }

  // ---- painting one cell's field through every grid
  paint() {
    const d = this.d, [i, j] = this.cur, z = this.sz;
    const fields = fieldPerLayer(d.layers, d.sizes, i, j);
    const L = d.labels, colours = d.colours;
    for (const grid of this.grids) {
      const { k, p, c, w, h, g } = grid, f = fields[k];
      g.clearRect(0, 0, w, h);
      g.drawImage(grid.base, 0, 0, w, h);
      const box = (r) => { // a rectangle of cells in canvas px, grown to stay visible when cells are tiny
        const x = (r.left + p) * c, y = (r.top + p) * c, bw = (r.right - r.left + 1) * c, bh = (r.bottom - r.top + 1) * c;
        const gx = Math.max(0, 6 - bw) / 2, gy = Math.max(0, 6 - bh) / 2;
        return [x - gx, y - gy, bw + 2 * gx, bh + 2 * gy];
      };
      if (k === this.L) {
        const [x, y, bw, bh] = box(f.rect);
        g.fillStyle = alpha(colours.result, 0.45); g.fillRect(x, y, bw, bh);
        g.lineWidth = z.line; g.strokeStyle = colours.result; g.strokeRect(x, y, bw, bh);
        const s = this.selected;
        if (s && (s[0] !== i || s[1] !== j)) {
          const [sx, sy, sw, sh] = box({ top: s[0], left: s[1], bottom: s[0], right: s[1] });
          g.setLineDash([4, 3]); g.strokeStyle = "rgba(0,0,0,0.65)"; g.strokeRect(sx, sy, sw, sh); g.setLineDash([]);
        }
      } else {
        const [x, y, bw, bh] = f.rect ? box(f.rect) : [p * c, p * c, 0, 0];
        if (k === 0) { // the input: dim what the cell does not see, so its field lights up
          g.fillStyle = "rgba(15,20,30,0.55)";
          if (!f.rect) g.fillRect(p * c, p * c, grid.W * c, grid.H * c);
          else {
            g.fillRect(p * c, p * c, grid.W * c, y - p * c);
            g.fillRect(p * c, y + bh, grid.W * c, (grid.H + p) * c - (y + bh));
            g.fillRect(p * c, y, x - p * c, bh);
            g.fillRect(x + bw, y, (grid.W + p) * c - (x + bw), bh);
          }
        } else if (f.rect) {
          g.fillStyle = alpha(colours.window, 0.45); g.fillRect(x, y, bw, bh);
        }
        if (f.reach && !same(f.reach, f.rect)) { // the windows reach into the padding: hatched in the field's colour
          const [rx, ry, rw, rh] = box(f.reach);
          g.save(); g.beginPath(); g.rect(rx, ry, rw, rh); g.rect(p * c, p * c, grid.W * c, grid.H * c); g.clip("evenodd");
          this.hatch(g, rx, ry, rw, rh, alpha(colours.window, 0.35), colours.window);
          g.restore();
          g.setLineDash([5, 3]); g.lineWidth = z.line; g.strokeStyle = colours.window;
          g.strokeRect(rx, ry, rw, rh); g.setLineDash([]);
        }
        if (f.rect) { g.lineWidth = z.line; g.strokeStyle = colours.window; g.strokeRect(x, y, bw, bh); }
      }
      const r = f.rect;
      const text = k === this.L ? fill(L.cell, { i, j })
        : r ? fill(L.rows_cols, { top: r.top, bottom: r.bottom, left: r.left, right: r.right }) : "—";
      if (grid.rc.textContent !== text) grid.rc.textContent = text;
      grid.fig.dataset.rect = flat(r).join(",");
    }
    const seen = fields[0].rect, padded = fields.slice(0, -1).some((f) => !same(f.reach, f.rect));
    this.q("sentence").textContent = !seen ? fill(L.sentence_none, { i, j, n: this.L })
      : fill(padded ? L.sentence_padding : L.sentence, {
        i, j, n: this.L, top: seen.top, bottom: seen.bottom, left: seen.left, right: seen.right,
        h: seen.bottom - seen.top + 1, w: seen.right - seen.left + 1,
      });
    this.root.dataset.cell = `${i},${j}`;
    this.root.dataset.fields = JSON.stringify(fields.map((f) => [...flat(f.rect), ...flat(f.reach)]));
  }

  // ---- pointer and keys
  cellAt(ev) {
    const g = this.last, rect = g.cv.getBoundingClientRect();
    const j = Math.floor((ev.clientX - rect.left) / (rect.width / g.W)), i = Math.floor((ev.clientY - rect.top) / (rect.height / g.H));
    return [Math.min(Math.max(i, 0), g.H - 1), Math.min(Math.max(j, 0), g.W - 1)];
  }

  moveTo(i, j, started) {
    if (!this.d) return;
    if (i === this.cur[0] && j === this.cur[1]) return;
    this.cur = [i, j];
    this.paint();
    if (started !== undefined) performance.measure("crf-hover", { start: started, end: performance.now() });
  }

  choose(cell) {
    this.selected = cell;
    this.moveTo(...cell);
    this.paint();
    this.setTriggerValue?.("clicked", cell); // the one message to the server
  }

  wire() {
    const onLast = (e) => e.target.closest?.("figure.last") && e.target.tagName === "CANVAS";
    this.on(this.root, "pointermove", (e) => {
      if (!this.d || !onLast(e)) return;
      this.hovering = true;
      this.moveTo(...this.cellAt(e), e.timeStamp);
    });
    this.on(this.root, "pointerdown", (e) => { if (onLast(e)) e.target.setPointerCapture?.(e.pointerId); });
    this.on(this.root, "pointerout", (e) => {
      if (!this.d || !onLast(e)) return;
      this.hovering = false;
      if (this.selected) this.moveTo(...this.selected);
    });
    this.on(this.root, "click", (e) => { if (this.d && onLast(e)) this.choose(this.cellAt(e)); });
    this.on(this.root, "keydown", (e) => {
      if (!this.d) return;
      const [H, W] = this.d.sizes[this.L], [i, j] = this.cur;
      const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
      if (e.key in moves) {
        const [di, dj] = moves[e.key];
        this.moveTo(Math.min(Math.max(i + di, 0), H - 1), Math.min(Math.max(j + dj, 0), W - 1));
        e.preventDefault();
      } else if (e.key === "Enter") { this.choose([i, j]); e.preventDefault(); }
    });
    if (typeof ResizeObserver !== "undefined") {
      let width = 0;
      this.resize = new ResizeObserver(() => {
        const w = this.root.clientWidth;
        if (this.d && Math.abs(w - width) > 20) { width = w; this.layout(); this.paint(); }
      });
      this.resize.observe(this.root);
    }
  }
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  if (!data) return undefined;
  let rf = INSTANCES.get(parentElement);
  if (!rf || !rf.root?.isConnected) {
    rf?.destroy();
    rf = new Receptive(parentElement);
    INSTANCES.set(parentElement, rf);
  }
  rf.update(data, setTriggerValue).catch((err) => {
    const s = rf.root.querySelector("[data-role=sentence]");
    if (s) s.textContent = String(err);
    console.error(err);
  });
  return () => { rf.destroy(); INSTANCES.delete(parentElement); };
}
