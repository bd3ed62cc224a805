// Totals and 勾稽关系 in the browser or in Node, with no dependencies and no build step:
// evaluates rules.json (generated from the zfxxgk rule registry) on a report object.
//
//   import rules from 'zfxxgk/rules.json' with { type: 'json' }   // or: await (await fetch(url)).json()
//   import { computeTotals, checkArithmetic } from 'zfxxgk/arithmetic'
//   const filled = computeTotals(report, rules)        // a new object, every 总计 computed
//   const blanks = fillBlankTotals(report, rules)      // only the blank 总计 filled in
//   const problems = checkArithmetic(report, rules)    // the diagnostics of the arithmetic rules
//
// The tests check that both agree exactly with the core (fillTotals / validate).

// The pointers come from rules.json (a few hundred, fixed): each is split once.
const pointerKeys = new Map()
function keysOf(pointer) {
  let keys = pointerKeys.get(pointer)
  if (keys === undefined) {
    keys = pointer
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    if (pointerKeys.size < 10000) pointerKeys.set(pointer, keys)
  }
  return keys
}

function get(doc, pointer) {
  let node = doc
  for (const key of keysOf(pointer)) {
    if (node === null || typeof node !== 'object') return undefined
    node = node[key]
  }
  return node
}

function set(doc, pointer, value) {
  const keys = keysOf(pointer)
  let parent = doc
  for (let i = 0; i < keys.length - 1 && parent !== undefined; i++) {
    parent = parent !== null && typeof parent === 'object' ? parent[keys[i]] : undefined
  }
  if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) parent[keys[keys.length - 1]] = value
}

const isCount = (v) => Number.isInteger(v) && v >= 0

/** A cell's value for arithmetic: a blank total stands for its parts, another blank for 0. */
function effective(doc, format, pointer) {
  const v = get(doc, pointer)
  if (isCount(v)) return v
  if (v !== null) return undefined // not a count: the structural check reports it
  const parts = format.blank_totals[pointer]
  if (!parts) return 0
  let sum = 0
  for (const p of parts) {
    const x = effective(doc, format, p)
    if (x === undefined) return undefined
    sum += x
  }
  return sum
}

function formatOf(report, rules) {
  const format =
    report && typeof report === 'object' && typeof report.format === 'string' && Object.hasOwn(rules.formats, report.format)
      ? rules.formats[report.format]
      : undefined
  if (!format) throw new TypeError(`not a report of a known template version: format ${JSON.stringify(report?.format)}`)
  return format
}

/** A new report with every total of tables 3 and 4 computed from its parts (blank parts count as 0). */
export function computeTotals(report, rules) {
  const format = formatOf(report, rules)
  const out = structuredClone(report)
  for (const sum of format.sums) {
    let total = 0
    let ok = true
    for (const p of sum.parts) {
      const v = get(out, p)
      if (v === null) continue
      if (!isCount(v)) {
        ok = false
        break
      }
      total += v
    }
    if (ok) set(out, sum.total, total)
  }
  return out
}

/**
 * A new report with each blank total written as the figure it stands for (the sum of its
 * parts, as the checker reads it); totals that were filled in are kept, so they are still
 * checked as written.
 */
export function fillBlankTotals(report, rules) {
  const format = formatOf(report, rules)
  const out = structuredClone(report)
  for (const pointer of Object.keys(format.blank_totals)) {
    if (get(report, pointer) !== null) continue
    const value = effective(report, format, pointer)
    if (value !== undefined) set(out, pointer, value)
  }
  return out
}

function render(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])))
}

/** The diagnostics of the arithmetic rules (T3-ROW-TOTAL, T3-OUTCOME-TOTAL, T3-BALANCE, T4-TOTAL), as the core reports them. */
export function checkArithmetic(report, rules) {
  const format = formatOf(report, rules)
  const out = []
  const emit = (rule, path, expected, actual, related, extra = {}) => {
    const { label, label_en } = format.cells[path]
    const params = { expected, actual, ...extra }
    out.push({
      rule: rule.id,
      severity: rule.severity,
      path,
      label,
      label_en,
      message: render(rule.message, { label, ...params }),
      message_en: render(rule.message_en, { label: label_en, ...params }),
      expected,
      actual,
      related,
      params: { ...extra },
    })
  }
  for (const rule of rules.rules) {
    if (rule.id === 'T3-BALANCE') {
      for (const b of format.balances) {
        const cells = [b.new, b.carried_over, b.handled, b.carried_forward]
        if (cells.every((p) => get(report, p) === null)) continue
        const [n, co, handled, forward] = cells.map((p) => effective(report, format, p))
        if ([n, co, handled, forward].includes(undefined)) continue
        const expected = n + co - handled
        if (expected !== forward) {
          emit(rule, b.carried_forward, expected, forward, [b.new, b.carried_over, b.handled], { new: n, carried_over: co, handled })
        }
      }
      continue
    }
    for (const sum of format.sums.filter((s) => s.rule === rule.id)) {
      const actual = get(report, sum.total)
      if (!isCount(actual)) continue
      let expected = 0
      for (const p of sum.parts) {
        const v = effective(report, format, p)
        if (v === undefined) {
          expected = undefined
          break
        }
        expected += v
      }
      if (expected !== undefined && expected !== actual) emit(rule, sum.total, expected, actual, sum.parts)
    }
  }
  return out
}
