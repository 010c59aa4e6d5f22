// Keyway's search: matching and the results list. site.js loads this file
// the first time a reader uses a search box (or at once on the search
// page) and calls keywaySearch(form) for that form; the index
// (search-index.json) is fetched on the first use too.
//
// Matching works on whole words: a query word matches a word of the index
// that is the same, the same with an ending (s, es, ed, d, ing, er, ers),
// one it is the start of when it has 4 or more letters ("rekey" finds
// "rekeying"; "gen" does not find "gently"), a word it abbreviates (gen:
// generation; 2: second and 2nd), or, when it matches nothing else and has
// 4 or more letters, a word one typo away ("rekye": rekey). Every query word
// must match. A page ranks by where its words are (title, then heading,
// then description, then text), and higher when they sit together in one
// section; the result links to that section's heading.
(function () {
  "use strict";

  var doc = document;

  var TITLE = 0, DESC = 1, HEADING = 2, TEXT = 3;
  var fieldWeight = [10, 2, 5, 1];
  var typoWeight = 0.5;
  var endings = { s: 1, es: 1, ed: 1, d: 1, ing: 1, er: 1, ers: 1 };
  // Abbreviations a reader may type for a word of the guides.
  var abbreviations = {
    gen: ["generation"], "1": ["first", "1st"], "2": ["second", "2nd"], "3": ["third", "3rd"],
    "1st": ["first"], "2nd": ["second"], "3rd": ["third"]
  };
  // Positions in a section count its heading's words from 0 and its
  // text's from textAt, so that no run of words spans both.
  var textAt = 100000;
  var wordPattern = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;

  // normalize is the form words are compared in: lower case, no accents,
  // no apostrophes.
  function normalize(w) {
    return w.normalize("NFD").replace(/[\u0300-\u036f'\u2019]/g, "").toLowerCase();
  }

  // words splits text into words with their offsets, for showing it.
  function words(text) {
    var out = [];
    var m;
    wordPattern.lastIndex = 0;
    while ((m = wordPattern.exec(text)) !== null) {
      out.push({ w: normalize(m[0]), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // terms are the words of text in their normalized form, for the index.
  function terms(text) {
    var out = [];
    var m;
    wordPattern.lastIndex = 0;
    while ((m = wordPattern.exec(text)) !== null) out.push(normalize(m[0]));
    return out;
  }

  // The index: pages with their sections' words, and a vocabulary that
  // says where each word is.
  function Index(entries) {
    var index = this;
    this.vocab = new Map();
    this.pages = entries.map(function (e, p) {
      var page = { title: e.t || "", url: e.u, desc: e.d || "", order: p, sections: [] };
      index.add(terms(page.title), p, -1, TITLE);
      index.add(terms(page.desc), p, -1, DESC);
      (e.s || []).forEach(function (s, i) {
        var section = { heading: s[0], id: s[1], text: s[2] };
        index.add(terms(section.heading), p, i, HEADING);
        index.add(terms(section.text), p, i, TEXT);
        page.sections.push(section);
      });
      return page;
    });
    this.terms = Array.from(this.vocab.keys());
    // landing is what the home page leads with (its first list's links),
    // offered when nothing matches.
    this.landing = [];
    entries.forEach(function (e) {
      (e.l || []).forEach(function (l) { index.landing.push({ href: l.u, text: l.t }); });
    });
  }

  // add records where each of a field's words is. A field's words are
  // added in one go, so a word seen before in the same field has its
  // post last.
  Index.prototype.add = function (list, page, section, field) {
    var vocab = this.vocab;
    for (var i = 0; i < list.length; i++) {
      var entry = vocab.get(list[i]);
      if (!entry) {
        entry = { count: 0, posts: [] };
        vocab.set(list[i], entry);
      }
      entry.count++;
      var last = entry.posts[entry.posts.length - 1];
      if (last && last.page === page && last.section === section && last.field === field) {
        last.at.push(i);
      } else {
        entry.posts.push({ page: page, section: section, field: field, at: [i] });
      }
    }
  };

  function hasEnding(word, stem) {
    return word.length > stem.length && word.lastIndexOf(stem, 0) === 0 && endings[word.slice(stem.length)] === 1;
  }

  // matchWeight is how well the index word w matches the query word t:
  // 0 when it does not.
  function matchWeight(t, w) {
    if (w === t) return 1;
    if (hasEnding(w, t)) return 0.9;
    var long = abbreviations[t];
    if (long) {
      for (var i = 0; i < long.length; i++) {
        if (w === long[i] || hasEnding(w, long[i])) return 0.8;
      }
    }
    if (t.length >= 4 && w.lastIndexOf(t, 0) === 0) return 0.7;
    return 0;
  }

  // typoDistance is the optimal string alignment distance between a and
  // b (insertions, deletions, substitutions and swaps of neighbours), or
  // max+1 as soon as it must be more than max.
  function typoDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur.push(d);
        if (d < rowMin) rowMin = d;
      }
      if (rowMin > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // oneTypo reports whether a and b differ by exactly one typo: a letter
  // added, left out or changed, or two neighbours swapped (typoDistance
  // 1, found without building its table).
  function oneTypo(a, b) {
    if (a.length < b.length) {
      var c = a;
      a = b;
      b = c;
    }
    if (a.length - b.length > 1) return false;
    var i = 0;
    while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    if (i === a.length) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }

  // candidates are the index words that the query word t matches, with
  // their weights.
  Index.prototype.candidates = function (t) {
    var found = [];
    var terms = this.terms;
    for (var i = 0; i < terms.length; i++) {
      var weight = matchWeight(t, terms[i]);
      if (weight > 0) found.push({ word: terms[i], weight: weight });
    }
    if (found.length > 0 || t.length < 4) return found;
    for (i = 0; i < terms.length; i++) {
      var w = terms[i];
      if (w.length >= 4 && oneTypo(t, w)) found.push({ word: w, weight: typoWeight });
    }
    return found;
  };

  // mostUsed is the candidate word found most often in the index.
  Index.prototype.mostUsed = function (cands) {
    var vocab = this.vocab;
    return cands.reduce(function (best, c) {
      return vocab.get(c.word).count > vocab.get(best.word).count ? c : best;
    }).word;
  };

  // suggestions are up to three index words close to the query word t,
  // nearest and most used first, for "Did you mean".
  Index.prototype.suggestions = function (t) {
    var index = this;
    var max = t.length >= 4 ? 2 : 1;
    var near = [];
    this.terms.forEach(function (w) {
      if (w.length < 2 || /^\d+$/.test(w)) return;
      var d = w.length > t.length && w.lastIndexOf(t, 0) === 0 ? 0.5 : typoDistance(t, w, max);
      if (d <= max) near.push({ word: w, distance: d, count: index.vocab.get(w).count });
    });
    near.sort(function (a, b) { return a.distance - b.distance || b.count - a.count || (a.word < b.word ? -1 : 1); });
    return near.slice(0, 3).map(function (n) { return n.word; });
  };

  // tokenize is the query's words; a lone letter is not searched yet (the
  // reader is still typing), but a letter or digit beside other words is.
  function tokenize(q) {
    var list = terms(q);
    if (list.length === 1 && list[0].length === 1 && !/\d/.test(list[0])) return [];
    return list;
  }

  // search finds the pages that match every query word, best first, each
  // with the section to link to. unmatched lists query words that match
  // no word of the index.
  Index.prototype.search = function (q) {
    var index = this;
    var tokens = tokenize(q);
    var result = { tokens: tokens, hits: [], matched: new Set(), unmatched: [], corrected: {} };
    if (tokens.length === 0) return result;
    var pages = new Map();
    tokens.forEach(function (t, ti) {
      var cands = index.candidates(t);
      if (cands.length === 0) result.unmatched.push(t);
      if (cands.length > 0 && cands[0].weight === typoWeight) result.corrected[t] = index.mostUsed(cands);
      cands.forEach(function (c) {
        result.matched.add(c.word);
        index.vocab.get(c.word).posts.forEach(function (post) {
          var acc = pages.get(post.page);
          if (!acc) {
            acc = tokens.map(function () { return { best: 0, title: 0, sections: new Map() }; });
            pages.set(post.page, acc);
          }
          record(acc[ti], post, c.weight);
        });
      });
    });
    if (result.unmatched.length > 0) return result;
    pages.forEach(function (acc, p) {
      if (acc.some(function (tok) { return tok.best === 0; })) return;
      result.hits.push(rank(index.pages[p], acc));
    });
    result.hits.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    return result;
  };

  // record notes one place where a query word matched.
  function record(tok, post, weight) {
    var score = weight * fieldWeight[post.field];
    if (post.field === TEXT) score += Math.min(post.at.length - 1, 4) * 0.1;
    if (score > tok.best) tok.best = score;
    if (post.field === TITLE) tok.title = Math.max(tok.title, score);
    if (post.section < 0) return;
    var s = tok.sections.get(post.section);
    if (!s) {
      s = { score: 0, at: new Set(), textAt: [] };
      tok.sections.set(post.section, s);
    }
    s.score = Math.max(s.score, score);
    var offset = post.field === HEADING ? 0 : textAt;
    post.at.forEach(function (i) {
      s.at.add(offset + i);
      if (post.field === TEXT) s.textAt.push(i);
    });
  }

  // rank scores a page that matches every query word and picks the
  // section to link to: the one with the best matches, where all the
  // words are together (in one section, better still side by side).
  function rank(page, acc) {
    var base = 0;
    acc.forEach(function (tok) { base += tok.best; });
    var best = { section: -1, score: 0, bonus: 0, at: -1 };
    page.sections.forEach(function (_, si) {
      var score = 0, all = true, any = false;
      acc.forEach(function (tok) {
        var s = tok.sections.get(si);
        if (s) any = true; else all = false;
        score += Math.max(tok.title, s ? s.score : 0);
      });
      if (!any) return;
      var bonus = 0, at = -1;
      if (all && acc.length > 1) {
        bonus = 2 * acc.length;
        var run = sideBySide(acc, si);
        if (run >= 0) bonus += 5 * acc.length;
        if (run >= textAt) at = run - textAt;
      }
      if (score + bonus > best.score + best.bonus) best = { section: si, score: score, bonus: bonus, at: at };
    });
    if (best.section >= 0 && best.at < 0) best.at = bestWindow(acc, best.section);
    // A title that holds every word links to the top of the page, unless
    // one section holds them all too.
    var inTitle = acc.every(function (tok) { return tok.title > 0; });
    if (inTitle && best.bonus === 0 && acc.length > 1 || inTitle && best.section >= 0 && best.score <= base) {
      best = { section: -1, bonus: 0, at: -1 };
    }
    return { page: page, section: best.section, at: best.at, score: base + best.bonus };
  }

  // sideBySide is the position of the first word of a place where the
  // query words stand in order, one after the other, in section si (see
  // textAt), or -1.
  function sideBySide(acc, si) {
    var found = -1;
    acc[0].sections.get(si).at.forEach(function (start) {
      if (found >= 0) return;
      for (var k = 1; k < acc.length; k++) {
        if (!acc[k].sections.get(si).at.has(start + k)) return;
      }
      found = start;
    });
    return found;
  }

  // bestWindow is the text position in section si to show the snippet
  // from: the match whose snippet holds the most of the query words; -1
  // when the section's text has none.
  function bestWindow(acc, si) {
    var best = -1, bestCount = 0;
    var hits = acc.map(function (tok) {
      var s = tok.sections.get(si);
      return s ? s.textAt : [];
    });
    hits.forEach(function (list) {
      list.forEach(function (p) {
        var r = snippetRange(Infinity, p);
        var count = hits.filter(function (other) {
          return other.some(function (q) { return q >= r.from && q < r.to; });
        }).length;
        if (count > bestCount || count === bestCount && p < best) {
          best = p;
          bestCount = count;
        }
      });
    });
    return best;
  }

  // snippetRange is the part of a section's text of n words to show:
  // 28 words from a few words before position at.
  function snippetRange(n, at) {
    var from = Math.max(0, at - 6);
    var to = Math.min(n, from + 28);
    if (to - from < 28) from = Math.max(0, to - 28);
    return { from: from, to: to };
  }

  // highlight appends text to el with every matched word in <mark>.
  function highlight(el, text, matched) {
    var last = 0;
    words(text).forEach(function (w) {
      if (!matched.has(w.w)) return;
      if (w.start > last) el.appendChild(doc.createTextNode(text.slice(last, w.start)));
      var m = doc.createElement("mark");
      m.textContent = text.slice(w.start, w.end);
      el.appendChild(m);
      last = w.end;
    });
    if (last < text.length) el.appendChild(doc.createTextNode(text.slice(last)));
  }

  function span(className, text, matched) {
    var el = doc.createElement("span");
    el.className = className;
    highlight(el, text, matched);
    return el;
  }

  function snippet(hit, matched) {
    var section = hit.page.sections[hit.section];
    var list = section ? words(section.text) : [];
    if (list.length === 0) return span("result-snippet", hit.page.desc, matched);
    var r = snippetRange(list.length, Math.max(hit.at, 0));
    var el = span("result-snippet", section.text.slice(list[r.from].start, list[r.to - 1].end), matched);
    if (r.from > 0) el.insertBefore(doc.createTextNode("\u2026 "), el.firstChild);
    if (r.to < list.length) el.appendChild(doc.createTextNode(" \u2026"));
    return el;
  }

  function resultItem(hit, matched) {
    var section = hit.page.sections[hit.section];
    var li = doc.createElement("li");
    var a = doc.createElement("a");
    a.href = hit.page.url + (section && section.id ? "#" + section.id : "");
    a.appendChild(span("result-title", hit.page.title, matched));
    if (section && section.heading) a.appendChild(span("result-heading", section.heading, matched));
    a.appendChild(snippet(hit, matched));
    li.appendChild(a);
    return li;
  }

  var indexPromise = null;

  function loadIndex(url) {
    if (!indexPromise) {
      indexPromise = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      }).then(function (entries) {
        var start = performance.now();
        var index = new Index(entries);
        performance.measure("keyway-search-index", { start: start });
        return index;
      });
      indexPromise.catch(function () { indexPromise = null; });
    }
    return indexPromise;
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
    this.results.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-query]");
      if (!a) return;
      ev.preventDefault();
      box.input.value = a.getAttribute("data-query");
      box.input.focus();
      box.run();
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
    if (tokenize(q).length === 0) {
      this.close();
      this.status.textContent = "";
      this.results.setAttribute("data-query", q);
      return;
    }
    loadIndex(this.form.getAttribute("data-index")).then(function (index) {
      if (box.input.value.trim() !== q) return;
      var start = performance.now();
      box.render(q, index.search(q), index);
      performance.measure("keyway-search", { start: start });
      box.results.setAttribute("data-query", q);
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

  SearchBox.prototype.render = function (q, found, index) {
    if (found.hits.length === 0) {
      this.noMatch(q, found, index);
      return;
    }
    var summary = plural(found.hits.length) + " \u201c" + q + "\u201d";
    var read = found.tokens.map(function (t) { return found.corrected[t] || t; }).join(" ");
    if (read !== found.tokens.join(" ")) summary += ", read as \u201c" + read + "\u201d";
    this.message(summary);
    var list = doc.createElement("ol");
    found.hits.slice(0, this.limit).forEach(function (hit) { list.appendChild(resultItem(hit, found.matched)); });
    if (found.hits.length > this.limit) {
      var li = doc.createElement("li");
      var all = doc.createElement("a");
      all.href = this.form.action + "?q=" + encodeURIComponent(q);
      all.className = "result-all";
      all.textContent = "See all " + found.hits.length + " results";
      li.appendChild(all);
      list.appendChild(li);
    }
    this.results.appendChild(list);
    if (!this.inline) this.status.textContent = summary + ". Press the down arrow to go through them.";
  };

  // noMatch says nothing matched, offers the index words closest to the
  // query words that matched nothing, and the pages to start from.
  SearchBox.prototype.noMatch = function (q, found, index) {
    var box = this;
    var summary = found.unmatched.length > 0 ?
      "No page has the word \u201c" + found.unmatched.join("\u201d or \u201c") + "\u201d" :
      "No page has all of \u201c" + q + "\u201d; try fewer words";
    this.message(summary);
    var queries = this.suggestedQueries(found, index);
    var said = summary + ".";
    if (queries.length > 0) {
      var p = doc.createElement("p");
      p.className = "search-suggest";
      p.appendChild(doc.createTextNode("Did you mean "));
      queries.forEach(function (s, i) {
        if (i > 0) p.appendChild(doc.createTextNode(i === queries.length - 1 ? " or " : ", "));
        p.appendChild(this.queryLink(s));
      }, this);
      p.appendChild(doc.createTextNode("?"));
      this.results.appendChild(p);
      said += " " + p.textContent;
    }
    var guides = this.startPages(index);
    if (guides.length > 0) {
      var intro = doc.createElement("p");
      intro.className = "search-suggest";
      intro.textContent = "Or start from one of these:";
      var list = doc.createElement("ul");
      list.className = "search-guides";
      guides.forEach(function (g) {
        var li = doc.createElement("li");
        var a = doc.createElement("a");
        a.href = g.href;
        a.textContent = g.text;
        li.appendChild(a);
        list.appendChild(li);
      });
      this.results.appendChild(intro);
      this.results.appendChild(list);
    }
    box.status.textContent = said;
  };

  // suggestedQueries are up to three queries with the first query word
  // that matched nothing but has close index words replaced by each, any others by the
  // closest one (or left out when nothing is close), and words matched
  // only with a typo by the word they matched.
  SearchBox.prototype.suggestedQueries = function (found, index) {
    var closest = {};
    found.unmatched.forEach(function (t) { closest[t] = index.suggestions(t); });
    var first = found.unmatched.filter(function (t) { return closest[t].length > 0; })[0];
    if (!first) return [];
    return closest[first].map(function (s) {
      return found.tokens.map(function (t) {
        if (t === first) return s;
        if (closest[t]) return closest[t][0] || "";
        return found.corrected[t] || t;
      }).filter(Boolean).join(" ");
    });
  };

  SearchBox.prototype.queryLink = function (q) {
    var a = doc.createElement("a");
    a.href = this.form.action + "?q=" + encodeURIComponent(q);
    a.setAttribute("data-query", q);
    a.className = "search-suggestion";
    a.textContent = q;
    return a;
  };

  // startPages are the home page's landing links (the header's main
  // navigation when it has none) and the list of every page.
  SearchBox.prototype.startPages = function (index) {
    var out = index.landing.slice();
    if (out.length === 0) {
      var seen = {};
      doc.querySelectorAll('nav[aria-label="Main"] a[href]').forEach(function (a) {
        if (seen[a.href]) return;
        seen[a.href] = true;
        out.push({ href: a.getAttribute("href"), text: a.textContent.trim() });
      });
    }
    if (!this.inline) out.push({ href: this.form.getAttribute("action"), text: "Every page" });
    return out;
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

  // keywaySearch starts search on one form, once: it fetches the index
  // if the box has the focus, runs a query already typed, and on the
  // search page runs the one in the address (?q=).
  window.keywaySearch = function (form) {
    if (form.keywaySearchBox) return;
    var box = new SearchBox(form);
    form.keywaySearchBox = box;
    form.keywayEnhanced = true; // the preview server replaces it whole
    if (doc.activeElement === box.input) loadIndex(form.getAttribute("data-index"));
    var q = box.inline ? new URL(location.href).searchParams.get("q") : "";
    if (q && !box.input.value) box.input.value = q;
    if (box.input.value.trim()) box.run();
  };
})();
