// Entity graph: fetches /api/graph (positions computed on the server) and draws it on a canvas.
// Pan (drag), zoom (wheel), hover for details, click to open the entity page. Filters apply client-side.
(function () {
  "use strict";
  const canvas = document.getElementById("graph");
  const ctx = canvas.getContext("2d");
  const tip = document.getElementById("tip");
  const status = document.getElementById("graph-status");
  const controls = document.getElementById("controls");
  const COLORS = { PERSON: "#2f6fb5", ORG: "#b5562f", LOC: "#3b8a4a" };
  let data = { nodes: [], edges: [] };
  let view = { x: 0, y: 0, k: 1 };
  let visible = { nodes: [], edges: [] };
  let byId = new Map();
  let hover = null, found = null;
  let extent = { x: 1, y: 1 }; // half-size of the layout, so "fit" fills a wide canvas too

  function params() {
    const q = new URLSearchParams(window.location.search);
    const types = q.get("types") || controls.dataset.types || "PERSON,ORG";
    const limit = q.get("limit") || controls.dataset.limit || "500";
    return "types=" + encodeURIComponent(types) + "&limit=" + encodeURIComponent(limit);
  }

  function resize() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, r.width * dpr);
    canvas.height = Math.max(1, r.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function radius(n) { return 3 + Math.sqrt(n.mentions || 1) * 1.6; }
  function toScreen(n) {
    const r = canvas.getBoundingClientRect();
    const s = Math.min(r.width / extent.x, r.height / extent.y) * 0.46 * view.k;
    return [r.width / 2 + (n.x * s) + view.x, r.height / 2 + (n.y * s) + view.y];
  }

  function applyFilters() {
    const types = new Set([...controls.querySelectorAll("input[name=type]:checked")].map((i) => i.value));
    const kind = document.getElementById("edge-kind").value;
    const hedge = document.getElementById("hedge").value;
    const y0 = parseInt(document.getElementById("year-from").value, 10);
    const y1 = parseInt(document.getElementById("year-to").value, 10);
    const minW = parseInt(document.getElementById("min-weight").value, 10) || 1;
    const nodes = data.nodes.filter((n) => types.has(n.type) || !(n.type in COLORS));
    const keep = new Set(nodes.map((n) => n.id));
    const edges = data.edges.filter((e) => {
      if (!keep.has(e.source) || !keep.has(e.target)) return false;
      if (e.weight < minW) return false;
      if (kind === "claim" && !e.claims) return false;
      if (hedge && !(e.hedges || "").split("; ").includes(hedge)) return false;
      if (!isNaN(y0) && (e.year_max === undefined || e.year_max < y0)) return false;
      if (!isNaN(y1) && (e.year_min === undefined || e.year_min > y1)) return false;
      return true;
    });
    const filtering = hedge || kind === "claim" || !isNaN(y0) || !isNaN(y1);
    let shown = nodes;
    if (filtering) {
      const linked = new Set();
      edges.forEach((e) => { linked.add(e.source); linked.add(e.target); });
      shown = nodes.filter((n) => linked.has(n.id));
    }
    visible = { nodes: shown, edges: edges };
    status.textContent = shown.length + " of " + data.total_nodes + " entities, " + edges.length + " links";
    draw();
  }

  function draw() {
    const r = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, r.width, r.height);
    ctx.lineCap = "round";
    for (const e of visible.edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const [x1, y1] = toScreen(a), [x2, y2] = toScreen(b);
      const hot = hover && (hover.id === e.source || hover.id === e.target);
      ctx.strokeStyle = e.claims ? (hot ? "rgba(192,57,43,0.9)" : "rgba(192,57,43,0.45)") : (hot ? "rgba(40,60,90,0.7)" : "rgba(120,130,145,0.18)");
      ctx.lineWidth = e.claims ? 2 : Math.min(4, 0.6 + Math.log2(e.weight));
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
    }
    const ranked = visible.nodes.slice().sort((a, b) => b.mentions - a.mentions);
    const labelCount = Math.round(25 * view.k * view.k);
    const labelled = new Set(ranked.slice(0, labelCount).map((n) => n.id));
    for (const n of visible.nodes) {
      const [x, y] = toScreen(n);
      ctx.beginPath();
      ctx.arc(x, y, radius(n) * Math.sqrt(view.k), 0, Math.PI * 2);
      ctx.fillStyle = COLORS[n.type] || "#7a5aa8";
      ctx.globalAlpha = found && found !== n ? 0.35 : 0.9;
      ctx.fill();
      ctx.globalAlpha = 1;
      if (n === hover || n === found) { ctx.lineWidth = 2; ctx.strokeStyle = "#111"; ctx.stroke(); }
    }
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (const n of visible.nodes) {
      if (!labelled.has(n.id) && n !== hover && n !== found) continue;
      const [x, y] = toScreen(n);
      const label = n.label || n.id;
      const dx = radius(n) * Math.sqrt(view.k) + 3;
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.strokeText(label, x + dx, y);
      ctx.fillStyle = "#1d232b"; ctx.fillText(label, x + dx, y);
    }
  }

  function nodeAt(mx, my) {
    let best = null, bestD = Infinity;
    for (const n of visible.nodes) {
      const [x, y] = toScreen(n);
      const d = Math.hypot(x - mx, y - my);
      if (d < radius(n) * Math.sqrt(view.k) + 4 && d < bestD) { best = n; bestD = d; }
    }
    return best;
  }

  let drag = null, moved = false;
  canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; moved = false; canvas.style.cursor = "grabbing"; });
  window.addEventListener("mouseup", () => { drag = null; canvas.style.cursor = "grab"; });
  canvas.addEventListener("mousemove", (ev) => {
    const r = canvas.getBoundingClientRect();
    if (drag) {
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      view.x = drag.vx + dx; view.y = drag.vy + dy; draw(); return;
    }
    const n = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
    if (n !== hover) { hover = n; draw(); }
    if (n) {
      tip.hidden = false;
      tip.textContent = n.label + " (" + n.type + ") · " + n.mentions + " mentions · " + n.degree + " links";
      tip.style.left = (ev.clientX - r.left + 12) + "px"; tip.style.top = (ev.clientY - r.top + 12) + "px";
    } else { tip.hidden = true; }
  });
  canvas.addEventListener("click", (ev) => {
    if (moved) return;
    const r = canvas.getBoundingClientRect();
    const n = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
    if (n) window.location.href = "/entities/" + encodeURIComponent(n.id);
  });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    const mx = ev.clientX - r.left - r.width / 2, my = ev.clientY - r.top - r.height / 2;
    const f = Math.exp(-ev.deltaY * 0.0015);
    const k = Math.min(40, Math.max(0.2, view.k * f));
    const g = k / view.k;
    view.x = mx - (mx - view.x) * g; view.y = my - (my - view.y) * g; view.k = k;
    draw();
  }, { passive: false });
  document.getElementById("fit").addEventListener("click", () => { view = { x: 0, y: 0, k: 1 }; draw(); });
  document.getElementById("find").addEventListener("input", (ev) => {
    const q = ev.target.value.trim().toLowerCase();
    found = q ? visible.nodes.find((n) => (n.label || "").toLowerCase().includes(q)) || null : null;
    draw();
  });
  controls.querySelectorAll("input, select").forEach((el) => { if (el.id !== "find") el.addEventListener("change", applyFilters); });
  window.addEventListener("resize", resize);

  fetch("/api/graph?" + params(), { credentials: "same-origin" })
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((d) => {
      data = d;
      byId = new Map(d.nodes.map((n) => [n.id, n]));
      extent = {
        x: Math.max(0.05, ...d.nodes.map((n) => Math.abs(n.x))),
        y: Math.max(0.05, ...d.nodes.map((n) => Math.abs(n.y))),
      };
      canvas.dataset.nodes = String(d.nodes.length);
      resize();
      applyFilters();
      document.body.dataset.graphReady = "1";
    })
    .catch((err) => { status.textContent = "could not load the graph: " + err.message; });
})();
