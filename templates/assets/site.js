// Keyway's small enhancements: theme toggle, print button, copy-link
// anchors, the menus and page contents on wide screens, the marked
// section in the page contents, and starting search (search.js). The site works
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

  // setUp says whether el is new to these scripts and marks it: set-up
  // runs again when the preview server (keyway serve) patches the page,
  // and must not add a second listener to an element it kept. The
  // preview replaces a marked element whole rather than go inside it.
  function setUp(el) {
    if (el.keywayEnhanced) return false;
    el.keywayEnhanced = true;
    return true;
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
  // choice; the inline theme script (theme.inline.js) applies it before the first paint.
  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return darkQuery.matches ? "dark" : "light";
  }

  function initTheme() {
    var button = doc.querySelector(".theme-toggle");
    if (!button || !setUp(button)) return;
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
      if (!setUp(button)) return;
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
      if (!setUp(a)) return;
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
  // (one tap away) on small screens. watched holds the ones set up and
  // unwatch drops their listeners once the preview server has swapped in
  // new ones; unchanged ones keep their state.
  var unwatch = [], watched = [];

  function openWhen(details, query) {
    if (!details) return;
    var mq = matchMedia(query);
    function sync() { details.open = mq.matches; }
    mq.addEventListener("change", sync);
    unwatch.push(function () { mq.removeEventListener("change", sync); });
    sync();
  }

  function initDisclosures() {
    var now = [doc.querySelector(".section-nav"), doc.querySelector(".has-toc > .toc"), doc.querySelector(".menu")];
    if (now.every(function (el, i) { return el === watched[i]; })) return;
    watched = now;
    unwatch.forEach(function (f) { f(); });
    unwatch = [];
    openWhen(now[0], "(min-width: 64em)");
    openWhen(now[1], "(min-width: 75em)");
    var menu = now[2];
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

  // Search: search.js (the matching and the results) is loaded the first
  // time a reader uses a search box, or at once on the search page; it
  // fetches the index. Until then, and without JavaScript, the form goes
  // to the search page.
  var searchScript = null;

  function startSearch(form) {
    var url = form.getAttribute("data-script");
    if (!url) return;
    if (!searchScript) {
      searchScript = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = url;
        s.onload = resolve;
        s.onerror = function () {
          searchScript = null;
          s.remove();
          reject(new Error("cannot load " + url));
        };
        doc.head.appendChild(s);
      });
    }
    searchScript.then(function () { window.keywaySearch(form); }, function () { /* the form still submits */ });
  }

  doc.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (t.type === "search" && t.form && t.form.matches("form.search[data-script]")) startSearch(t.form);
  });

  function initSearch() {
    doc.querySelectorAll("form.search[data-inline][data-script]").forEach(startSearch);
  }

  // "/" focuses the first search box of the page.
  doc.addEventListener("keydown", function (ev) {
    var input = doc.querySelector('form.search input[type="search"]');
    if (!input || ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    ev.preventDefault();
    input.focus();
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

  // init enhances the page one part per task: each part is small, but
  // run together they made one task long enough to delay a tap on a slow
  // phone (Lighthouse counted it as blocking time). The parts that show
  // something come first.
  var parts = [initTheme, initPrint, initCopyLinks, initDisclosures, initContentsMark, initSearch, markChosenAnswer];

  function init() {
    var next = 0;
    (function step() {
      parts[next++]();
      if (next < parts.length) setTimeout(step, 0);
    })();
  }

  init();
  // The preview server (keyway serve) may swap in a new <body> after an
  // edit instead of reloading the page: enhance the new one.
  doc.addEventListener("keyway:replaced", init);
})();
