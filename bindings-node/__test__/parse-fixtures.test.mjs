// The parse-fixture corpus (core/tests/parse-fixtures): every case parses to the result the
// core test checked against the report's hand-checked figures (expected.json).
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { parse } from 'zfxxgk'
import { root } from './helpers.mjs'

const dir = join(root, 'core', 'tests', 'parse-fixtures')
const cases = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()

test('the parse corpus is there', () => assert.ok(cases.length >= 12))

for (const name of cases) {
  test(`parse fixture ${name}`, () => {
    const folder = join(dir, name)
    const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'))
    const input = readFileSync(join(folder, readdirSync(folder).find((f) => f.startsWith('input.'))))
    if (expected.error) {
      assert.throws(() => parse(input), { code: 'ZFXXGK_PARSE_ERROR', reason: expected.error.code })
      return
    }
    assert.deepEqual(parse(input), expected)
    assert.deepEqual(parse(new Uint8Array(input)), expected)
  })
}
