'use strict'
// Runs on `npm install`. Nothing to do when an addon for this platform loads: the prebuilt
// package of this platform (an optional dependency, e.g. zfxxgk-linux-x64-gnu) or an addon
// built in this directory. From a source checkout it builds the addon with the napi CLI of
// this package's devDependencies (`npm ci && npm run build` does the same by hand).
const { existsSync } = require('fs')
const { join } = require('path')
const { spawnSync } = require('child_process')

const root = join(__dirname, '..')
try {
  require(join(root, 'native.js'))
  process.exit(0)
} catch {
  // No addon yet: build one below, or say what is missing.
}
const cli = join(root, 'node_modules', '.bin', 'napi')
if (!existsSync(cli)) {
  // Failing here says what is wrong; succeeding would leave a package whose require fails.
  console.error(
    `zfxxgk: no native addon for ${process.platform}-${process.arch} could be loaded, and there is no napi CLI to build one. ` +
      'Install the prebuilt package of this platform beside zfxxgk (npm installs it as an optional dependency ' +
      'where one is published), or build from a source checkout with `npm ci && npm run build` in bindings-node (needs Rust).',
  )
  process.exit(1)
}
const result = spawnSync(cli, ['build', '--platform', '--release', '--js', 'native.js', '--dts', 'native.d.ts'], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
