/// The atlas's own script (no library): reads the embedded JSON, draws the SVG map, legend, chart,
/// comparison and table, and links them by area. Inline, admitted by its SHA-256 in the
/// Content-Security-Policy. Data text is only ever set with `textContent` or `setAttribute`, never
/// parsed as HTML. `csvText` mirrors QuartierTable's `CSVWriter` (tested against it in a browser).
enum AtlasScript {
    static let javascript = #"""
(function () {
'use strict';
var D = JSON.parse(document.getElementById('atlas-data').textContent);
// Classes per area come as one string, a digit per area and '-' for none.
D.indicators.forEach(function (I) { Object.keys(I.series).forEach(function (l) { Object.keys(I.series[l]).forEach(function (y) {
  var C = I.series[l][y].classes; Object.keys(C).forEach(function (m) {
    if (typeof C[m].of === 'string') C[m].of = C[m].of.split('').map(function (c) { return c === '-' ? -1 : c.charCodeAt(0) - 48; });
  });
}); }); });
var NS = 'http://www.w3.org/2000/svg';
var $ = function (id) { return document.getElementById(id); };
var st = { lang: D.language, ind: 0, level: 0, year: null, method: null, hover: null, lastHover: null, sel: [], sortKey: 'value', sortDir: -1, q: '' };
var PALETTE = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
var PALETTE4 = ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'];
function t(k) { var s = D.strings[st.lang] || {}; return s[k] !== undefined ? s[k] : k; }
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function sv(tag, attrs) { var e = document.createElementNS(NS, tag); for (var k in attrs) e.setAttribute(k, attrs[k]); return e; }
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

// Numbers: fixed decimals rounded half to even on exact ties (as C's printf, which CSVWriter uses),
// integers without decimals; German: decimal comma.
function fixed(x, d) {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  var s = x.toFixed(d);
  var a = Math.abs(x), exact = a.toFixed(Math.min(100, d + 60));
  var tail = exact.slice(exact.length - 60);
  if (/^50*$/.test(tail)) {
    var cut = exact.slice(0, exact.length - 60); if (cut.charAt(cut.length - 1) === '.') cut = cut.slice(0, -1);
    var last = cut.charCodeAt(cut.length - 1) - 48;
    if (last % 2 === 0) s = (x < 0 ? '-' : '') + cut;
  }
  return s;
}
function num(x, d, german) { var s = fixed(x, d); return german ? s.replace('.', ',') : s; }
// CSV as QuartierTable's CSVWriter writes it: RFC 4180 quoting, formula guard on text.
function csvField(v, german) {
  var delim = german ? ';' : ',';
  function quote(s) {
    var needs = s.indexOf(delim) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.charAt(0) === ' ' || s.charAt(s.length - 1) === ' ';
    return needs ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  if (v.t !== undefined) { var s = v.t; if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; return quote(s); }
  if (v.m !== undefined) return quote(v.m);
  return num(v.n, v.d === undefined ? 1 : v.d, german);
}
function csvText(header, rows, german) {
  var delim = german ? ';' : ',';
  var out = header.map(function (h) { return csvField({ t: h }, german); }).join(delim) + '\n';
  rows.forEach(function (r) { out += r.map(function (v) { return csvField(v, german); }).join(delim) + '\n'; });
  return out;
}
window.quartierAtlas = { csvText: csvText, state: st };

// Geometry: arcs decoded once, paths per level cached; y flipped for SVG.
var T = D.topology, maxX = 0, maxY = 0;
var arcs = T.arcs.map(function (a) { var p = [], x = 0, y = 0; for (var i = 0; i + 1 < a.length; i += 2) { x += a[i]; y += a[i + 1]; p.push([x, y]); if (x > maxX) maxX = x; if (y > maxY) maxY = y; } return p; });
function pathOf(g) {
  var d = '';
  g.forEach(function (poly) { poly.forEach(function (ring) {
    var first = true;
    ring.forEach(function (ref) {
      var pts = ref >= 0 ? arcs[ref] : arcs[~ref].slice().reverse();
      for (var j = first ? 0 : 1; j < pts.length; j++) { d += (first ? 'M' : 'L') + pts[j][0] + ' ' + (maxY - pts[j][1]); first = false; }
    });
    d += 'Z';
  }); });
  return d;
}
var pathCache = {};
function paths(levelIndex) {
  if (!pathCache[levelIndex]) { var L = D.levels[levelIndex]; pathCache[levelIndex] = L.ids.map(function (_, i) { return pathOf(T.geometries[L.first + i]); }); }
  return pathCache[levelIndex];
}

function ind() { return D.indicators[st.ind]; }
function level() { return D.levels[st.level]; }
function levelsOf(I) { return D.levels.map(function (L, i) { return i; }).filter(function (i) { return I.series[D.levels[i].id]; }); }
function yearsOf(I) { var s = I.series[level().id] || {}; return Object.keys(s).map(Number).sort(function (a, b) { return a - b; }); }
function series() { var s = ind().series[level().id]; return s ? s[String(st.year)] : null; }
function methods(S) { return ['monitoring', 'quantiles', 'jenks'].filter(function (m) { return S && S.classes[m]; }); }
function german() { return st.lang === 'de'; }
function fmt(v, I) {
  if (typeof v === 'number') return num(v, I.decimals, german()) + (I.unit ? (I.unit === '%' && !german() ? '%' : '\u00a0' + I.unit) : '');
  if (v === 's') return D.marker;
  return t('none');
}
function colours(C) { var n = C.counts.length; var p = n === 4 ? PALETTE4 : PALETTE.slice(0, Math.max(n, 1)); if (n > 5) p = PALETTE; return ind().higherIsWorse ? p : p.slice().reverse(); }
function classLabel(C, c) {
  if (c < 0) return '';
  if (C.labels) return C.labels[c];
  var I = ind(), lo = c === 0 ? C.minimum : C.bins[c - 1];
  return (c === 0 ? '[' : '(') + num(lo, I.decimals, german()) + (german() ? '; ' : ', ') + num(C.bins[c], I.decimals, german()) + ']';
}

function buildControls() {
  var si = $('indicator'); clear(si);
  D.indicators.forEach(function (I, i) { var o = el('option', null, I.label); o.value = String(i); si.appendChild(o); });
  si.value = String(st.ind);
  var sl = $('level'); clear(sl);
  levelsOf(ind()).forEach(function (i) { var o = el('option', null, D.levels[i].label); o.value = String(i); sl.appendChild(o); });
  sl.value = String(st.level);
  var ys = yearsOf(ind()), yr = $('year');
  yr.min = String(0); yr.max = String(Math.max(0, ys.length - 1)); yr.value = String(Math.max(0, ys.indexOf(st.year)));
  yr.disabled = ys.length < 2; $('yearOut').textContent = String(st.year);
  var sm = $('method'); clear(sm);
  methods(series()).forEach(function (m) { var o = el('option', null, t('method.' + m)); o.value = m; sm.appendChild(o); });
  sm.value = st.method;
}
function fixState() {
  var I = ind(), ls = levelsOf(I);
  if (ls.indexOf(st.level) < 0) st.level = ls[0];
  var ys = yearsOf(I);
  if (ys.indexOf(st.year) < 0) st.year = ys[ys.length - 1];
  var ms = methods(series());
  if (ms.indexOf(st.method) < 0) st.method = ms[0] || null;
}

// The map's path elements are made once per level; a switch of indicator, year or method only
// updates their attributes (10,000 areas stay quick).
var mapLevel = -1, mapPaths = [];
function drawMap() {
  var svg = $('map'), L = level();
  if (mapLevel !== st.level) {
    clear(svg);
    svg.setAttribute('viewBox', '0 0 ' + (maxX + 1) + ' ' + (maxY + 1));
    var w = String(Math.max(4, maxX / 150));
    var defs = sv('defs', {}), pat = sv('pattern', { id: 'hatch', width: w, height: w, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pat.appendChild(sv('rect', { width: '100%', height: '100%', fill: '#fff' }));
    pat.appendChild(sv('line', { x1: '0', y1: '0', x2: '0', y2: w, stroke: '#888', 'stroke-width': String(Math.max(1, maxX / 600)) }));
    defs.appendChild(pat); svg.appendChild(defs);
    var P = paths(st.level), g = sv('g', {});
    mapPaths = L.ids.map(function (id, i) {
      var p = sv('path', { d: P[i], tabindex: '0', role: 'button' });
      p.dataset.id = id; p.dataset.i = String(i); g.appendChild(p); return p;
    });
    svg.appendChild(g);
    mapLevel = st.level;
  }
  var S = series(), C = S && st.method ? S.classes[st.method] : null, cols = C ? colours(C) : [];
  mapPaths.forEach(function (p, i) {
    var v = S ? S.values[i] : null, c = C ? C.of[i] : -1;
    p.dataset.value = typeof v === 'number' ? String(v) : (v === 's' ? 's' : 'm');
    p.dataset.class = String(c);
    if (C && C.labels && c >= 0) p.dataset.label = C.labels[c]; else delete p.dataset.label;
    p.setAttribute('aria-label', L.names[i] + ': ' + fmt(v, ind()));
    p.removeAttribute('class'); p.removeAttribute('fill');
    if (v === 's') p.setAttribute('class', 'sup');
    else if (c < 0) p.setAttribute('class', 'na');
    else p.setAttribute('fill', cols[c]);
    // Index areas whose membership of the most deprived class is uncertain (10–90 % of the draws).
    if (S && S.uncertain && S.uncertain[i] === true) p.classList.add('unc');
  });
}
function drawLegend() {
  var box = $('legend'); clear(box);
  var S = series(), C = S && st.method ? S.classes[st.method] : null;
  box.appendChild(el('h2', null, t('legend') + ': ' + ind().label + ', ' + st.year));
  var ul = el('ul');
  if (C) { var cols = colours(C); C.counts.forEach(function (n, c) {
    var li = el('li'), sw = el('span', 'sw'); sw.setAttribute('data-colour', cols[c]); li.appendChild(sw);
    li.appendChild(el('span', null, classLabel(C, c) + ' (' + n + ')')); li.dataset.class = String(c); ul.appendChild(li);
  }); }
  var ns = 0, nm = 0; (S ? S.values : []).forEach(function (v) { if (v === 's') ns++; else if (typeof v !== 'number') nm++; });
  var li = el('li'); li.appendChild(el('span', 'sw swsup')); li.appendChild(el('span', null, t('suppressed') + ' ' + D.marker + ' (' + ns + ')')); li.dataset.class = 'suppressed'; ul.appendChild(li);
  li = el('li'); li.appendChild(el('span', 'sw swna')); li.appendChild(el('span', null, t('missing') + ' – (' + nm + ')')); li.dataset.class = 'missing'; ul.appendChild(li);
  if (S && S.uncertain) {
    var nu = S.uncertain.filter(function (u) { return u === true; }).length;
    li = el('li'); li.appendChild(el('span', 'sw swunc')); li.appendChild(el('span', null, t('uncertain') + ' (' + nu + ')')); li.dataset.class = 'uncertain'; ul.appendChild(li);
  }
  box.appendChild(ul);
  box.appendChild(el('p', 'note', t('suppressedNote').replace('{m}', D.marker)));
  box.appendChild(el('p', 'note', t('missingNote')));
  if (C) box.appendChild(el('p', 'note', C.method));
  // Swatch colours through the CSSOM (allowed by the policy), not a style attribute.
  Array.prototype.forEach.call(box.querySelectorAll('.sw'), function (s) {
    if (s.dataset.colour) s.style.background = s.dataset.colour;
    else if (s.classList.contains('swunc')) s.style.border = '2px dashed #1f5fbf';
    else if (s.classList.contains('swsup')) s.style.background = 'repeating-linear-gradient(45deg,#fff 0 3px,#888 3px 4px)';
    else s.style.background = '#e8e8e8';
  });
}
function drawChart() {
  var svg = $('chart'); clear(svg);
  var S = series(); if (!S) return;
  var C = st.method ? S.classes[st.method] : null, cols = C ? colours(C) : [];
  var idx = S.values.map(function (v, i) { return i; }).filter(function (i) { return typeof S.values[i] === 'number'; });
  idx.sort(function (a, b) { return S.values[a] - S.values[b]; });
  var W = 600, H = 150, n = idx.length; svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  if (!n) return;
  var lo = Math.min(0, S.values[idx[0]]), hi = Math.max(0, S.values[idx[n - 1]]); if (hi === lo) hi = lo + 1;
  var w = W / n, y0 = H - (0 - lo) / (hi - lo) * H;
  idx.forEach(function (i, k) {
    var v = S.values[i], y = H - (v - lo) / (hi - lo) * H;
    var r = sv('rect', { x: String(k * w), y: String(Math.min(y, y0)), width: String(Math.max(w, 0.5)), height: String(Math.max(Math.abs(y0 - y), 0.5)), fill: C && C.of[i] >= 0 ? cols[C.of[i]] : '#999' });
    r.dataset.id = level().ids[i]; r.dataset.i = String(i);
    svg.appendChild(r);
  });
  var city = ind().city[String(st.year)];
  if (typeof city === 'number' && st.level >= 0) {
    var yc = H - (city - lo) / (hi - lo) * H;
    svg.appendChild(sv('line', { x1: '0', x2: String(W), y1: String(yc), y2: String(yc), stroke: '#1f5fbf', 'stroke-dasharray': '4 3' }));
  }
}
function columns() {
  var I = ind(), S = series(), cols = [
    { key: 'name', label: t('name') }, { key: 'id', label: t('id') }];
  if (st.level + 1 < D.levels.length) cols.push({ key: 'parent', label: t('parent') + ' (' + D.levels[st.level + 1].label + ')' });
  cols.push({ key: 'value', label: I.label + (I.unit ? ' (' + I.unit + ')' : ''), num: true });
  if (st.method) cols.push({ key: 'class', label: t('class') });
  if (S && S.ranks) cols.push({ key: 'rank', label: t('rank'), num: true });
  if (S && S.rankLow) { cols.push({ key: 'rankInterval', label: rankText('rankInterval') }); cols.push({ key: 'pTop', label: t('pTop'), num: true }); }
  return cols;
}
function cell(i, key) {
  // Returns { text, sort, csv } for row i.
  var L = level(), S = series(), I = ind(), v = S ? S.values[i] : null;
  switch (key) {
    case 'name': return { text: L.names[i], sort: L.names[i], csv: { t: L.names[i] } };
    case 'id': return { text: L.ids[i], sort: L.ids[i], csv: { t: L.ids[i] } };
    case 'parent': var p = L.parents[i], U = D.levels[st.level + 1], nm = p === null || p === undefined ? '' : U.names[p]; return { text: nm, sort: nm, csv: { t: nm } };
    case 'value':
      if (typeof v === 'number') return { text: num(v, I.decimals, german()), sort: v, csv: { n: v, d: I.decimals } };
      return { text: v === 's' ? D.marker : '–', sort: null, csv: { m: v === 's' ? D.marker : '–' } };
    case 'class': var C = S.classes[st.method], c = C ? C.of[i] : -1, lab = C ? classLabel(C, c) : ''; return { text: lab, sort: c < 0 ? null : c, csv: { t: lab } };
    case 'rank': var r = S.ranks[i]; return r === null || r === undefined ? { text: '–', sort: null, csv: { m: '–' } } : { text: String(r), sort: r, csv: { n: r, d: 0 } };
    case 'rankInterval': var a = S.rankLow[i], b = S.rankHigh[i], s = a === null || a === undefined ? '–' : a + '–' + b; return { text: s, sort: a, csv: { t: s } };
    case 'pTop': var q = S.probabilityTop[i]; return q === null || q === undefined ? { text: '–', sort: null, csv: { m: '–' } } : { text: num(q, 2, german()), sort: q, csv: { n: q, d: 2 } };
  }
}
function shownRows() {
  var L = level(), q = st.q.toLowerCase();
  var rows = L.ids.map(function (_, i) { return i; }).filter(function (i) { return !q || L.names[i].toLowerCase().indexOf(q) >= 0 || L.ids[i].toLowerCase().indexOf(q) >= 0; });
  var key = st.sortKey, dir = st.sortDir;
  if (!columns().some(function (c) { return c.key === key; })) key = 'value';
  var keys = rows.map(function (i) { return cell(i, key).sort; });
  var order = rows.map(function (_, k) { return k; });
  order.sort(function (a, b) {
    var x = keys[a], y = keys[b];
    if (x === null || x === undefined) return (y === null || y === undefined) ? rows[a] - rows[b] : 1;
    if (y === null || y === undefined) return -1;
    var c = typeof x === 'number' ? x - y : (x < y ? -1 : x > y ? 1 : 0);
    return c !== 0 ? c * dir : rows[a] - rows[b];
  });
  return order.map(function (k) { return rows[k]; });
}
function drawTable() {
  var cols = columns(), thead = $('table').tHead, tbody = $('table').tBodies[0];
  clear(thead); clear(tbody);
  var tr = el('tr');
  cols.forEach(function (c) {
    var th = el('th'), b = el('button', null, c.label + (st.sortKey === c.key ? (st.sortDir > 0 ? ' ▲' : ' ▼') : ''));
    th.setAttribute('aria-sort', st.sortKey === c.key ? (st.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    b.dataset.key = c.key; b.addEventListener('click', function () { if (st.sortKey === c.key) st.sortDir = -st.sortDir; else { st.sortKey = c.key; st.sortDir = c.num ? -1 : 1; } drawTable(); });
    th.appendChild(b); tr.appendChild(th);
  });
  thead.appendChild(tr);
  var frag = document.createDocumentFragment();
  shownRows().forEach(function (i) {
    var row = el('tr'); row.dataset.id = level().ids[i]; row.dataset.i = String(i); row.tabIndex = 0;
    cols.forEach(function (c) { var x = cell(i, c.key), td = el('td', c.num ? 'num' : null, x.text); row.appendChild(td); });
    frag.appendChild(row);
  });
  tbody.appendChild(frag);
  markAll();
}
function tableCSV() {
  var cols = columns();
  return csvText(cols.map(function (c) { return c.label; }), shownRows().map(function (i) { return cols.map(function (c) { return cell(i, c.key).csv; }); }), german());
}
function download() {
  var text = (german() ? '\ufeff' : '') + tableCSV();
  var a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = ('atlas-' + ind().id + '-' + level().id + '-' + st.year + '.csv').replace(/[^A-Za-z0-9._-]/g, '_');
  document.body.appendChild(a); a.click(); document.body.removeChild(a);
}
// A text naming the rank simulation: {n} draws, {s} seed, {p} coverage in per cent.
function rankText(k) { return t(k).replace('{n}', String(D.rankDraws)).replace('{s}', D.rankSeed).replace('{p}', num(D.rankLevel * 100, 0, german())); }
function drawNotes() {
  var I = ind(), dl = $('notesList'); clear(dl);
  function row(k, v) { if (!v) return; dl.appendChild(el('dt', null, t(k))); dl.appendChild(el('dd', null, v)); }
  row('indicator', I.label); row('definition', I.definition); row('numerator', I.numerator); row('denominator', I.denominator);
  row('source', I.sources); row('referenceDate', I.referenceDates[String(st.year)]);
  var city = I.city[String(st.year)]; if (typeof city === 'number') row('city', fmt(city, I));
  if (series() && series().rankLow) row('rankInterval', rankText('rankDraws'));
  $('footnote').textContent = D.footnote[st.lang] || '';
}
function drawCompare() {
  var box = $('compare'); clear(box);
  if (!st.sel.length) return;
  var L = level(), tab = el('table'), head = el('tr');
  head.appendChild(el('th', null, t('indicator')));
  st.sel.forEach(function (i) { head.appendChild(el('th', null, L.names[i])); });
  tab.appendChild(head);
  D.indicators.forEach(function (I) {
    var s = I.series[L.id]; if (!s) return;
    var ys = Object.keys(s).map(Number).sort(); var y = ys.indexOf(st.year) >= 0 ? st.year : ys[ys.length - 1];
    var tr = el('tr'); tr.appendChild(el('td', null, I.label + ' ' + y));
    st.sel.forEach(function (i) { tr.appendChild(el('td', 'num', fmt(s[String(y)].values[i], I))); });
    tab.appendChild(tr);
  });
  box.appendChild(tab);
  // Trend of the current indicator for the selected areas.
  var I = ind(), s = I.series[L.id] || {}, ys = Object.keys(s).map(Number).sort();
  if (ys.length > 1) {
    var vals = []; st.sel.forEach(function (i) { ys.forEach(function (y) { var v = s[String(y)].values[i]; if (typeof v === 'number') vals.push(v); }); });
    if (vals.length) {
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals); if (hi === lo) hi = lo + 1;
      var W = 300, H = 100, svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'trend', role: 'img' });
      var dash = ['', '4 2', '1 2', '6 2 1 2', '8 3'];
      st.sel.forEach(function (i, k) {
        var d = ''; ys.forEach(function (y, j) { var v = s[String(y)].values[i]; if (typeof v !== 'number') return; d += (d ? 'L' : 'M') + (10 + j * (W - 20) / (ys.length - 1)) + ' ' + (H - 5 - (v - lo) / (hi - lo) * (H - 10)); });
        if (d) { var p = sv('path', { d: d, fill: 'none', stroke: '#1f5fbf', 'stroke-width': '2', 'stroke-dasharray': dash[k] }); p.dataset.id = L.ids[i]; svg.appendChild(p); }
      });
      box.appendChild(svg);
    }
  }
}
// The area profile (a spine chart, as in Public Health England's Fingertips profiles): for the hovered
// area, else the last selected one, one row per indicator with the area's value, its parent area's and
// the city's in the same year. The bar spans the published values of the level's areas (light) and
// their middle half, 25th to 75th percentile (dark; linear interpolation between order statistics,
// Hyndman & Fan type 7), centred on the city value (on the median where the city value is not
// published), the worse side on the left; circle = the area, diamond = the parent area. Beside it
// the area's trend over the years (city dashed). Only published values enter; suppressed and missing
// ones show their marker and draw no mark.
var statCache = {};
function levelStats(I, levelId, year) {
  var key = I.id + '\u001f' + levelId + '\u001f' + year;
  if (statCache[key] !== undefined) return statCache[key];
  var s = I.series[levelId] && I.series[levelId][String(year)];
  var v = s ? s.values.filter(function (x) { return typeof x === 'number'; }).sort(function (a, b) { return a - b; }) : [];
  function q(p) { var h = (v.length - 1) * p, lo = Math.floor(h); return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo]; }
  statCache[key] = v.length ? { min: v[0], q1: q(0.25), median: q(0.5), q3: q(0.75), max: v[v.length - 1] } : null;
  return statCache[key];
}
// The hovered (or focused) area; when the pointer leaves, the last selected area, else the last hovered one.
function profileArea() { return st.hover !== null ? st.hover : (st.sel.length ? st.sel[st.sel.length - 1] : st.lastHover); }
function cellState(v) { return typeof v === 'number' ? String(v) : (v === 's' ? 's' : 'm'); }
function valueCell(v, I, k) {
  var td = el('td', 'num', fmt(v, I)); td.dataset.k = k; td.dataset.value = cellState(v);
  if (v === 's') td.setAttribute('title', t('suppressed')); else if (typeof v !== 'number') td.setAttribute('title', t('missing'));
  return td;
}
var profileShown = null;
function drawProfile(force) {
  var i = profileArea(), L = level();
  var key = i === null ? null : [st.lang, st.ind, st.level, st.year, i].join(':');
  if (!force && key === profileShown) return;
  profileShown = key;
  var box = $('profile'); clear(box);
  if (i === null) { box.appendChild(el('p', 'note', t('profileHelp'))); return; }
  box.dataset.id = L.ids[i];
  var p = L.parents[i], U = st.level + 1 < D.levels.length ? D.levels[st.level + 1] : null;
  var hasParent = U && p !== null && p !== undefined;
  box.appendChild(el('h3', 'pname', L.names[i]));
  box.appendChild(el('p', 'note', L.label + ' ' + L.ids[i] + (hasParent ? ' · ' + t('parent') + ' (' + U.label + '): ' + U.names[p] : '')));
  // The index rank with its interval, where the area is on the index level.
  D.indicators.forEach(function (I) {
    if (I.kind !== 'index' || !I.series[L.id]) return;
    var ys = Object.keys(I.series[L.id]), S = I.series[L.id][ys[0]], r = S.ranks ? S.ranks[i] : null;
    var line = I.label + ' ' + ys[0] + ': ' + fmt(S.values[i], I);
    if (r !== null && r !== undefined) {
      line += ' · ' + t('rank') + ' ' + r;
      if (S.rankLow && S.rankLow[i] !== null && S.rankLow[i] !== undefined) line += ' (' + S.rankLow[i] + '–' + S.rankHigh[i] + ')';
      if (S.probabilityTop && typeof S.probabilityTop[i] === 'number') line += ' · ' + t('pTop') + ' ' + num(S.probabilityTop[i], 2, german());
    }
    var e = el('p', 'rankline', line); e.dataset.rank = r === null || r === undefined ? '' : String(r); box.appendChild(e);
  });
  var tab = el('table'), head = el('tr');
  tab.id = 'profileTable';
  [t('indicator'), t('profileArea'), t('parent'), t('city'), t('profileSpine'), t('trend')].forEach(function (h, k) {
    head.appendChild(el('th', k >= 1 && k <= 3 ? 'num' : null, h));
  });
  var thead = el('thead'); thead.appendChild(head); tab.appendChild(thead);
  var tbody = el('tbody');
  D.indicators.forEach(function (I, n) {
    var s = I.series[L.id]; if (!s || I.kind === 'index') return;
    var ys = Object.keys(s).map(Number).sort(function (a, b) { return a - b; });
    var y = ys.indexOf(st.year) >= 0 ? st.year : ys[ys.length - 1];
    var v = s[String(y)].values[i];
    var ps = hasParent && I.series[U.id] ? I.series[U.id][String(y)] : null, pv = ps ? ps.values[p] : null;
    var c = I.city[String(y)];
    var tr = el('tr'); tr.dataset.indicator = I.id; tr.dataset.year = String(y);
    if (n === st.ind) tr.className = 'cur';
    var lab = el('td', null, I.label + ' '); lab.appendChild(el('span', 'yr', String(y))); tr.appendChild(lab);
    tr.appendChild(valueCell(v, I, 'area')); tr.appendChild(valueCell(pv, I, 'parent'));
    tr.appendChild(valueCell(typeof c === 'number' ? c : null, I, 'city'));
    var td = el('td'), W = 200, H = 20, svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'spine', role: 'img' });
    var S = levelStats(I, L.id, y);
    if (S) {
      var centre = typeof c === 'number' ? c : S.median, half = Math.max(Math.abs(S.min - centre), Math.abs(S.max - centre)) || 1;
      var sign = I.higherIsWorse ? -1 : 1;
      var x = function (u) { return W / 2 + sign * (u - centre) / half * (W / 2 - 6); };
      var a = Math.min(x(S.min), x(S.max)), b = Math.max(x(S.min), x(S.max));
      svg.appendChild(sv('rect', { x: String(a), y: '4', width: String(Math.max(b - a, 0.5)), height: '12', fill: '#d9d9d9' }));
      a = Math.min(x(S.q1), x(S.q3)); b = Math.max(x(S.q1), x(S.q3));
      svg.appendChild(sv('rect', { x: String(a), y: '4', width: String(Math.max(b - a, 0.5)), height: '12', fill: '#969696' }));
      if (typeof c === 'number') svg.appendChild(sv('line', { x1: String(x(c)), x2: String(x(c)), y1: '1', y2: String(H - 1), stroke: '#000', 'stroke-width': '1.5' }));
      if (typeof pv === 'number') { var px = x(pv); svg.appendChild(sv('path', { d: 'M' + px + ' 3L' + (px + 6) + ' 10L' + px + ' 17L' + (px - 6) + ' 10Z', fill: '#fff', stroke: '#000', 'class': 'pmark' })); }
      if (typeof v === 'number') svg.appendChild(sv('circle', { cx: String(x(v)), cy: '10', r: '5', fill: '#1f5fbf', stroke: '#fff', 'class': 'amark' }));
      ['min', 'q1', 'median', 'q3', 'max'].forEach(function (k) { svg.dataset[k] = String(S[k]); });
      svg.dataset.centre = String(centre);
    }
    svg.setAttribute('aria-label', I.label + ' ' + y + ': ' + t('profileArea') + ' ' + fmt(v, I) + ', ' + t('parent') + ' ' + fmt(pv, I) + ', ' + t('city') + ' ' + fmt(typeof c === 'number' ? c : null, I)
      + (S ? ', ' + t('profileRange') + ' ' + fmt(S.min, I) + ' – ' + fmt(S.max, I) : ''));
    td.appendChild(svg); tr.appendChild(td);
    // Trend: the area's published values over the years (a gap where a year has none), the city dashed.
    td = el('td');
    var sp = sv('svg', { viewBox: '0 0 80 20', 'class': 'spark', role: 'img' }), pts = [], cpts = [], vals = [];
    ys.forEach(function (yy) { var u = s[String(yy)].values[i], cu = I.city[String(yy)]; if (typeof u === 'number') vals.push(u); if (typeof cu === 'number') vals.push(cu); });
    if (vals.length) {
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals); if (hi === lo) { hi += 1; lo -= 1; }
      var X = function (k) { return ys.length > 1 ? 4 + k * 72 / (ys.length - 1) : 40; }, Y = function (u) { return 17 - (u - lo) / (hi - lo) * 14; };
      var d = '', cd = '', up = false, cup = false;
      ys.forEach(function (yy, k) {
        var u = s[String(yy)].values[i], cu = I.city[String(yy)];
        if (typeof u === 'number') { d += (up ? 'L' : 'M') + X(k) + ' ' + Y(u); up = true; pts.push(yy + ': ' + fmt(u, I)); sp.appendChild(sv('circle', { cx: String(X(k)), cy: String(Y(u)), r: '1.6', fill: '#1f5fbf' })); }
        else { up = false; pts.push(yy + ': ' + fmt(u, I)); }
        if (typeof cu === 'number') { cd += (cup ? 'L' : 'M') + X(k) + ' ' + Y(cu); cup = true; } else cup = false;
      });
      if (cd) sp.insertBefore(sv('path', { d: cd, fill: 'none', stroke: '#666', 'stroke-dasharray': '2 2' }), sp.firstChild);
      if (d) sp.appendChild(sv('path', { d: d, fill: 'none', stroke: '#1f5fbf', 'stroke-width': '1.5' }));
    }
    sp.setAttribute('aria-label', t('trend') + ' ' + I.label + ': ' + pts.join(', '));
    td.appendChild(sp); tr.appendChild(td);
    tbody.appendChild(tr);
  });
  tab.appendChild(tbody);
  box.appendChild(tab);
  box.appendChild(el('p', 'note', t('profileNote')));
}
function markAll() {
  var L = level(), hid = st.hover === null ? null : L.ids[st.hover];
  var sel = {}; st.sel.forEach(function (i) { sel[L.ids[i]] = true; });
  ['#map path', '#chart rect', '#table tbody tr'].forEach(function (q) {
    Array.prototype.forEach.call(document.querySelectorAll(q), function (e) {
      var id = e.dataset.id; if (id === undefined) return;
      e.classList.toggle('hi', id === hid); e.classList.toggle('sel', !!sel[id]);
    });
  });
}
var tip = null;
function setHi(i, on) {
  if (i === null || i === undefined) return;
  var q = '[data-id="' + CSS.escape(level().ids[i]) + '"]';
  Array.prototype.forEach.call(document.querySelectorAll('#map path' + q + ', #chart rect' + q + ', #table tbody tr' + q), function (e) { e.classList.toggle('hi', on); });
}
function hover(i, evt) {
  setHi(st.hover, false); st.hover = i; if (i !== null) st.lastHover = i; setHi(i, true);
  if (!tip) tip = $('tip');
  drawProfile(false);
  if (i === null) { tip.hidden = true; return; }
  var L = level(), S = series(), I = ind();
  clear(tip);
  tip.appendChild(el('strong', null, L.names[i]));
  tip.appendChild(el('div', null, L.ids[i] + ' · ' + I.label + ' ' + st.year + ': ' + fmt(S ? S.values[i] : null, I)));
  if (S && S.ranks && S.ranks[i] !== null && S.ranks[i] !== undefined) {
    var r = t('rank') + ' ' + S.ranks[i] + (S.rankLow && S.rankLow[i] !== null ? ' (' + S.rankLow[i] + '–' + S.rankHigh[i] + ')' : '');
    tip.appendChild(el('div', null, r));
  }
  tip.hidden = false;
  if (evt && evt.clientX !== undefined) { tip.style.left = (evt.clientX + 12) + 'px'; tip.style.top = (evt.clientY + 12) + 'px'; }
  else { tip.style.left = '1em'; tip.style.top = '1em'; }
}
function toggle(i) {
  var k = st.sel.indexOf(i);
  if (k >= 0) st.sel.splice(k, 1); else { if (st.sel.length >= 5) st.sel.shift(); st.sel.push(i); }
  markAll(); drawCompare(); drawProfile(false);
}
function areaOf(e) { while (e && e !== document) { if (e.dataset && e.dataset.i !== undefined) return Number(e.dataset.i); e = e.parentNode; } return null; }
function wire(container) {
  container.addEventListener('mouseover', function (e) { var i = areaOf(e.target); if (i !== null) hover(i, e); });
  container.addEventListener('mousemove', function (e) { if (tip && !tip.hidden) { tip.style.left = (e.clientX + 12) + 'px'; tip.style.top = (e.clientY + 12) + 'px'; } });
  container.addEventListener('mouseout', function (e) { if (areaOf(e.relatedTarget) === null) hover(null); });
  container.addEventListener('focusin', function (e) { var i = areaOf(e.target); if (i !== null) hover(i, null); });
  container.addEventListener('click', function (e) { var i = areaOf(e.target); if (i !== null) toggle(i); });
  container.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { var i = areaOf(e.target); if (i !== null) { e.preventDefault(); toggle(i); } } });
}
function i18n() {
  document.documentElement.lang = st.lang;
  Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (e) { e.textContent = t(e.dataset.i18n); });
}
function render(keepSelection) {
  fixState();
  if (!keepSelection) { st.sel = []; st.hover = null; st.lastHover = null; }
  i18n(); buildControls(); drawMap(); drawLegend(); drawChart(); drawNotes(); drawTable(); drawCompare(); drawProfile(true);
  document.body.dataset.rendered = String((Number(document.body.dataset.rendered) || 0) + 1);
  if (!document.body.dataset.firstRenderMs) document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
}

$('title').textContent = D.title;
$('lang').value = st.lang;
$('lang').addEventListener('change', function () { st.lang = this.value; render(true); });
$('indicator').addEventListener('change', function () { st.ind = Number(this.value); render(true); });
$('level').addEventListener('change', function () { st.level = Number(this.value); render(false); });
$('year').addEventListener('input', function () { var ys = yearsOf(ind()); st.year = ys[Number(this.value)]; render(true); });
$('method').addEventListener('change', function () { st.method = this.value; render(true); });
$('search').addEventListener('input', function () { st.q = this.value; drawTable(); });
$('csv').addEventListener('click', download);
$('clear').addEventListener('click', function () { st.sel = []; markAll(); drawCompare(); drawProfile(false); });
wire($('map')); wire($('chart')); wire($('table'));
window.quartierAtlas.tableCSV = tableCSV;
// Open on the first indicator and level (finest first) whose newest year has a published value.
(function () {
  for (var i = 0; i < D.indicators.length; i++) {
    for (var l = 0; l < D.levels.length; l++) {
      var s = D.indicators[i].series[D.levels[l].id]; if (!s) continue;
      var ys = Object.keys(s).map(Number).sort(function (a, b) { return a - b; });
      if (s[String(ys[ys.length - 1])].values.some(function (v) { return typeof v === 'number'; })) { st.ind = i; st.level = l; return; }
    }
  }
})();
render(false);
})();
"""#
}
