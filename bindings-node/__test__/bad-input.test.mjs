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
