/* Keyway cylinder simulator.
 * Reveals a "Start the simulator" button on each simulator block; only when
 * the reader presses it is the wasm fetched (one shared module per URL).
 * Key cuts stay in this page's memory: never in a URL, storage or request. */
var KeywaySimulator = (function () {
  "use strict";
  var enc = new TextEncoder(), dec = new TextDecoder();

  /* WASI preview1 shim: the ten imports a Go wasip1 reactor needs. */
  function wasi(mem) {
    var view = function () { return new DataView(mem().buffer); };
    var zeros = function (a, b) { view().setUint32(a, 0, true); view().setUint32(b, 0, true); return 0; };
    return {
      fd_write: function (fd, iovs, count, written) {
        var dv = view(), total = 0, text = "";
        for (var i = 0; i < count; i++) {
          var p = dv.getUint32(iovs + 8 * i, true), n = dv.getUint32(iovs + 8 * i + 4, true);
          text += dec.decode(new Uint8Array(mem().buffer, p, n)); total += n;
        }
        if (text.trim()) console.warn("simulator: " + text.trim());
        view().setUint32(written, total, true); return 0;
      },
      proc_exit: function (code) { throw new Error("simulator exited with code " + code); },
      random_get: function (p, n) {
        for (var o = 0; o < n; o += 65536) crypto.getRandomValues(new Uint8Array(mem().buffer, p + o, Math.min(65536, n - o)));
        return 0;
      },
      clock_time_get: function (id, precision, out) {
        var ms = id === 0 ? Date.now() : performance.now();
        view().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true); return 0;
      },
      args_get: function () { return 0; }, args_sizes_get: zeros,
      environ_get: function () { return 0; }, environ_sizes_get: zeros,
      sched_yield: function () { return 0; },
      poll_oneoff: function () { return 52; } /* ENOSYS: exports never sleep */
    };
  }

  /* Engine wraps the module's exports; strings cross through linear memory. */
  function Engine(instance) { this.x = instance.exports; }
  Engine.prototype.put = function (s) {
    var b = enc.encode(s), p = this.x.in_buffer(b.length);
    new Uint8Array(this.x.memory.buffer, p, b.length).set(b);
    return b.length;
  };
  Engine.prototype.out = function (n) {
    return n > 0 ? dec.decode(new Uint8Array(this.x.memory.buffer, this.x.out_ptr(), n)) : "";
  };
  Engine.prototype.create = function (scenario) {
    var h = this.x.sim_new(this.put(scenario));
    if (h <= 0) throw new Error(this.out(-h));
    return h;
  };
  Engine.prototype.act = function (h, action) {
    var n = this.x.sim_do(h, this.put(action));
    if (n < 0) throw new Error(this.out(-n));
    return this.out(n);
  };
  Engine.prototype.svg = function (h) { return this.out(this.x.sim_svg(h)); };
  Engine.prototype.view = function (h) {
    var v = { say: "", actions: [], keys: [], editor: false };
    this.out(this.x.sim_view(h)).split("\n").forEach(function (line) {
      var f = line.split("\t");
      if (f[0] === "say") v.say = f[1];
      else if (f[0] === "action") v.actions.push({ name: f[1], label: f[2] });
      else if (f[0] === "key") v.keys.push({ index: f[1], name: f[2], chosen: f[3] === "1" });
      else if (f[0] === "editor") v.editor = true;
    });
    return v;
  };

  function instantiate(source) {
    var instance, imports = { wasi_snapshot_preview1: wasi(function () { return instance.exports.memory; }) };
    var ready = source instanceof Promise && WebAssembly.instantiateStreaming
      ? WebAssembly.instantiateStreaming(source, imports).catch(function () {
          return source.then(function (r) { return r.clone().arrayBuffer(); })
            .then(function (b) { return WebAssembly.instantiate(b, imports); });
        })
      : Promise.resolve(source).then(function (b) {
          return typeof Response !== "undefined" && b instanceof Response ? b.arrayBuffer() : b;
        }).then(function (b) { return WebAssembly.instantiate(b, imports); });
    return ready.then(function (r) {
      instance = r.instance;
      instance.exports._initialize();
      return new Engine(instance);
    });
  }

  /* counted wraps a wasm response so that every chunk read reports the
   * bytes so far; the browser still compiles while it downloads. */
  function counted(r, progress) {
    if (!progress || !r.body || typeof ReadableStream === "undefined") return r;
    var reader = r.body.getReader(), got = 0;
    var stream = new ReadableStream({
      pull: function (c) {
        return reader.read().then(function (chunk) {
          if (chunk.done) { c.close(); return; }
          got += chunk.value.length; progress(got);
          c.enqueue(chunk.value);
        });
      }
    });
    return new Response(stream, { status: r.status, headers: { "Content-Type": "application/wasm" } });
  }

  var engines = {}, listeners = {};
  function load(url, progress) {
    (listeners[url] = listeners[url] || []).push(progress);
    if (!engines[url]) {
      var tell = function (n) { listeners[url].forEach(function (f) { if (f) f(n); }); };
      engines[url] = instantiate(fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("could not load the simulator (" + r.status + ")");
        return counted(r, tell);
      }));
      engines[url].catch(function () { delete engines[url]; });
      engines[url].then(function () { listeners[url] = []; }, function () { listeners[url] = []; });
    }
    return engines[url];
  }

  /* megabytes writes a byte count as "1.2 MB" (one decimal place). */
  function megabytes(n) { return (Math.round(n / 1e5) / 10).toFixed(1) + " MB"; }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function Simulator(root) {
    this.root = root;
    this.live = root.querySelector(".sim-live");
    this.picture = root.querySelector(".sim-picture");
    this.start = root.querySelector(".sim-start");
    this.start.hidden = false;
    this.start.addEventListener("click", this.begin.bind(this));
  }

  Simulator.prototype.say = function (text) {
    if (this.live.textContent === text) text += "\u00a0";
    this.live.textContent = text;
  };

  /* loading narrates the download: its size first, then how far it got
   * (at most every tenth of the size, so a screen reader is not flooded). */
  Simulator.prototype.loading = function () {
    var self = this, total = +self.root.getAttribute("data-wasm-size") || 0, shown = -1;
    self.say("Loading the simulator" + (total ? " (" + megabytes(total) + ")…" : "…"));
    return function (got) {
      if (!total) return;
      var tenth = Math.floor(10 * Math.min(got, total) / total);
      if (tenth === shown) return;
      shown = tenth;
      self.live.textContent = "Loading the simulator: " + megabytes(Math.min(got, total)) + " of " + megabytes(total) + "…";
    };
  };

  Simulator.prototype.begin = function () {
    var self = this;
    self.start.disabled = true;
    load(self.root.getAttribute("data-wasm"), self.loading()).then(function (engine) {
      self.engine = engine;
      self.handle = engine.create(self.root.getAttribute("data-scenario"));
      withoutAnchoring(function () {
        var top = self.start.parentNode.getBoundingClientRect().top;
        self.build(engine.view(self.handle));
        self.render("Simulator ready. " + engine.view(self.handle).say);
        // Hide only the button: the "Link to this simulator" stays.
        self.start.hidden = true;
        self.root.classList.add("sim-running");
        self.liveWords();
        self.phoneOrder();
        self.holdStill(top);
      });
      self.firstControl.focus({ preventScroll: true });
      self.keepInView(true);
    }).catch(function (err) {
      self.start.disabled = false;
      self.say("The simulator could not start. Check your connection and press Start to try again. (" + err.message + ")");
    });
  };

  /* liveWords hides the words that describe the poster at rest, now that
   * the live picture and its narration replace it, and folds the longer
   * explanation away so picture, narration and actions share one screen. */
  Simulator.prototype.liveWords = function () {
    var note = this.root.querySelector(".sim-poster-note"), more = this.root.querySelector(".sim-explain");
    if (note) note.hidden = true;
    if (more) more.open = false;
  };

  /* phoneOrder: on a phone the live picture, its narration and the
   * actions must share one screen, so the author's caption and the
   * simulator's link move below the controls (in the page's order too,
   * so Tab follows what the eye sees). */
  Simulator.prototype.phoneOrder = function () {
    if (!window.matchMedia("(max-width: 640px)").matches) return;
    var cap = this.root.querySelector(".sim-caption"), after = this.root.querySelector(".sim-controls");
    if (cap) {
      var p = el("p", { "class": "sim-caption" }, cap.textContent.trim());
      cap.parentNode.removeChild(cap);
      after.insertAdjacentElement("afterend", p);
      after = p;
    }
    var link = this.root.querySelector(".sim-share");
    if (link) after.insertAdjacentElement("afterend", link);
  };

  /* holdStill keeps the row that held Start where the reader pressed it,
   * whatever the live picture's height did above it: the controls open
   * below it and the page does not move under the reader's finger. */
  Simulator.prototype.holdStill = function (top) {
    var moved = this.start.parentNode.getBoundingClientRect().top - top;
    if (moved) window.scrollBy({ top: moved, behavior: "instant" });
  };

  /* withoutAnchoring runs change with the browser's scroll anchoring off
   * until the next frame, so that it and holdStill do not both correct
   * the same shift. */
  function withoutAnchoring(change) {
    var html = document.documentElement.style;
    html.overflowAnchor = "none";
    change();
    requestAnimationFrame(function () { html.overflowAnchor = ""; });
  }

  Simulator.prototype.build = function (view) {
    var self = this, id = self.root.id, box = el("div", { "class": "sim-controls" });
    // The basic actions come first, for the eye and for Tab; choosing and
    // cutting keys follow.
    var group = el("div", { "class": "sim-actions", role: "toolbar", "aria-label": "Actions" });
    view.actions.forEach(function (a, i) {
      var b = el("button", { type: "button", "data-action": a.name, tabindex: i ? "-1" : "0" }, a.label);
      b.addEventListener("click", function () { rove(group, b); self.run(a.name); });
      group.appendChild(b);
    });
    group.addEventListener("keydown", function (ev) { arrows(group, ev); });
    box.appendChild(group);
    self.firstControl = group.querySelector("button");
    if (view.keys.length) {
      var label = el("label", { "class": "sim-keys", "for": id + "-key" }, "Choose key ");
      self.keySelect = el("select", { id: id + "-key" });
      view.keys.forEach(function (k) { self.keySelect.appendChild(el("option", { value: k.index }, k.name)); });
      self.keySelect.addEventListener("change", function () { self.run("select:" + self.keySelect.value); });
      label.appendChild(self.keySelect);
      box.appendChild(label);
    }
    if (view.editor) {
      var fold = el("details", { "class": "sim-editor-fold" });
      fold.appendChild(el("summary", {}, "Cut your own key"));
      fold.appendChild(self.editor(id));
      box.appendChild(fold);
    }
    self.live.insertAdjacentElement("afterend", box);
    self.panelToggle();
  };

  /* panelToggle: on a phone a drawing of two cylinders shows one at a
   * time (the narrow drawing carries data-panels); two pressed-state
   * buttons in the row below the caption choose which. */
  Simulator.prototype.panelToggle = function () {
    var self = this, svg = self.picture.querySelector("svg[data-panels]");
    self.panel = 0;
    if (!svg) return;
    var group = el("span", { "class": "sim-panels", role: "group", "aria-label": "Cylinder shown" });
    [].forEach.call(svg.querySelectorAll(".cyl-heading"), function (h, i) {
      var b = el("button", { type: "button", "aria-pressed": i ? "false" : "true" }, h.textContent);
      b.addEventListener("click", function () {
        self.panel = i;
        [].forEach.call(group.querySelectorAll("button"), function (o) { o.setAttribute("aria-pressed", o === b ? "true" : "false"); });
        self.crop();
      });
      group.appendChild(b);
    });
    // In the row that held Start, so the narration stays near the picture.
    self.start.parentNode.insertBefore(group, self.start.parentNode.firstChild);
    self.crop();
  };

  /* crop narrows the phone drawing's viewBox to the chosen panel. */
  Simulator.prototype.crop = function () {
    var svg = this.picture.querySelector("svg[data-panels]");
    if (!svg) return;
    var h = +svg.getAttribute("data-panel-height"), box = svg.getAttribute("viewBox").split(" ");
    svg.setAttribute("viewBox", box[0] + " " + h * (this.panel || 0) + " " + box[2] + " " + h);
    svg.setAttribute("height", String(h));
  };

  /* The actions are one toolbar: one Tab stop, the arrow keys (and Home,
   * End) move between its buttons, and Tab leaves it for the key choice.
   * The button last used keeps the Tab stop. */
  function rove(group, to) {
    group.querySelectorAll("button").forEach(function (b) { b.tabIndex = b === to ? 0 : -1; });
  }

  function arrows(group, ev) {
    var buttons = [].slice.call(group.querySelectorAll("button")), i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    var n = buttons.length, to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: n - 1 }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    var b = buttons[(to + n) % n];
    rove(group, b);
    b.focus();
  }

  Simulator.prototype.editor = function (id) {
    var self = this, set = el("fieldset", { "class": "sim-editor" });
    set.appendChild(el("legend", {}, "Cut your own key (depth 1 is shallow, 6 is deep)"));
    var cuts = [];
    for (var i = 0; i < 5; i++) {
      var label = el("label", { "for": id + "-cut" + i }, "Cut " + (i + 1) + " ");
      var s = el("select", { id: id + "-cut" + i });
      for (var d = 1; d <= 6; d++) s.appendChild(el("option", d === 3 ? { value: d, selected: "" } : { value: d }, String(d)));
      cuts.push(s); label.appendChild(s); set.appendChild(label);
    }
    var cut = el("button", { type: "button", "class": "sim-cut" }, "Cut and choose this key");
    cut.addEventListener("click", function () {
      self.run("cuts:" + cuts.map(function (c) { return c.value; }).join(""));
    });
    set.appendChild(cut);
    return set;
  };

  Simulator.prototype.run = function (action) {
    var text;
    try { text = this.engine.act(this.handle, action); } catch (err) { text = err.message; }
    this.render(text);
    this.keepInView();
  };

  /* keepInView scrolls, only when needed and no further than needed, so
   * that the picture, the narration of what the action did and the
   * action buttons are all on screen (or, if they cannot all fit, the
   * picture's top is). Just after Start it never scrolls back up, so the
   * row the reader pressed stays put; it only brings the controls into
   * view. */
  Simulator.prototype.keepInView = function (starting) {
    var pics = this.picture.querySelectorAll("svg"), pic = null;
    for (var i = 0; i < pics.length && !pic; i++) if (pics[i].getBoundingClientRect().height > 0) pic = pics[i].getBoundingClientRect();
    if (!pic) return;
    if (starting && pic.top < 0) {
      var first = this.firstControl.getBoundingClientRect();
      if (first.bottom > window.innerHeight) this.firstControl.scrollIntoView({ block: "nearest" });
      return;
    }
    var bottom = Math.max(this.live.getBoundingClientRect().bottom, this.root.querySelector(".sim-actions").getBoundingClientRect().bottom);
    var by = pic.top < 0 ? pic.top - 8 : Math.min(bottom - window.innerHeight + 8, pic.top - 8);
    if (by > 0 || pic.top < 0) window.scrollBy({ top: by, behavior: "instant" });
  };

  Simulator.prototype.render = function (text) {
    this.picture.innerHTML = this.engine.svg(this.handle);
    this.crop();
    var view = this.engine.view(this.handle), select = this.keySelect;
    if (select) view.keys.forEach(function (k) { if (k.chosen) select.value = k.index; });
    this.say(text);
  };

  function init() {
    var roots = document.querySelectorAll(".sim[data-scenario][data-wasm]");
    // Each root once: the preview server (keyway serve) runs init again
    // after a patch that kept some; it replaces a marked root whole.
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].keywayEnhanced) continue;
      roots[i].keywayEnhanced = true;
      new Simulator(roots[i]);
    }
    if (roots.length) skipLink(roots[0]);
  }

  /* skipLink adds "Skip to the simulator" after the page's own skip link.
   * It is a plain link to the first simulator, so the next Tab reaches its
   * Start button (a script moving focus there would let the same Enter
   * press Start too). */
  function skipLink(root) {
    var site = document.querySelector(".skip-link");
    if (!site || document.querySelector(".sim-skip")) return;
    var a = el("a", { "class": "skip-link sim-skip", href: "#" + root.id }, "Skip to the simulator");
    a.keywayAdded = true; // not the page's: the preview server leaves it alone
    site.insertAdjacentElement("afterend", a);
  }
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
    // The preview server (keyway serve) may swap in a new <body> after an
    // edit: set up the simulators it holds.
    document.addEventListener("keyway:replaced", init);
  }
  return { instantiate: instantiate };
})();
