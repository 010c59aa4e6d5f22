// Keyway's small enhancements: theme toggle, print button, copy-link
// anchors, the menus and page contents on wide screens, the marked
// section in the page contents, and search. The site works
// without any of it; each part starts only if its markup is on the page.
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var darkQuery = matchMedia("(prefers-color-scheme: dark)");

  // canonicalBase is the page's public address, so copied and printed
  // links name the published site even when read from a preview.
  function canonicalBase() {
    var link = doc.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href;
  }

  var toastTimer = 0;

  // announce shows a short message in the footer's live region.
  function announce(msg) {
    var toast = doc.querySelector(".toast");
    if (!toast) return;
    toast.textContent = msg;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.textContent = ""; }, 5000);
  }

  // Theme: the toggle flips between light and dark and remembers the
  // choice; theme.js applies it before the first paint.
  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return darkQuery.matches ? "dark" : "light";
  }

  function initTheme() {
    var button = doc.querySelector(".theme-toggle");
    if (!button) return;
    function show() {
      button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("theme", next); } catch (e) { /* private mode */ }
      show();
    });
    darkQuery.addEventListener("change", show);
    show();
    button.hidden = false;
  }

  // Print: show the button (the printed addresses of links are written
  // at build time, in data-print-url).
  function initPrint() {
    doc.querySelectorAll(".print-button").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Copy link: a heading's anchor copies the full address of that
  // heading; without a clipboard it stays an ordinary link.
  var linkIcon = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

  function initCopyLinks() {
    if (!navigator.clipboard) return;
    doc.querySelectorAll("a.anchor").forEach(function (a) {
      var heading = a.closest("h1, h2, h3, h4, h5, h6");
      var label = a.querySelector(".visually-hidden");
      var glyph = a.querySelector('[aria-hidden="true"]');
      if (label) label.textContent = "Copy link to this section";
      if (glyph) glyph.outerHTML = linkIcon;
      a.classList.add("copy-link");
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var hash = a.getAttribute("href");
        var url = new URL(hash, canonicalBase()).href;
        history.replaceState(null, "", hash);
        var name = heading ? headingText(heading) : "this section";
        navigator.clipboard.writeText(url).then(function () {
          announce("Link to \u201c" + name + "\u201d copied");
        }, function () {
          announce("Could not copy. The address bar now holds the link to \u201c" + name + "\u201d.");
        });
      });
    });
  }

  function headingText(heading) {
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".anchor").forEach(function (a) { a.remove(); });
    return clone.textContent.trim();
  }

  // Disclosures that are columns or rows on wide screens (the section
  // menu, the main menu, the page contents) are open there and closed
  // (one tap away) on small screens. unwatch drops the listeners of a
  // previous init, for the preview server's swapped-in <body>.
  var unwatch = [];

  function openWhen(details, query) {
    if (!details) return;
    var mq = matchMedia(query);
    function sync() { details.open = mq.matches; }
    mq.addEventListener("change", sync);
    unwatch.push(function () { mq.removeEventListener("change", sync); });
    sync();
  }

  function initDisclosures() {
    unwatch.forEach(function (f) { f(); });
    unwatch = [];
    openWhen(doc.querySelector(".section-nav"), "(min-width: 64em)");
    openWhen(doc.querySelector(".has-toc > .toc"), "(min-width: 75em)");
    var menu = doc.querySelector(".menu");
    openWhen(menu, "(min-width: 64em)");
    if (!menu) return;
    // On small screens the open menu covers the page: Escape or a click
    // elsewhere closes it.
    var summary = menu.querySelector("summary");
    function narrowAndOpen() { return menu.open && getComputedStyle(summary).display !== "none"; }
    function onKey(ev) {
      if (ev.key !== "Escape" || !narrowAndOpen()) return;
      menu.open = false;
      summary.focus();
    }
    function onClick(ev) {
      if (narrowAndOpen() && !menu.contains(ev.target)) menu.open = false;
    }
    doc.addEventListener("keydown", onKey);
    doc.addEventListener("click", onClick);
    unwatch.push(function () {
      doc.removeEventListener("keydown", onKey);
      doc.removeEventListener("click", onClick);
    });
  }

  // Contents: the link of the section being read (the last heading above
  // a line 30% down the window) gets aria-current="location". The
  // observer only says when a heading crosses that line.
  var contentsObserver = null;

  function initContentsMark() {
    if (contentsObserver) contentsObserver.disconnect();
    contentsObserver = null;
    var toc = doc.querySelector(".toc");
    if (!toc || !("IntersectionObserver" in window)) return;
    var entries = [];
    toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
      var h = doc.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (h) entries.push({ link: a, heading: h });
    });
    if (entries.length === 0) return;
    function mark() {
      var line = innerHeight * 0.3;
      var current = null;
      entries.forEach(function (e) {
        if (e.heading.getBoundingClientRect().top <= line) current = e;
      });
      entries.forEach(function (e) {
        if (e === current) e.link.setAttribute("aria-current", "location");
        else e.link.removeAttribute("aria-current");
      });
      if (current) keepInView(toc, current.link);
    }
    contentsObserver = new IntersectionObserver(mark, { rootMargin: "0px 0px -70% 0px" });
    entries.forEach(function (e) { contentsObserver.observe(e.heading); });
  }

  // keepInView scrolls a scrolling contents column (not the page) so that
  // the marked link shows.
  function keepInView(box, link) {
    if (box.scrollHeight <= box.clientHeight) return;
    var top = link.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + link.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = top - box.clientHeight / 3;
    }
  }

  // Search: the index is fetched the first time a search box is used.
  var indexPromise = null;

  function loadIndex(url) {
    if (!indexPromise) {
      indexPromise = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      }).then(function (entries) {
        return entries.map(function (e, i) {
          var sections = e.s || [];
          e.h = sections.map(function (s) { return s[0]; }).filter(Boolean);
          e.x = sections.map(function (s) { return s[2]; }).join(" ");
          return {
            entry: e,
            order: i,
            title: (e.t || "").toLowerCase(),
            desc: (e.d || "").toLowerCase(),
            heads: (e.h || []).join(" \u00b7 ").toLowerCase(),
            text: (e.x || "").toLowerCase()
          };
        });
      });
      indexPromise.catch(function () { indexPromise = null; });
    }
    return indexPromise;
  }

  // queryTerms splits a query into words, leaving out single letters
  // (they would match nearly everything while the reader is typing).
  function queryTerms(q) {
    return q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 1; });
  }

  // score ranks a page: every term must appear somewhere; titles count
  // most, then headings, description and text.
  function score(page, terms, phrase) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var hit = 0;
      if (page.title.indexOf(t) >= 0) hit += 10;
      if (page.heads.indexOf(t) >= 0) hit += 5;
      if (page.desc.indexOf(t) >= 0) hit += 3;
      if (page.text.indexOf(t) >= 0) hit += 1;
      if (hit === 0) return 0;
      total += hit;
    }
    if (terms.length > 1 && (page.title + " " + page.text).indexOf(phrase) >= 0) total += 20;
    return total;
  }

  function search(pages, q) {
    var terms = queryTerms(q);
    if (terms.length === 0) return [];
    var phrase = terms.join(" ");
    var found = [];
    pages.forEach(function (p) {
      var s = score(p, terms, phrase);
      if (s > 0) found.push({ page: p, score: s });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    return found.map(function (f) { return f.page; });
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // snippet cuts the text around the first matching term.
  function snippet(page, terms) {
    var source = page.entry.x || "";
    var lower = page.text;
    var at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0) return page.entry.d || source.slice(0, 160);
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = source.indexOf(" ", start);
      if (space >= 0 && space < at) start = space + 1;
    }
    var end = Math.min(source.length, at + 140);
    var space2 = source.lastIndexOf(" ", end);
    if (end < source.length && space2 > at) end = space2;
    return (start > 0 ? "\u2026" : "") + source.slice(start, end) + (end < source.length ? "\u2026" : "");
  }

  // highlight appends text to el with every term wrapped in <mark>.
  function highlight(el, text, terms) {
    var re = new RegExp("(" + terms.map(escapeRegExp).join("|") + ")", "gi");
    text.split(re).forEach(function (part, i) {
      if (part === "") return;
      if (i % 2 === 1) {
        var m = doc.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(doc.createTextNode(part));
      }
    });
  }

  function resultItem(page, terms) {
    var li = doc.createElement("li");
    var a = doc.createElement("a");
    a.href = page.entry.u;
    var title = doc.createElement("span");
    title.className = "result-title";
    highlight(title, page.entry.t, terms);
    var snip = doc.createElement("span");
    snip.className = "result-snippet";
    highlight(snip, snippet(page, terms), terms);
    a.appendChild(title);
    a.appendChild(snip);
    li.appendChild(a);
    return li;
  }

  function plural(n) { return n === 1 ? "1 page matches" : n + " pages match"; }

  function SearchBox(form) {
    this.form = form;
    this.input = form.querySelector('input[type="search"]');
    this.results = form.querySelector(".search-results");
    this.inline = form.hasAttribute("data-inline");
    this.limit = this.inline ? Infinity : 8;
    this.timer = 0;
    this.status = doc.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    form.appendChild(this.status);
    this.results.id = this.input.id + "-results";
    this.input.setAttribute("aria-controls", this.results.id);
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var box = this;
    var url = this.form.getAttribute("data-index");
    this.input.addEventListener("focus", function () { loadIndex(url); });
    this.input.addEventListener("input", function () {
      clearTimeout(box.timer);
      box.timer = setTimeout(function () { box.run(); }, 120);
    });
    this.form.addEventListener("submit", function (ev) {
      if (!box.inline) return;
      ev.preventDefault();
      box.run();
    });
    this.form.addEventListener("keydown", function (ev) { box.key(ev); });
    this.form.addEventListener("focusout", function () {
      setTimeout(function () {
        if (!box.inline && !box.form.contains(doc.activeElement)) box.close();
      }, 0);
    });
  };

  SearchBox.prototype.run = function () {
    var box = this;
    var q = this.input.value.trim();
    if (this.inline) {
      var u = new URL(location.href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(null, "", u.pathname + u.search);
    }
    if (queryTerms(q).length === 0) { this.close(); this.status.textContent = ""; return; }
    loadIndex(this.form.getAttribute("data-index")).then(function (pages) {
      if (box.input.value.trim() !== q) return;
      box.render(q, search(pages, q));
    }, function () {
      box.message("Search is not available right now. Try the list of every page.");
    });
  };

  SearchBox.prototype.message = function (text) {
    this.results.textContent = "";
    var p = doc.createElement("p");
    p.className = "search-status";
    p.textContent = text;
    this.results.appendChild(p);
    this.results.hidden = false;
    this.status.textContent = text;
  };

  SearchBox.prototype.render = function (q, found) {
    var terms = queryTerms(q);
    var summary = found.length === 0 ? "No page matches \u201c" + q + "\u201d" : plural(found.length) + " \u201c" + q + "\u201d";
    this.message(summary);
    if (found.length === 0) return;
    var list = doc.createElement("ol");
    found.slice(0, this.limit).forEach(function (page) { list.appendChild(resultItem(page, terms)); });
    if (found.length > this.limit) {
      var li = doc.createElement("li");
      var all = doc.createElement("a");
      all.href = this.form.action + "?q=" + encodeURIComponent(q);
      all.className = "result-all";
      all.textContent = "See all " + found.length + " results";
      li.appendChild(all);
      list.appendChild(li);
    }
    this.results.appendChild(list);
    if (!this.inline) this.status.textContent = summary + ". Press the down arrow to go through them.";
  };

  SearchBox.prototype.close = function () {
    if (!this.inline) this.results.hidden = true;
  };

  SearchBox.prototype.links = function () {
    return Array.prototype.slice.call(this.results.querySelectorAll("a"));
  };

  // key handles arrows among the results and Escape.
  SearchBox.prototype.key = function (ev) {
    var links = this.links();
    var i = links.indexOf(doc.activeElement);
    if (ev.key === "Escape") {
      if (!this.results.hidden && !this.inline) {
        ev.preventDefault();
        this.close();
        this.input.focus();
      } else if (doc.activeElement === this.input && this.input.value) {
        ev.preventDefault();
        this.input.value = "";
        this.run();
      }
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    if (this.results.hidden || links.length === 0) return;
    ev.preventDefault();
    if (ev.key === "ArrowDown") {
      links[Math.min(i + 1, links.length - 1)].focus();
    } else if (i <= 0) {
      this.input.focus();
    } else {
      links[i - 1].focus();
    }
  };

  var boxes = [];

  function initSearch() {
    boxes = [];
    doc.querySelectorAll("form.search[data-index]").forEach(function (form) {
      boxes.push(new SearchBox(form));
    });
    boxes.forEach(function (box) {
      if (!box.inline) return;
      var q = new URL(location.href).searchParams.get("q");
      if (q) {
        box.input.value = q;
        box.run();
      }
    });
  }

  // "/" focuses the first search box of the page.
  doc.addEventListener("keydown", function (ev) {
    if (boxes.length === 0) return;
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    ev.preventDefault();
    boxes[0].input.focus();
  });

  // Questionnaire: the browser's own Back button returns to a step as the
  // reader left it, with nothing to say which answer they chose there.
  // Just before an answer link is followed, its path is kept in this
  // page's own history entry (history.state: the next entry's address says
  // as much, and nothing is kept anywhere else); whenever the page is
  // shown again, from the back-forward cache or loaded anew, that answer
  // is marked the way a change page marks the current one. site.css then
  // leaves out the :visited colours that stand in for this without
  // JavaScript. Which answers lead where stays in the links.
  var chosenKey = "keywayChosenAnswer";

  function markChosenAnswer() {
    var state = history.state;
    var chosen = state && typeof state === "object" ? state[chosenKey] : "";
    var answers = doc.querySelectorAll(".decide-answers a.decide-answer");
    var found = Array.prototype.filter.call(answers, function (a) { return a.pathname === chosen; });
    if (found.length !== 1) return;
    answers.forEach(function (a) {
      var note = a.querySelector(".decide-chosen-note");
      a.classList.toggle("decide-answer-chosen", a === found[0]);
      if (a !== found[0]) {
        a.removeAttribute("aria-current");
        if (note) {
          var space = note.previousSibling;
          if (space && space.nodeType === 3 && space.data === " ") space.remove();
          note.remove();
        }
        return;
      }
      a.setAttribute("aria-current", "true");
      if (note) return;
      note = doc.createElement("span");
      note.className = "decide-chosen-note";
      note.textContent = "(your answer)";
      a.appendChild(doc.createTextNode(" "));
      a.appendChild(note);
    });
  }

  doc.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest ? ev.target.closest(".decide-answers a.decide-answer") : null;
    if (!a) return;
    var state = {};
    if (history.state && typeof history.state === "object") state = Object.assign(state, history.state);
    state[chosenKey] = a.pathname;
    history.replaceState(state, "");
  });
  window.addEventListener("pageshow", markChosenAnswer);

  function init() {
    initTheme();
    initPrint();
    initCopyLinks();
    initDisclosures();
    initContentsMark();
    initSearch();
    markChosenAnswer();
  }

  init();
  // The preview server (keyway serve) may swap in a new <body> after an
  // edit instead of reloading the page: enhance the new one.
  doc.addEventListener("keyway:replaced", init);
})();
