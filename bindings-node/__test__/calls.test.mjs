// The calls corpus (core/tests/calls): template, schema, fillTotals and parse answer with
// core's result, or refuse with core's message, exactly as every other language does.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import * as zfxxgk from 'zfxxgk'
import { root } from './helpers.mjs'

const tests = join(root, 'core', 'tests')
const calls = join(tests, 'calls')
const { cases } = JSON.parse(readFileSync(join(calls, 'cases.json'), 'utf8'))

function makeCall(c) {
  switch (c.call) {
    case 'template':
      return () => zfxxgk.template(c.format, c.year)
    case 'schema':
      return () => zfxxgk.schema(c.format)
    case 'fill_totals':
      return () => zfxxgk.fillTotals(readFileSync(join(tests, c.report)))
    case 'parse':
      return () => zfxxgk.parse(readFileSync(join(tests, c.input)), c.kind)
    default:
      throw new Error(`unknown call ${c.call}`)
  }
}

test('the corpus is there', () => assert.ok(cases.length > 20))

for (const c of cases) {
  test(`call ${c.name}`, () => {
    const call = makeCall(c)
    const out = join(calls, `${c.name}.out.json`)
    if (existsSync(out)) {
      assert.deepEqual(call(), JSON.parse(readFileSync(out, 'utf8')))
      return
    }
    const refusal = JSON.parse(readFileSync(join(calls, `${c.name}.error.json`), 'utf8'))
    if (refusal.error === 'invalid_argument') {
      assert.throws(call, { name: 'RangeError', code: 'ZFXXGK_INVALID_ARGUMENT', message: refusal.message })
    } else {
      assert.throws(call, (error) => {
        assert.equal(error.code, 'ZFXXGK_INVALID_REPORT')
        const pairs = error.diagnostics.map((d) => [d.rule, d.path]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        assert.deepEqual(pairs, refusal.diagnostics)
        return true
      })
    }
  })
}
