// coverkit serve: the page's script. Plain JavaScript, no libraries, no
// network access but this server. Every number shown comes from /api/.
'use strict';

const $ = (id) => document.getElementById(id);
const BOOK_FIELDS = ['p', 'binding', 'paper', 'trim', 'pages', 'unit'];
const CODE_FIELDS = ['isbn', 'price', 'currency'];
let catalog = null;
let spineTimer = 0;
let barcodeTimer = 0;
let spineSeq = 0;
let barcodeURL = '';
let proofURL = '';

// ---------- requests, progress and errors ----------

let busy = 0;
let progressTimer = 0;

// withProgress shows the progress indicator when work takes over half a second.
async function withProgress(label, work) {
  busy++;
  if (busy === 1) {
    progressTimer = setTimeout(() => {
      $('progress-text').textContent = label;
      $('progress').hidden = false;
    }, 500);
  }
  try {
    return await work();
  } finally {
    busy--;
    if (busy === 0) {
      clearTimeout(progressTimer);
      $('progress').hidden = true;
    }
  }
}

class APIError extends Error {
  constructor(body, status) {
    super(body.error || ('HTTP ' + status));
    this.field = body.field || '';
    this.hints = body.hints || [];
    this.status = status;
  }
}

// headerText reads a header the server sends as a quoted ASCII string.
function headerText(res, name) {
  try { return JSON.parse(res.headers.get(name) || '""'); } catch (e) { return ''; }
}

async function api(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) {
    let body = {};
    try { body = await res.json(); } catch (e) { body = { error: 'HTTP ' + res.status }; }
    throw new APIError(body, res.status);
  }
  return res;
}

const FIELD_INPUT = { p: 'printers', trim: 'trim', pages: 'pages', binding: 'binding', paper: 'paper', unit: null,
  front: 'front', back: 'back', from: 'from', from_printer: 'from_printer', spine_color: 'spine_color', title: 'title',
  interior: 'interior', cover: 'cover', tolerance: 'tolerance', isbn: 'isbn', price: 'price', addon: 'price' };

function clearErrors(scope) {
  document.querySelectorAll(scope + ' .error').forEach((el) => { el.hidden = true; el.textContent = ''; });
  document.querySelectorAll(scope + ' [aria-invalid]').forEach((el) => { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-errormessage'); });
  if (scope === 'body') { $('error-general').hidden = true; }
}

function showError(err, fallbackField) {
  const field = err.field || fallbackField || '';
  const text = err.message + (err.hints && err.hints.length ? '\n' + err.hints.map((h) => 'hint: ' + h).join('\n') : '');
  const el = field && $('err-' + field);
  if (el) {
    el.textContent = text;
    el.hidden = false;
    const input = FIELD_INPUT[field] && $(FIELD_INPUT[field]);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', el.id);
    }
    if (field === 'trim' && !$('custom-trim').hidden) $('trim-w').setAttribute('aria-invalid', 'true');
    return;
  }
  $('error-general').textContent = text;
  $('error-general').hidden = false;
}

// ---------- the book form ----------

function selectedPrinters() {
  return [...document.querySelectorAll('#printers input:checked')].map((i) => i.value);
}

function printersInUse() {
  const sel = selectedPrinters();
  return catalog.printers.filter((p) => sel.length === 0 || sel.includes(p.id));
}

function bindingsOf(printers) {
  const out = [];
  for (const p of printers) for (const b of p.bindings) if (!out.some((o) => o.kind === b.kind)) out.push(b);
  return out;
}

function fillSelect(sel, options, keep) {
  const old = keep !== undefined ? keep : sel.value;
  sel.replaceChildren(...options.map(([value, label]) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }));
  if (options.some(([v]) => v === old)) sel.value = old;
}

// refreshLists rebuilds binding, paper and trim lists for the chosen printers.
function refreshLists(want) {
  want = want || {};
  const printers = printersInUse();
  const bindings = bindingsOf(printers);
  fillSelect($('binding'), bindings.map((b) => [b.kind, b.label]), want.binding);
  const kind = $('binding').value;
  const stocks = [];
  const trims = [];
  let custom = false;
  for (const p of printers) {
    const b = p.bindings.find((x) => x.kind === kind);
    if (!b) continue;
    custom = custom || b.custom_trims;
    for (const s of b.stocks) if (!stocks.some((o) => o.id === s.id)) stocks.push(s);
    for (const t of b.trims) if (!trims.some((o) => o.name === t.name)) trims.push(t);
  }
  trims.sort((a, b) => (+a.width - +b.width) || (+a.height - +b.height));
  fillSelect($('paper'), stocks.map((s) => [s.id, s.id + ' (' + s.label + ')']), want.paper);
  const opts = trims.map((t) => [t.name, t.name === t.width + 'x' + t.height ? t.width + ' × ' + t.height + ' in' : t.name + ' (' + t.width + ' × ' + t.height + ' in)']);
  opts.push(['custom', 'Custom size…']);
  const trimWanted = want.trim !== undefined ? want.trim : currentTrim();
  fillSelect($('trim'), opts, trimWanted);
  if (trimWanted && $('trim').value !== trimWanted) {
    const m = /^\s*([0-9.]+)\s*x\s*([0-9.]+)\s*(in|mm)?\s*$/i.exec(trimWanted);
    if (m) {
      $('trim').value = 'custom';
      $('trim-w').value = m[1];
      $('trim-h').value = m[2];
      $('trim-unit').value = (m[3] || 'in').toLowerCase();
    }
  }
  $('custom-trim').hidden = $('trim').value !== 'custom';
}

function currentTrim() {
  const v = $('trim').value;
  if (v !== 'custom') return v;
  const w = $('trim-w').value.trim();
  const h = $('trim-h').value.trim();
  if (!w && !h) return '';
  return w + 'x' + h + $('trim-unit').value;
}

function currentUnit() {
  const r = document.querySelector('input[name=unit]:checked');
  return r ? r.value : 'in';
}

function bookParams() {
  const q = new URLSearchParams();
  const p = selectedPrinters();
  if (p.length) q.set('p', p.join(','));
  q.set('binding', $('binding').value);
  q.set('paper', $('paper').value);
  const t = currentTrim();
  if (t) q.set('trim', t);
  const n = $('pages').value.trim();
  if (n) q.set('pages', n);
  q.set('unit', currentUnit());
  return q;
}

// ---------- page state in the URL ----------

function activeTab() {
  const t = document.querySelector('[role=tab][aria-selected=true]');
  return t ? t.id.replace('tab-', '') : 'size';
}

function saveURL() {
  const q = bookParams();
  const tab = activeTab();
  if (tab !== 'size') q.set('tab', tab);
  for (const f of CODE_FIELDS) {
    const v = $(f).value.trim();
    if (v && !(f === 'currency' && v === 'USD')) q.set(f, v);
  }
  history.replaceState(null, '', '?' + q.toString().replace(/%2C/g, ','));
}

function loadURL() {
  const q = new URLSearchParams(location.search);
  const p = (q.get('p') || 'kdp,ingramspark').split(',').map((s) => s.trim().toLowerCase());
  document.querySelectorAll('#printers input').forEach((i) => { i.checked = p.includes(i.value); });
  refreshLists({ binding: q.get('binding') || 'paperback', paper: q.get('paper') || 'white', trim: q.get('trim') || '6x9' });
  $('pages').value = q.get('pages') || '';
  const unit = q.get('unit') || 'in';
  document.querySelectorAll('input[name=unit]').forEach((r) => { r.checked = r.value === unit; });
  for (const f of CODE_FIELDS) if (q.get(f)) $(f).value = q.get(f);
  selectTab(q.get('tab') || 'size', false);
}

// ---------- size and spine ----------

function scheduleSpine() {
  clearTimeout(spineTimer);
  spineTimer = setTimeout(updateSpine, 150);
  saveURL();
}

const fmt = (v) => (v === undefined || v === null ? '' : String(v));

function cell(text, key) {
  const td = document.createElement('td');
  if (key) {
    const span = document.createElement('span');
    span.dataset.v = key;
    span.textContent = text;
    td.append(span);
  } else {
    td.textContent = text;
  }
  return td;
}

function renderSpine(reports) {
  const tbody = document.querySelector('#spine-table tbody');
  const rows = [];
  const notes = [];
  const hard = reports.some((r) => r.binding === 'hardcover');
  $('edge-head').textContent = hard ? 'Wrap / hinge' : 'Bleed';
  let described = false;
  for (const r of reports) {
    const tr = document.createElement('tr');
    tr.dataset.printer = r.printer;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.printer_name || r.printer;
    tr.append(th);
    if (r.error) {
      const td = cell('REFUSED: ' + r.error);
      td.colSpan = 6;
      td.className = 'refused';
      tr.append(td);
      rows.push(tr);
      continue;
    }
    const u = ' ' + r.unit;
    if (!described) {
      $('spine-caption').textContent = fmt(r.trim.width) + ' × ' + fmt(r.trim.height) + u + ' ' + r.binding + ', ' + r.paper + ' paper, ' + r.pages_requested + ' pages';
      described = true;
    }
    const pages = cell('');
    pages.append(Object.assign(document.createElement('span'), { textContent: fmt(r.pages) }));
    pages.firstChild.dataset.v = 'pages';
    if (r.pages !== r.pages_requested) pages.append(' (from ' + r.pages_requested + ')');
    tr.append(pages);
    const sp = cell('');
    sp.append(Object.assign(document.createElement('span'), { textContent: fmt(r.spine) }), u);
    sp.firstChild.dataset.v = 'spine';
    tr.append(sp);
    const cov = cell('');
    const w = Object.assign(document.createElement('span'), { textContent: fmt(r.cover.width) });
    w.dataset.v = 'cover-width';
    const h = Object.assign(document.createElement('span'), { textContent: fmt(r.cover.height) });
    h.dataset.v = 'cover-height';
    cov.append(w, ' × ', h, u);
    tr.append(cov);
    let edge = fmt(r.bleed) + u;
    if (r.binding === 'hardcover') edge = fmt(r.wrap) + ' / ' + fmt(r.hinge) + u;
    if (r.binding === 'jacket') edge += ' (flaps ' + fmt(r.flap) + u + ')';
    tr.append(cell(edge));
    const min = r.spine_text_rule ? r.spine_text_rule.min_pages : '';
    tr.append(cell((r.spine_text ? 'yes' : 'no') + (min ? ' (from ' + min + ' pp)' : '')));
    const conf = cell(r.confidence + (r.estimate ? ' * UNCONFIRMED values' : ''), 'confidence');
    if (r.estimate) {
      conf.className = 'estimate';
      notes.push([r.printer_name + ' ' + r.binding, (r.warnings || []).join('; ')]);
    }
    tr.append(conf);
    rows.push(tr);
  }
  tbody.replaceChildren(...rows);
  const box = $('spine-notes');
  box.replaceChildren();
  if (notes.length) {
    const p = document.createElement('p');
    p.className = 'estimate';
    p.textContent = '* ESTIMATE: some values are UNCONFIRMED; check them against the printer\'s own template:';
    const ul = document.createElement('ul');
    for (const [who, what] of notes) {
      const li = document.createElement('li');
      li.textContent = who + ': ' + what;
      ul.append(li);
    }
    box.append(p, ul);
  }
}

function templateURL(printer, format, download) {
  const q = bookParams();
  q.delete('unit');
  q.set('p', printer);
  q.set('format', format);
  if (download) q.set('download', '1');
  return '/api/template?' + q.toString();
}

function renderPreviews(reports) {
  const box = $('previews');
  const keep = new Map([...box.children].map((f) => [f.dataset.printer, f]));
  const figs = [];
  for (const r of reports) {
    if (r.error) continue;
    let fig = keep.get(r.printer);
    if (!fig) {
      fig = document.createElement('figure');
      fig.className = 'preview';
      fig.dataset.printer = r.printer;
      const cap = document.createElement('figcaption');
      const img = document.createElement('img');
      const links = document.createElement('p');
      links.className = 'downloads';
      fig.append(cap, img, links);
    }
    const [cap, img, links] = fig.children;
    cap.textContent = r.printer_name + ' ' + r.binding + ' template';
    const src = templateURL(r.printer, 'svg', false);
    if (img.getAttribute('src') !== src) img.src = src;
    img.alt = 'Template preview for ' + r.printer_name + ': full cover ' + r.cover.width + ' × ' + r.cover.height + ' ' + r.unit +
      ' with a ' + r.spine + ' ' + r.unit + ' spine, showing trim, folds, bleed, safe areas and the barcode box';
    links.replaceChildren(...['pdf', 'svg', 'png'].map((f) => {
      const a = document.createElement('a');
      a.href = templateURL(r.printer, f, true);
      a.textContent = f.toUpperCase();
      a.setAttribute('aria-label', 'Download the ' + r.printer_name + ' template as ' + f.toUpperCase());
      a.dataset.format = f;
      return a;
    }));
    figs.push(fig);
  }
  box.replaceChildren(...figs);
  const q = bookParams();
  q.delete('unit');
  $('zip-link').href = '/api/templates.zip?' + q.toString();
}

async function updateSpine() {
  const seq = ++spineSeq;
  clearErrors('#book');
  $('error-general').hidden = true;
  if (!$('pages').value.trim()) {
    document.querySelector('#spine-table tbody').replaceChildren();
    $('previews').replaceChildren();
    $('spine-caption').textContent = 'Type the page count, or drop the interior PDF, to see the spine and cover sizes.';
    return;
  }
  try {
    const res = await withProgress('Computing…', () => api('/api/spine?' + bookParams().toString()));
    const reports = await res.json();
    if (seq !== spineSeq) return;
    renderSpine(reports);
    renderPreviews(reports);
  } catch (err) {
    if (seq !== spineSeq) return;
    document.querySelector('#spine-table tbody').replaceChildren();
    $('previews').replaceChildren();
    $('spine-caption').textContent = 'No result: correct the book description.';
    showError(err);
  }
}

// readInterior fills pages and trim from a dropped interior PDF.
async function readInterior() {
  const file = $('interior').files[0];
  $('interior-note').textContent = '';
  if (!file) return;
  clearErrors('#book');
  const fd = new FormData();
  const q = bookParams();
  q.delete('pages');
  q.delete('trim');
  q.set('unit', 'in');
  for (const [k, v] of q) fd.append(k, v);
  fd.append('interior', file);
  try {
    const res = await withProgress('Reading the interior…', () => api('/api/spine', { method: 'POST', body: fd }));
    const reports = await res.json();
    const r = reports.find((x) => !x.error) || reports[0];
    if (!r) return;
    $('pages').value = r.pages_requested || r.pages || '';
    if (r.trim) {
      const named = [...$('trim').options].find((o) => o.value === r.trim.width + 'x' + r.trim.height);
      if (named) {
        $('trim').value = named.value;
      } else {
        $('trim').value = 'custom';
        $('trim-w').value = r.trim.width;
        $('trim-h').value = r.trim.height;
        $('trim-unit').value = 'in';
      }
      $('custom-trim').hidden = $('trim').value !== 'custom';
      $('interior-note').textContent = 'Read from ' + file.name + ': ' + $('pages').value + ' pages, trim ' + r.trim.width + ' × ' + r.trim.height + ' in.';
    }
    scheduleSpine();
  } catch (err) {
    showError(err, 'interior');
  }
}

// ---------- check my cover ----------

function statusClass(s) { return 'status status-' + s; }

function renderResults(results) {
  const table = document.createElement('table');
  const head = document.createElement('thead');
  head.innerHTML = '<tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">What coverkit found, and the rule</th></tr>';
  const body = document.createElement('tbody');
  for (const r of results || []) {
    const tr = document.createElement('tr');
    tr.dataset.check = r.check;
    const st = cell(r.status === 'fail' ? 'FAIL' : r.status);
    st.className = statusClass(r.status);
    tr.append(st, cell(r.check));
    const msg = cell(r.message);
    if (r.rule || r.source) {
      const rule = document.createElement('div');
      rule.className = 'rule';
      rule.append('rule: ' + (r.rule || '') + (r.confidence ? ' (' + r.confidence + ')' : '') + ' ');
      if (r.source && /^https?:\/\//.test(r.source)) {
        const a = document.createElement('a');
        a.href = r.source;
        a.rel = 'noreferrer noopener';
        a.target = '_blank';
        a.textContent = 'source';
        rule.append(a);
      } else if (r.source) {
        rule.append('[' + r.source + ']');
      }
      msg.append(rule);
    }
    tr.append(msg);
    body.append(tr);
  }
  table.append(head, body);
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.append(table);
  return wrap;
}

function renderCheck(rep) {
  const box = $('check-result');
  const out = [];
  const h = document.createElement('h3');
  h.id = 'check-status';
  h.innerHTML = '';
  h.append('Result: ', Object.assign(document.createElement('span'), { className: statusClass(rep.status), textContent: rep.status === 'fail' ? 'FAIL' : rep.status.toUpperCase() }));
  const found = document.createElement('p');
  found.textContent = rep.cover + ': ' + rep.cover_pages + ' page(s), ' + rep.found.width + ' × ' + rep.found.height + ' in (' + rep.found_box + '), PDF ' + (rep.pdf_version || '?');
  out.push(h, found);
  if (rep.interior_facts) {
    const p = document.createElement('p');
    p.textContent = 'Interior ' + rep.interior + ': ' + rep.interior_facts.pages + ' pages (trim from the ' + rep.interior_facts.trim_from + ')';
    out.push(p);
    if (rep.interior_results) out.push(renderResults(rep.interior_results));
  }
  for (const p of rep.printers) {
    const sec = document.createElement('section');
    sec.className = 'verdict';
    sec.dataset.printer = p.printer;
    const h3 = document.createElement('h3');
    h3.append(p.printer_name + ' ' + (p.binding || '') + (p.paper ? ', ' + p.paper + ' paper' : '') + (p.pages ? ', ' + p.pages + ' pages' : '') + ': ');
    h3.append(Object.assign(document.createElement('span'), { className: statusClass(p.status), textContent: p.status === 'fail' ? 'FAIL' : p.status.toUpperCase() }));
    sec.append(h3);
    if (p.error) sec.append(Object.assign(document.createElement('p'), { className: 'error', textContent: p.error }));
    if (p.expected) sec.append(Object.assign(document.createElement('p'), { textContent: 'Expected sheet ' + p.expected.width + ' × ' + p.expected.height + ' in (trim ' + p.trim.width + ' × ' + p.trim.height + ' in, spine ' + p.spine + ' in).' }));
    if (p.fits && p.fits.length) {
      const fix = document.createElement('div');
      fix.className = 'fix';
      fix.append(Object.assign(document.createElement('strong'), { textContent: 'Fix: ' }),
        'this size fits ' + p.fits.map((f) => f.printer_name + ' ' + f.paper + ' ' + (f.pages_from === f.pages_to ? f.pages_from : f.pages_from + '–' + f.pages_to) + ' pages (closest ' + f.best + ')').join('; ') +
        '. Change the page count or paper to one of these, or resize the cover to the expected sheet.');
      sec.append(fix);
    }
    sec.append(renderResults(p.results));
    if (p.estimate) sec.append(Object.assign(document.createElement('p'), { className: 'estimate', textContent: '* ESTIMATE: the layout uses UNCONFIRMED values: ' + (p.warnings || []).join('; ') }));
    out.push(sec);
  }
  for (const n of rep.notes || []) out.push(Object.assign(document.createElement('p'), { textContent: 'note: ' + n }));
  box.replaceChildren(...out);
}

function checkData() {
  const fd = new FormData();
  const q = bookParams();
  const interior = $('interior').files[0];
  if (interior) {
    q.delete('pages');
    q.delete('trim');
    fd.append('interior', interior);
  }
  q.delete('unit');
  for (const [k, v] of q) fd.append(k, v);
  fd.append('tolerance', $('tolerance').value.trim());
  fd.append('cover', $('cover').files[0]);
  return fd;
}

async function runCheck(ev) {
  if (ev) ev.preventDefault();
  clearErrors('body');
  $('check-result').replaceChildren();
  $('proof').replaceChildren();
  if (!$('cover').files[0]) {
    showError({ message: 'need the cover PDF: choose or drop it here', field: 'cover' });
    $('cover').focus();
    return;
  }
  try {
    const res = await withProgress('Checking the cover…', () => api('/api/check', { method: 'POST', body: checkData() }));
    renderCheck(await res.json());
  } catch (err) {
    showError(err, 'cover');
    return;
  }
  try {
    const res = await withProgress('Drawing the guides over the cover…', () => api('/api/proof', { method: 'POST', body: checkData() }));
    const blob = await res.blob();
    if (proofURL) URL.revokeObjectURL(proofURL);
    proofURL = URL.createObjectURL(blob);
    const h = document.createElement('h3');
    h.textContent = 'Your cover with the printer\'s guides over it';
    const a = document.createElement('a');
    a.href = proofURL;
    a.download = 'proof.pdf';
    a.className = 'button';
    a.textContent = 'Download the proof (PDF, for looking at, not for upload)';
    const alt = 'The cover with the first printer\'s trim, folds, safe areas and barcode box drawn over it';
    let picture;
    if (catalog.proof_picture) {
      const fd = checkData();
      fd.append('format', 'png');
      const png = await withProgress('Drawing the proof picture…', () => api('/api/proof', { method: 'POST', body: fd }));
      picture = document.createElement('img');
      picture.src = URL.createObjectURL(await png.blob());
      picture.alt = alt;
    } else {
      picture = document.createElement('object');
      picture.type = 'application/pdf';
      picture.data = proofURL;
      picture.setAttribute('aria-label', alt);
      picture.append(a.cloneNode(true));
    }
    $('proof').replaceChildren(h, picture, a);
  } catch (err) {
    const p = document.createElement('p');
    p.textContent = 'No proof picture: ' + err.message;
    $('proof').replaceChildren(p);
  }
}

// ---------- print-ready cover ----------

let coverURLs = [];

function coverData(printer) {
  const fd = new FormData();
  const q = bookParams();
  q.delete('unit');
  q.set('p', printer);
  for (const [k, v] of q) fd.append(k, v);
  if (document.querySelector('input[name=cover-mode]:checked').value === 'refit') {
    if ($('from').files[0]) fd.append('from', $('from').files[0]);
    fd.append('from_printer', $('from_printer').value);
    fd.append('spine_fill', $('spine_fill').value);
    if ($('spine_fill').value === 'color') fd.append('spine_color', $('spine_color').value.trim());
  } else {
    for (const id of ['front', 'back']) if ($(id).files[0]) fd.append(id, $(id).files[0]);
    for (const id of ['spine_color', 'title', 'author']) fd.append(id, $(id).value.trim());
  }
  for (const f of CODE_FIELDS) {
    const v = $(f).value.trim();
    if (v && (f !== 'currency' || $('price').value.trim())) fd.append(f, v);
  }
  return fd;
}

async function makeCovers(ev) {
  if (ev) ev.preventDefault();
  clearErrors('body');
  coverURLs.forEach((u) => URL.revokeObjectURL(u));
  coverURLs = [];
  const box = $('cover-result');
  box.replaceChildren();
  const printers = selectedPrinters();
  if (!printers.length) {
    showError({ message: '--printer: choose at least one printer', field: 'p' });
    return;
  }
  const refit = document.querySelector('input[name=cover-mode]:checked').value === 'refit';
  if (refit && !$('from').files[0]) {
    showError({ message: '--from: choose the finished cover to re-fit', field: 'from' });
    return;
  }
  if (!refit && (!$('front').files[0] || !$('back').files[0])) {
    showError({ message: '--front and --back are required: choose the front and back art', field: $('front').files[0] ? 'back' : 'front' });
    return;
  }
  const figs = [];
  for (const id of printers) {
    const name = (catalog.printers.find((p) => p.id === id) || { name: id }).name;
    try {
      const res = await withProgress('Making the ' + name + ' cover…', () => api('/api/cover', { method: 'POST', body: coverData(id) }));
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      coverURLs.push(url);
      const file = (/filename=([^;]+)/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || id + '_cover.pdf';
      const notes = headerText(res, 'X-Coverkit-Notes');
      const fig = document.createElement('figure');
      fig.className = 'preview';
      fig.dataset.printer = id;
      const cap = document.createElement('figcaption');
      cap.textContent = name + ' cover';
      const obj = document.createElement('object');
      obj.type = 'application/pdf';
      obj.data = url;
      obj.setAttribute('aria-label', 'The ' + name + ' cover');
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      a.className = 'button';
      a.textContent = 'Download ' + file;
      obj.append(a.cloneNode(true));
      const ul = document.createElement('ul');
      ul.className = 'notes';
      for (const n of notes.split('\n').filter(Boolean)) ul.append(Object.assign(document.createElement('li'), { textContent: n }));
      fig.append(cap, obj, a, ul);
      figs.push(fig);
      box.replaceChildren(...figs);
    } catch (err) {
      showError(err, err.field ? '' : 'front');
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = name + ': ' + err.message;
      figs.push(p);
      box.replaceChildren(...figs);
    }
  }
}

// ---------- barcode ----------

function scheduleBarcode() {
  clearTimeout(barcodeTimer);
  barcodeTimer = setTimeout(updateBarcode, 200);
  saveURL();
}

function barcodeParams(format) {
  const q = new URLSearchParams();
  for (const f of CODE_FIELDS) {
    const v = $(f).value.trim();
    if (v) q.set(f, v);
  }
  if (!$('price').value.trim()) q.delete('currency');
  q.set('format', format);
  return q;
}

async function updateBarcode() {
  clearErrors('#barcode-form');
  $('error-general').hidden = true;
  if (!$('isbn').value.trim()) {
    $('barcode-preview').replaceChildren();
    $('barcode-downloads').replaceChildren();
    $('barcode-desc').textContent = 'Type an ISBN to see its barcode.';
    return;
  }
  try {
    const res = await withProgress('Drawing the barcode…', () => api('/api/barcode?' + barcodeParams('svg').toString()));
    const desc = headerText(res, 'X-Coverkit-Barcode');
    const blob = await res.blob();
    if (barcodeURL) URL.revokeObjectURL(barcodeURL);
    barcodeURL = URL.createObjectURL(blob);
    const img = document.createElement('img');
    img.src = barcodeURL;
    img.alt = 'Barcode: ' + desc;
    $('barcode-preview').replaceChildren(img);
    $('barcode-desc').textContent = desc;
    $('barcode-downloads').replaceChildren(...['pdf', 'svg', 'png'].map((f) => {
      const a = document.createElement('a');
      const q = barcodeParams(f);
      q.set('download', '1');
      a.href = '/api/barcode?' + q.toString();
      a.textContent = f.toUpperCase();
      a.setAttribute('aria-label', 'Download the barcode as ' + f.toUpperCase());
      return a;
    }));
  } catch (err) {
    $('barcode-preview').replaceChildren();
    $('barcode-downloads').replaceChildren();
    $('barcode-desc').textContent = '';
    showError(err, 'isbn');
  }
}

// ---------- tabs ----------

function selectTab(name, focus) {
  for (const t of document.querySelectorAll('[role=tab]')) {
    const on = t.id === 'tab-' + name;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
    if (on && focus) t.focus();
  }
  const barcode = name === 'barcode';
  $('book').hidden = barcode;
  document.querySelector('main').classList.toggle('wide', barcode);
  if (barcode) updateBarcode();
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => { selectTab(t.id.replace('tab-', ''), false); saveURL(); });
    t.addEventListener('keydown', (e) => {
      let j = -1;
      if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
      if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
      if (e.key === 'Home') j = 0;
      if (e.key === 'End') j = tabs.length - 1;
      if (j >= 0) {
        e.preventDefault();
        selectTab(tabs[j].id.replace('tab-', ''), true);
        saveURL();
      }
    });
  });
}

// ---------- drag and drop ----------

function wireDrop(zoneID, inputID, after) {
  const zone = $(zoneID);
  const input = $(inputID);
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragover'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragover'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragover');
    if (e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event('change'));
    }
  });
  input.addEventListener('change', after);
}

// ---------- start ----------

async function init() {
  try {
    catalog = await (await api('/api/catalog')).json();
  } catch (err) {
    showError(err);
    return;
  }
  $('version').textContent = catalog.version || '';
  $('catalog-version').textContent = catalog.catalog || '';
  const box = $('printers');
  for (const p of catalog.printers) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = p.id;
    input.name = 'printer';
    label.append(input, ' ' + p.name);
    box.append(label);
  }
  fillSelect($('currency'), catalog.currencies.map((c) => [c, c]), 'USD');
  loadURL();
  box.addEventListener('change', () => { refreshLists(); scheduleSpine(); });
  $('binding').addEventListener('change', () => { refreshLists(); scheduleSpine(); });
  $('paper').addEventListener('change', scheduleSpine);
  $('trim').addEventListener('change', () => { $('custom-trim').hidden = $('trim').value !== 'custom'; scheduleSpine(); });
  for (const id of ['trim-w', 'trim-h', 'pages']) $(id).addEventListener('input', scheduleSpine);
  $('trim-unit').addEventListener('change', scheduleSpine);
  document.querySelectorAll('input[name=unit]').forEach((r) => r.addEventListener('change', scheduleSpine));
  $('book').addEventListener('submit', (e) => e.preventDefault());
  wireDrop('interior-drop', 'interior', readInterior);
  wireDrop('cover-drop', 'cover', () => clearErrors('#check-form'));
  $('check-form').addEventListener('submit', runCheck);
  $('barcode-form').addEventListener('submit', (e) => { e.preventDefault(); updateBarcode(); });
  for (const id of ['isbn', 'price']) $(id).addEventListener('input', scheduleBarcode);
  $('currency').addEventListener('change', scheduleBarcode);
  fillSelect($('from_printer'), catalog.printers.map((p) => [p.id, p.name]), 'kdp');
  document.querySelectorAll('input[name=cover-mode]').forEach((r) => r.addEventListener('change', () => {
    const refit = document.querySelector('input[name=cover-mode]:checked').value === 'refit';
    $('cover-new').hidden = refit;
    $('cover-refit').hidden = !refit;
  }));
  $('spine-picker').addEventListener('input', () => { $('spine_color').value = $('spine-picker').value; });
  wireDrop('front-drop', 'front', () => {});
  wireDrop('back-drop', 'back', () => {});
  wireDrop('from-drop', 'from', () => {});
  $('cover-form').addEventListener('submit', makeCovers);
  wireTabs();
  await updateSpine();
  document.body.dataset.ready = 'true';
}

init();
