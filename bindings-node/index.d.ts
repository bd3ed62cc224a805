// The public API of the `zfxxgk` package. Report and diagnostic types are generated from
// schemas/ into ./types.d.ts; the native functions behind this API are typed by napi in
// ./native.d.ts. `tsc --noEmit` over __test__/usage.ts checks this file in the tests.
import type { Diagnostic, Parsed, Report, Report2019, Report2021, Rule } from './types'

export type { Diagnostic, Report, Report2019, Report2021, Rule } from './types'
export type * from './types'

/** A report: an object in the canonical form, a JSON string, or the bytes of one (a Buffer is a Uint8Array). */
export type ReportInput = Report | Record<string, unknown> | string | Uint8Array

export interface ValidateOptions {
  /** Last year's report of the same organ: enables the cross-year rules. */
  previous?: ReportInput | null
  /**
   * Keep at most this many diagnostics (a hostile document cannot make millions; default
   * 10,000); each rule with findings beyond it is named by one `DOC-TRUNCATED` at the end.
   */
  maxDiagnostics?: number
  /**
   * JSON input (a string or Buffer, or the JSON of an object) longer than this many bytes is
   * not read and gets `DOC-TOO-LARGE` (default 64 MiB).
   */
  maxInputBytes?: number
}

/** Every diagnostic of a report; input that is not a report is a diagnostic, not an exception. */
export declare function validate(report: ReportInput, options?: ValidateOptions): Diagnostic[]
/** `validate` on a worker thread. */
export declare function validateAsync(report: ReportInput, options?: ValidateOptions): Promise<Diagnostic[]>
/** True when the report has no error-severity diagnostic. */
export declare function isValid(report: ReportInput, options?: ValidateOptions): boolean
/** Throws an `InvalidReportError` (code `'ZFXXGK_INVALID_REPORT'`) when the report has errors. */
export declare function check(report: ReportInput, options?: ValidateOptions): void
/** A published JSON Schema (either template version when `format` is omitted). */
export declare function schema(format?: '2019' | '2021' | 'diagnostic'): Record<string, unknown>
/** A blank report: every cell 0. */
export declare function template(format: '2019', year: number): Report2019
export declare function template(format: '2021', year: number): Report2021
/**
 * A new report with every total of tables 3 and 4 computed from its parts; the argument is
 * not changed. An object comes back as a copy with its other values exactly as given
 * (BigInt, NaN, undefined, Dates kept); a string or Buffer comes back parsed from its text
 * with only the totals changed.
 */
export declare function fillTotals(report: ReportInput): Report
/** The rule catalog. */
export declare function rules(): Rule[]

/** Reads a published report; throws a `ParseError` when it cannot be read. */
export declare function parse(published: string | Uint8Array, kind?: 'auto' | 'html' | 'text' | 'pdf' | 'docx'): Parsed

/** What `parse` throws. */
export interface ParseError extends Error {
  code: 'ZFXXGK_PARSE_ERROR'
  reason: string
}
/** The library version (the Cargo version). */
export declare const version: string

/** What `check` and `fillTotals` throw. */
export interface InvalidReportError extends Error {
  code: 'ZFXXGK_INVALID_REPORT'
  diagnostics: Diagnostic[]
}

/** What misuse throws (`TypeError` / `RangeError`). */
export interface InvalidArgumentError extends Error {
  code: 'ZFXXGK_INVALID_ARGUMENT'
}

declare const zfxxgk: {
  validate: typeof validate
  validateAsync: typeof validateAsync
  isValid: typeof isValid
  check: typeof check
  schema: typeof schema
  template: typeof template
  fillTotals: typeof fillTotals
  rules: typeof rules
  parse: typeof parse
  version: typeof version
}
export default zfxxgk
