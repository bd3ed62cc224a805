// Many concurrent validateAsync calls agree with validate, and an HTTP round trip.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validate, validateAsync } from 'zfxxgk'
import { cases, county, root } from './helpers.mjs'
import { reportServer } from '../examples/server.mjs'

test('200 concurrent validateAsync calls give what validate gives', async () => {
  const inputs = cases().map((c) => c.report)
  const jobs = []
  for (let round = 0; round < 4; round++) for (const input of inputs) jobs.push(input)
  const results = await Promise.all(jobs.map((input) => validateAsync(input)))
  results.forEach((r, i) => assert.deepEqual(r, validate(jobs[i])))
})

test('the README server answers 201 for a good report and 422 with diagnostics for a bad one', async () => {
  const server = reportServer().listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${server.address().port}/`
  try {
    const good = await fetch(url, { method: 'POST', body: JSON.stringify(county()) })
    assert.equal(good.status, 201)
    const bad = county()
    bad.requests.outcomes.disclosed.total = 70
    const refused = await fetch(url, { method: 'POST', body: JSON.stringify(bad) })
    assert.equal(refused.status, 422)
    const body = await refused.json()
    assert.equal(body.accepted, false)
    assert.equal(body.diagnostics[0].label, '表三 · （一）予以公开 · 总计')
    const garbage = await fetch(url, { method: 'POST', body: 'not json' })
    assert.equal(garbage.status, 422)
  } finally {
    server.close()
  }
})

test('the README shows exactly examples/server.mjs', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const example = readFileSync(join(root, 'bindings-node', 'examples', 'server.mjs'), 'utf8')
  assert.ok(readme.includes('```js\n' + example + '```'), 'README.md must show bindings-node/examples/server.mjs verbatim')
})
