#!/usr/bin/env node
'use strict';
/**
 * Verifies an appeals audit bundle (GET /api/v1/cases/{id}/export) offline, with nothing but Node.js.
 * It re-implements docs/audit-algorithm.md and imports nothing from the service:
 *   1. every event's hash = SHA-256 of the canonical JSON of its fields (all but `hash`);
 *   2. the chain: seq 1, 2, 3 …, prev_hash of seq 1 = 64 zeros, each prev_hash = the previous hash;
 *   3. the leaf = the last event (streamId, seq, hash), its hash = SHA-256("streamId:lastSeq:lastHash");
 *   4. the inclusion proof folds the leaf hash up to the digest root;
 *   5. optionally (--root HEX) that root is the one you obtained from elsewhere (a published digest).
 *
 * Usage: node tools/verify-bundle.js BUNDLE.json [--json] [--root HEX]
 * Exit: 0 verified, 1 verification failed, 2 bad usage or unreadable bundle.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const FORMAT = 'appeals-audit-bundle/1';
const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Canonical JSON: keys sorted by UTF-16 code units, no whitespace, undefined members left out. */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return '[' + value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',') + ']';
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
}

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

function eventHash(event) {
  const fields = {};
  for (const name of HASHED_FIELDS) fields[name] = event[name];
  return sha256(canonicalJson(fields));
}

function verify(bundle, expectedRoot) {
  const checks = [];
  const fail = (check, detail) => checks.push({ check, ok: false, detail });
  const pass = (check, detail) => checks.push({ check, ok: true, detail });

  if (!bundle || bundle.format !== FORMAT) {
    fail('format', `expected "${FORMAT}", found ${JSON.stringify(bundle && bundle.format)}`);
    return checks;
  }
  pass('format', FORMAT);
  const events = Array.isArray(bundle.events) ? bundle.events : [];
  const caseId = bundle.case && bundle.case.id;
  if (events.length === 0) fail('events', 'the bundle has no events');

  // 1–2: the hash chain, first broken link reported.
  let prev = GENESIS;
  let brokenAt = null;
  for (let i = 0; i < events.length && !brokenAt; i++) {
    const e = events[i];
    const seq = i + 1;
    if (e.streamId !== caseId)
      brokenAt = { seq, problem: 'stream', detail: `event of stream ${e.streamId}, not of case ${caseId}` };
    else if (e.seq !== seq) brokenAt = { seq, problem: 'seq-gap', detail: `expected seq ${seq}, found ${e.seq}` };
    else if (e.prevHash !== prev)
      brokenAt = { seq, problem: 'prev-hash-mismatch', detail: `expected prevHash ${prev}, found ${e.prevHash}` };
    else {
      let recomputed;
      try {
        recomputed = eventHash(e);
      } catch (error) {
        recomputed = `(cannot hash: ${error.message})`;
      }
      if (recomputed !== e.hash)
        brokenAt = { seq, problem: 'hash-mismatch', detail: `recomputed ${recomputed}, stored ${e.hash}` };
      else prev = e.hash;
    }
  }
  if (brokenAt) fail('chain', `seq ${brokenAt.seq}: ${brokenAt.problem} — ${brokenAt.detail}`);
  else if (events.length) pass('chain', `${events.length} events, seq 1–${events.length}, every hash recomputed`);

  // 3: the leaf is the head of this chain.
  const leaf = bundle.leaf || {};
  const last = events[events.length - 1] || {};
  if (leaf.streamId !== caseId || leaf.lastSeq !== last.seq || leaf.lastHash !== last.hash) {
    fail(
      'leaf',
      `the leaf (${leaf.streamId}:${leaf.lastSeq}:${leaf.lastHash}) is not the last event (${last.streamId}:${last.seq}:${last.hash})`,
    );
  } else {
    const leafHash = sha256(`${leaf.streamId}:${leaf.lastSeq}:${leaf.lastHash}`);
    if (leafHash !== leaf.hash) fail('leaf', `leaf hash recomputed ${leafHash}, bundle says ${leaf.hash}`);
    else pass('leaf', `${leaf.streamId}:${leaf.lastSeq} → ${leafHash}`);
  }

  // 4: the inclusion proof reaches the digest root.
  const digest = bundle.digest || {};
  const proof = Array.isArray(bundle.inclusionProof) ? bundle.inclusionProof : null;
  if (!proof || !HEX64.test(String(digest.root))) fail('inclusion', 'no inclusion proof or no digest root');
  else {
    let current = sha256(`${leaf.streamId}:${leaf.lastSeq}:${leaf.lastHash}`);
    let bad = null;
    for (const step of proof) {
      if (!step || !HEX64.test(String(step.hash)) || (step.side !== 'left' && step.side !== 'right'))
        bad = 'a malformed proof step';
      else current = step.side === 'left' ? sha256(step.hash + current) : sha256(current + step.hash);
    }
    if (bad) fail('inclusion', bad);
    else if (current !== digest.root)
      fail('inclusion', `the proof arrives at ${current}, not at the digest root ${digest.root}`);
    else {
      const about =
        digest.id == null
          ? 'a root computed at export, not recorded'
          : `digest ${digest.id}${digest.leafCount ? `, ${digest.leafCount} streams` : ''}, recorded ${digest.recordedAt}`;
      pass('inclusion', `${proof.length} steps up to root ${digest.root} (${about})`);
    }
  }
  if (expectedRoot) {
    if (digest.root === expectedRoot) pass('trusted-root', `the digest root is the one given with --root`);
    else fail('trusted-root', `the digest root ${digest.root} is not the one given with --root (${expectedRoot})`);
  }

  // The case header agrees with the chain it heads (it may be older than the chain only if the case moved on after the digest).
  const c = bundle.case || {};
  if (c.version === last.seq && c.lastHash === last.hash) pass('case-head', `case version ${c.version} = last event`);
  else if (typeof c.version === 'number' && c.version > (last.seq || 0))
    pass(
      'case-head',
      `the case moved on to version ${c.version} after the digest; the bundle proves seq 1–${last.seq}`,
    );
  else
    fail(
      'case-head',
      `case version ${c.version} / lastHash ${c.lastHash} does not match the last event ${last.seq} / ${last.hash}`,
    );
  return checks;
}

function main(argv) {
  const args = argv.slice(2);
  const json = args.includes('--json');
  const rootAt = args.indexOf('--root');
  const expectedRoot = rootAt >= 0 ? args[rootAt + 1] : undefined;
  const files = args.filter((a, i) => !a.startsWith('--') && !(rootAt >= 0 && i === rootAt + 1));
  if (files.length !== 1 || (rootAt >= 0 && !HEX64.test(String(expectedRoot)))) {
    process.stderr.write('Usage: node tools/verify-bundle.js BUNDLE.json [--json] [--root HEX64]\n');
    return 2;
  }
  let bundle;
  try {
    bundle = JSON.parse(readFileSync(files[0], 'utf8'));
  } catch (error) {
    process.stderr.write(`Cannot read ${files[0]}: ${error.message}\n`);
    return 2;
  }
  const checks = verify(bundle, expectedRoot);
  const ok = checks.every((c) => c.ok);
  if (json) {
    process.stdout.write(
      JSON.stringify(
        { ok, caseId: bundle.case && bundle.case.id, root: bundle.digest && bundle.digest.root, checks },
        null,
        2,
      ) + '\n',
    );
  } else {
    const c = bundle.case || {};
    process.stdout.write(
      `Case ${c.id} (${c.bodyCode}, ${c.direction}, ${c.cycle}) — ${ok ? 'VERIFIED' : 'NOT VERIFIED'}\n`,
    );
    for (const check of checks)
      process.stdout.write(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}\n`);
    if (ok && !expectedRoot)
      process.stdout.write(
        `  Compare the root ${bundle.digest.root} with a digest you obtained independently (GET /api/v1/audit/digests), or pass it with --root.\n`,
      );
  }
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv);
