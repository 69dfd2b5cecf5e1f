// The Conv Playground explorer (issue 13): the sliding window follows the pointer, in the browser.
// An ES module: Streamlit calls the default export on every rerun with {parentElement, data,
// setTriggerValue}; the DOM is built once per parentElement and updated in place. Only a click goes
// back to Python. The arithmetic helpers are named exports, tested against playground.trace.

const MINUS = "\u2212";
// The marks' colours are the server figures' (playground.figures.WINDOW and RESULT; a test keeps them equal),
// so the explorer and the step-by-step maps below it speak one colour language.
const WINDOW = "#f39c12", RESULT = "#27ae60", WINDOW_FILL = "rgba(243,156,18,0.35)";

// ---- numbers, exactly as playground.shapes.fmt writes them -------------------------------------

function fixed4(v) { // Python f"{v:.4f}": correctly rounded, ties to even (JS toFixed breaks ties upward)
  const y = Math.abs(v) * 32; // an exact tie at the 4th decimal is an odd multiple of 1/32
  if (Number.isInteger(y) && y % 2 === 1 && y < 2 ** 40) {
    let n = Math.floor(y * 312.5); // |v| × 10^4 = n + 0.5, exactly
    if (n % 2 === 1) n += 1;
    const s = String(n).padStart(5, "0");
    return (v < 0 ? "-" : "") + s.slice(0, -4) + "." + s.slice(-4);
  }
  return v.toFixed(4);
}

function general4(v) { // Python f"{v:.4g}"
  const [mant, expText] = v.toExponential(3).split("e");
  const e = Number(expText);
  const sign = v < 0 ? "-" : "";
  const digits = mant.replace("-", "").replace(".", ""); // 4 significant digits, correctly rounded
  if (e < -4 || e >= 4) {
    let m = digits[0] + "." + digits.slice(1);
    m = m.replace(/0+$/, "").replace(/\.$/, "");
    const ae = Math.abs(e);
    return `${sign}${m}e${e < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
  }
  let s;
  if (e >= 0) s = digits.slice(0, e + 1) + "." + digits.slice(e + 1);
  else s = "0." + "0".repeat(-e - 1) + digits;
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return sign + s;
}

export function fmt(v) {
  let s;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) s = String(v === 0 ? 0 : v);
  else if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) s = general4(v);
  else s = fixed4(v).replace(/0+$/, "").replace(/\.$/, "");
  return s.replaceAll("-", MINUS);
}

// numpy's pairwise summation (what ndarray.sum does on a contiguous run), so sums match to the last bit
export function pairwiseSum(a, off, n) {
  if (n < 8) {
    let r = -0;
    for (let i = 0; i < n; i++) r += a[off + i];
    return r;
  }
  if (n <= 128) {
    const r = [a[off], a[off + 1], a[off + 2], a[off + 3], a[off + 4], a[off + 5], a[off + 6], a[off + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[off + i + j];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[off + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}

const reduceSum = (a, off, n) => 0 + pairwiseSum(a, off, n); // a reduction starts from add's identity, 0.0

// ---- the payload ---------------------------------------------------------------------------------

export function readHeader(bytes) {
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== "CPX1") throw new Error("not an explorer payload");
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  return { header, body: bytes.subarray(8 + n) };
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const PAD_VALUE = { max: -Infinity, min: Infinity, avg: 0 }; // as playground.pool pads

export async function decode(bytes) {
  const { header: h, body } = readHeader(bytes);
  const blob = (name) => {
    const b = h.blobs.find((x) => x.name === name);
    return { info: b, bytes: body.subarray(b.offset, b.offset + b.length) };
  };
  const inp = blob("input");
  const [C, Hp, Wp] = inp.info.shape;
  const x = new Float64Array(C * Hp * Wp); // (C, Hp, Wp)
  if (inp.info.enc === "u8up+zlib") {
    const up = await inflate(inp.bytes);
    for (let c = 0; c < C; c++) {
      const base = c * Hp * Wp;
      for (let col = 0; col < Wp; col++) {
        let acc = 0;
        for (let r = 0; r < Hp; r++) {
          acc = (acc + up[base + r * Wp + col]) & 255;
          x[base + r * Wp + col] = acc;
        }
      }
    }
  } else {
    const raw = await inflate(inp.bytes);
    x.set(new Float64Array(raw.buffer, raw.byteOffset, C * Hp * Wp));
  }
  const [t, b, l, r] = h.pads;
  const isPad = (row, col) => row < t || row >= Hp - b || col < l || col >= Wp - r;
  if (h.kind === "pool") {
    const pv = PAD_VALUE[h.mode];
    for (let c = 0; c < C; c++) for (let row = 0; row < Hp; row++) for (let col = 0; col < Wp; col++)
      if (isPad(row, col)) x[c * Hp * Wp + row * Wp + col] = pv;
  }
  const [kh, kw] = h.ksize;
  const kernel = new Float64Array(C * kh * kw);
  if (h.kernel) kernel.set(h.kernel.flat(2));
  const map = blob("map");
  return {
    h, kind: h.kind, C, Hp, Wp, x, isPad, kh, kw, sh: h.stride[0], sw: h.stride[1], dh: h.dilation[0],
    dw: h.dilation[1], OH: h.out[0], OW: h.out[1], kernel, bias: h.bias, mode: h.mode,
    map: { levels: map.info.enc === "u8+zlib" ? await inflate(map.bytes) : map.bytes.slice(), h: map.info.shape[0],
      w: map.info.shape[1], ...h.map },
  };
}

// ---- one output cell, step by step (playground.trace_conv / trace_pool) -------------------------

export function convCell(m, i, j) {
  const { C, Hp, Wp, kh, kw, x, kernel } = m;
  const rows = Array.from({ length: kh }, (_, a) => i * m.sh + m.dh * a);
  const cols = Array.from({ length: kw }, (_, b) => j * m.sw + m.dw * b);
  const n = kh * kw;
  const window = new Float64Array(C * n), products = new Float64Array(C * n), partial = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) {
      const k = c * n + a * kw + b;
      window[k] = x[c * Hp * Wp + rows[a] * Wp + cols[b]];
      products[k] = window[k] * kernel[k];
    }
    partial[c] = reduceSum(products, c * n, n);
  }
  const total = reduceSum(partial, 0, C) + m.bias;
  const channelFormulas = [];
  for (let c = 0; c < C; c++) {
    const terms = [];
    for (let k = c * n; k < (c + 1) * n; k++) terms.push(`(${fmt(window[k])}×${fmt(kernel[k])})`);
    channelFormulas.push(terms.join(" + ") + ` = ${fmt(partial[c])}`);
  }
  const body = C === 1 ? channelFormulas[0].slice(0, channelFormulas[0].lastIndexOf(" = "))
    : Array.from(partial, fmt).join(" + ");
  const formula = body + (m.bias ? ` + ${fmt(m.bias)}` : "") + ` = ${fmt(total)}`;
  return { rows, cols, window, products, partial, total, channelFormulas, formula };
}

export function poolCell(m, i, j) {
  const { Hp, Wp, kh, kw, x } = m;
  const r0 = i * m.sh, c0 = j * m.sw;
  const rows = Array.from({ length: kh }, (_, a) => r0 + a);
  const cols = Array.from({ length: kw }, (_, b) => c0 + b);
  const window = new Float64Array(kh * kw);
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) window[a * kw + b] = x[(r0 + a) * Wp + c0 + b];
  let winner = null, total, formula;
  if (m.mode === "avg") {
    let s = 0; // a strided (kh, kw) view: numpy adds row by row
    for (let a = 0; a < kh; a++) s += pairwiseSum(window, a * kw, kw);
    if (kw === Wp) s = reduceSum(window, 0, kh * kw); // one contiguous run
    total = s / window.length;
    formula = `(${Array.from(window, fmt).join(" + ")}) / ${window.length} = ${fmt(total)}`;
  } else {
    let best = 0;
    for (let k = 1; k < window.length; k++)
      if (m.mode === "max" ? window[k] > window[best] : window[k] < window[best]) best = k;
    winner = [Math.floor(best / kw), best % kw];
    total = window[best];
    const padWord = m.h?.labels?.trace_pad ?? "pad"; // the glossary's word (Korean 패딩), as PoolTrace.formula_in
    const values = Array.from(window, (v) => (Number.isFinite(v) ? fmt(v) : padWord)).join(", ");
    formula = `${m.mode}(${values}) = ${fmt(total)}`;
  }
  void Hp;
  return { rows, cols, window, winner, total, formula };
}

export function cellOf(m, i, j) { return m.kind === "conv" ? convCell(m, i, j) : poolCell(m, i, j); }

// ---- colours -------------------------------------------------------------------------------------

const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function ramp(stops, t) {
  const f = Math.min(Math.max(t, 0), 1) * (stops.length - 1), k = Math.min(Math.floor(f), stops.length - 2), u = f - k;
  return stops[k].map((v, c) => Math.round(v + (stops[k + 1][c] - v) * u));
}
function levelColour(map, level) { // level 0..255 between lo and hi
  if (map.signed) { // diverging around 0: blue - white - red
    const z = (-map.lo / (map.hi - map.lo)) * 255;
    return level < z ? ramp([[49, 54, 149], [255, 255, 255]], level / z)
      : ramp([[255, 255, 255], [165, 0, 38]], (level - z) / (255 - z || 1));
  }
  return ramp(VIRIDIS, level / 255);
}
function setFont(g, font) { // parsing a canvas font is slow in Chromium: set it only when it changes
  if (g.__font !== font) { g.font = font; g.__font = font; }
}
// Sizes (CSS px) in normal and presentation mode (a projector at 1920×1080: maps ~1.7× larger, numbers in
// cells >= fontMin px, or not written at all). ratio: a cell's side over its number's font px.
const SIZES = {
  normal: { side: 380, cell: 48, fontMin: 8, fontMax: 13, zin: 34, zinRGB: 38, zout: 44, line: 2 },
  present: { side: 646, cell: 82, fontMin: 20, fontMax: 24, zin: 60, zinRGB: 72, zout: 72, line: 3 },
};
// (RGB: three numbers stacked in a cell; out: one number, the 3 digits of a pooled picture at ~12 px in a 27 px cell,
// and >= 20 px in a projector's 46 px cell)
const RATIO = { in: 2.6, inRGB: 3.0, out: 2.3 };
const ink = ([r, g, b]) => (0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#111" : "#fff");

// ---- the component -------------------------------------------------------------------------------

const INSTANCES = new WeakMap(); // parentElement -> Explorer (the module runs again on every rerun)

class Explorer {
  constructor(parent) {
    this.parent = parent;
    this.root = parent.querySelector("[data-role=root]");
    this.q = (role) => this.root.querySelector(`[data-role=${role}]`);
    this.cur = [0, 0];
    this.playing = false;
    this.hovering = false;
    this.listeners = [];
    this.wire();
  }

  on(el, type, fn, opts) { el.addEventListener(type, fn, opts); this.listeners.push([el, type, fn, opts]); }

  destroy() {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    for (const [el, type, fn, opts] of this.listeners) el.removeEventListener(type, fn, opts);
    this.resize?.disconnect();
  }

  async update(data, setTriggerValue) {
    this.setTriggerValue = setTriggerValue;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const { header } = readHeader(bytes);
    const present = header.present === true;
    if (!this.m || this.m.h.id !== header.id || this.m.h.kind !== header.kind || this.present !== present) {
      if (!this.m || this.m.h.id !== header.id || this.m.h.kind !== header.kind) {
        this.m = await decode(bytes);
        this.cache = new Map();
      }
      this.present = present;
      this.root.classList.toggle("cpx-present", present); // explorer.css: the larger text
      this.layout();
    }
    const m = this.m;
    Object.assign(m.h, { labels: header.labels, selected: header.selected, hidden: header.hidden, lang: header.lang });
    this.hidden = header.hidden ? header.hidden[0] * m.OW + header.hidden[1] : -1;
    this.texts();
    this.selected = header.selected;
    if (!this.hovering && !this.playing) this.cur = [...header.selected];
    this.paintStatic();
    this.paint();
    this.root.dataset.ready = header.id;
  }

  // text of labels (user-facing strings arrive translated in data; always set with textContent)
  texts() {
    const L = this.m.h.labels;
    for (const el of this.root.querySelectorAll("[data-l]")) el.textContent = L[el.dataset.l] ?? "";
    for (const el of this.root.querySelectorAll("[data-title]")) el.title = L[el.dataset.title] ?? "";
    this.q("outtitle").textContent = this.m.kind === "conv" ? L.ex_output_conv : L.ex_output_pool;
    this.q("settings").textContent = L.settings;
    this.q("playtext").textContent = this.playing ? L.ex_pause : L.ex_play;
    this.q("play").title = this.playing ? L.ex_pause : L.ex_play;
    const scrub = this.q("scrub");
    scrub.max = String(this.m.OH * this.m.OW - 1);
    this.colourKey();
  }

  // the output map's colours and the values they stand for (signed: blue below 0, white at 0, red above)
  colourKey() {
    const map = this.m.map, css = (l) => `rgb(${levelColour(map, l).join(",")})`;
    const zero = map.signed ? (-map.lo / (map.hi - map.lo)) * 100 : null;
    const stops = map.signed ? [`${css(0)} 0%`, `rgb(255,255,255) ${zero}%`, `${css(255)} 100%`]
      : Array.from({ length: 9 }, (_, k) => `${css(Math.round((k * 255) / 8))} ${k * 12.5}%`);
    this.q("keybar").style.background = `linear-gradient(to right, ${stops.join(", ")})`;
    this.q("keylo").textContent = fmt(map.lo);
    this.q("keyhi").textContent = fmt(map.hi);
    const z = this.q("keyzero");
    z.hidden = !map.signed;
    if (map.signed) z.style.left = `${zero}%`;
  }

  // ---- geometry
  // a grid's number font (px) for cells of side s, or 0 when the cell is too small to hold it readably
  numberPx(s, ratio) {
    const z = this.sz;
    if (!this.present) return s >= this.m.h.numbers_min_cell ? Math.max(z.fontMin, Math.min(z.fontMax, s / ratio)) : 0;
    const px = Math.min(z.fontMax, s / ratio);
    return px >= z.fontMin ? px : 0;
  }

  layout() {
    const m = this.m, z = (this.sz = this.present ? SIZES.present : SIZES.normal);
    this.ratioIn = m.C === 3 ? RATIO.inRGB : RATIO.in;
    const width = Math.max(320, this.root.clientWidth || 700);
    const side = Math.min(z.side, Math.floor((width - 40) / 2));
    this.cin = Math.min(z.cell, side / Math.max(m.Hp, m.Wp));
    this.cout = Math.min(z.cell, side / Math.max(m.OH, m.OW));
    this.pxIn = this.numberPx(this.cin, this.ratioIn); // 0: no numbers on the map, a magnifier writes them
    this.pxOut = this.numberPx(this.cout, RATIO.out);
    this.zoomIn = !this.pxIn;
    this.zoomOut = !this.pxOut;
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    const size = (cv, w, h) => {
      cv.width = Math.round(w * this.dpr); cv.height = Math.round(h * this.dpr);
      cv.style.width = `${w}px`; cv.style.height = `${h}px`;
      const g = cv.getContext("2d");
      g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      return g;
    };
    this.gin = size(this.q("in"), m.Wp * this.cin, m.Hp * this.cin);
    this.gout = size(this.q("out"), m.OW * this.cout, m.OH * this.cout);
    const over = (role) => this.root.querySelector(`[data-over=${role}]`);
    this.overIn = size(over("in"), m.Wp * this.cin, m.Hp * this.cin); // (the window; transparent elsewhere)
    this.overOut = size(over("out"), m.OW * this.cout, m.OH * this.cout); // (the cell, the chosen cell)
    this.dirty = { in: [], out: [] };
    const spanH = m.dh * (m.kh - 1) + 1, spanW = m.dw * (m.kw - 1) + 1;
    this.zin = { rows: Math.min(m.Hp, Math.max(spanH + 4, 9)), cols: Math.min(m.Wp, Math.max(spanW + 4, 9)) };
    const zinMax = m.C === 3 ? z.zinRGB : z.zin, zinMin = this.present ? Math.ceil(z.fontMin * this.ratioIn) : 24;
    this.zin.cell = Math.max(zinMin, Math.min(zinMax, Math.floor(side / Math.max(this.zin.rows, this.zin.cols))));
    this.zout = { rows: Math.min(m.OH, 7), cols: Math.min(m.OW, 7), cell: z.zout };
    this.q("zoomfig").hidden = !(this.zoomIn || this.zoomOut);
    this.q("zoomin").hidden = !this.zoomIn;
    this.q("zoomout").hidden = !this.zoomOut;
    if (this.zoomIn) this.gzin = size(this.q("zoomin"), this.zin.cols * this.zin.cell, this.zin.rows * this.zin.cell);
    if (this.zoomOut) this.gzout = size(this.q("zoomout"), this.zout.cols * this.zout.cell, this.zout.rows * this.zout.cell);
    this.baseIn = this.bitmapInput();
    this.baseOut = this.bitmapMap();
    this.buildStep();
  }

  bitmapInput() { // (Hp, Wp) pixels: the input's colours, padding tinted
    const m = this.m, cv = document.createElement("canvas");
    cv.width = m.Wp; cv.height = m.Hp;
    const g = cv.getContext("2d"), im = g.createImageData(m.Wp, m.Hp), plane = m.Hp * m.Wp;
    let lo = Infinity, hi = -Infinity; // stretch the image's own range (a 0..9 hand exercise stays readable)
    for (let c = 0; c < m.C; c++) for (let p = 0; p < plane; p++) {
      const y = m.x[c * plane + p];
      if (Number.isFinite(y) && !m.isPad(Math.floor(p / m.Wp), p % m.Wp)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
    }
    const scale = hi > lo ? 255 / (hi - lo) : 0;
    this.inputColour = (y) => (Number.isFinite(y) ? Math.min(255, Math.max(0, (y - lo) * scale)) : 128);
    for (let p = 0; p < plane; p++) {
      const row = Math.floor(p / m.Wp), col = p % m.Wp;
      const v = (c) => this.inputColour(m.x[c * plane + p]);
      const [r, gg, b] = m.C === 3 ? [v(0), v(1), v(2)] : [v(0), v(0), v(0)];
      const pad = m.isPad(row, col); // padding: washed towards light orange (and hatched when cells are big)
      im.data[4 * p] = pad ? 0.3 * r + 0.7 * 253 : r;
      im.data[4 * p + 1] = pad ? 0.3 * gg + 0.7 * 214 : gg;
      im.data[4 * p + 2] = pad ? 0.3 * b + 0.7 * 160 : b;
      im.data[4 * p + 3] = 255;
    }
    g.putImageData(im, 0, 0);
    return cv;
  }

  bitmapMap() { // the map picture Python sent (maybe box-averaged by `factor`)
    const mp = this.m.map, cv = document.createElement("canvas");
    cv.width = mp.w; cv.height = mp.h;
    const g = cv.getContext("2d"), im = g.createImageData(mp.w, mp.h);
    for (let p = 0; p < mp.w * mp.h; p++) {
      const [r, gg, b] = levelColour(mp, mp.levels[p]);
      im.data.set([r, gg, b, 255], 4 * p);
    }
    g.putImageData(im, 0, 0);
    return cv;
  }

  value(i, j) { // one output cell's number (cached; the quiz answer is never computed)
    const k = i * this.m.OW + j;
    if (k === this.hidden) return null;
    let v = this.cache.get(k);
    if (v === undefined) { v = cellOf(this.m, i, j).total; this.cache.set(k, v); }
    return v;
  }

  paintStatic() { // what does not move with the window: the base pictures, numbers and grid lines
    const m = this.m, { cin, cout } = this;
    this.zin.stale = true; this.zout.stale = true; // the magnifiers redraw their numbers (into the same canvas)
    this.staticIn = this.layer(m.Wp * cin, m.Hp * cin, (g) => {
      g.imageSmoothingEnabled = false;
      g.drawImage(this.baseIn, 0, 0, m.Wp * cin, m.Hp * cin);
      if (cin >= 6) this.gridLines(g, m.Hp, m.Wp, cin);
      if (this.pxIn) {
        for (let r = 0; r < m.Hp; r++) for (let c = 0; c < m.Wp; c++) this.inputNumber(g, r, c, c * cin, r * cin, cin);
      }
    });
    this.showNumberPx("in", this.staticIn);
    this.staticOut = this.layer(m.OW * cout, m.OH * cout, (g) => {
      g.imageSmoothingEnabled = false;
      const f = m.map.factor;
      g.drawImage(this.baseOut, 0, 0, m.OW / f, m.OH / f, 0, 0, m.OW * cout, m.OH * cout);
      if (cout >= 6) this.gridLines(g, m.OH, m.OW, cout);
      for (let i = 0; i < m.OH; i++) for (let j = 0; j < m.OW; j++) {
        if (i * m.OW + j === this.hidden) this.hiddenCell(g, j * cout, i * cout, cout);
        else if (this.pxOut) this.outputNumber(g, i, j, j * cout, i * cout, cout);
      }
    });
    this.showNumberPx("out", this.staticOut);
    // the maps are drawn here, once per lesson or language; a hover draws only on the overlays (paint)
    this.gin.drawImage(this.staticIn, 0, 0, m.Wp * cin, m.Hp * cin);
    this.gout.drawImage(this.staticOut, 0, 0, m.OW * cout, m.OH * cout);
  }

  // data-number-px on a visible canvas: the font px its numbers were drawn with (tests read it; "" = none).
  // Set when a layer is rebuilt, never per hover.
  showNumberPx(role, layer) {
    const el = this.q(role), px = layer.numberPx ? String(Math.round(layer.numberPx * 10) / 10) : "";
    if (el.dataset.numberPx !== px) el.dataset.numberPx = px;
  }

  // an offscreen picture of w×h CSS px; `reuse` (a magnifier's last picture of the same size) is cleared and
  // redrawn instead of allocating a canvas and its backing store on every jump of the magnifier
  layer(w, h, draw, reuse) {
    const W = Math.round(w * this.dpr), H = Math.round(h * this.dpr);
    const cv = reuse && reuse.width === W && reuse.height === H ? reuse : document.createElement("canvas");
    let g = cv.__g;
    if (!g) { cv.width = W; cv.height = H; g = cv.__g = cv.getContext("2d"); }
    g.setTransform(1, 0, 0, 1, 0, 0); g.clearRect(0, 0, W, H);
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    draw(g);
    cv.numberPx = g.numberPx; // the number font the drawing used (inputNumber / outputNumber)
    return cv;
  }

  gridLines(g, rows, cols, c, colour = "rgba(128,128,128,0.45)", width = 1) {
    g.strokeStyle = colour; g.lineWidth = width;
    g.beginPath();
    const o = width / 2, H = rows * c - o, W = cols * c - o; // the last lines inside the canvas: white edge cells keep a border
    for (let r = 0; r <= rows; r++) { const y = Math.min(r * c + o, H); g.moveTo(0, y); g.lineTo(cols * c, y); }
    for (let k = 0; k <= cols; k++) { const x = Math.min(k * c + o, W); g.moveTo(x, 0); g.lineTo(x, rows * c); }
    g.stroke();
  }

  inputNumber(g, r, c, x, y, s) {
    const m = this.m, plane = m.Hp * m.Wp, p = r * m.Wp + c;
    const rgb = m.C === 3 ? [0, 1, 2].map((ch) => m.x[ch * plane + p]) : null;
    const col = (rgb ?? [m.x[p], m.x[p], m.x[p]]).map(this.inputColour);
    // a gray pixel of an RGB image (R = G = B) says its number once, not three identical ones
    const vals = rgb && !(Object.is(rgb[0], rgb[1]) && Object.is(rgb[1], rgb[2])) ? rgb : [rgb ? rgb[0] : m.x[p]];
    const pad = m.isPad(r, c);
    if (pad && s >= 12) { // hatch the padding
      g.save(); g.beginPath(); g.rect(x, y, s, s); g.clip();
      g.strokeStyle = "rgba(160,100,0,0.35)"; g.lineWidth = 1;
      for (let d = -s; d < s; d += 6) { g.moveTo(x + d, y + s); g.lineTo(x + d + s, y); }
      g.stroke(); g.restore();
    }
    g.fillStyle = pad ? "#7a4a00" : ink(col);
    g.textAlign = "center"; g.textBaseline = "middle";
    const text = vals.map((v) => (Number.isFinite(v) ? fmt(v) : (m.h.labels?.trace_pad ?? "pad")));
    const size = this.numberPx(s, this.ratioIn) || this.sz.fontMin;
    setFont(g, `${size}px sans-serif`);
    g.numberPx = size;
    text.forEach((tx, k) => g.fillText(tx, x + s / 2, y + s * (k + 0.5) / text.length + 0.5, s - 2));
  }

  outputNumber(g, i, j, x, y, s) {
    const m = this.m, v = this.value(i, j);
    const f = m.map.factor, level = m.map.levels[Math.floor(i / f) * m.map.w + Math.floor(j / f)];
    g.fillStyle = ink(levelColour(m.map, level));
    g.textAlign = "center"; g.textBaseline = "middle";
    const size = this.numberPx(s, RATIO.out) || this.sz.fontMin;
    setFont(g, `${size}px sans-serif`);
    g.numberPx = size;
    g.fillText(fmt(v), x + s / 2, y + s / 2 + 0.5, s - 2);
  }

  hiddenCell(g, x, y, s) {
    g.fillStyle = "#d9d9d9"; g.fillRect(x, y, s, s);
    g.fillStyle = "#333"; g.textAlign = "center"; g.textBaseline = "middle";
    setFont(g, `bold ${Math.max(8, Math.min(this.present ? 28 : 14, s / 2))}px sans-serif`);
    if (s >= 8) g.fillText("?", x + s / 2, y + s / 2 + 0.5);
  }

  // ---- the step panel: window × kernel = products (+ bias), per channel; or the pooling window
  buildStep() {
    const m = this.m, step = this.q("step");
    step.replaceChildren();
    this.grids = [];
    const grid = (title, kind) => {
      const box = document.createElement("div"); box.className = "cpx-gridbox";
      const cap = document.createElement("span"); cap.dataset.t = title; box.append(cap);
      const gdiv = document.createElement("div"); gdiv.className = "cpx-grid";
      gdiv.style.gridTemplateColumns = `repeat(${m.kw}, auto)`;
      const cells = [];
      for (let k = 0; k < m.kh * m.kw; k++) { const d = document.createElement("div"); gdiv.append(d); cells.push(d); }
      box.append(gdiv);
      this.grids.push({ kind, cells, cap });
      return box;
    };
    const op = (s) => { const e = document.createElement("span"); e.className = "cpx-op"; e.textContent = s; return e; };
    for (let c = 0; c < (m.kind === "conv" ? m.C : 1); c++) {
      const row = document.createElement("div"); row.className = "cpx-row"; row.dataset.channel = String(c);
      if (m.kind === "conv") {
        const part = document.createElement("span"); part.className = "cpx-partial"; part.dataset.role = `partial${c}`;
        row.append(grid("ex_window", { c, what: "window" }), op("×"), grid("ex_kernel", { c, what: "kernel" }), op("="),
          grid("ex_products", { c, what: "products" }), op("→"), part);
      } else {
        row.append(grid("ex_window", { c: 0, what: "window" }));
      }
      step.append(row);
    }
    this.stepKey = null;
  }

  paintStep(i, j, tr) {
    const m = this.m, L = m.h.labels, hiddenHere = i * m.OW + j === this.hidden;
    const n = m.kh * m.kw;
    for (const { kind, cells, cap } of this.grids) {
      const chName = m.C === 3 ? ` · ${L.channels[kind.c]}` : "";
      cap.textContent = (L[cap.dataset.t] ?? "") + chName;
      for (let k = 0; k < n; k++) {
        const a = Math.floor(k / m.kw), b = k % m.kw, idx = kind.c * n + k;
        const pad = m.isPad(tr.rows[a], tr.cols[b]);
        let text;
        if (kind.what === "window") text = Number.isFinite(tr.window[idx]) ? fmt(tr.window[idx]) : (L.trace_pad ?? "pad");
        else if (kind.what === "kernel") text = fmt(m.kernel[idx]);
        else text = hiddenHere ? "?" : fmt(tr.products[idx]);
        const cell = cells[k];
        if (cell.textContent !== text) cell.textContent = text;
        const win = m.kind === "pool" && !hiddenHere && tr.winner && tr.winner[0] === a && tr.winner[1] === b;
        const cls = (kind.what === "window" && pad ? "pad" : "") + (win ? " win" : "");
        if (cell.className !== cls) cell.className = cls;
      }
    }
    const fdiv = this.q("formula");
    const lines = [];
    if (hiddenHere) lines.push([L.ex_hidden, "total"]);
    else {
      if (m.kind === "conv" && m.C > 1) tr.channelFormulas.forEach((f, c) => lines.push([`${L.channels[c]}: ${f}`, "channel"]));
      lines.push([tr.formula, "total"]);
    }
    if (fdiv.childElementCount !== lines.length) {
      fdiv.replaceChildren(...lines.map(() => document.createElement("div")));
    }
    lines.forEach(([text, cls], k) => {
      const d = fdiv.children[k];
      if (d.className !== cls) { d.className = cls; d.dataset.role = cls === "total" ? "total" : `channel${k}`; }
      if (d.textContent !== text) d.textContent = text;
    });
    fdiv.dataset.cell = `${i},${j}`;
    if (m.kind === "conv") {
      for (let c = 0; c < m.C; c++) {
        const el = this.q(`partial${c}`);
        if (el) el.textContent = hiddenHere ? "?" : `${L.ex_partial}: ${fmt(tr.partial[c])}`;
      }
    }
    this.q("note").textContent = m.kind === "pool"
      ? (m.mode === "avg" ? L.ex_average : m.mode === "min" ? L.ex_winner_min : L.ex_winner)
      : (m.bias ? `${L.ex_bias}: ${fmt(m.bias)}` : "");
    this.q("pos").textContent = L.ex_cell.replace("{i}", String(i)).replace("{j}", String(j));
    const scrub = this.q("scrub"), idx = String(i * m.OW + j);
    if (scrub.value !== idx) scrub.value = idx;
  }

  // ---- the moving parts: window on the input, cell on the map, magnifiers, step panel
  paint() {
    const m = this.m, [i, j] = this.cur, { cin, cout } = this;
    const tr = cellOf(m, i, j);
    const gi = this.overIn, go = this.overOut, d = this.dirty, pad = this.sz.line + 2;
    // wipe only what the last paint drew (the rest of each overlay is still transparent)
    for (const [g, rects] of [[gi, d.in], [go, d.out]]) for (const [x, y, w, h] of rects) g.clearRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad);
    d.in = [this.windowMarks(gi, tr, cin, 0, 0)];
    d.out = [this.cellMark(go, i, j, cout, RESULT)];
    if (this.selected && (this.selected[0] !== i || this.selected[1] !== j))
      d.out.push(this.cellMark(go, this.selected[0], this.selected[1], cout, "rgba(0,0,0,0.6)", true));
    if (this.zoomIn) this.paintZoomIn(tr);
    if (this.zoomOut) this.paintZoomOut(i, j);
    this.paintStep(i, j, tr);
  }

  windowMarks(g, tr, s, r0, c0) { // the window's span, its taps (dilation), the winner (pooling); returns the box drawn
    const m = this.m;
    const top = (tr.rows[0] - r0) * s, left = (tr.cols[0] - c0) * s;
    const h = (tr.rows[tr.rows.length - 1] - tr.rows[0] + 1) * s, w = (tr.cols[tr.cols.length - 1] - tr.cols[0] + 1) * s;
    const grow = Math.max(0, 8 - Math.min(h, w)) / 2; // on a 512² overview the window stays visible
    g.lineWidth = this.sz.line;
    g.strokeStyle = WINDOW;
    g.strokeRect(left - grow, top - grow, w + 2 * grow, h + 2 * grow);
    if ((m.dh > 1 || m.dw > 1) && s >= 3) {
      g.fillStyle = WINDOW_FILL;
      for (const r of tr.rows) for (const c of tr.cols) g.fillRect((c - c0) * s, (r - r0) * s, s, s);
    }
    if (tr.winner && s >= 3) {
      g.strokeStyle = RESULT;
      g.strokeRect((tr.cols[tr.winner[1]] - c0) * s + 2, (tr.rows[tr.winner[0]] - r0) * s + 2, s - 4, s - 4);
    }
    return [left - grow, top - grow, w + 2 * grow, h + 2 * grow];
  }

  cellMark(g, i, j, s, colour, dashed = false) {
    const grow = Math.max(0, 8 - s) / 2;
    if (!dashed) { // a dark rim under the line: the green shows on yellow and green cells too
      g.lineWidth = this.sz.line + 2; g.strokeStyle = "rgba(0,0,0,0.55)";
      g.strokeRect(j * s - grow, i * s - grow, s + 2 * grow, s + 2 * grow);
    }
    g.lineWidth = this.sz.line; g.strokeStyle = colour; g.setLineDash(dashed ? [4, 3] : []);
    g.strokeRect(j * s - grow, i * s - grow, s + 2 * grow, s + 2 * grow);
    g.setLineDash([]);
    return [j * s - grow, i * s - grow, s + 2 * grow, s + 2 * grow];
  }

  // The magnifiers move in jumps: their region stays put while the window is inside it with a margin,
  // so most hovers redraw a cached picture of numbers plus the marks (about 1 ms instead of ~8).
  static region(start, end, size, n, prev) {
    if (prev !== undefined && start >= prev + 1 && end <= prev + size - 2) return prev;
    if (prev !== undefined && (start >= prev && end <= prev + size - 1) && (prev === 0 || prev === n - size)) return prev;
    return Math.min(Math.max(Math.round((start + end) / 2) - Math.floor(size / 2), 0), n - size);
  }

  paintZoomIn(tr) {
    const m = this.m, z = this.zin, s = z.cell, g = this.gzin;
    const r0 = Explorer.region(tr.rows[0], tr.rows[tr.rows.length - 1], z.rows, m.Hp, z.r0);
    const c0 = Explorer.region(tr.cols[0], tr.cols[tr.cols.length - 1], z.cols, m.Wp, z.c0);
    if (r0 !== z.r0 || c0 !== z.c0 || !z.base || z.stale) {
      z.r0 = r0; z.c0 = c0;
      z.base = this.layer(z.cols * s, z.rows * s, (b) => {
        b.imageSmoothingEnabled = false;
        b.drawImage(this.baseIn, c0, r0, z.cols, z.rows, 0, 0, z.cols * s, z.rows * s);
        this.gridLines(b, z.rows, z.cols, s);
        if (m.C === 3) this.gridLines(b, z.rows, z.cols, s, "rgba(255,255,255,0.9)", 2); // a cell's three numbers stay together
        for (let r = 0; r < z.rows; r++) for (let c = 0; c < z.cols; c++) this.inputNumber(b, r0 + r, c0 + c, c * s, r * s, s);
      }, z.base);
      z.stale = false;
      this.showNumberPx("zoomin", z.base);
    }
    g.drawImage(z.base, 0, 0, z.cols * s, z.rows * s);
    this.windowMarks(g, tr, s, r0, c0);
  }

  paintZoomOut(i, j) {
    const m = this.m, z = this.zout, s = z.cell, g = this.gzout;
    const i0 = Explorer.region(i, i, z.rows, m.OH, z.i0), j0 = Explorer.region(j, j, z.cols, m.OW, z.j0);
    if (i0 !== z.i0 || j0 !== z.j0 || !z.base || z.stale) {
      z.i0 = i0; z.j0 = j0;
      z.base = this.layer(z.cols * s, z.rows * s, (b) => {
        for (let a = 0; a < z.rows; a++) for (let c = 0; c < z.cols; c++) {
          const ii = i0 + a, jj = j0 + c, x = c * s, y = a * s;
          if (ii * m.OW + jj === this.hidden) { this.hiddenCell(b, x, y, s); continue; }
          const f = m.map.factor, level = m.map.levels[Math.floor(ii / f) * m.map.w + Math.floor(jj / f)];
          const col = levelColour(m.map, level);
          b.fillStyle = `rgb(${col[0]},${col[1]},${col[2]})`;
          b.fillRect(x, y, s, s);
          this.outputNumber(b, ii, jj, x, y, s);
        }
        this.gridLines(b, z.rows, z.cols, s);
      }, z.base);
      z.stale = false;
      this.showNumberPx("zoomout", z.base);
    }
    g.drawImage(z.base, 0, 0, z.cols * s, z.rows * s);
    this.cellMark(g, i - i0, j - j0, s, RESULT);
  }

  // ---- input: pointer, keys, play
  cellFromOutput(ev) {
    const m = this.m, rect = ev.currentTarget.getBoundingClientRect();
    const j = Math.floor((ev.clientX - rect.left) / (rect.width / m.OW)), i = Math.floor((ev.clientY - rect.top) / (rect.height / m.OH));
    return [Math.min(Math.max(i, 0), m.OH - 1), Math.min(Math.max(j, 0), m.OW - 1)];
  }

  cellFromInput(ev) { // the output cell whose window is centred nearest the pointer
    const m = this.m, rect = ev.currentTarget.getBoundingClientRect();
    const c = (ev.clientX - rect.left) / (rect.width / m.Wp) - 0.5, r = (ev.clientY - rect.top) / (rect.height / m.Hp) - 0.5;
    const i = Math.round((r - (m.dh * (m.kh - 1)) / 2) / m.sh), j = Math.round((c - (m.dw * (m.kw - 1)) / 2) / m.sw);
    return [Math.min(Math.max(i, 0), m.OH - 1), Math.min(Math.max(j, 0), m.OW - 1)];
  }

  moveTo(i, j, started) {
    if (!this.m) return;
    const changed = i !== this.cur[0] || j !== this.cur[1];
    this.cur = [i, j];
    if (changed) this.paint();
    if (started !== undefined) { // hover -> painted, measured inside the page (bench/hover.py reads these)
      performance.measure("cpx-hover-handled", { start: started, end: performance.now() });
      requestAnimationFrame(() => setTimeout(() => performance.measure("cpx-hover", { start: started, end: performance.now() })));
    }
  }

  wire() {
    const root = this.root;
    for (const [role, pick] of [["out", (e) => this.cellFromOutput(e)], ["in", (e) => this.cellFromInput(e)]]) {
      const cv = this.q(role);
      this.on(cv, "pointermove", (e) => { this.hovering = true; this.stop(); this.moveTo(...pick(e), e.timeStamp); });
      this.on(cv, "pointerdown", (e) => { cv.setPointerCapture?.(e.pointerId); });
      this.on(cv, "pointerleave", () => { this.hovering = false; if (!this.playing && this.selected) this.moveTo(...this.selected); });
      this.on(cv, "click", (e) => {
        const cell = pick(e);
        this.selected = cell; this.moveTo(...cell);
        this.setTriggerValue?.("clicked", cell); // the one message to the server
      });
    }
    this.on(root, "click", (e) => {
      const act = e.target.closest?.("[data-act]")?.dataset.act;
      if (act === "prev") this.stepBy(-1);
      else if (act === "next") this.stepBy(1);
      else if (act === "play") this.toggle();
    });
    this.on(this.q("scrub"), "input", (e) => { this.stop(); const k = Number(e.target.value); this.moveTo(Math.floor(k / this.m.OW), k % this.m.OW); });
    this.on(this.q("speed"), "input", () => { this.carry = 0; });
    this.on(root, "keydown", (e) => {
      if (!this.m || e.target.tagName === "INPUT") return;
      const keys = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: this.m.OW, ArrowUp: -this.m.OW };
      if (e.key in keys) { this.stop(); this.stepBy(keys[e.key]); e.preventDefault(); }
      else if (e.key === " ") { this.toggle(); e.preventDefault(); }
      else if (e.key === "Home") { this.stop(); this.moveTo(0, 0); e.preventDefault(); }
      else if (e.key === "End") { this.stop(); this.moveTo(this.m.OH - 1, this.m.OW - 1); e.preventDefault(); }
    });
    if (typeof ResizeObserver !== "undefined") {
      let width = 0;
      this.resize = new ResizeObserver(() => {
        const w = this.root.clientWidth;
        if (this.m && Math.abs(w - width) > 20) { width = w; this.layout(); this.paintStatic(); this.paint(); }
      });
      this.resize.observe(this.root);
    }
  }

  stepBy(d) {
    const m = this.m, n = m.OH * m.OW, k = ((this.cur[0] * m.OW + this.cur[1] + d) % n + n) % n;
    this.moveTo(Math.floor(k / m.OW), k % m.OW);
  }

  stop() { if (this.playing) this.toggle(); }

  toggle() { // play at animation-frame rate: `speed` cells per second, one paint per frame at most
    this.playing = !this.playing;
    this.texts();
    if (!this.playing) { cancelAnimationFrame(this.raf); return; }
    let last = performance.now();
    this.carry = 0;
    const frame = (now) => {
      if (!this.playing) return;
      this.carry += ((now - last) / 1000) * Number(this.q("speed").value);
      last = now;
      const whole = Math.floor(this.carry);
      if (whole > 0) { this.carry -= whole; this.stepBy(whole); }
      performance.mark("cpx-frame");
      this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  if (!data) return undefined;
  let ex = INSTANCES.get(parentElement);
  if (!ex || !ex.root?.isConnected) {
    ex?.destroy();
    ex = new Explorer(parentElement);
    INSTANCES.set(parentElement, ex);
  }
  ex.update(data, setTriggerValue).catch((err) => {
    const note = ex.root.querySelector("[data-role=note]");
    if (note) note.textContent = String(err);
    console.error(err);
  });
  return () => { ex.destroy(); INSTANCES.delete(parentElement); };
}
