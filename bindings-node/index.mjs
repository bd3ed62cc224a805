// ES module entry: the same functions as the CommonJS entry.
import zfxxgk from './index.js'

export const { validate, validateAsync, isValid, check, schema, template, fillTotals, rules, parse, panel, panelCsv, PANEL_COLUMNS, PUBLISHED_EXTENSIONS, version } = zfxxgk
export default zfxxgk
