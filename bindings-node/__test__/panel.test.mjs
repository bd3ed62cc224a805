// Panels: the shared panel fixtures (core/tests/panels) give what core gives, the records
// are the rows panelCsv writes (the CLI's CSV), the real reports form a panel, and bad
// arguments are clear errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import zfxxgk from '../index.js'
import { root } from './helpers.mjs'

const panels = join(root, 'core', 'tests', 'panels')
const corpus = join(root, 'core', 'tests', 'corpus')

function aliasesOf(dir) {
  const file = join(dir, 'aliases.csv')
  if (!existsSync(file)) return undefined
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(',')), l.slice(l.indexOf(',') + 1)]))
}

for (const name of readdirSync(panels).filter((n) => statSync(join(panels, n)).isDirectory()).sort()) {
  test(`panel fixture ${name}: the entries core gives`, async () => {
    const dir = join(panels, name)
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'))
    const full = JSON.parse(readFileSync(join(dir, 'entries.json'), 'utf8'))
    const p = await zfxxgk.panel(Object.keys(expected).map((f) => join(dir, f)), { aliases: aliasesOf(dir) })
    const got = {}
    for (const r of p.reports) {
      got[basename(r.file)] = {
        role: r.role,
        previous: r.previous ? basename(r.previous) : null,
        diagnostics: r.diagnostics,
      }
    }
    assert.deepEqual(JSON.parse(JSON.stringify(got).replaceAll(`${dir}/`, '')), full)
    for (const [file, want] of Object.entries(expected)) {
      assert.deepEqual(got[file].diagnostics.map((d) => [d.rule, d.path]), want.rules)
    }
  })
}

function csvField(v) {
  if (v === null) return ''
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

test('records are the rows panelCsv writes, and panelCsv writes what the CLI writes', async () => {
  const p = await zfxxgk.panel(corpus)
  const records = p.records()
  assert.ok(records.length > 1000)
  assert.deepEqual(Object.keys(records[0]), [...zfxxgk.PANEL_COLUMNS])
  const out = join(mkdtempSync(join(tmpdir(), 'zfxxgk-panel-')), 'panel.csv')
  const totals = await zfxxgk.panelCsv(corpus, out)
  assert.deepEqual(totals, p.totals)
  const written = readFileSync(out, 'utf8')
  const fromRecords =
    [zfxxgk.PANEL_COLUMNS.join(','), ...records.map((r) => zfxxgk.PANEL_COLUMNS.map((c) => csvField(r[c])).join(','))].join('\n') + '\n'
  assert.equal(written, fromRecords)
  const cli = [join(root, 'target', 'x86_64-unknown-linux-gnu', 'debug', 'zfxxgk'), join(root, 'target', 'debug', 'zfxxgk')]
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (cli) {
    const run = spawnSync(cli, ['check', corpus, '--panel', '--output', 'csv'], { maxBuffer: 1 << 28 })
    assert.equal(run.status, 1, String(run.stderr))
    assert.equal(String(run.stdout), written)
  }
})

test('the real reports form a panel, with the cross-year findings', async () => {
  const p = await zfxxgk.panel(pathToFileURL(corpus))
  const names = Object.fromEntries(p.organs.map((o) => [o.name, o.years]))
  assert.deepEqual(names['平潭综合实验区海坛片区管理局'], [2021, 2022])
  assert.deepEqual(names['平潭综合实验区'], [2019, 2022, 2024])
  const reports = Object.fromEntries(p.reports.map((r) => [`${basename(dirname(r.file))}/${basename(r.file)}`, r]))
  const htp = reports['pt-htp-2022/input.txt']
  assert.ok(htp.previous.endsWith('pt-htp-2021/input.txt'))
  const items = htp.diagnostics.filter((d) => d.rule === 'X-ITEMS').map((d) => [d.expected, d.actual])
  assert.deepEqual(items, [[2, 0]])
  assert.equal(reports['seed-town-2019/input.txt'].role, 'unplaced')
  assert.equal(p.totals.files, p.reports.length)
  assert.ok(!Object.keys(p).includes('records'))
})

test('bad arguments are clear errors; a file that is not there is a result', async () => {
  await assert.rejects(zfxxgk.panel(3), { name: 'TypeError', code: 'ZFXXGK_INVALID_ARGUMENT' })
  await assert.rejects(zfxxgk.panel([panels, 3]), { name: 'TypeError' })
  await assert.rejects(zfxxgk.panel(panels, { aliases: { a: 3 } }), { name: 'TypeError' })
  await assert.rejects(zfxxgk.panel(panels, { extensions: 'json' }), { name: 'TypeError' })
  await assert.rejects(zfxxgk.panel(panels, { kind: 'word' }), { name: 'RangeError', code: 'ZFXXGK_INVALID_ARGUMENT' })
  await assert.rejects(zfxxgk.panel(panels, { maxDiagnostics: 0 }), { name: 'RangeError' })
  const dir = mkdtempSync(join(tmpdir(), 'zfxxgk-panel-'))
  await assert.rejects(zfxxgk.panelCsv(join(panels, 'years', 'a-2022.json'), join(dir, 'no', 'such', 'dir.csv')), {
    code: 'ZFXXGK_IO_ERROR',
    path: join(dir, 'no', 'such', 'dir.csv'),
  })
  const p = await zfxxgk.panel(join(dir, 'missing.json'))
  assert.equal(p.reports.length, 1)
  assert.equal(p.reports[0].role, 'unplaced')
  assert.ok(p.reports[0].diagnostics.some((d) => d.rule === 'P-UNREADABLE'))
})
