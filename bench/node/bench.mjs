// Per-report time of zfxxgk's Node API beside ajv (compiled, strict, zfxxgk's own published
// schema, structure only), in one run; then the event-loop delay while validateAsync checks
// a large batch; and arithmetic.mjs, what a form runs on each keystroke.
// Run with ./bench/node/run (builds the release addon first).
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import zfxxgk from 'zfxxgk'
import { checkArithmetic, computeTotals } from 'zfxxgk/arithmetic'

const root = new URL('../../', import.meta.url)
const n = Number(process.argv[2] ?? 10_000)

function makeReports(count) {
  const base = JSON.parse(readFileSync(new URL('examples/reports/2021-county.json', root), 'utf8'))
  for (const key of ['preface', 'overview', 'problems', 'other_matters']) base[key] = base[key].slice(0, 300)
  let seed = 2024
  const random = (max) => (seed = (seed * 1103515245 + 12345) % 2147483648) % (max + 1)
  const out = []
  for (let i = 0; i < count; i++) {
    const doc = structuredClone(base)
    for (const row of Object.values(doc.requests.outcomes.withheld)) row.natural_person = random(40)
    doc.requests.outcomes.disclosed.commercial = random(30)
    doc.appeals.review.upheld = random(9)
    const filled = zfxxgk.fillTotals(doc)
    for (const col of Object.keys(filled.requests.new)) filled.requests.new[col] = filled.requests.outcomes.total[col]
    if (i % 10 === 0) filled.requests.outcomes.disclosed.total += 1
    out.push(filled)
  }
  return out
}

function perReport(fn, items, rounds = 5) {
  const times = []
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint()
    for (const item of items) fn(item)
    times.push(Number(process.hrtime.bigint() - start) / 1000 / items.length)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const reports = makeReports(n)
const strings = reports.map((r) => JSON.stringify(r))
const buffers = strings.map((s) => Buffer.from(s))
const size = strings.reduce((a, s) => a + Buffer.byteLength(s), 0) / n
const schema = JSON.parse(readFileSync(new URL('schemas/report-2021.schema.json', root), 'utf8'))
// ajv's strict mode wants every format known: "date" (YYYY-MM-DD) is checked by zfxxgk itself.
const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { date: true } })
const ajvValidate = ajv.compile(schema)
const rulesJson = JSON.parse(readFileSync(new URL('schemas/rules.json', root), 'utf8'))
if (!reports.every((r) => ajvValidate(r))) throw new Error('ajv refuses a valid report')

const rows = [
  ['zfxxgk.validate(object), every rule', perReport((r) => zfxxgk.validate(r), reports)],
  ['zfxxgk.validate(string), every rule', perReport((s) => zfxxgk.validate(s), strings)],
  ['zfxxgk.validate(Buffer), every rule', perReport((b) => zfxxgk.validate(b), buffers)],
  ['ajv(object), structure only', perReport((r) => ajvValidate(r), reports)],
  ['JSON.parse + ajv, structure only', perReport((s) => ajvValidate(JSON.parse(s)), strings)],
  ['JSON.stringify(object) alone', perReport((r) => JSON.stringify(r), reports)],
  // What a form recomputes on each keystroke (pure JS over rules.json, no addon).
  ['checkArithmetic(object) (arithmetic.mjs)', perReport((r) => checkArithmetic(r, rulesJson), reports)],
  ['computeTotals(object) (arithmetic.mjs)', perReport((r) => computeTotals(r, rulesJson), reports)],
]
console.log(`${n} reports, ${size.toFixed(0)} bytes on average; microseconds per report (median of 5 rounds)`)
for (const [name, us] of rows) console.log(`  ${us.toFixed(2).padStart(10)} µs  ${name}`)
const t = Object.fromEntries(rows)
console.log('ratios:')
console.log(`  validate(string) / (JSON.parse + ajv)   ${(t['zfxxgk.validate(string), every rule'] / t['JSON.parse + ajv, structure only']).toFixed(2)}x  (aim <= 1)`)
console.log(`  validate(object) / ajv(object)          ${(t['zfxxgk.validate(object), every rule'] / t['ajv(object), structure only']).toFixed(2)}x  (aim <= 3)`)
console.log(`  checkArithmetic / JSON.stringify        ${(t['checkArithmetic(object) (arithmetic.mjs)'] / t['JSON.stringify(object) alone']).toFixed(2)}x`)

// Event-loop delay: a timer that should fire every 1 ms, while 2,000 reports are checked
// with validateAsync, against the same timer while validate blocks on them.
async function delayDuring(work) {
  // A 1 ms timer: how late each tick fires is how long the event loop was blocked.
  const lateness = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    lateness.push(Math.max(0, now - last - 1))
    last = now
  }, 1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  const start = performance.now()
  await work()
  const elapsed = performance.now() - start
  await new Promise((resolve) => setTimeout(resolve, 20))
  clearInterval(timer)
  lateness.sort((a, b) => a - b)
  return { p99: lateness[Math.floor(lateness.length * 0.99)] ?? 0, max: lateness.at(-1) ?? 0, elapsed }
}
const batch = buffers.slice(0, 2000)
const asyncRun = await delayDuring(() => Promise.all(batch.map((b) => zfxxgk.validateAsync(b))))
const syncRun = await delayDuring(async () => {
  for (const b of batch) zfxxgk.validate(b)
})
console.log('event-loop delay while checking 2,000 reports:')
console.log(`  validateAsync: p99 ${asyncRun.p99.toFixed(2)} ms, max ${asyncRun.max.toFixed(2)} ms (batch took ${asyncRun.elapsed.toFixed(0)} ms)`)
console.log(`  validate:      p99 ${syncRun.p99.toFixed(2)} ms, max ${syncRun.max.toFixed(2)} ms (batch took ${syncRun.elapsed.toFixed(0)} ms)`)
