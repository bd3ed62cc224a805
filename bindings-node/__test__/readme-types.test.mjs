// The README's TypeScript-facing snippet compiles as a user copies it, in a project without
// @types/node (the package's types must not need Node's) and in one with it.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8')
const snippet = readFileSync(join(here, 'readme.mts'), 'utf8').split('// --- README\n')[1].split('// --- end\n')[0]

test('readme.mts holds the README snippet as written', () => {
  assert.ok(readme.includes('```js\n' + snippet + '```'), 'the README snippet changed: copy it into __test__/readme.mts')
})

for (const config of ['tsconfig.readme.json', 'tsconfig.readme-node.json']) {
  test(`tsc --noEmit -p ${config}`, () => {
    const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc')
    execFileSync(process.execPath, [tsc, '-p', join(here, config)], { stdio: 'pipe' })
  })
}
