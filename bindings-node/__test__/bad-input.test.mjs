// Input that is not a report: a diagnostic, never a crash.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as zfxxgk from 'zfxxgk'
import { validate, validateAsync } from 'zfxxgk'
import { county } from './helpers.mjs'

const errors = (diagnostics) => diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.path]).sort()

test('a cyclic object', () => {
  const report = county()
  report.extensions = { self: report }
  assert.deepEqual(errors(validate(report)), [['DOC-TOO-DEEP', '']])
})

test('100,000-deep nesting, as an object and as text', () => {
  let deep = {}
  for (let i = 0; i < 100_000; i++) deep = { x: deep }
  assert.deepEqual(errors(validate(deep)), [['DOC-TOO-DEEP', '']])
  assert.deepEqual(errors(validate('['.repeat(100_000) + ']'.repeat(100_000))), [['DOC-TOO-DEEP', '']])
})

test('NaN, Infinity, undefined and BigInt are read faithfully', () => {
  const report = county()
  report.requests.new.natural_person = NaN
  report.requests.new.commercial = Infinity
  report.requests.new.research = undefined
  report.appeals.review.upheld = 2n // exact: same as 2
  report.appeals.litigation_direct.upheld = 18446744073709551616n // 2^64
  assert.deepEqual(errors(validate(report)), [
    ['S-RANGE', '/appeals/litigation_direct/upheld'],
    ['S-TYPE', '/requests/new/commercial'],
    ['S-TYPE', '/requests/new/natural_person'],
    ['S-TYPE', '/requests/new/research'],
  ])
})

test('a blank cell is still a blank cell', () => {
  const report = county()
  report.requests.new.research = null
  assert.deepEqual(validate(report).filter((d) => d.rule === 'CELL-BLANK').map((d) => d.path), ['/requests/new/research'])
})

test('bytes that are not UTF-8', () => {
  const gbk = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xd5, 0xfe, 0x22, 0x7d])
  assert.deepEqual(errors(validate(gbk)), [['DOC-NOT-JSON', '']])
})

test('a 50 MB string, synchronously and off the main thread', async () => {
  const report = county()
  report.extensions = { pages: Array(4400).fill('政务公开'.repeat(1000)) }
  const text = JSON.stringify(report)
  assert.ok(Buffer.byteLength(text) > 50_000_000)
  assert.deepEqual(errors(validate(text)), [])
  assert.deepEqual(errors(await validateAsync(Buffer.from(text))), [])
  assert.deepEqual(errors(validate('x'.repeat(50_000_000))), [['DOC-NOT-JSON', '']])
})

test('half a surrogate pair is read as U+FFFD, as in Python; an escaped backslash stays text', () => {
  const report = county()
  report.organ = '\ud800县'
  report.title = 'a\\ud800b' // a backslash, then the letters ud800
  report.requests.new['\udc00'] = 1
  assert.deepEqual(errors(validate(report)), [['S-UNKNOWN', '/requests/new/\ufffd']])
  assert.equal(report.organ, '\ud800县') // the caller's object is untouched
  const wellFormed = county()
  wellFormed.organ = '\ufffd县'
  wellFormed.title = 'a\\ud800b'
  assert.deepEqual(validate({ ...report, requests: county().requests }), validate(wellFormed))
})

test('input above the size limit is not read, in every entry point', async () => {
  const report = county()
  const text = JSON.stringify(report)
  for (const input of [text, Buffer.from(text), report]) {
    const found = zfxxgk.validate(input, { maxInputBytes: 100 })
    assert.deepEqual(found.map((d) => d.rule), ['DOC-TOO-LARGE'])
    assert.equal(found[0].params.limit, 100)
    assert.deepEqual(await zfxxgk.validateAsync(input, { maxInputBytes: 100 }), found)
  }
  assert.deepEqual(zfxxgk.validate(text, { maxInputBytes: Buffer.byteLength(text) }), zfxxgk.validate(report))
  assert.throws(() => zfxxgk.validate(text, { maxInputBytes: 0 }), { name: 'RangeError' })
})

test('validateAsync reads its own copy: the caller may overwrite its Buffer at once', async () => {
  const bytes = Buffer.from(JSON.stringify(county()))
  const want = zfxxgk.validate(bytes)
  const pending = []
  for (let i = 0; i < 50; i++) {
    pending.push(zfxxgk.validateAsync(bytes))
    bytes.fill(0x20, 0, bytes.length) // now only spaces: not JSON at all
    bytes.set(Buffer.from(JSON.stringify(county())))
  }
  // Every call saw the report as it was when passed (whole), never a torn mixture.
  for (const got of await Promise.all(pending)) assert.deepEqual(got, want)
})

test("what the caller's getters, Proxy traps and toJSON throw reaches the caller, and each runs once", () => {
  for (const make of [
    (report) => Object.defineProperty(report.requests, 'new', { get: () => { throw new Error('getter says no') }, enumerable: true }),
    (report) => { report.requests = new Proxy(report.requests, { ownKeys: () => { throw new Error('trap says no') } }) },
    (report) => { report.extensions = { toJSON: () => { throw new Error('toJSON says no') } } },
    (report) => Object.defineProperty(report, 'year', { get: () => { throw new RangeError('a range error of its own') }, enumerable: true }),
  ]) {
    const report = county()
    make(report)
    assert.throws(() => validate(report), /says no|of its own/)
    assert.throws(() => zfxxgk.fillTotals(report), /says no|of its own/)
  }
  for (const call of [validate, zfxxgk.fillTotals]) {
    const report = county()
    let reads = 0
    const natural = report.requests.new.natural_person
    Object.defineProperty(report.requests.new, 'natural_person', { get: () => ++reads && natural, enumerable: true })
    call(report)
    assert.equal(reads, 1, call.name)
  }
})

test("a caller's string cannot pass for the BigInt mark", () => {
  const report = county()
  report.requests.new.natural_person = '\u0000zfxxgk-bigint:217'
  assert.deepEqual(errors(validate(report)), [['S-TYPE', '/requests/new/natural_person']])
})

test('shared parts (x = [x, x] 24 times) are refused before they are written out', () => {
  let x = [1]
  for (let i = 0; i < 24; i++) x = [x, x]
  const report = county()
  report.extensions = { x }
  assert.deepEqual(errors(validate(report)), [['DOC-TOO-LARGE', '']])
  assert.throws(() => zfxxgk.fillTotals(report), (e) => e.code === 'ZFXXGK_INVALID_REPORT' && e.diagnostics[0].rule === 'DOC-TOO-LARGE')
  assert.throws(() => validate(county(), { previous: report }), RangeError)
})

test('fillTotals keeps every value it does not compute as given, and the argument unchanged', () => {
  const report = county()
  const when = new Date(0)
  const symbol = Symbol('s')
  report.extensions = { big: 2n ** 70n, nan: NaN, none: undefined, symbol, when, list: [1, undefined, 2n] }
  report.requests.new.total = 0
  const before = JSON.stringify(report, (k, v) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? 'undefined' : v))
  const filled = zfxxgk.fillTotals(report)
  assert.equal(JSON.stringify(report, (k, v) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? 'undefined' : v)), before)
  assert.equal(report.requests.new.total, 0)
  assert.notEqual(filled.requests.new.total, 0)
  const parts = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other']
  assert.equal(filled.requests.new.total, parts.reduce((sum, key) => sum + report.requests.new[key], 0))
  assert.equal(filled.extensions.big, 2n ** 70n)
  assert.ok(Number.isNaN(filled.extensions.nan))
  assert.ok(Object.hasOwn(filled.extensions, 'none') && filled.extensions.none === undefined)
  assert.equal(filled.extensions.symbol, symbol)
  assert.equal(filled.extensions.when, when)
  assert.deepEqual(filled.extensions.list, [1, undefined, 2n])
  assert.notEqual(filled.requests, report.requests)
  // Parts given as BigInt add up exactly, beyond 2^53.
  const big = county()
  for (const key of parts) big.requests.new[key] = 0
  big.requests.new.natural_person = 2n ** 60n
  big.requests.new.other = 1n
  assert.equal(zfxxgk.fillTotals(big).requests.new.total, 2n ** 60n + 1n)
  // A key written twice in text is refused, not collapsed.
  const twice = JSON.stringify(county()).replace('"natural_person":', '"natural_person":1,"natural_person":')
  assert.throws(() => zfxxgk.fillTotals(twice), (e) => e.diagnostics[0].rule === 'S-DUPLICATE')
})
