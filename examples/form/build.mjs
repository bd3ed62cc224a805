// Bundles src/{form,render,readme}.jsx into dist/ as classic scripts, so index.html,
// render.html and readme.html open straight from the file system (file://), with no server.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const result = await build({
  absWorkingDir: here,
  entryPoints: ['src/form.jsx', 'src/render.jsx', 'src/readme.jsx'],
  outdir: 'dist',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
  // The package's own files, as a portal that installed zfxxgk from npm imports them.
  alias: {
    'zfxxgk/arithmetic': '../../bindings-node/arithmetic.mjs',
    'zfxxgk/rules.json': '../../bindings-node/rules.json',
  },
})
for (const [file, out] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`${file}: ${(out.bytes / 1024).toFixed(0)} KiB`)
}
