// The public API of the `zfxxgk` package. Report and diagnostic types are generated from
// schemas/ into ./types.d.ts; the native functions behind this API are typed by napi in
// ./native.d.ts. `tsc --noEmit` over __test__/usage.ts checks this file in the tests.
import type { Diagnostic, Parsed, ParseNote, Report, Report2019, Report2021, Rule } from './types'

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
/** Options of `panel` and `panelCsv`. */
export interface PanelOptions {
  /** Searched for in directories (default: `PUBLISHED_EXTENSIONS`; `['json']` for canonical documents). */
  extensions?: string[]
  /** Other names of an organ → its canonical name (an object, a Map or `[name, canonical]` pairs). */
  aliases?: Record<string, string> | Map<string, string> | Array<[string, string]>
  /** What a file that is not `*.json` is read as (default: decided from its content). */
  kind?: 'auto' | 'html' | 'text' | 'pdf' | 'docx'
  /** Keep at most this many diagnostics per report. */
  maxDiagnostics?: number
}

/** One organ of a panel. */
export interface PanelOrgan {
  /** The canonical name of an alias, else the first name printed. */
  name: string
  /** The normalised name its reports were grouped by. */
  key: string
  years: number[]
  files: number
}

/** Several files for one organ and year. */
export interface PanelDuplicate {
  organ: string
  year: number
  files: string[]
  /** false: P-CONFLICT names the cells that differ. */
  figures_agree: boolean
}

/** One file's result in a panel. */
export interface PanelReport {
  file: string
  /** As the report prints it. */
  organ: string | null
  /** The organ it was grouped under. */
  panel_organ: string | null
  year: number | null
  format: '2019' | '2021' | null
  role: 'primary' | 'copy' | 'conflict' | 'unplaced'
  /** The file the cross-year rules read as last year's. */
  previous: string | null
  diagnostics: Diagnostic[]
  notes: ParseNote[]
}

/** The counts of a checked panel. */
export interface PanelTotals {
  files: number
  with_errors: number
  unreadable: number
  cross_year: number
  errors: number
  warnings: number
  infos: number
}

/**
 * One row of the tidy table (keys: `PANEL_COLUMNS`). `kind` is `cell`, `diagnostic` or
 * `note`; `year` and integer figures are numbers, except an integer beyond
 * `Number.MAX_SAFE_INTEGER`, given as its digits; decimal amounts are strings (their exact
 * digits); a blank is `null`.
 */
export type PanelRecord = Record<(typeof PANEL_COLUMNS)[number], string | number | null>

/** What `panel` resolves to (the document `zfxxgk check --panel --output json` writes). */
export interface Panel {
  organs: PanelOrgan[]
  duplicates: PanelDuplicate[]
  /** Organ names that differ only by a bracketed note (not merged). */
  similar_names: Array<[string, string]>
  /** In the panel's order (organ, year, file; then the files not placed). */
  reports: PanelReport[]
  totals: PanelTotals
  /** The tidy table: a row per report × cell, per diagnostic and per parse note. */
  records(): PanelRecord[]
}

/** Checks many reports together as a panel of organs × years, off the main thread. */
export declare function panel(paths: string | URL | Iterable<string | URL>, options?: PanelOptions): Promise<Panel>
/** Writes the panel's tidy table to `out` as CSV while it is checked; resolves to the counts. */
export declare function panelCsv(paths: string | URL | Iterable<string | URL>, out: string | URL, options?: PanelOptions): Promise<PanelTotals>
/** The columns of every panel record, in order. */
export declare const PANEL_COLUMNS: readonly [
  'kind', 'organ', 'panel_organ', 'year', 'format', 'file', 'role', 'pointer', 'label', 'label_en',
  'value', 'rule', 'severity', 'expected', 'actual', 'message', 'message_en', 'candidates',
]
/** The extensions directories are searched for by default (published reports). */
export declare const PUBLISHED_EXTENSIONS: readonly string[]

/** What `panel` and `panelCsv` throw when a directory or the output cannot be used. */
export interface PanelIoError extends Error {
  code: 'ZFXXGK_IO_ERROR'
  path: string
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
  panel: typeof panel
  panelCsv: typeof panelCsv
  PANEL_COLUMNS: typeof PANEL_COLUMNS
  PUBLISHED_EXTENSIONS: typeof PUBLISHED_EXTENSIONS
  version: typeof version
}
export default zfxxgk
