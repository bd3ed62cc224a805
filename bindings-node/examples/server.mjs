// A web backend that refuses reports that do not add up (HTTP 422 with the diagnostics).
import { createServer } from 'node:http'
import { validateAsync } from 'zfxxgk'

export function reportServer() {
  return createServer(async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end()
      return
    }
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    // The raw body (a Buffer) is checked off the event loop; not JSON is a diagnostic too.
    const diagnostics = await validateAsync(Buffer.concat(chunks))
    const errors = diagnostics.filter((d) => d.severity === 'error')
    res.writeHead(errors.length ? 422 : 201, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ accepted: errors.length === 0, diagnostics }))
  })
}
