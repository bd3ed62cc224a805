// Bundles src/{form,render,readme}.jsx into dist/ as classic scripts, so index.html,
// render.html and readme.html open straight from the file system (file://), with no server;
// then writes the form as one self-contained page, dist/zfxxgk-form.html.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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

// The form as one file a clerk opens without anything beside it (scripts/dist ships it as
// zfxxgk-form-<version>.html): index.html with the stylesheet and the program inlined, the
// licences of the bundled libraries kept in a text block.
const read = (file) => readFileSync(join(here, file), 'utf8')
const js = read('dist/form.js').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n')
const legal = read('dist/form.js.LEGAL.txt')
for (const [name, text] of [['dist/form.js', js], ['dist/form.js.LEGAL.txt', legal]]) {
  // Either would end or confuse the inline <script> element; none is expected in the bundle.
  if (/<\/script|<!--/i.test(text)) throw new Error(`${name} contains </script or <!--: cannot be inlined as is`)
}
const page = read('index.html')
const single = page
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>\n${read('style.css')}</style>`)
  .replace('<script src="dist/form.js"></script>', () => `<script>\n${js}</script>\n<script type="text/plain" id="licenses">\n${legal}</script>`)
if (single === page || single.includes('src="dist/form.js"') || single.includes('href="style.css"')) {
  throw new Error('index.html no longer has the stylesheet link or script element build.mjs inlines')
}
writeFileSync(join(here, 'dist/zfxxgk-form.html'), single)
console.log(`dist/zfxxgk-form.html: ${(Buffer.byteLength(single) / 1024).toFixed(0)} KiB (one file)`)
