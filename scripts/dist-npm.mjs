// Stages the npm packages scripts/dist packs, in napi-rs's layout:
//   node scripts/dist-npm.mjs platform <stage-dir> <napi-platform>   the prebuilt addon package
//   node scripts/dist-npm.mjs main <stage-dir> <dist-dir>             the main package
// The addon package is zfxxgk-<platform> (os/cpu/libc set so that npm installs it only there);
// the main package is bindings-node without any addon, listing as optional dependencies the
// addon packages present in <dist-dir>, at the same version.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = JSON.parse(readFileSync(join(root, 'bindings-node/package.json'), 'utf8'))
const [command, stage, arg] = process.argv.slice(2)
const common = {
  version: source.version,
  license: source.license,
  engines: source.engines,
}

function write(dir, manifest, readme) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  writeFileSync(join(dir, 'README.md'), readme)
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'))
}

if (command === 'platform') {
  const [os, cpu, abi] = arg.split('-')
  const libc = os === 'linux' ? { libc: [abi === 'musl' ? 'musl' : 'glibc'] } : {}
  const file = `${source.napi.binaryName}.${arg}.node`
  write(
    stage,
    {
      name: `${source.name}-${arg}`,
      ...common,
      description: `The ${arg} native addon of ${source.name} (installed by ${source.name}; do not depend on it directly)`,
      os: [os],
      cpu: [cpu],
      ...libc,
      main: file,
      files: [file],
    },
    `# ${source.name}-${arg}\n\nThe prebuilt native addon of \`${source.name}\` for ${arg}. ` +
      `Install \`${source.name}\`; npm picks this package on ${arg} by itself.\n`,
  )
} else if (command === 'main') {
  const pattern = new RegExp(`^${source.name}-(.+)-${source.version.replaceAll('.', '\\.')}\\.tgz$`)
  const platforms = readdirSync(arg)
    .map((name) => name.match(pattern)?.[1])
    .filter(Boolean)
    .sort()
  if (!platforms.length) throw new Error(`no addon package (${source.name}-<platform>-${source.version}.tgz) in ${arg}`)
  const files = source.files.filter((pattern) => !pattern.endsWith('.node'))
  for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true })
    copyFileSync(join(root, 'bindings-node', file), join(stage, file))
  }
  const manifest = { ...source, files: [...files, 'README.md', 'LICENSE'] }
  delete manifest.devDependencies
  manifest.scripts = { install: source.scripts.install }
  manifest.optionalDependencies = Object.fromEntries(platforms.map((p) => [`${source.name}-${p}`, source.version]))
  write(stage, manifest, readFileSync(join(root, 'bindings-node/README.md'), 'utf8'))
  console.log(`optional dependencies: ${Object.keys(manifest.optionalDependencies).join(', ')}`)
} else {
  throw new Error(`usage: dist-npm.mjs platform <stage> <platform> | main <stage> <dist>`)
}
