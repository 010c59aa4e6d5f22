// Keyway dev server client: live reload, stylesheet swap and the build
// error overlay. Injected by "serve" only; never part of the built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.dataset.version : "";
  var scrollKey = "keyway-scroll";
  // Tests and tools wait for ready: the page is in step with the server;
  // version is the site version the page shows. times holds when the last
  // change's message arrived, its page was received and swapped in
  // (wall-clock milliseconds), for the latency tool.
  var status = (window.keywayLive = { ready: false, version: version, times: {} });

  function setVersion(v) {
    version = status.version = v;
  }

  restoreScroll();

  // The server sends this page's new HTML with each change (or says it
  // is unchanged), so a change needs no request.
  var events = new EventSource("/_keyway/events?page=" + encodeURIComponent(location.pathname));
  events.onmessage = function (e) {
    var msg = JSON.parse(e.data);
    if (msg.type !== "hello") {
      status.times = { message: now() };
    }
    switch (msg.type) {
      case "hello":
        if (msg.version !== version) {
          reload();
        } else {
          showErrors(msg.errors || []);
          status.ready = true;
        }
        break;
      case "reload":
        if (msg.url && msg.url !== location.pathname) {
          location.assign(msg.url);
        } else if (msg.same) {
          // Only other files changed; a build that succeeds has no problems.
          keepsBody(msg.version);
          setVersion(msg.version);
          showErrors([]);
        } else {
          patch(msg);
        }
        break;
      case "css":
        swapStylesheets(msg);
        break;
      case "errors":
        showErrors(msg.errors || []);
        break;
    }
  };

  function now() {
    return performance.timeOrigin + performance.now();
  }

  function reload() {
    events.close();
    var pos = { path: location.pathname, x: scrollX, y: scrollY };
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify(pos));
    } catch (_) {}
    location.reload();
  }

  // patch takes the new page (see pageOf) and, when it loads the same
  // stylesheets and scripts and neither page's <body> says
  // data-live="reload", puts the new <body> in place: only the parts
  // that changed (see morph) when it can, else the whole <body>. No
  // navigation, nothing fetched again, scroll and focus-free state kept.
  // The page's scripts hear a "keyway:replaced" event on document and
  // enhance what is new. Anything else reloads.
  function patch(msg) {
    pageOf(msg)
      .then(function (fresh) {
        if (!fresh.body || assetsOf(fresh) !== assetsOf(document) ||
            wantsReload(document) || wantsReload(fresh)) {
          reload();
          return;
        }
        var x = scrollX, y = scrollY;
        var old = pristine;
        pristine = null;
        document.title = fresh.title;
        if (old && old.version === version && morphable(old.body, fresh.body, document.body)) {
          dropOverlay();
          morph(old.body, fresh.body, document.body);
          status.patched = (status.patched || 0) + 1;
          pristine = { version: msg.version, body: fresh.body };
        } else {
          document.body.replaceWith(document.adoptNode(fresh.body));
          status.swapped = (status.swapped || 0) + 1;
          keepLater(msg.version, fresh.keywaySource);
        }
        setVersion(msg.version);
        document.dispatchEvent(new CustomEvent("keyway:replaced"));
        // After the page's scripts have changed the new body: one layout,
        // and the scroll position is the one kept whatever they did.
        scrollTo({ left: x, top: y, behavior: "instant" });
        status.times.swapped = now();
      })
      .catch(reload);
  }

  // pristine is the <body> the tab shows as the server sent it (before
  // any script enhanced it) and its version: what morph compares the
  // next page with, since the tab's own DOM holds the scripts' changes.
  // This script is the first deferred one, so the page's own deferred
  // scripts have not run yet: a copy of the body now is the served one.
  var pristine = document.readyState !== "loading" && document.body ?
    { version: version, body: document.body.cloneNode(true) } : null;

  // keepsBody says the kept body of the version shown is also version
  // v's: the page is the same, or only its stylesheet links changed.
  function keepsBody(v) {
    if (pristine && pristine.version === version) pristine.version = v;
  }

  // keepLater parses html as the pristine page of version v once the
  // browser is idle, off the path of the change that brought it.
  function keepLater(v, html) {
    setTimeout(function () {
      if (version === v && !pristine) {
        pristine = { version: v, body: new DOMParser().parseFromString(html, "text/html").body };
      }
    }, 0);
  }

  // morph makes live (the tab's element that was built from old) show
  // what fresh shows, replacing only the child nodes that differ from
  // old's (isEqualNode). It goes down into a changed element whose
  // start tag is unchanged, unless a page script set it up (it has the
  // property keywayEnhanced): that one is replaced whole, so its script
  // sets up the new one. Nodes a script added (keywayAdded) are kept
  // and do not count. morphable says first whether live still has old's
  // child nodes, so nothing is changed when the whole body must go.
  function morph(old, fresh, live) {
    var a = old.childNodes, b = fresh.childNodes, l = ownNodes(live);
    var i;
    if (a.length === b.length) {
      for (i = 0; i < a.length; i++) {
        if (a[i].isEqualNode(b[i])) continue;
        if (canDescend(a[i], b[i], l[i])) morph(a[i], b[i], l[i]);
        else live.replaceChild(document.importNode(b[i], true), l[i]);
      }
      return;
    }
    var p = 0, s = 0;
    while (p < a.length && p < b.length && a[p].isEqualNode(b[p])) p++;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s].isEqualNode(b[b.length - 1 - s])) s++;
    var at = s > 0 ? l[l.length - s] : null;
    for (i = p; i < a.length - s; i++) live.removeChild(l[i]);
    for (i = p; i < b.length - s; i++) live.insertBefore(document.importNode(b[i], true), at);
  }

  function morphable(old, fresh, live) {
    return sameStart(old, fresh) && matches(old, live);
  }

  function canDescend(old, fresh, live) {
    return old.nodeType === 1 && fresh.nodeType === 1 && !live.keywayEnhanced &&
      sameStart(old, fresh) && matches(old, live);
  }

  // matches says whether live's own child nodes are old's, one for one.
  function matches(old, live) {
    var a = old.childNodes, l = ownNodes(live);
    if (a.length !== l.length) return false;
    for (var i = 0; i < a.length; i++) {
      if (a[i].nodeType !== l[i].nodeType || a[i].nodeName !== l[i].nodeName) return false;
    }
    return true;
  }

  function ownNodes(el) {
    return Array.prototype.filter.call(el.childNodes, function (n) { return !n.keywayAdded; });
  }

  // sameStart says whether two elements have the same name and attributes.
  function sameStart(a, b) {
    if (a.nodeName !== b.nodeName || a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var at = a.attributes[i];
      if (b.getAttribute(at.name) !== at.value) return false;
    }
    return true;
  }

  // pageOf parses the current page as the server has it now: the HTML
  // that came with msg, or else fetched.
  function pageOf(msg) {
    var text = msg.html ? Promise.resolve(msg.html) :
      fetch(location.href, { cache: "no-store" }).then(function (resp) {
        return resp.text();
      });
    return text.then(function (text) {
      status.times.received = now();
      var doc = new DOMParser().parseFromString(text, "text/html");
      doc.keywaySource = text;
      return doc;
    });
  }

  // assetsOf lists the stylesheets and scripts a document loads.
  function assetsOf(doc) {
    return Array.prototype.map.call(
      doc.querySelectorAll('link[rel~="stylesheet"], script[src]'),
      function (el) { return el.getAttribute("href") || el.getAttribute("src"); }
    ).join("\n");
  }

  function wantsReload(doc) {
    return doc.body && doc.body.getAttribute("data-live") === "reload";
  }

  function restoreScroll() {
    var pos;
    try {
      pos = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
      sessionStorage.removeItem(scrollKey);
    } catch (_) {}
    if (!pos || pos.path !== location.pathname) {
      return;
    }
    // "instant": the site may ask for smooth scrolling, which would animate
    // every reload.
    var to = { left: pos.x, top: pos.y, behavior: "instant" };
    scrollTo(to);
    addEventListener("load", function () {
      scrollTo(to);
    });
  }

  function siteStylesheets(doc) {
    return Array.prototype.slice.call(
      doc.querySelectorAll('link[rel~="stylesheet"]:not([data-keyway])'));
  }

  // swapStylesheets takes the new page (see pageOf; the page itself when
  // it is unchanged, its stylesheets keeping their URLs) and points each
  // stylesheet link at its new href, keeping the page and its state.
  function swapStylesheets(msg) {
    (msg.same ? Promise.resolve(document) : pageOf(msg))
      .then(function (fresh) {
        var next = siteStylesheets(fresh);
        var links = siteStylesheets(document);
        if (next.length !== links.length) {
          throw new Error("stylesheets added or removed");
        }
        links.forEach(function (link, i) {
          replaceLink(link, next[i].getAttribute("href"));
        });
        keepsBody(msg.version);
        setVersion(msg.version);
      })
      .catch(reload);
  }

  // replaceLink loads the new stylesheet next to the old one and removes
  // the old one once the new one has loaded, so the page never goes bare.
  // An unchanged href gets a query parameter so the browser fetches again.
  function replaceLink(link, href) {
    var base = link.dataset.keywayBase || link.getAttribute("href");
    var url = href;
    if (href === base) {
      url += (href.indexOf("?") < 0 ? "?" : "&") + "keyway=" + Date.now();
    }
    var copy = link.cloneNode(false);
    copy.dataset.keywayBase = href;
    copy.href = url;
    copy.addEventListener("load", function () { link.remove(); });
    copy.addEventListener("error", function () { link.remove(); });
    link.after(copy);
  }

  function dropOverlay() {
    var old = document.getElementById("keyway-overlay");
    if (old) {
      old.remove();
    }
  }

  function showErrors(errors) {
    dropOverlay();
    if (errors.length === 0) {
      return;
    }
    if (!document.querySelector('link[href="/_keyway/live.css"]')) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = "/_keyway/live.css";
      style.dataset.keyway = "";
      document.head.appendChild(style);
    }
    var box = document.createElement("div");
    box.id = "keyway-overlay";
    box.keywayAdded = true;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "keyway-overlay-title");
    var title = document.createElement("p");
    title.id = "keyway-overlay-title";
    title.textContent = "Build failed";
    var list = document.createElement("ul");
    errors.forEach(function (line) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    document.body.prepend(box);
  }
})();
