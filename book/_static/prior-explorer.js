/* Prior explorer for the Bayesian reanalysis of the Tiaoqi Jieyu trial [1].
 *
 * The same grid as the book (acureview.methods.posterior.grid and with_dropouts, placed on the posterior): prior times
 * binomial likelihood on a grid of the arms' mean log-odds and the log odds ratio, a Normal prior
 * on the log odds ratio (centre and SD chosen by the reader) and Normal(0, baseline SD) on the
 * mean log-odds; optionally the dropouts' responses integrated out by Gauss-Hermite quadrature
 * (informative-missingness odds ratio, White et al. 2008). Everything runs in the page: no server,
 * no network. The page gives the counts and defaults as data attributes of #prior-explorer.
 */
(function () {
  "use strict";

  // probabilists' Gauss-Hermite nodes and weights (numpy.polynomial.hermite_e.hermegauss(5)), weights normalized
  var HX = [-2.8569700138728056, -1.355626179974266, 0.0, 1.355626179974266, 2.8569700138728056];
  var HW = [0.011257411327720677, 0.22207592200561257, 0.5333333333333335, 0.22207592200561257, 0.011257411327720677];
  var K = HX.length;

  function logit(p) { return Math.log(p / (1 - p)); }
  function expit(x) { return 1 / (1 + Math.exp(-x)); }
  function linspace(a, b, n) {
    var out = new Float64Array(n);
    for (var i = 0; i < n; i++) out[i] = a + (b - a) * i / (n - 1);
    return out;
  }
  function logBinom(y, n, p) { return y * Math.log(p) + (n - y) * Math.log(1 - p); }

  // the flat prior (Beta(1, 1) on each arm's rate: each arm's log-odds logistic) seen as normals of
  // the same variances, to place its grid: pi^2 / 6 on the mean log-odds, 2 pi^2 / 3 on the log OR
  var FLAT = { flat: true, loc: 0, scale: Math.PI * Math.sqrt(2 / 3), baselineSd: Math.PI / Math.sqrt(6) };

  /* The posterior on the grid (or, ``priorOnly``, the prior): weights and the two arms' rates
   * (analysed patients), and the grid's spacing on its two axes. ``prior``: a normal prior on the
   * log odds ratio (loc, scale) and Normal(0, baselineSd) on the mean log-odds, or FLAT (uniform
   * response rates, as the book's flat prior; the posterior then is the likelihood's, normalised). */
  function grid(c, prior, size, priorOnly) {
    var loc = prior.loc, scale = prior.scale, baselineSd = prior.baselineSd;
    // the normal approximation of the posterior places the grid (as approximate_posterior in
    // acureview.methods.posterior): SPAN approximate SDs either side of its approximate mean;
    // the prior's grid is placed on the prior itself
    function centre(y, n) {
      return [logit((y + 0.5) / (n + 1)), 1 / (1 / (y + 0.5) + 1 / (n - y + 0.5))];
    }
    var A = centre(c.y1, c.n1), C = centre(c.y0, c.n0), ka = priorOnly ? 0 : A[1], kc = priorOnly ? 0 : C[1];
    var l00 = ka + kc, l01 = (ka - kc) / 2, l11 = (ka + kc) / 4;
    var m0 = (A[0] + C[0]) / 2, t0 = A[0] - C[0];
    var q00 = l00 + 1 / (baselineSd * baselineSd), q01 = l01, q11 = l11 + 1 / (scale * scale);
    var det = q00 * q11 - q01 * q01;
    var r0 = l00 * m0 + l01 * t0, r1 = l01 * m0 + l11 * t0 + loc / (scale * scale);
    var mHat = (q11 * r0 - q01 * r1) / det, tHat = (q00 * r1 - q01 * r0) / det;
    var mSd = Math.sqrt(q11 / det), tSd = Math.sqrt(q00 / det), SPAN = 8;
    var mean = linspace(mHat - SPAN * mSd, mHat + SPAN * mSd, size);
    var theta = linspace(tHat - SPAN * tSd, tHat + SPAN * tSd, size);
    var N = size * size, logw = new Float64Array(N), a = new Float64Array(N), b = new Float64Array(N);
    var best = -Infinity, k = 0;
    for (var i = 0; i < size; i++) {
      for (var j = 0; j < size; j++, k++) {
        var mu = mean[i], th = theta[j];
        var pc = expit(mu - th / 2), pa = expit(mu + th / 2);
        var lw = prior.flat  // uniform on each rate: the density of its log-odds is p (1 - p)
          ? Math.log(pa * (1 - pa)) + Math.log(pc * (1 - pc))
          : -0.5 * Math.pow(mu / baselineSd, 2) - 0.5 * Math.pow((th - loc) / scale, 2);
        if (!priorOnly) lw += logBinom(c.y0, c.n0, pc) + logBinom(c.y1, c.n1, pa);
        logw[k] = lw; a[k] = pa; b[k] = pc;
        if (lw > best) best = lw;
      }
    }
    var total = 0;
    for (k = 0; k < N; k++) { logw[k] = Math.exp(logw[k] - best); total += logw[k]; }
    for (k = 0; k < N; k++) logw[k] /= total;
    return { w: logw, a: a, c: b, dMu: mean[1] - mean[0], dTheta: theta[1] - theta[0] };
  }

  /* Weighted risk differences, each with the half-width of the range its grid cell covers (as
   * Draws.benefit_curve in the book): per protocol, or among all randomized with the dropouts
   * modelled. */
  function riskDifferences(post, c, dropouts, imorSd, visit) {
    var N = post.w.length, i, j, k, dMu = post.dMu, dTh = post.dTheta;
    function half(ga, gc) {  // ga, gc: each arm's d(rate)/d(logit) times its slope
      return 0.5 * (Math.abs(ga * dMu - gc * dMu) + Math.abs(ga * dTh / 2 + gc * dTh / 2));
    }
    if (!dropouts) {
      for (k = 0; k < N; k++) {
        var a0 = post.a[k], c0 = post.c[k];
        visit(a0 - c0, post.w[k], half(a0 * (1 - a0), c0 * (1 - c0)));
      }
      return;
    }
    var ra = new Float64Array(K), rc = new Float64Array(K), sa = new Float64Array(K), sc = new Float64Array(K);
    var fa = c.n1 / (c.n1 + c.d1), fc = c.n0 / (c.n0 + c.d0);
    for (k = 0; k < N; k++) {
      var pa = post.a[k], pc = post.c[k], la = logit(pa), lc = logit(pc);
      var ga = pa * (1 - pa), gc = pc * (1 - pc);
      for (i = 0; i < K; i++) {
        var qa = expit(la + imorSd * HX[i]), qc = expit(lc + imorSd * HX[i]);
        ra[i] = fa * pa + (1 - fa) * qa;
        rc[i] = fc * pc + (1 - fc) * qc;
        sa[i] = fa + (1 - fa) * qa * (1 - qa) / ga;
        sc[i] = fc + (1 - fc) * qc * (1 - qc) / gc;
      }
      for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) visit(ra[i] - rc[j], post.w[k] * HW[i] * HW[j], half(sa[i] * ga, sc[j] * gc));
      }
    }
  }

  function share(rd, h, t) {  // the part of a cell [rd - h, rd + h] above t
    if (h <= 0) return rd > t ? 1 : rd === t ? 0.5 : 0;
    return Math.min(1, Math.max(0, (rd + h - t) / (2 * h)));
  }

  /* Add weight ``w``, spread evenly over [rd - h, rd + h], to the 100 bins of 2 points of ``plot``
   * (what falls beyond -100 or +100 points to the first or last bin). */
  function spread(plot, rd, h, w) {
    var x = (rd + 1) * 50;  // in bins
    if (!(h * 50 > 1e-3)) { plot[Math.min(99, Math.max(0, Math.floor(x)))] += w; return; }
    var from = x - h * 50, to = x + h * 50, per = w / (to - from);
    for (var b = Math.max(0, Math.floor(from)); b < Math.min(100, Math.ceil(to)); b++) {
      plot[b] += per * (Math.min(to, b + 1) - Math.max(from, b));
    }
    if (from < 0) plot[0] += per * (Math.min(to, 0) - from);
    if (to > 100) plot[99] += per * (to - Math.max(from, 100));
  }

  /* P(RD > 0), P(RD > t), the median and 95% interval of RD (from 4000 bins of 0.0005), and the
   * histograms of the posterior and of the prior (bins of 2 points) for the plot. */
  var PRIOR_SIZE = 81;
  function summarise(c, s) {
    var prior = s.flat ? FLAT : { loc: s.loc, scale: s.scale, baselineSd: c.baselineSd };
    var post = grid(c, prior, c.size, false);
    var BINS = 4000, bins = new Float64Array(BINS), plot = new Float64Array(100), priorPlot = new Float64Array(100);
    var pAny = 0, pT = 0;
    riskDifferences(post, c, s.dropouts, c.imorSd, function (rd, w, h) {
      pAny += w * share(rd, h, 0);
      pT += w * share(rd, h, s.threshold);
      var b = Math.floor((rd + 1) / 2 * BINS);
      bins[Math.min(BINS - 1, Math.max(0, b))] += w;
      spread(plot, rd, h, w);
    });
    riskDifferences(grid(c, prior, PRIOR_SIZE, true), c, s.dropouts, c.imorSd, function (rd, w, h) {
      spread(priorPlot, rd, h, w);
    });
    function quantile(q) {
      var cum = 0;
      for (var i = 0; i < BINS; i++) {
        if (cum + bins[i] >= q) return -1 + 2 * (i + (q - cum) / bins[i]) / BINS;
        cum += bins[i];
      }
      return 1;
    }
    return { pAny: pAny, pT: pT, median: quantile(0.5), low: quantile(0.025), high: quantile(0.975), plot: plot,
             prior: priorPlot };
  }

  /* A number as a reader writes it: two decimals at most (``decimals`` at least), the thousands
   * separated; the fields' limits keep every value shown between 0.01 and 100. */
  function readable(x, decimals) {
    return x.toLocaleString("en", { minimumFractionDigits: decimals || 0, maximumFractionDigits: 2 });
  }

  /* The limits of the prior's centre (as an odds ratio, read as such or from a risk ratio) and of
   * its SD on the log odds ratio: beyond them a prior says nothing a reader could mean (an odds
   * ratio of 100 is a log odds ratio of 4.6; an SD of 10 is flat for any trial, and the flat prior
   * is offered as such). */
  var CENTRE = [0.01, 100], SD = [0.01, 10];

  function prob(p) {  // as acureview.fmt.prob
    if (p > 0.999) return "> 99.9%";
    if (p < 0.001) return "< 0.1%";
    return (100 * p).toFixed(1) + "%";
  }

  /* The posterior's histogram (2-point bins) and the prior's (a dashed line) on a canvas as wide as
   * its box, drawn at the screen's resolution so that its text keeps FONT CSS pixels at any width,
   * with the axes' ticks and titles; the part above the threshold in blue, the threshold as a red
   * line. The template's legend names each, as text. */
  var FONT = 12;
  function draw(canvas, out, threshold) {
    var dpr = window.devicePixelRatio || 1, W = canvas.clientWidth || 640, H = W < 480 ? 250 : 270;
    canvas.style.height = H + "px";
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var ink = getComputedStyle(canvas).color || "#1f2328";
    var left = 2.2 * FONT + 28, right = 12, top = 8, bottom = 3.2 * FONT + 8;
    // the gains shown: -20 to +60 points at least, widened (by 20) to hold the posterior's 99.8%
    var lo = -20, hi = 60, cum = 0, i;
    for (i = 0; i < 100; i++) {
      var x0 = -100 + 2 * i;
      if (cum < 0.001 && cum + out.plot[i] >= 0.001) lo = Math.min(lo, 20 * Math.floor(x0 / 20));
      cum += out.plot[i];
      if (cum - out.plot[i] <= 0.999 && cum > 0.999) hi = Math.max(hi, 20 * Math.ceil((x0 + 2) / 20));
    }
    var b0 = (lo + 100) / 2, b1 = (hi + 100) / 2, max = 0;
    for (i = b0; i < b1; i++) max = Math.max(max, out.plot[i], out.prior[i]);
    var steps = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5], step = 0.5;  // the finest with 4 ticks at most
    for (i = steps.length - 1; i >= 0; i--) if (max / steps[i] <= 4) step = steps[i];
    var top_ = Math.max(step, Math.ceil(max / step - 1e-9) * step);
    var pw = W - left - right, ph = H - top - bottom;
    var X = function (points) { return left + (points - lo) / (hi - lo) * pw; };
    var Y = function (p) { return top + ph * (1 - p / top_); };
    var bw = pw / (b1 - b0);
    for (i = b0; i < b1; i++) {
      var rd = -1 + 2 * (i + 0.5) / 100;
      ctx.fillStyle = rd > threshold ? "#0969da" : "#9fb3c8";
      ctx.fillRect(X(-100 + 2 * i) + 0.5, Y(out.plot[i]), Math.max(1, bw - 1), Y(0) - Y(out.plot[i]));
    }
    // the prior: a dashed orange line through the bins' middles
    ctx.strokeStyle = "#c65d00"; ctx.lineWidth = 2.5; ctx.setLineDash([7, 4]);
    ctx.beginPath();
    for (i = b0; i < b1; i++) ctx[i === b0 ? "moveTo" : "lineTo"](X(-99 + 2 * i), Y(out.prior[i]));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = ink; ctx.fillStyle = ink; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, Y(0)); ctx.lineTo(W - right, Y(0)); ctx.stroke();
    ctx.font = FONT + "px sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    for (var v = lo; v <= hi; v += 20) {
      ctx.beginPath(); ctx.moveTo(X(v), Y(0)); ctx.lineTo(X(v), Y(0) + 4); ctx.stroke();
      ctx.fillText(String(v), X(v), Y(0) + 6);
    }
    ctx.fillText("Gain in response, percentage points", left + pw / 2, Y(0) + 8 + 1.4 * FONT);
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    for (var p = 0; p <= top_ + 1e-9; p += step) {
      ctx.beginPath(); ctx.moveTo(left - 4, Y(p)); ctx.lineTo(left, Y(p)); ctx.stroke();
      ctx.fillText((100 * p).toFixed(step < 0.01 ? 1 : 0) + "%", left - 6, Y(p));
    }
    ctx.save();
    ctx.translate(FONT * 0.9, top + ph / 2); ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText("Probability per 2 points", 0, 0);
    ctx.restore();
    ctx.strokeStyle = "#cf222e"; ctx.lineWidth = 2;
    ctx.beginPath(); ctx.moveTo(X(100 * threshold), top); ctx.lineTo(X(100 * threshold), Y(0)); ctx.stroke();
    // the text's size on the screen, in CSS pixels (the canvas shown at its own width)
    canvas.dataset.fontPx = String(FONT * canvas.getBoundingClientRect().width / W);
  }

  /* The trial's counts and the model's fixed settings, from the page's data attributes. */
  function counts(root) {
    var d = root.dataset;
    return { y1: +d.y1, n1: +d.n1, d1: +d.d1, y0: +d.y0, n0: +d.n0, d0: +d.d0,
             baselineSd: +d.baselineSd, imorSd: +d.imorSd, size: +d.size };
  }

  function init(root) {
    var d = root.dataset, c = counts(root);
    var presets = JSON.parse(d.presets);
    var el = function (name) { return root.querySelector("[data-role=" + name + "]"); };
    var select = el("preset");
    var own = document.createElement("option");
    own.value = ""; own.textContent = "your own settings"; select.appendChild(own);
    presets.forEach(function (p, i) {
      var o = document.createElement("option");
      o.value = String(i); o.textContent = p.label; select.appendChild(o);
    });
    function setPreset(i) {
      var p = presets[i];
      el("centre-kind").value = "or";
      el("centre").value = Math.exp(p.loc).toFixed(3);
      el("sd").value = p.scale.toFixed(3);
    }
    /* A field's number, or why it is not one: "empty", "text" (not a number), or the number. */
    function read(name) {
      var input = el(name);
      if (input.validity && input.validity.badInput) return "text";
      if (input.value.trim() === "") return "empty";
      var v = Number(input.value);
      return isFinite(v) ? v : "text";
    }
    /* What is wrong with a field's value: empty, not a number, or (a number) ``outside`` (words). */
    function problem(v, outside) {
      return v === "empty" ? "Empty" : v === "text" ? "Not a number" : outside;
    }
    /* The settings, and a message for each field whose value cannot be used, saying what to enter. */
    function settings() {
      var kind = el("centre-kind").value, errors = {}, flat = el("family").value === "flat";
      var v = read("centre"), p0 = read("control"), sd = read("sd"), t = read("threshold");
      if (typeof t !== "number" || t < 0 || t >= 100) {
        errors.threshold = problem(t, "Out of range") + ": enter a gain in percentage points from 0 to 99.";
      }
      if (flat) return { flat: true, threshold: t / 100, dropouts: el("dropouts").checked, errors: errors };
      if (kind === "rr" && (typeof p0 !== "number" || p0 <= 0 || p0 >= 1)) {
        errors.control = problem(p0, "Not between 0 and 1")
          + ": enter the control response as a proportion between 0 and 1, such as 0.45.";
      }
      var or = NaN;
      if (typeof v !== "number" || v < CENTRE[0] || v > CENTRE[1]) {
        errors.centre = problem(v, "Out of range") + ": enter the prior's centre as a ratio from " + readable(CENTRE[0])
          + " to " + readable(CENTRE[1]) + " (1 for no effect).";
      } else if (kind === "rr" && !errors.control && v * p0 >= 1) {
        errors.centre = "Impossible: a risk ratio of " + readable(v) + " at a control response of " + readable(p0)
          + " gives a response of 100% or more. Enter a risk ratio below " + (Math.floor(100 / p0) / 100).toFixed(2)
          + ", or a lower control response.";
      } else if (kind === "rr" && !errors.control) {
        or = v * (1 - p0) / (1 - v * p0);
        if (or > CENTRE[1]) {
          errors.centre = "Out of range: a risk ratio of " + readable(v) + " at a control response of " + readable(p0)
            + " is an odds ratio above " + readable(CENTRE[1]) + ". Enter a smaller risk ratio.";
        }
      }
      if (typeof sd !== "number" || sd < SD[0] || sd > SD[1]) {
        errors.sd = problem(sd, "Out of range") + ": enter a standard deviation from " + readable(SD[0]) + " to "
          + readable(SD[1]) + ", such as 0.5 (the larger, the vaguer the prior; for no prior at all choose the flat one).";
      }
      if (kind !== "rr") or = v;
      // while the fields hold a preset's rounded text, the chapter's prior itself is used, not its rounding
      var loc = Math.log(or), scale = sd, preset = matchingPreset();
      if (preset !== "") {
        loc = presets[+preset].loc; scale = presets[+preset].scale; or = Math.exp(loc);
      }
      return { loc: loc, scale: scale, threshold: t / 100, dropouts: el("dropouts").checked, or: or,
               errors: errors };
    }
    var FIELDS = ["centre", "control", "sd", "threshold"];
    function showErrors(errors) {
      FIELDS.forEach(function (name) {
        var msg = errors[name] || "";
        el(name + "-msg").textContent = msg;
        if (msg) el(name).setAttribute("aria-invalid", "true");
        else el(name).removeAttribute("aria-invalid");
      });
    }
    function update() {
      var s = settings();
      var flat = el("family").value === "flat";
      el("control-row").hidden = flat || el("centre-kind").value !== "rr";
      root.querySelectorAll("[data-role=normal-only]").forEach(function (x) { x.hidden = flat; });
      showErrors(s.errors);
      var invalid = Object.keys(s.errors).length > 0;
      el("status").textContent = invalid ? "No result until the values marked above are corrected." : "";
      el("figure").hidden = invalid;
      if (invalid) {  // no stale result: every output is cleared until the settings are valid again
        ["prior-or", "rd", "p-any", "p-threshold", "threshold-out"].forEach(function (n) { el(n).textContent = "-"; });
        var cv = el("plot"); cv.getContext("2d").clearRect(0, 0, cv.width, cv.height);
        shown = null;
        delete root.dataset.pAny; delete root.dataset.pThreshold; delete root.dataset.rdMedian;
        return;
      }
      var out = summarise(c, s);
      el("prior-words").textContent = s.flat ? "Prior:" : "Prior odds ratio";
      el("prior-or").textContent = s.flat ? "flat" : readable(s.or, 2);
      el("p-any").textContent = prob(out.pAny);
      el("p-threshold").textContent = prob(out.pT);
      el("threshold-out").textContent = (100 * s.threshold).toFixed(0);
      el("rd").textContent = (100 * out.median).toFixed(1) + " (" + (100 * out.low).toFixed(1) + " to "
        + (100 * out.high).toFixed(1) + ")";
      root.dataset.pAny = String(out.pAny);
      root.dataset.pThreshold = String(out.pT);
      root.dataset.rdMedian = String(out.median);
      shown = { out: out, threshold: s.threshold };
      draw(el("plot"), out, s.threshold);
    }
    var shown = null;  // what the plot shows, to redraw it at a new width
    window.addEventListener("resize", function () { if (shown) draw(el("plot"), shown.out, shown.threshold); });
    /* The settings in the page's address (its query), so that a view can be shared: the fields'
     * values as typed, invalid ones included, so that the address reopens what was on screen. */
    var ADDRESS = { prior: "family", centre: "centre", kind: "centre-kind", control: "control", sd: "sd",
                    threshold: "threshold" };
    function remember() {
      var q = new URLSearchParams(location.search);
      Object.keys(ADDRESS).forEach(function (key) { q.set(key, el(ADDRESS[key]).value); });
      if (el("centre-kind").value !== "rr") q.delete("control");
      if (el("family").value === "flat") ["centre", "kind", "control", "sd"].forEach(function (k) { q.delete(k); });
      q.set("dropouts", el("dropouts").checked ? "1" : "0");
      history.replaceState(null, "", location.pathname + "?" + q.toString() + location.hash);
    }
    function restore() {
      var q = new URLSearchParams(location.search), found = false;
      Object.keys(ADDRESS).forEach(function (key) {
        if (!q.has(key)) return;
        var input = el(ADDRESS[key]);
        if (input.tagName === "SELECT") {
          if (!Array.prototype.some.call(input.options, function (o) { return o.value === q.get(key); })) return;
        }
        input.value = q.get(key);
        found = true;
      });
      if (q.has("dropouts")) { el("dropouts").checked = q.get("dropouts") !== "0"; found = true; }
      return found;
    }
    /* The preset whose centre and strength the fields hold, or "" (the reader's own). */
    function matchingPreset() {
      if (el("centre-kind").value !== "or") return "";
      for (var i = 0; i < presets.length; i++) {
        if (el("centre").value === Math.exp(presets[i].loc).toFixed(3) && el("sd").value === presets[i].scale.toFixed(3)) {
          return String(i);
        }
      }
      return "";
    }
    select.addEventListener("change", function () {
      if (select.value !== "") setPreset(+select.value);
      update(); remember();
    });
    ["family", "centre-kind", "centre", "control", "sd", "threshold", "dropouts"].forEach(function (name) {
      var changed = function () { select.value = matchingPreset(); update(); remember(); };
      el(name).addEventListener("change", changed);
      el(name).addEventListener("input", changed);
    });
    setPreset(+d.defaultPreset);
    el("control").value = d.control;
    el("threshold").value = d.threshold;
    restore();
    select.value = matchingPreset();
    update();
    root.dataset.ready = "1";
  }

  // the computation, for tests that compare it with the book's: summarise(counts(root), settings)
  window.priorExplorer = { counts: counts, summarise: summarise };

  function start() {
    var root = document.getElementById("prior-explorer");
    if (root) init(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
