// Review mode (declass serve --review): every .review-form is sent as JSON to its data-action with
// the reviewer's name and the page's CSRF token; the answer says how many mentions changed.
(function () {
  "use strict";
  var status = document.getElementById("review-status");
  var reviewer = document.getElementById("reviewer");
  var meta = document.querySelector('meta[name="declass-csrf"]');
  if (reviewer) {
    reviewer.value = localStorage.getItem("declass-reviewer") || "";
    reviewer.addEventListener("change", function () { localStorage.setItem("declass-reviewer", reviewer.value.trim()); });
  }

  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.className = "review-status " + (bad ? "bad" : "good");
  }

  function body(form) {
    var out = {};
    var fields = Array.prototype.slice.call(form.elements); // includes inputs tied to it by form="id"
    fields.forEach(function (el) {
      if (!el.name || el.name === "csrf" || el.name.slice(-5) === "_name" || el.disabled) return;
      if (el.type === "checkbox") {
        if (el.checked) (out[el.name] = out[el.name] || []).push(el.value);
        return;
      }
      if (el.value === "" && el.name !== "name") return;
      out[el.name] = /^(offset|paragraph|override)$/.test(el.name) ? Number(el.value) : el.value;
    });
    return out;
  }

  function send(form) {
    var name = reviewer ? reviewer.value.trim() : "";
    if (!name) { say("Type your name in the Reviewer box first.", true); if (reviewer) reviewer.focus(); return Promise.resolve(null); }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return Promise.resolve(null);
    var data = body(form);
    data.reviewer = name;
    var token = (form.elements.csrf && form.elements.csrf.value) || (meta && meta.content) || "";
    return fetch(form.dataset.action, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      credentials: "same-origin",
      body: JSON.stringify(data),
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { say("Refused: " + (j.error || r.status), true); return null; }
        say("Saved correction #" + j.override + " (" + j.action.replace("_", " ") + "): " + j.affected + " mention" + (j.affected === 1 ? "" : "s") + " changed.", false);
        sessionStorage.setItem("declass-said", status ? status.textContent : "");
        window.setTimeout(function () { window.location.assign(j.url || window.location.href); }, 400);
        return j;
      });
    }).catch(function (e) { say("Failed: " + e, true); return null; });
  }

  var said = sessionStorage.getItem("declass-said");
  if (said) { say(said, false); sessionStorage.removeItem("declass-said"); }

  document.querySelectorAll("form.review-form").forEach(function (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); send(form); });
  });

  // Merge: search as you type for the other entity.
  document.querySelectorAll("input.entity-search").forEach(function (input) {
    var form = input.form;
    var list = form.querySelector(".suggestions");
    var hidden = form.elements[input.dataset.target];
    var timer = null;
    input.addEventListener("input", function () {
      hidden.value = "";
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { list.textContent = ""; return; }
      timer = window.setTimeout(function () {
        fetch("/api/review/entities?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (j) {
            list.textContent = "";
            var self = form.elements.entity.value;
            (j.entities || []).filter(function (e) { return e.id !== self; }).forEach(function (e) {
              var li = document.createElement("li");
              li.setAttribute("role", "option");
              li.dataset.id = e.id;
              li.textContent = e.name + " (" + e.type + ", " + e.mentions + ")";
              li.addEventListener("click", function () { hidden.value = e.id; input.value = e.name; list.textContent = ""; });
              list.appendChild(li);
            });
          });
      }, 150);
    });
  });

  // Document page: select text in a paragraph to add a mention extraction missed.
  var add = document.getElementById("add-mention");
  var article = document.getElementById("text");
  if (add && article) {
    article.addEventListener("mouseup", function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || sel.rangeCount !== 1) return;
      var range = sel.getRangeAt(0);
      var para = range.startContainer.parentElement && range.startContainer.parentElement.closest("p.para");
      var text = sel.toString();
      if (!para || !para.contains(range.endContainer) || !text.trim() || text.length > 200) return;
      // The offset of the selection in the paragraph's text: its number link and superscripts are not text.
      var offset = 0, walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) {
        if (node.parentElement.closest(".pnum, sup")) continue;
        if (node === range.startContainer) { offset += range.startOffset; break; }
        offset += node.textContent.length;
      }
      var lead = text.length - text.replace(/^\s+/, "").length;
      add.elements.paragraph.value = para.id.replace("p-", "");
      add.elements.offset.value = offset + lead;
      add.elements.text.value = text.trim();
      add.hidden = false;
    });
  }

  // Document page: a click on a mention offers "not an entity" and "wrong type" for it.
  var bar = document.getElementById("mention-bar");
  if (bar && article) {
    article.addEventListener("click", function (ev) {
      var m = ev.target.closest("[data-mention]");
      if (!m || ev.ctrlKey || ev.metaKey) return; // ctrl-click still opens the entity
      ev.preventDefault();
      bar.querySelector(".which").textContent = "“" + m.textContent + "” (" + m.dataset.label + ")";
      var open = bar.querySelector("a.open");
      open.hidden = !m.getAttribute("href");
      if (m.getAttribute("href")) open.setAttribute("href", m.getAttribute("href"));
      bar.querySelectorAll("input[name=mention]").forEach(function (i) { i.value = m.dataset.mention; });
      bar.querySelector("select[name=label]").value = m.dataset.label;
      bar.hidden = false;
    });
  }

  // Queue: a / r / s decide or skip the highlighted item.
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  function current() { return document.querySelector(".queue-item.current"); }
  function skip() {
    var cur = current();
    if (!cur) return;
    var next = items[(items.indexOf(cur) + 1) % items.length];
    cur.classList.remove("current");
    next.classList.add("current");
    next.focus();
  }
  items.forEach(function (item) {
    item.querySelector("button.skip") && item.querySelector("button.skip").addEventListener("click", function () {
      item.classList.add("current"); skip();
    });
    item.addEventListener("click", function () {
      items.forEach(function (i) { i.classList.remove("current"); });
      item.classList.add("current");
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (!items.length || ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName)) return;
    var cur = current();
    if (!cur) return;
    if (ev.key === "s") { ev.preventDefault(); skip(); }
    if (ev.key === "a" || ev.key === "r") {
      ev.preventDefault();
      var form = cur.querySelectorAll("form.decide")[ev.key === "a" ? 0 : 1];
      if (form) send(form);
    }
  });
})();
