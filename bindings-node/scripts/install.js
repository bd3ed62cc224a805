'use strict'
// Runs on `npm install`: builds the native addon when it is not there yet, with the napi
// CLI of this package's devDependencies. (`npm ci && npm run build` does the same by hand.)
const { existsSync } = require('fs')
const { join } = require('path')
const { spawnSync } = require('child_process')

const root = join(__dirname, '..')
if (existsSync(join(root, 'zfxxgk.linux-x64-gnu.node'))) process.exit(0)
const cli = join(root, 'node_modules', '.bin', 'napi')
if (!existsSync(cli)) {
  // Failing here says what is wrong; succeeding would leave a package whose require fails.
  console.error(
    `zfxxgk: no native addon for ${process.platform}-${process.arch} in this package, and no napi CLI to build one: ` +
      'install a package built for this platform, or run `npm ci && npm run build` in bindings-node (needs Rust).',
  )
  process.exit(1)
}
const result = spawnSync(cli, ['build', '--platform', '--release', '--js', 'native.js', '--dts', 'native.d.ts'], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
