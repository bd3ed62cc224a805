// The dependency-free arithmetic module agrees exactly with the core on the fixture corpus.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import rules from 'zfxxgk/rules.json' with { type: 'json' }
import { checkArithmetic, computeTotals, fillBlankTotals } from 'zfxxgk/arithmetic'
import { fillTotals, validate } from 'zfxxgk'
import { cases, county, root } from './helpers.mjs'

const ARITHMETIC = new Set(['T3-ROW-TOTAL', 'T3-OUTCOME-TOTAL', 'T3-BALANCE', 'T4-TOTAL'])

test('the shipped rules.json is the published one', () => {
  assert.equal(readFileSync(join(root, 'bindings-node', 'rules.json'), 'utf8'), readFileSync(join(root, 'schemas', 'rules.json'), 'utf8'))
})

let compared = 0
for (const c of cases()) {
  let report
  try {
    report = JSON.parse(c.report.toString('utf8').replace(/^\ufeff/, ''))
  } catch {
    continue
  }
  if (report === null || typeof report !== 'object' || Array.isArray(report) || typeof report.format !== 'string') continue
  if (!Object.hasOwn(rules.formats, report.format)) continue
  const core = validate(c.report)
  // Structurally broken documents are read differently by JS (1.0 is 1); they are core's to report.
  if (core.some((d) => d.rule.startsWith('S-') || d.rule.startsWith('DOC-NOT') || d.rule === 'DOC-TOO-DEEP')) continue
  // Numbers JavaScript does not hold as written (beyond 2^53, 1.0, -0.0): see case.json.
  if (!c.meta.js_exact) continue
  compared++
  test(`fixture ${c.name}: checkArithmetic and computeTotals agree with the core`, () => {
    assert.deepEqual(checkArithmetic(report, rules), core.filter((d) => ARITHMETIC.has(d.rule)))
    assert.deepEqual(computeTotals(report, rules), fillTotals(report))
    // A blank total stands for its parts: writing it in changes nothing the checker says.
    const blanksFilled = fillBlankTotals(report, rules)
    assert.deepEqual(validate(JSON.stringify(blanksFilled)).filter((d) => ARITHMETIC.has(d.rule)), core.filter((d) => ARITHMETIC.has(d.rule)))
  })
}

test('enough fixtures were compared', () => assert.ok(compared > 30, `${compared}`))

test('fillBlankTotals fills only the blank totals, from the parts as written', () => {
  const report = county()
  report.requests.new.total = null
  report.requests.new.research = 5 // the row now adds up to 223
  report.appeals.review.total = 999 // written: kept, and still wrong
  const before = structuredClone(report)
  const filled = fillBlankTotals(report, rules)
  assert.deepEqual(report, before)
  assert.equal(filled.requests.new.total, 223)
  assert.equal(filled.appeals.review.total, 999)
  assert.deepEqual(
    checkArithmetic(filled, rules).map((d) => d.path),
    checkArithmetic(report, rules).map((d) => d.path),
  )
  assert.ok(checkArithmetic(filled, rules).some((d) => d.path === '/appeals/review/total'))
})

test('computeTotals does not change its argument and makes the report valid', () => {
  const report = county()
  report.requests.outcomes.disclosed.natural_person = 72
  report.requests.new.natural_person = 218
  const before = structuredClone(report)
  const filled = computeTotals(report, rules)
  assert.deepEqual(report, before)
  assert.deepEqual(checkArithmetic(filled, rules), [])
  assert.throws(() => computeTotals({ format: '2020' }, rules), TypeError)
})
