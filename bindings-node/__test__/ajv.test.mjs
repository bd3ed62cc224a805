// The published schemas compile unmodified in ajv's strict mode (draft 2020-12), with the
// standard formats plugin for `format: date`, and accept their own examples.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { validate } from 'zfxxgk'
import { root } from './helpers.mjs'

const require = createRequire(import.meta.url)
const Ajv2020 = require('ajv/dist/2020')
const addFormats = require('ajv-formats')

for (const name of readdirSync(join(root, 'schemas')).filter((n) => n.endsWith('.schema.json'))) {
  test(`${name} compiles in ajv strict mode`, () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'))
    const ajv = new Ajv2020({ strict: true, allErrors: true })
    addFormats(ajv)
    const check = ajv.compile(schema)
    for (const example of schema.examples ?? []) {
      assert.ok(check(example), JSON.stringify(check.errors))
      assert.deepEqual(validate(example).filter((d) => d.severity === 'error'), [])
    }
  })
}
