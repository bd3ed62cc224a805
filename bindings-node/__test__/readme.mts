// The README's arithmetic snippet, type-checked as a user copies it (readme-types.test.mjs
// checks that the block below is the README's, then runs tsc without and with @types/node).
import type { Report2021 } from 'zfxxgk'
declare const report: Report2021
// --- README
import rules from 'zfxxgk/rules.json' with { type: 'json' }
import { computeTotals, fillBlankTotals, checkArithmetic } from 'zfxxgk/arithmetic'

computeTotals(report, rules)    // a new report, every 总计 computed from its parts
fillBlankTotals(report, rules)  // a new report, only the blank 总计 written in (the figure they stand for)
checkArithmetic(report, rules)  // [{ rule, severity, path, label, label_en, message, message_en, expected, actual, related, params }]
// --- end
import { validate, fillTotals, parse } from 'zfxxgk'
const fromBytes = validate(new TextEncoder().encode(JSON.stringify(fillTotals(report))))
const parsed = parse('<html></html>', 'html')
void fromBytes
void parsed
