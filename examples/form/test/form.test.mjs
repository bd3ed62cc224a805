// The published schemas in real form builders, in a real browser (Debian's chromium, headless):
// the example form computes totals live, shows each 勾稽 error beside its cell, and downloads a
// report the CLI agrees with; rjsf and JSON Forms render both templates from the unmodified schema.
//
// Run: npm test (builds dist/ first). Screenshots and downloads go to $ZFXXGK_TEST_OUTPUT
// (default: target/form-test/ in the repository).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { launch, openPage } from './browser.mjs'
import { at, resolve as resolveRef } from '../src/report.js'

const here = fileURLToPath(new URL('..', import.meta.url))
const repo = join(here, '..', '..')
const out = process.env.ZFXXGK_TEST_OUTPUT ?? join(repo, 'target', 'form-test')
mkdirSync(out, { recursive: true })
const schemas = {
  2019: JSON.parse(readFileSync(join(repo, 'schemas/report-2019.schema.json'), 'utf8')),
  2021: JSON.parse(readFileSync(join(repo, 'schemas/report-2021.schema.json'), 'utf8')),
}
const rules = JSON.parse(readFileSync(join(repo, 'schemas/rules.json'), 'utf8'))
const arithmeticIds = new Set(rules.rules.map((r) => r.id))

function cli() {
  const host = execFileSync('rustc', ['-vV'], { encoding: 'utf8' }).match(/^host: (.*)$/m)[1]
  const built = join(repo, 'target', process.env.CARGO_BUILD_TARGET ?? host, 'debug', 'zfxxgk')
  const path = process.env.ZFXXGK_CLI ?? built
  if (!existsSync(path)) execFileSync('cargo', ['build', '--quiet', '-p', 'zfxxgk-cli', '--target', process.env.CARGO_BUILD_TARGET ?? host], { cwd: repo, stdio: 'inherit' })
  return path
}

function validateWithCli(file) {
  const run = spawnSync(cli(), ['validate', '--output', 'json', file], { encoding: 'utf8' })
  assert.ok(run.status === 0 || run.status === 1, `zfxxgk validate exited ${run.status}: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

const url = (page) => {
  const [file, query] = page.split('?')
  return pathToFileURL(join(here, file)).href + (query ? `?${query}` : '')
}

/** Every cell of a schema in template order: { pointer, title, minimum }. */
function cells(root, schema = root, pointer = '') {
  const s = resolveRef(root, schema)
  const list = []
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    const child = resolveRef(root, sub)
    if (child.properties) list.push(...cells(root, child, `${pointer}/${key}`))
    else if (![].concat(child.type).includes('object')) list.push({ pointer: `${pointer}/${key}`, title: child.title, schema: child })
  }
  return list
}

/**
 * The value `read` settles on: the form re-renders after rjsf hands the change on, so a read
 * right after a keystroke may see the previous state. Polls for up to 5 s.
 */
async function settle(read, expected) {
  let last
  for (const start = Date.now(); Date.now() - start < 5000; await new Promise((r) => setTimeout(r, 20))) {
    last = await read()
    if (JSON.stringify(last) === JSON.stringify(expected)) break
  }
  return last
}

/** Asserts that `read` settles on `expected`. */
async function settled(read, expected, message) {
  assert.deepEqual(await settle(read, expected), expected, message)
}

/** The key structure of a document: its keys in order, recursively. */
const shape = (v) =>
  v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : null

let browser
before(async () => {
  assert.ok(existsSync(join(here, 'dist/form.js')), 'dist/ is missing: run `npm run build` in examples/form')
  browser = await launch()
})
after(async () => browser?.close())

describe('examples/form (2021 template, rjsf + grids)', () => {
  test('totals fill live, 勾稽 errors show beside their cells, the download is what the CLI checks', async () => {
    const { page, problems } = await openPage(browser.context, url('index.html'))
    const cell = (p) => page.locator(`input[data-pointer="${p}"]`)
    const errorBeside = (p) => page.locator(`td:has(> input[data-pointer="${p}"]) > .cell-error`)
    const listed = () =>
      page.$$eval('[data-testid=arithmetic-problems] li', (items) => items.map((li) => [li.dataset.rule, li.dataset.pointer]))

    // The clerk sees no developer text: no file paths, commands or schema names.
    const visible = await page.locator('body').innerText()
    for (const word of ['npm', 'schemas/', '.json', 'JSON Schema', 'rjsf']) {
      assert.ok(!visible.includes(word), `the page shows developer text ${word}: ${visible.slice(0, 300)}`)
    }

    // Table 3 is laid out as printed: row headings in template order, seven applicant columns.
    const headings = await page.$$eval('form table.table3 tbody th', (ths) => ths.map((th) => th.textContent))
    const requests = resolveRef(schemas[2021], schemas[2021].$defs.RequestsOtherOutcomes)
    assert.equal(headings[0], requests.properties.new.title)
    assert.equal(headings.at(-1), requests.properties.carried_forward.title)
    assert.equal(headings.length, 4 + 7 + 8 + 3 + 5 + 3) // 一 二 三 四, (一)–(七), and the sub-rows of (三)–(六)
    await settled(() => page.locator('form table.table3 tbody tr').count(), 25)
    await settled(() => page.locator('form table.table3 tbody input').count(), 25 * 7)
    await settled(() => page.locator('form table.table4 tbody input').count(), 15)

    // A row total follows its columns as the clerk types.
    await cell('/requests/new/natural_person').fill('3')
    await cell('/requests/new/commercial').fill('2')
    await settled(() => cell('/requests/new/total').getAttribute('placeholder'), '5')
    await settled(() => cell('/requests/new/total').inputValue(), '')
    // 一 + 二 ≠ 三 + 四 for 自然人: the error is beside 四、结转下年度继续办理 · 自然人.
    await settled(() => errorBeside('/requests/carried_forward/natural_person').textContent(), '应为 3')
    await settled(() => errorBeside('/requests/carried_forward/natural_person').getAttribute('data-rule'), 'T3-BALANCE')

    await cell('/requests/outcomes/disclosed/natural_person').fill('3')
    await cell('/requests/outcomes/disclosed/commercial').fill('1')
    await cell('/requests/carried_forward/commercial').fill('1')
    await settled(() => cell('/requests/outcomes/total/natural_person').getAttribute('placeholder'), '3')
    await settled(() => cell('/requests/outcomes/total/total').getAttribute('placeholder'), '4')
    await settled(() => page.locator('[data-testid=arithmetic-ok]').count(), 1)
    await settled(() => page.locator('.cell-error').count(), 0)

    // A total typed by hand is kept and checked; so is table 4.
    await cell('/requests/new/total').fill('6')
    await settled(() => errorBeside('/requests/new/total').textContent(), '应为 5')
    await cell('/appeals/review/upheld').fill('2')
    await cell('/appeals/review/corrected').fill('1')
    await settled(() => cell('/appeals/review/total').getAttribute('placeholder'), '3')
    await cell('/appeals/litigation_direct/total').fill('4')
    await settled(() => errorBeside('/appeals/litigation_direct/total').getAttribute('data-rule'), 'T4-TOTAL')
    // A count below zero is the schema's error (rjsf's live validation, in Chinese), shown beside the cell too.
    await cell('/requests/carried_over/research').fill('-1')
    await settled(() => errorBeside('/requests/carried_over/research').textContent().catch(() => null), '应当为 >= 0')
    assert.equal(await errorBeside('/requests/carried_over/research').getAttribute('data-rule'), 'schema')
    await cell('/requests/carried_over/research').fill('')
    await settled(() => errorBeside('/requests/carried_over/research').count(), 0)
    // Table 2 is the printed grid too: an item heading of 第二十条 per group, its column titles,
    // one row per kind of information; counts are whole numbers ≥ 0, the fee 万元 may have decimals.
    const items = await page.$$eval('form table.table2 tr.item th', (ths) => ths.map((th) => th.textContent))
    assert.deepEqual(items, ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'])
    const kinds = await page.$$eval('form table.table2 tbody th[scope=row]', (ths) => ths.map((th) => th.textContent))
    const proactive = resolveRef(schemas[2021], schemas[2021].$defs.Proactive2021)
    assert.deepEqual(kinds, Object.values(proactive.properties).map((p) => p.title))
    assert.deepEqual(
      await page.$$eval('form table.table2 tr.head', (rows) => rows.map((r) => [...r.children].map((th) => th.textContent).join('|'))),
      ['信息内容|本年制发件数|本年废止件数|现行有效件数', '信息内容|本年处理决定数量', '信息内容|本年处理决定数量', '信息内容|本年收费金额（单位：万元）'],
    )
    assert.equal(await page.locator('form table.table2 tbody input').count(), 3 + 3 + 1 + 1 + 1 + 1)
    const issued = cell('/proactive/regulations/issued')
    assert.equal(await issued.getAttribute('type'), 'number')
    assert.equal(await issued.getAttribute('min'), '0')
    assert.equal(await issued.getAttribute('step'), '1')
    assert.equal(await cell('/proactive/fees/amount').getAttribute('step'), 'any')
    await issued.fill('2')
    await cell('/proactive/regulations/in_force').fill('9')
    await cell('/proactive/fees/amount').fill('12.5')
    await page.locator('#root_organ').fill('某某县人民政府')
    await settled(() => page.evaluate(() => window.__report.organ), '某某县人民政府')

    const shown = await listed()
    assert.ok(shown.some(([rule, p]) => rule === 'T3-ROW-TOTAL' && p === '/requests/new/total'))
    assert.ok(shown.some(([rule, p]) => rule === 'T4-TOTAL' && p === '/appeals/litigation_direct/total'))
    await page.locator('[data-testid=arithmetic-problems]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(out, 'form-with-errors.png'), fullPage: true })

    // The download is the canonical document with blank totals filled and typed ones kept:
    // the CLI reports exactly the arithmetic problems the page showed.
    const save = async (name) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=download]').click()])
      const file = join(out, name)
      await download.saveAs(file)
      return file
    }
    const first = await save('report-with-errors.json')
    const doc = JSON.parse(readFileSync(first, 'utf8'))
    const example = JSON.parse(readFileSync(join(repo, 'examples/reports/2021-county.json'), 'utf8'))
    assert.deepEqual(shape(doc), shape(example), 'every key of the template, in template order')
    assert.equal(doc.requests.new.total, 6)
    assert.equal(doc.requests.carried_forward.total, 1)
    assert.equal(doc.proactive.regulations.issued, 2)
    assert.equal(doc.proactive.fees.amount, 12.5)
    assert.equal(doc.organ, '某某县人民政府')
    const fromCli = validateWithCli(first)
    assert.equal(fromCli.filter((d) => d.severity === 'error' && !arithmeticIds.has(d.rule)).length, 0, JSON.stringify(fromCli))
    assert.deepEqual(
      fromCli.filter((d) => arithmeticIds.has(d.rule)).map((d) => [d.rule, d.path]),
      shown,
      'the page lists what zfxxgk validate reports, in the same order',
    )

    // 重算全部总计 fixes every total; the CLI then finds no error, and fill-totals changes nothing.
    await page.locator('[data-testid=fill-totals]').click()
    await settled(() => cell('/requests/new/total').inputValue(), '5')
    await settled(() => page.locator('[data-testid=arithmetic-ok]').count(), 1)
    const fixed = await save('report-fixed.json')
    assert.deepEqual(
      validateWithCli(fixed).filter((d) => d.severity === 'error'),
      [],
    )
    const refilled = execFileSync(cli(), ['fill-totals', fixed], { encoding: 'utf8' })
    assert.equal(refilled, readFileSync(fixed, 'utf8'), 'the download is byte for byte what zfxxgk fill-totals prints')
    await page.screenshot({ path: join(out, 'form-fixed.png'), fullPage: true })

    // The page fits a 1366 px screen: nothing scrolls sideways, not even the grids.
    assert.equal(page.viewportSize().width, 1366)
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways at 1366 px')
    for (const overflow of await page.$$eval('.grid-scroll', (ds) => ds.map((d) => d.scrollWidth - d.clientWidth))) {
      assert.ok(overflow <= 0, `a table is ${overflow} px wider than the page at 1366 px`)
    }

    // Printed (or saved as PDF), the page is the report in the official layout: only the
    // report, the six parts in order, the figures as they will be published.
    await page.emulateMedia({ media: 'print' })
    const view = page.locator('[data-testid=print-view]')
    assert.ok(await view.isVisible(), 'the print view is not shown in print')
    assert.ok(!(await page.locator('.toolbar').isVisible()), 'the toolbar is printed')
    assert.ok(!(await page.locator('form table.table3 input').first().isVisible()), 'the form is printed')
    assert.deepEqual(
      await view.locator('h2').allTextContents(),
      ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other_matters'].map((k) => schemas[2021].properties[k].title),
    )
    assert.equal(await view.locator('h1').textContent(), `某某县人民政府${doc.year}年政府信息公开工作年度报告`)
    const printed = (p) => view.locator(`td[data-pointer="${p}"]`).textContent()
    assert.equal(await printed('/requests/new/total'), '5')
    assert.equal(await printed('/proactive/regulations/issued'), '2')
    assert.equal(await printed('/proactive/fees/amount'), '12.5')
    assert.equal(await printed('/appeals/review/total'), '3')
    assert.equal(await view.locator('td[data-pointer]').count(), 10 + 25 * 7 + 15)
    await page.screenshot({ path: join(out, 'form-print.png'), fullPage: true })
    const pdf = await page.pdf({ path: join(out, 'report-print.pdf'), format: 'A4' })
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    await page.emulateMedia({ media: 'screen' })
    assert.ok(!(await view.isVisible()), 'the print view shows on screen')
    assert.deepEqual(problems, [])
  })

  test('the one-file page (zfxxgk-form.html) works alone, opened from disk with no network', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'zfxxgk-form-'))
    try {
      const file = join(alone, 'zfxxgk-form.html')
      copyFileSync(join(here, 'dist/zfxxgk-form.html'), file)
      const page = await browser.context.newPage()
      const problems = []
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
      const requested = []
      await page.route('**/*', (route) => {
        const target = route.request().url()
        if (target === pathToFileURL(file).href) return route.continue()
        requested.push(target)
        return route.abort()
      })
      await page.goto(pathToFileURL(file).href)
      await settled(() => page.locator('form table.table3 tbody input').count(), 25 * 7)
      await page.locator('input[data-pointer="/requests/new/natural_person"]').fill('3')
      await settled(() => page.locator('input[data-pointer="/requests/new/total"]').getAttribute('placeholder'), '3')
      assert.equal(await page.locator('#not-built').count(), 0)
      assert.deepEqual(requested, [], 'the one-file page asked for other files')
      assert.deepEqual(problems, [])
      await page.close()
    } finally {
      rmSync(alone, { recursive: true, force: true })
    }
  })

  test('a report opened from a file is shown with its problems', async () => {
    const { page, problems } = await openPage(browser.context, url('index.html'))
    const report = join(repo, 'core/tests/fixtures/t3-balance/report.json')
    await page.locator('[data-testid=open]').setInputFiles(report)
    await page.locator('[data-testid=arithmetic-problems]').waitFor()
    const shown = await page.$$eval('[data-testid=arithmetic-problems] li', (items) =>
      items.map((li) => [li.dataset.rule, li.dataset.pointer]),
    )
    const expected = JSON.parse(readFileSync(join(repo, 'core/tests/fixtures/t3-balance/expected.json'), 'utf8'))
    assert.deepEqual(shown, expected.filter(([rule]) => arithmeticIds.has(rule)))
    assert.equal(await page.locator('[data-testid=notice]').count(), 0)

    // Keys the template does not have are named, not dropped silently; a non-report is refused.
    await page.locator('[data-testid=open]').setInputFiles(join(repo, 'core/tests/fixtures/s-unknown/report.json'))
    await settled(() => page.locator('[data-testid=notice]').count(), 1)
    assert.match(await page.locator('[data-testid=notice]').innerText(), /模板没有的键未载入.*\//)
    await page.locator('[data-testid=open]').setInputFiles(join(repo, 'core/tests/fixtures/doc-format-unknown/report.json'))
    await settled(
      async () => /不是 2021 年格式/.test(await page.locator('[data-testid=notice]').innerText()),
      true,
    )
    assert.deepEqual(problems, [])
  })
})

test('the README example: rjsf shows each 勾稽 error beside its cell through extraErrors', async () => {
  // The README shows src/readme-example.jsx verbatim but for where the schema is imported from.
  const readme = readFileSync(join(repo, 'README.md'), 'utf8')
  const block = readme.split('```jsx\n').find((b) => b.includes('export function ReportForm'))
  assert.ok(block, 'README has the rjsf example')
  const shown = block.slice(0, block.indexOf('```')).split('\n')
  const file = readFileSync(join(here, 'src/readme-example.jsx'), 'utf8').split('\n')
  const same = (lines) => lines.filter((l) => !l.startsWith('import schema from'))
  assert.deepEqual(same(shown), same(file), 'README.md and examples/form/src/readme-example.jsx differ')

  const { page, problems } = await openPage(browser.context, url('readme.html'))
  const input = (p) => page.locator(`#root${p.replace(/\//g, '_')}`)
  const errorOf = (p) => page.locator(`#root${p.replace(/\//g, '_')}__error`)
  assert.equal(await input('/requests/new/natural_person').getAttribute('type'), 'number')
  assert.equal(await input('/requests/new/natural_person').getAttribute('min'), '0')
  await input('/requests/new/natural_person').fill('3')
  await settled(
    () => errorOf('/requests/carried_forward/natural_person').innerText().catch(() => ''),
    '「表三 · 四、结转下年度继续办理 · 自然人」应为 3（新收 3 + 上年结转 0 − 办理结果总计 0），实际填报 0；第一项加第二项之和应等于第三项加第四项之和',
  )
  await input('/requests/new/total').fill('7')
  await settled(
    () => errorOf('/requests/new/total').innerText().catch(() => ''),
    '「表三 · 一、本年新收政府信息公开申请数量 · 总计」应为 3（各列之和），实际填报 7',
  )
  // An emptied cell is a blank (null), not a missing key.
  await input('/requests/new/research').fill('2')
  await input('/requests/new/research').fill('')
  await settled(() => page.evaluate(() => window.__report.requests.new.research), null)
  assert.equal(await errorOf('/requests/new/research').count(), 0)
  await errorOf('/requests/new/total').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(out, 'readme-example.png') })
  assert.deepEqual(problems, [])
})

const builders = {
  rjsf: (pointer) => `#root${pointer.replace(/\//g, '_')}`,
  jsonforms: (pointer) => `[id="#${pointer.replace(/\//g, '/properties/')}-input"]`,
}

for (const builder of Object.keys(builders)) {
  for (const format of ['2019', '2021']) {
    test(`${builder} renders the ${format} schema: Chinese labels in template order, counts ≥ 0, signed changes`, async () => {
      const root = schemas[format]
      const { page, problems } = await openPage(browser.context, url(`render.html?builder=${builder}&format=${format}`))
      const input = (p) => page.locator(builders[builder](p))
      await page.locator('input').first().waitFor()

      // Every cell has an input labelled with its Chinese title, in the order of the template.
      const all = cells(root)
      const labels = await page.$$eval('input, select, textarea', (els) =>
        els.filter((e) => e.type !== 'hidden' && e.type !== 'file').map((e) => e.labels?.[0]?.textContent.replace(/\*$/, '').trim()),
      )
      assert.deepEqual(labels, all.map((c) => c.title))
      // Every group heading too (tables, rows), in order.
      const text = await page.locator('body').innerText()
      let from = 0
      for (const title of [resolveRef(root, root.properties.requests).title, '（三）不予公开', '3.危及“三安全一稳定”', '（七）总计']) {
        const at = text.indexOf(title, from)
        assert.ok(at >= from, `${title} after position ${from}`)
        from = at
      }

      // Counts are number inputs; a negative count is refused, a signed change is not.
      const counts = all.filter((c) => [].concat(c.schema.type).includes('integer') && c.schema.minimum === 0)
      const signed = all.filter((c) => [].concat(c.schema.type).includes('integer') && c.schema.minimum === undefined && c.pointer !== '/year')
      assert.ok(counts.length > 100)
      assert.equal(signed.length, format === '2019' ? 5 : 0)
      for (const c of [...counts, ...signed]) {
        assert.equal(await input(c.pointer).getAttribute('type'), 'number', c.pointer)
        if (builder === 'rjsf') assert.equal(await input(c.pointer).getAttribute('min'), c.schema.minimum === 0 ? '0' : null, c.pointer)
      }
      const count = counts.find((c) => c.pointer === '/requests/new/natural_person').pointer
      await input(count).fill('-1')
      if (signed.length) await input(signed[0].pointer).fill('-3')
      const valueAt = (p) => page.evaluate((q) => q.split('/').slice(1).reduce((n, k) => n?.[k], window.__report), p)
      await settled(() => valueAt(count), -1)
      if (signed.length) await settled(() => valueAt(signed[0].pointer), -3)
      // The errors shown beside the inputs, by the id of the element they belong to.
      const errors = await (builder === 'rjsf'
        ? page.$$eval('.error-detail li', (lis) => lis.map((li) => li.closest('[id$="__error"]')?.id ?? li.textContent))
        : page.$$eval('.validation_error', (divs) =>
            divs.filter((d) => d.textContent.trim()).map((d) => d.closest('.control')?.id ?? d.textContent),
          ))
      const idOf = (p) => (builder === 'rjsf' ? `root${p.replace(/\//g, '_')}__error` : `#${p.replace(/\//g, '/properties/')}`)
      const mentions = (p) => errors.includes(idOf(p))
      assert.ok(mentions(count), `-1 in ${count} is an error: ${errors.join('; ')}`)
      if (signed.length) assert.ok(!mentions(signed[0].pointer), `-3 in ${signed[0].pointer} is allowed: ${errors.join('; ')}`)
      assert.equal(errors.length, 1, errors.join('; '))
      if (builder === 'jsonforms') {
        // JSON Forms reports the same to its onChange (what a portal would act on).
        const reported = (await page.locator('#errors').innerText()).split('\n').filter(Boolean)
        assert.deepEqual(reported.map((line) => line.split(' ')[0]), [count])
      }
      const report = await page.evaluate(() => window.__report)
      assert.equal(report.requests.new.natural_person, -1)
      if (signed.length) assert.equal(at(report, signed[0].pointer), -3)
      await page.screenshot({ path: join(out, `render-${builder}-${format}.png`) })
      assert.deepEqual(problems, [])
    })
  }
}
