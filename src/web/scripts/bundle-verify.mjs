// Verifies an exported audit bundle in the browser itself, without trusting the server that served this page:
// the algorithm of docs/audit-algorithm.md (canonical JSON, SHA-256 hash chain, Merkle inclusion proof), with the
// browser's own SHA-256 (Web Crypto). The same checks as tools/verify-bundle.js, which is the path without JavaScript.
// Nothing leaves the browser: the file is read locally and no request is made.

const FORMAT = 'appeals-audit-bundle/1';
const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const HASHED_FIELDS = [
  'streamId',
  'streamType',
  'seq',
  'type',
  'payload',
  'actorId',
  'actorRole',
  'businessTime',
  'recordedTime',
  'prevHash',
];

const texts = JSON.parse(document.getElementById('bundle-verify-texts').textContent);
const form = document.getElementById('bundle-form');
const fileInput = document.getElementById('bundle-file');
const rootInput = document.getElementById('trusted-root');
const result = document.getElementById('bundle-result');

/** A text of the page's language with {{placeholders}} filled. */
function say(key, params = {}) {
  return String(texts[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name) => String(params[name] ?? ''));
}

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Canonical JSON: keys sorted by UTF-16 code units, no whitespace, undefined members left out. */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return '[' + value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',') + ']';
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
}

async function eventHash(event) {
  const fields = {};
  for (const name of HASHED_FIELDS) fields[name] = event[name];
  return sha256(canonicalJson(fields));
}

/** dd.MM.yyyy HH:mm in Astana time, as the pages write times. */
function astana(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Almaty',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** An event named in words: its number, what it recorded and when. */
function eventName(event, seq) {
  const what = (event && texts.events[event.type]) || texts.events['*'];
  return say('eventNamed', { seq, what, time: event && event.businessTime ? astana(event.businessTime) : '—' });
}

async function verify(bundle, trustedRoot) {
  const checks = [];
  const pass = (key, params) => checks.push({ ok: true, text: say(key, params) });
  const fail = (key, params) => checks.push({ ok: false, text: say(key, params) });

  if (!bundle || bundle.format !== FORMAT) {
    fail('formatWrong', { found: String(bundle && bundle.format) });
    return checks;
  }
  pass('formatOk');
  const events = Array.isArray(bundle.events) ? bundle.events : [];
  const caseId = bundle.case && bundle.case.id;
  if (events.length === 0) fail('noEvents');

  // The hash chain: the first broken link, named in words.
  let prev = GENESIS;
  let broken = null;
  for (let i = 0; i < events.length && !broken; i++) {
    const e = events[i];
    const seq = i + 1;
    if (!e || e.streamId !== caseId) broken = { seq, key: 'brokenStream' };
    else if (e.seq !== seq) broken = { seq, key: 'brokenSeq', params: { found: String(e.seq) } };
    else if (e.prevHash !== prev) broken = { seq, key: 'brokenPrev' };
    else {
      let recomputed;
      try {
        recomputed = await eventHash(e);
      } catch {
        recomputed = null;
      }
      if (recomputed !== e.hash) broken = { seq, key: 'brokenHash' };
      else prev = e.hash;
    }
  }
  if (broken)
    fail('chainBroken', { link: eventName(events[broken.seq - 1], broken.seq), why: say(broken.key, broken.params) });
  else if (events.length) pass('chainOk', { count: events.length });

  // The leaf is the head of this chain.
  const leaf = bundle.leaf || {};
  const last = events[events.length - 1] || {};
  let leafHash = null;
  if (leaf.streamId !== caseId || leaf.lastSeq !== last.seq || leaf.lastHash !== last.hash) fail('leafNotLast');
  else {
    leafHash = await sha256(`${leaf.streamId}:${leaf.lastSeq}:${leaf.lastHash}`);
    if (leafHash !== leaf.hash) fail('leafHashWrong');
    else pass('leafOk', { seq: leaf.lastSeq });
  }

  // The inclusion proof folds the leaf up to the digest root.
  const digest = bundle.digest || {};
  const proof = Array.isArray(bundle.inclusionProof) ? bundle.inclusionProof : null;
  if (!proof || !HEX64.test(String(digest.root))) fail('noProof');
  else {
    let current = await sha256(`${leaf.streamId}:${leaf.lastSeq}:${leaf.lastHash}`);
    let malformed = false;
    for (const step of proof) {
      if (!step || !HEX64.test(String(step.hash)) || (step.side !== 'left' && step.side !== 'right')) malformed = true;
      else current = step.side === 'left' ? await sha256(step.hash + current) : await sha256(current + step.hash);
    }
    if (malformed) fail('proofMalformed');
    else if (current !== digest.root) fail('proofWrong');
    else
      pass('proofOk', {
        steps: proof.length,
        root: digest.root,
        time: digest.recordedAt ? astana(digest.recordedAt) : '—',
      });
  }
  if (trustedRoot) {
    if (digest.root === trustedRoot) pass('trustedOk');
    else fail('trustedWrong', { root: String(digest.root) });
  }

  // The case header agrees with the chain it heads.
  const c = bundle.case || {};
  if (c.version === last.seq && c.lastHash === last.hash) pass('headOk');
  else if (typeof c.version === 'number' && c.version > (last.seq || 0)) pass('headMovedOn', { seq: last.seq });
  else fail('headWrong');
  return checks;
}

function show(ok, headline, checks, note) {
  result.replaceChildren();
  result.className = `app-bundle-result ${ok ? 'app-bundle-result--ok' : 'app-bundle-result--fail'}`;
  const h = document.createElement('h2');
  h.className = 'govuk-heading-m';
  h.textContent = headline;
  result.append(h);
  if (checks.length) {
    const list = document.createElement('ul');
    list.className = 'govuk-list';
    for (const check of checks) {
      const item = document.createElement('li');
      const tag = document.createElement('strong');
      tag.className = `govuk-tag ${check.ok ? 'govuk-tag--green' : 'govuk-tag--red'}`;
      tag.textContent = check.ok ? texts.ok : texts.failed;
      item.append(tag, ' ', check.text);
      item.dataset.ok = String(check.ok);
      list.append(item);
    }
    result.append(list);
  }
  if (note) {
    const p = document.createElement('p');
    p.className = 'govuk-body';
    p.textContent = note;
    result.append(p);
  }
  result.hidden = false;
  result.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = fileInput.files && fileInput.files[0];
  if (!file) return show(false, texts.chooseFile, [], null);
  if (!window.crypto || !crypto.subtle) return show(false, texts.noWebCrypto, [], null);
  const trusted = rootInput.value.trim().toLowerCase();
  if (trusted && !HEX64.test(trusted)) return show(false, texts.rootInvalid, [], null);
  let bundle;
  try {
    bundle = JSON.parse(await file.text());
  } catch {
    return show(false, texts.notJson, [], null);
  }
  const checks = await verify(bundle, trusted || null);
  const ok = checks.every((c) => c.ok);
  const c = (bundle && bundle.case) || {};
  const headline = say(ok ? 'verified' : 'notVerified', { file: file.name });
  show(ok, headline, checks, ok && !trusted ? say('compareRoot', { root: bundle.digest.root }) : c.id ? null : null);
});

form.hidden = false;
document.getElementById('bundle-needs-js').hidden = true;
