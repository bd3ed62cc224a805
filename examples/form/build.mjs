// Bundles src/form.jsx and src/render.jsx into dist/ as classic scripts, so index.html and
// render.html open straight from the file system (file://), with no server.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const result = await build({
  absWorkingDir: here,
  entryPoints: ['src/form.jsx', 'src/render.jsx'],
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
})
for (const [file, out] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`${file}: ${(out.bytes / 1024).toFixed(0)} KiB`)
}
