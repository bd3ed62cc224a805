// The shared fixture corpus: the same diagnostics as core (diagnostics.json, every field),
// from a Buffer, a string and, where case.json allows it, an object.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { validate, isValid } from 'zfxxgk'
import { cases, pairs, sortedPairs } from './helpers.mjs'

const all = cases()

test('the corpus is there', () => assert.ok(all.length > 40))

for (const c of all) {
  test(`fixture ${c.name}`, () => {
    const { max_input_bytes: maxInputBytes, max_diagnostics: maxDiagnostics } = c.meta
    const options = c.previous || maxInputBytes || maxDiagnostics ? { previous: c.previous, maxInputBytes, maxDiagnostics } : undefined
    const fromBuffer = validate(c.report, options)
    assert.deepEqual(pairs(fromBuffer), sortedPairs(c.expected))
    assert.deepEqual(fromBuffer, c.diagnostics)
    assert.deepEqual(validate(new Uint8Array(c.report), options), fromBuffer)
    const text = new TextDecoder('utf-8', { fatal: false }).decode(c.report)
    if (!text.includes('\ufffd')) assert.deepEqual(validate(text, options), fromBuffer)
    // JavaScript numbers cannot hold integers beyond 2^53, nor tell 1.0 from 1: those
    // fixtures (js_exact false) compare text and bytes only.
    if (!c.meta.native || !c.meta.js_exact) return
    const parsed = JSON.parse(text.replace(/^\ufeff/, ''))
    assert.deepEqual(validate(parsed, options), fromBuffer)
    assert.equal(isValid(parsed, options), !fromBuffer.some((d) => d.severity === 'error'))
  })
}
