// What a user does with the package: npm pack, then npm install the tarball into a fresh
// project (its install script runs), then require it, import it and its arithmetic module.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('the packed tarball installs into a fresh project and works (CJS, ESM, rules.json)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'zfxxgk-pack-'))
  try {
    execFileSync(npm, ['pack', '--silent', '--pack-destination', scratch], { cwd: root, stdio: 'pipe' })
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))
    assert.ok(tarball, 'npm pack wrote no tarball')
    const app = join(scratch, 'app')
    execFileSync('mkdir', [app])
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, tarball)], { cwd: app, stdio: 'pipe' })
    const cjs = execFileSync(process.execPath, ['-e', "const z = require('zfxxgk'); console.log(z.validate('{}')[0].rule)"], { cwd: app })
    assert.equal(cjs.toString().trim(), 'DOC-FORMAT')
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { validate } from 'zfxxgk'; import rules from 'zfxxgk/rules.json' with { type: 'json' }; " +
          "import { checkArithmetic } from 'zfxxgk/arithmetic'; console.log(validate('[]')[0].rule, typeof checkArithmetic, rules.rules.length > 0)",
      ],
      { cwd: app },
    )
    assert.equal(esm.toString().trim(), 'DOC-NOT-OBJECT function true')
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})
