// The Node API: results, misuse, errors with codes, ownership.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import * as zfxxgk from 'zfxxgk'
import { county, root } from './helpers.mjs'

const require = createRequire(import.meta.url)

test('CommonJS and ES module entries are the same functions', () => {
  const cjs = require('zfxxgk')
  assert.equal(cjs.validate, zfxxgk.validate)
  assert.equal(zfxxgk.default.validate, zfxxgk.validate)
})

test('version is the Cargo version and the package version', () => {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1]
  const pkg = JSON.parse(readFileSync(join(root, 'bindings-node', 'package.json'), 'utf8'))
  assert.equal(zfxxgk.version, cargo)
  assert.equal(pkg.version, cargo)
})

test('a diagnostic is the record of the contract', () => {
  const report = county()
  report.requests.outcomes.disclosed.total = 70
  assert.deepEqual(zfxxgk.validate(report)[0], {
    rule: 'T3-ROW-TOTAL',
    severity: 'error',
    path: '/requests/outcomes/disclosed/total',
    label: '表三 · （一）予以公开 · 总计',
    label_en: 'Table 3 · (1) Disclosed · total',
    message: '「表三 · （一）予以公开 · 总计」应为 71（各列之和），实际填报 70',
    message_en: 'Table 3 · (1) Disclosed · total: total should be 71 (sum of the columns), reported 70',
    expected: 71,
    actual: 70,
    related: ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other'].map(
      (c) => `/requests/outcomes/disclosed/${c}`,
    ),
    params: {},
  })
})

test('params hold what fills the message', () => {
  const report = county()
  report.requests.carried_forward.natural_person += 1
  const d = zfxxgk.validate(report).find((x) => x.rule === 'T3-BALANCE')
  assert.deepEqual(Object.keys(d.params).sort(), ['carried_over', 'handled', 'new'])
  assert.equal(d.expected, d.params.new + d.params.carried_over - d.params.handled)
  const typo = county()
  typo.orgn = typo.organ
  delete typo.organ
  const u = zfxxgk.validate(typo).find((x) => x.rule === 'S-UNKNOWN')
  assert.deepEqual(u.params, { key: 'orgn', suggestion: 'organ' })
})

test('object, string and Buffer give the same answer', () => {
  const report = county()
  report.appeals.review.total = 9
  const text = JSON.stringify(report)
  assert.deepEqual(zfxxgk.validate(text), zfxxgk.validate(report))
  assert.deepEqual(zfxxgk.validate(Buffer.from(text)), zfxxgk.validate(report))
})

test('check throws an Error with a code and the diagnostics', () => {
  const report = county()
  zfxxgk.check(report)
  report.appeals.review.total = 9
  assert.throws(() => zfxxgk.check(report), (e) => {
    assert.equal(e.code, 'ZFXXGK_INVALID_REPORT')
    assert.equal(e.diagnostics[0].rule, 'T4-TOTAL')
    assert.match(e.message, /T4-TOTAL at \/appeals\/review\/total/)
    return true
  })
})

test('fillTotals returns a new object and leaves the argument alone', () => {
  const report = county()
  report.requests.new.total = 5
  const before = structuredClone(report)
  const filled = zfxxgk.fillTotals(report)
  assert.deepEqual(report, before)
  assert.equal(filled.requests.new.total, 218)
  assert.ok(zfxxgk.isValid(filled))
  assert.throws(() => zfxxgk.fillTotals({ format: '2020' }), { code: 'ZFXXGK_INVALID_REPORT' })
})

test('templates, schemas and rules', () => {
  const blank = zfxxgk.template('2019', 2020)
  assert.equal(blank.format, '2019')
  assert.ok(zfxxgk.isValid(blank))
  assert.equal(zfxxgk.schema().$id, 'urn:zfxxgk:schema:report')
  assert.deepEqual(zfxxgk.schema('2021'), JSON.parse(readFileSync(join(root, 'schemas', 'report-2021.schema.json'), 'utf8')))
  assert.equal(zfxxgk.schema('diagnostic').title, '诊断记录')
  assert.ok(zfxxgk.rules().some((r) => r.id === 'T3-BALANCE' && r.message && r.message_en))
})

test('misuse throws TypeError or RangeError with a code', () => {
  for (const bad of [5, null, undefined, [1], true, () => 1]) {
    assert.throws(() => zfxxgk.validate(bad), { name: 'TypeError', code: 'ZFXXGK_INVALID_ARGUMENT' })
  }
  assert.throws(() => zfxxgk.validate({}, 'x'), { name: 'TypeError', code: 'ZFXXGK_INVALID_ARGUMENT' })
  assert.throws(() => zfxxgk.validate({}, { maxDiagnostics: 0 }), { name: 'RangeError' })
  assert.throws(() => zfxxgk.template('2020', 2024), { name: 'RangeError', code: 'ZFXXGK_INVALID_ARGUMENT' })
  assert.throws(() => zfxxgk.template('2021', 2.5), { name: 'RangeError' })
  assert.throws(() => zfxxgk.schema('2022'), { name: 'RangeError' })
  assert.rejects(() => zfxxgk.validateAsync(42), { name: 'TypeError' })
})

test('previous enables the cross-year rules; maxDiagnostics caps', () => {
  const report = county()
  const previous = { ...county(), year: 2023, organ: '别的机关' }
  assert.ok(zfxxgk.validate(report, { previous }).some((d) => d.rule === 'X-ORGAN'))
  for (const key of Object.keys(report.requests.new)) report.requests.new[key] = null
  const capped = zfxxgk.validate(report, { maxDiagnostics: 3 })
  assert.equal(capped.filter((d) => d.rule !== 'DOC-TRUNCATED').length, 3)
  assert.deepEqual(
    capped.slice(3).map((d) => [d.params.rule, d.params.count]),
    [['CELL-BLANK', 4], ['T3-BALANCE', 3]],
  )
})

test('parse reads a published page; what is not a report throws with a reason', () => {
  const page = readFileSync(join(root, 'core', 'tests', 'corpus', 'pt-gwh-2024', 'input.html'))
  const parsed = zfxxgk.parse(page)
  assert.equal(parsed.report.requests.new.total, 218)
  assert.ok(zfxxgk.isValid(parsed.report))
  assert.deepEqual(zfxxgk.parse(page.toString('utf8'), 'html').report, parsed.report)
  assert.throws(() => zfxxgk.parse('某局2016年政府信息公开工作年度报告\n一、概述'), {
    code: 'ZFXXGK_PARSE_ERROR',
    reason: 'SECTION_MISSING',
  })
  assert.throws(() => zfxxgk.parse({}), { name: 'TypeError' })
  assert.throws(() => zfxxgk.parse('x', 'rtf'), { name: 'RangeError' })
})
