// Debian's chromium driven by playwright-core: no browser is downloaded. The flags keep
// Chromium off the network (this machine's network is closed; CI's too).
import { chromium } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const executablePath = process.env.ZFXXGK_CHROMIUM ?? '/usr/bin/chromium'

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'zfxxgk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    acceptDownloads: true,
    // A common office screen: the page must fit 1366 px without scrolling sideways.
    viewport: { width: 1366, height: 768 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
  const close = async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { context, close }
}

/** A new page that fails the test on any console error or uncaught exception. */
export async function openPage(context, url) {
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`)
  })
  await page.goto(url)
  return { page, problems }
}
