/* Tests of libzfxxgk through its C header: the shared fixture corpus, NULL and bad input,
 * ownership, and 8 threads validating at once. Usage: test_zfxxgk <fixtures-dir> */
#define _POSIX_C_SOURCE 200809L
#include "zfxxgk.h"

#include <dirent.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed = 0, failed = 0;

#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    if (cond) {                                                           \
      passed++;                                                           \
    } else {                                                              \
      failed++;                                                           \
      fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
      fprintf(stderr, __VA_ARGS__);                                       \
      fprintf(stderr, "\n");                                              \
    }                                                                     \
  } while (0)

/* Reads a whole file into an exactly sized buffer (no NUL terminator, so that a read past
 * the end shows under valgrind and ASan). Returns NULL when the file does not exist. */
static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  unsigned char *exact = malloc(n ? n : 1);
  memcpy(exact, buf, n);
  free(buf);
  *len = n;
  return exact;
}

/* The JSON strings of expected.json, in order (it holds only [[rule, path], ...]). */
static size_t json_strings(const unsigned char *s, size_t len, char ***out) {
  size_t count = 0, cap = 16;
  char **list = malloc(cap * sizeof *list);
  for (size_t i = 0; i < len; i++) {
    if (s[i] != '"') continue;
    char *str = malloc(len + 1);
    size_t k = 0;
    for (i++; i < len && s[i] != '"'; i++) {
      if (s[i] == '\\' && i + 1 < len) i++; /* \" and \\ only: pointers hold nothing else */
      str[k++] = (char)s[i];
    }
    str[k] = '\0';
    if (count == cap) list = realloc(list, (cap *= 2) * sizeof *list);
    list[count++] = str;
  }
  *out = list;
  return count;
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *pair(const char *rule, const char *path) {
  char *p = malloc(strlen(rule) + strlen(path) + 2);
  sprintf(p, "%s\t%s", rule, path);
  return p;
}

static void free_list(char **list, size_t n) {
  for (size_t i = 0; i < n; i++) free(list[i]);
  free(list);
}

static char *join(const char *dir, const char *name, const char *file) {
  char *p = malloc(strlen(dir) + strlen(name) + strlen(file) + 3);
  sprintf(p, "%s/%s/%s", dir, name, file);
  return p;
}

static int case_field(const char *line, const char *key, char *out, size_t cap);

/* Every fixture: the sorted (rule, path) pairs must equal expected.json. */
static void test_fixtures(const char *dir) {
  DIR *d = opendir(dir);
  CHECK(d != NULL, "cannot open %s", dir);
  if (!d) return;
  struct dirent *e;
  int cases = 0;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char *report_path = join(dir, e->d_name, "report.json");
    char *previous_path = join(dir, e->d_name, "previous.json");
    char *expected_path = join(dir, e->d_name, "expected.json");
    char *full_path = join(dir, e->d_name, "diagnostics.json");
    size_t report_len = 0, previous_len = 0, expected_len = 0;
    unsigned char *report = read_file(report_path, &report_len);
    unsigned char *previous = read_file(previous_path, &previous_len);
    unsigned char *expected = read_file(expected_path, &expected_len);
    size_t full_len = 0;
    unsigned char *full = read_file(full_path, &full_len);
    if (report && expected) {
      cases++;
      zfxxgk_diagnostics *diags = NULL;
      /* case.json may set the size limit and the cap on diagnostics (options every language passes). */
      char *meta_path = join(dir, e->d_name, "case.json");
      size_t meta_len = 0;
      unsigned char *meta = read_file(meta_path, &meta_len);
      size_t limit = 0, cap = 0;
      if (meta) {
        char *m = malloc(meta_len + 1);
        memcpy(m, meta, meta_len);
        m[meta_len] = '\0';
        char value[32];
        if (case_field(m, "max_input_bytes", value, sizeof value)) limit = (size_t)atoll(value);
        if (case_field(m, "max_diagnostics", value, sizeof value)) cap = (size_t)atoll(value);
        free(m);
      }
      free(meta);
      free(meta_path);
      zfxxgk_result r = zfxxgk_validate_limited(report, report_len, previous, previous_len, cap, limit, &diags);
      CHECK(r == ZFXXGK_OK, "%s: result %d", e->d_name, (int)r);
      size_t n = zfxxgk_diagnostics_count(diags);
      char **got = malloc((n ? n : 1) * sizeof *got);
      for (size_t i = 0; i < n; i++)
        got[i] = pair(zfxxgk_diagnostic_rule(diags, i), zfxxgk_diagnostic_path(diags, i));
      qsort(got, n, sizeof *got, compare_strings);
      char **strings;
      size_t m = json_strings(expected, expected_len, &strings);
      char **want = malloc((m / 2 ? m / 2 : 1) * sizeof *want);
      for (size_t i = 0; i + 1 < m; i += 2) want[i / 2] = pair(strings[i], strings[i + 1]);
      int same = n == m / 2;
      for (size_t i = 0; same && i < n; i++) same = strcmp(got[i], want[i]) == 0;
      CHECK(same, "fixture %s: %zu diagnostics, expected %zu", e->d_name, n, m / 2);
      /* Every field of every diagnostic, as core wrote it (diagnostics.json ends in a newline). */
      const char *json = zfxxgk_diagnostics_json(diags);
      CHECK(full && full_len > 0 && strlen(json) == full_len - 1 && memcmp(json, full, full_len - 1) == 0,
            "fixture %s: zfxxgk_diagnostics_json differs from diagnostics.json", e->d_name);
      free_list(got, n);
      free_list(want, m / 2);
      free_list(strings, m);
      zfxxgk_diagnostics_free(diags);
    }
    free(report);
    free(previous);
    free(expected);
    free(full);
    free(full_path);
    free(report_path);
    free(previous_path);
    free(expected_path);
  }
  closedir(d);
  CHECK(cases > 40, "only %d fixtures found in %s", cases, dir);
}

/* The named parameters of a diagnostic: T3-BALANCE's parts, S-UNKNOWN's key and suggestion. */
static void test_params(const char *dir) {
  char *path = join(dir, "t3-balance", "report.json");
  size_t len = 0;
  unsigned char *report = read_file(path, &len);
  CHECK(report != NULL, "t3-balance fixture");
  zfxxgk_diagnostics *d = NULL;
  CHECK(zfxxgk_validate(report, len, NULL, 0, 0, &d) == ZFXXGK_OK, "validate t3-balance");
  size_t found = 0;
  for (size_t i = 0; i < zfxxgk_diagnostics_count(d); i++) {
    if (strcmp(zfxxgk_diagnostic_rule(d, i), "T3-BALANCE") != 0) continue;
    found++;
    CHECK(zfxxgk_diagnostic_param_count(d, i) == 3, "three parameters");
    CHECK(strcmp(zfxxgk_diagnostic_param_name(d, i, 0), "carried_over") == 0, "names in order");
    const char *fresh = zfxxgk_diagnostic_param(d, i, "new");
    const char *over = zfxxgk_diagnostic_param(d, i, "carried_over");
    const char *handled = zfxxgk_diagnostic_param(d, i, "handled");
    CHECK(fresh && over && handled, "new, carried_over, handled");
    if (fresh && over && handled) {
      /* expected = new + carried_over - handled, all read from the parameters. */
      long long want = atoll(fresh) + atoll(over) - atoll(handled);
      CHECK(want == atoll(zfxxgk_diagnostic_expected(d, i)), "expected follows from the parameters");
    }
    CHECK(strcmp(zfxxgk_diagnostic_param_value(d, i, 0), over) == 0, "value by index");
    CHECK(zfxxgk_diagnostic_param(d, i, "missing") == NULL, "absent name");
    CHECK(zfxxgk_diagnostic_param(d, i, NULL) == NULL, "NULL name");
    CHECK(zfxxgk_diagnostic_param_name(d, i, 3) == NULL, "index out of range");
    CHECK(zfxxgk_diagnostic_related(d, i, zfxxgk_diagnostic_related_count(d, i)) == NULL,
          "related past the end is NULL, not a parameter");
  }
  CHECK(found > 0, "t3-balance has T3-BALANCE");
  CHECK(zfxxgk_diagnostic_param_count(NULL, 0) == 0, "params of NULL");
  CHECK(zfxxgk_diagnostic_param(d, 999, "new") == NULL, "diagnostic out of range");
  zfxxgk_diagnostics_free(d);
  free(report);
  free(path);

  const char unknown[] = "{\"format\":\"2021\",\"year\":2024,\"orgn\":\"x\"}";
  CHECK(zfxxgk_validate((const uint8_t *)unknown, strlen(unknown), NULL, 0, 0, &d) == ZFXXGK_OK, "validate");
  int seen = 0;
  for (size_t i = 0; i < zfxxgk_diagnostics_count(d); i++) {
    if (strcmp(zfxxgk_diagnostic_rule(d, i), "S-UNKNOWN") != 0) continue;
    seen = 1;
    CHECK(strcmp(zfxxgk_diagnostic_param(d, i, "key"), "orgn") == 0, "key");
    CHECK(strcmp(zfxxgk_diagnostic_param(d, i, "suggestion"), "organ") == 0, "suggestion");
  }
  CHECK(seen, "S-UNKNOWN reported");
  zfxxgk_diagnostics_free(d);
}

/* The value of "key" on one line of cases.json (one case per line): a string without
 * escapes, or a number, copied into out. Returns 0 when the line has no such key. */
static int case_field(const char *line, const char *key, char *out, size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\": ", key);
  const char *at = strstr(line, pattern);
  if (!at) return 0;
  at += strlen(pattern);
  size_t n = 0;
  if (*at == '"') {
    for (at++; *at && *at != '"' && n + 1 < cap; at++) out[n++] = *at;
  } else {
    for (; *at && (*at == '-' || (*at >= '0' && *at <= '9')) && n + 1 < cap; at++) out[n++] = *at;
  }
  out[n] = '\0';
  return 1;
}

/* The calls corpus (core/tests/calls): template and fill_totals give core's answer byte for
 * byte, or refuse with the result code that matches core's refusal. */
static void test_calls(const char *fixtures) {
  char *calls = malloc(strlen(fixtures) + 16);
  strcpy(calls, fixtures);
  char *slash = strrchr(calls, '/');
  if (slash) strcpy(slash, "/calls");
  char *cases_path = join(calls, ".", "cases.json");
  size_t len = 0;
  unsigned char *text = read_file(cases_path, &len);
  CHECK(text != NULL, "cannot read %s", cases_path);
  int checked = 0;
  char *all = malloc(len + 1);
  if (text) memcpy(all, text, len);
  all[text ? len : 0] = '\0';
  for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
    char name[128], call[32], format[32], year[32], report[256];
    if (!case_field(line, "name", name, sizeof name) || !case_field(line, "call", call, sizeof call)) continue;
    char *out = NULL;
    size_t out_len = 0;
    zfxxgk_result r;
    if (strcmp(call, "template") == 0) {
      case_field(line, "format", format, sizeof format);
      case_field(line, "year", year, sizeof year);
      long long y = atoll(year);
      /* C passes the format as its number: a name that is no number is the C caller's typo, not a case. */
      char *end = NULL;
      long f = strtol(format, &end, 10);
      if (!*format || *end) continue;
      if (y < 0) continue; /* uint32_t cannot hold it */
      r = zfxxgk_template((uint32_t)f, (uint32_t)y, &out, &out_len);
    } else if (strcmp(call, "fill_totals") == 0) {
      case_field(line, "report", report, sizeof report);
      char *path = malloc(strlen(calls) + strlen(report) + 8);
      sprintf(path, "%s/../%s", calls, report);
      size_t report_len = 0;
      unsigned char *bytes = read_file(path, &report_len);
      CHECK(bytes != NULL, "cannot read %s", path);
      r = zfxxgk_fill_totals(bytes ? bytes : (const uint8_t *)"", bytes ? report_len : 0, &out, &out_len);
      free(bytes);
      free(path);
    } else {
      continue;
    }
    char file[200];
    snprintf(file, sizeof file, "%s.out.json", name);
    char *answer_path = join(calls, ".", file);
    size_t answer_len = 0;
    unsigned char *answer = read_file(answer_path, &answer_len);
    if (answer) {
      CHECK(r == ZFXXGK_OK, "call %s: result %d", name, (int)r);
      CHECK(out && out_len == answer_len - 1 && memcmp(out, answer, out_len) == 0, "call %s: output differs", name);
    } else {
      snprintf(file, sizeof file, "%s.error.json", name);
      char *error_path = join(calls, ".", file);
      size_t error_len = 0;
      unsigned char *error = read_file(error_path, &error_len);
      CHECK(error != NULL, "call %s: no recorded answer", name);
      zfxxgk_result want = ZFXXGK_INVALID_ARGUMENT;
      if (error && error_len > 0) {
        char *e = malloc(error_len + 1);
        memcpy(e, error, error_len);
        e[error_len] = '\0';
        if (strstr(e, "\"not_a_report\"")) want = ZFXXGK_NOT_A_REPORT;
        free(e);
      }
      CHECK(r == want && out == NULL, "call %s: result %d, expected %d", name, (int)r, (int)want);
      free(error);
      free(error_path);
    }
    checked++;
    zfxxgk_string_free(out);
    free(answer);
    free(answer_path);
  }
  CHECK(checked >= 15, "only %d calls checked", checked);
  free(all);
  free(text);
  free(cases_path);
  free(calls);
}

static const char CLEAN[] =
    "{\"format\":\"2021\",\"year\":2024}"; /* structurally incomplete: many S-REQUIRED */

static void test_null_and_bad_input(void) {
  zfxxgk_diagnostics *sentinel = (zfxxgk_diagnostics *)&passed, *out = sentinel;
  CHECK(zfxxgk_validate(NULL, 0, NULL, 0, 0, &out) == ZFXXGK_NULL_ARGUMENT, "NULL report");
  CHECK(out == sentinel, "output written on failure");
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), NULL, 0, 0, NULL) == ZFXXGK_NULL_ARGUMENT,
        "NULL out");
  CHECK(zfxxgk_diagnostics_count(NULL) == 0, "count of NULL");
  CHECK(!zfxxgk_diagnostics_is_valid(NULL), "is_valid of NULL");
  CHECK(zfxxgk_diagnostics_json(NULL) == NULL, "json of NULL");
  CHECK(zfxxgk_diagnostic_rule(NULL, 0) == NULL, "rule of NULL");
  zfxxgk_diagnostics_free(NULL);
  zfxxgk_string_free(NULL);

  /* Invalid UTF-8 is a diagnostic, not a failure of the call. */
  const uint8_t gbk[] = {'{', '"', 'a', '"', ':', '"', 0xd5, 0xfe, '"', '}'};
  zfxxgk_diagnostics *d = NULL;
  CHECK(zfxxgk_validate(gbk, sizeof gbk, NULL, 0, 0, &d) == ZFXXGK_OK, "GBK bytes");
  CHECK(zfxxgk_diagnostics_count(d) == 1, "one diagnostic for GBK");
  CHECK(strcmp(zfxxgk_diagnostic_rule(d, 0), "DOC-NOT-JSON") == 0, "GBK is DOC-NOT-JSON");
  CHECK(strcmp(zfxxgk_diagnostic_severity(d, 0), "error") == 0, "severity");
  CHECK(zfxxgk_diagnostic_rule(d, 1) == NULL, "index out of range gives NULL");
  CHECK(zfxxgk_diagnostic_related(d, 0, 0) == NULL, "no related cells");
  CHECK(!zfxxgk_diagnostics_is_valid(d), "GBK is not valid");
  zfxxgk_diagnostics_free(d);

  /* A length no buffer can have is refused before anything is read. */
  out = sentinel;
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, SIZE_MAX, NULL, 0, 0, &out) == ZFXXGK_INVALID_ARGUMENT && out == sentinel,
        "SIZE_MAX length");
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), (const uint8_t *)CLEAN, (size_t)PTRDIFF_MAX + 1, 0,
                        &out) == ZFXXGK_INVALID_ARGUMENT,
        "previous longer than PTRDIFF_MAX");
  {
    char *text = NULL;
    size_t text_len = 0;
    CHECK(zfxxgk_fill_totals((const uint8_t *)CLEAN, SIZE_MAX, &text, &text_len) == ZFXXGK_INVALID_ARGUMENT && !text,
          "fill_totals SIZE_MAX");
    CHECK(zfxxgk_parse((const uint8_t *)CLEAN, SIZE_MAX, 0, &text, &text_len) == ZFXXGK_INVALID_ARGUMENT && !text,
          "parse SIZE_MAX");
  }

  /* Empty input (a non-NULL pointer with length 0). */
  CHECK(zfxxgk_validate((const uint8_t *)"", 0, NULL, 0, 0, &d) == ZFXXGK_OK, "empty input");
  CHECK(strcmp(zfxxgk_diagnostic_rule(d, 0), "DOC-NOT-JSON") == 0, "empty is DOC-NOT-JSON");
  zfxxgk_diagnostics_free(d);

  /* A cap on diagnostics. */
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), NULL, 0, 0, &d) == ZFXXGK_OK, "uncapped");
  size_t all = zfxxgk_diagnostics_count(d);
  zfxxgk_diagnostics_free(d);
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), NULL, 0, 2, &d) == ZFXXGK_OK, "capped");
  /* Two kept, then one DOC-TRUNCATED for each rule cut. */
  size_t kept = zfxxgk_diagnostics_count(d);
  CHECK(all > 2 && kept > 2, "cap keeps 2 of %zu and names what it cut", all);
  for (size_t i = 2; i < kept; i++)
    CHECK(strcmp(zfxxgk_diagnostic_rule(d, i), "DOC-TRUNCATED") == 0, "diagnostic %zu names a cut rule", i);
  CHECK(zfxxgk_diagnostics_truncated(d) == all - 2, "cap counts the rest (%zu)", zfxxgk_diagnostics_truncated(d));
  zfxxgk_diagnostics_free(d);
}

static void test_accessors(const char *fixtures) {
  char *path = join(fixtures, "t3-row-total", "report.json");
  size_t len;
  unsigned char *report = read_file(path, &len);
  zfxxgk_diagnostics *d = NULL;
  CHECK(zfxxgk_validate(report, len, NULL, 0, 0, &d) == ZFXXGK_OK, "validate");
  CHECK(zfxxgk_diagnostics_count(d) == 2, "two errors");
  CHECK(strcmp(zfxxgk_diagnostic_rule(d, 0), "T3-ROW-TOTAL") == 0, "rule");
  CHECK(strcmp(zfxxgk_diagnostic_path(d, 0), "/requests/outcomes/disclosed/total") == 0, "path");
  CHECK(strcmp(zfxxgk_diagnostic_label(d, 0), "表三 · （一）予以公开 · 总计") == 0, "label");
  CHECK(strcmp(zfxxgk_diagnostic_message(d, 0),
               "「表三 · （一）予以公开 · 总计」应为 71（各列之和），实际填报 70") == 0,
        "message %s", zfxxgk_diagnostic_message(d, 0));
  CHECK(strcmp(zfxxgk_diagnostic_label_en(d, 0), "Table 3 · (1) Disclosed · total") == 0, "label_en");
  CHECK(strcmp(zfxxgk_diagnostic_message_en(d, 0),
               "Table 3 · (1) Disclosed · total: total should be 71 (sum of the columns), reported 70") == 0,
        "message_en %s", zfxxgk_diagnostic_message_en(d, 0));
  CHECK(strcmp(zfxxgk_diagnostic_expected(d, 0), "71") == 0, "expected");
  CHECK(strcmp(zfxxgk_diagnostic_actual(d, 0), "70") == 0, "actual");
  CHECK(zfxxgk_diagnostic_related_count(d, 0) == 6, "related count");
  CHECK(strcmp(zfxxgk_diagnostic_related(d, 0, 0), "/requests/outcomes/disclosed/natural_person") == 0,
        "related");
  const char *json_start = "[\n  {\n    \"rule\": \"T3-ROW-TOTAL\"";
  CHECK(strncmp(zfxxgk_diagnostics_json(d), json_start, strlen(json_start)) == 0, "json");
  zfxxgk_diagnostics_free(d);
  free(report);
  free(path);
}

static void test_strings(void) {
  char *s = (char *)&passed, *sentinel = s;
  size_t len = 7;
  CHECK(zfxxgk_schema(ZFXXGK_FORMAT_2021, &s, &len) == ZFXXGK_OK, "schema 2021");
  CHECK(strlen(s) == len && strstr(s, "\"$id\": \"urn:zfxxgk:schema:report-2021\"") != NULL, "schema text");
  zfxxgk_string_free(s);
  CHECK(zfxxgk_schema(ZFXXGK_FORMAT_ANY, &s, &len) == ZFXXGK_OK, "schema any");
  zfxxgk_string_free(s);
  s = sentinel;
  CHECK(zfxxgk_schema(2020, &s, &len) == ZFXXGK_INVALID_ARGUMENT && s == sentinel, "schema 2020");
  CHECK(zfxxgk_schema(2021, NULL, &len) == ZFXXGK_NULL_ARGUMENT, "schema NULL out");
  CHECK(zfxxgk_diagnostic_schema(&s, &len) == ZFXXGK_OK, "diagnostic schema");
  zfxxgk_string_free(s);
  CHECK(zfxxgk_rules(&s, &len) == ZFXXGK_OK && strstr(s, "T3-BALANCE") != NULL, "rules");
  zfxxgk_string_free(s);

  CHECK(zfxxgk_template(ZFXXGK_FORMAT_2019, 2020, &s, &len) == ZFXXGK_OK, "template");
  zfxxgk_diagnostics *d = NULL;
  CHECK(zfxxgk_validate((const uint8_t *)s, len, NULL, 0, 0, &d) == ZFXXGK_OK, "validate template");
  CHECK(zfxxgk_diagnostics_is_valid(d), "template is valid");
  zfxxgk_diagnostics_free(d);
  zfxxgk_string_free(s);
  s = sentinel;
  CHECK(zfxxgk_template(ZFXXGK_FORMAT_2021, 1999, &s, &len) == ZFXXGK_INVALID_ARGUMENT && s == sentinel,
        "template 1999");
  CHECK(zfxxgk_template(ZFXXGK_FORMAT_ANY, 2024, &s, &len) == ZFXXGK_INVALID_ARGUMENT, "template any");

  const char *partial =
      "{\"format\":\"2021\",\"appeals\":{\"review\":{\"upheld\":1,\"corrected\":2,\"other\":0,"
      "\"pending\":null,\"total\":9}}}";
  CHECK(zfxxgk_fill_totals((const uint8_t *)partial, strlen(partial), &s, &len) == ZFXXGK_OK, "fill");
  CHECK(strcmp(s, "{\"format\":\"2021\",\"appeals\":{\"review\":{\"upheld\":1,\"corrected\":2,\"other\":0,"
                   "\"pending\":null,\"total\":3}}}") == 0,
        "fill changes only the total: %s", s);
  zfxxgk_string_free(s);
  s = sentinel;
  CHECK(zfxxgk_fill_totals((const uint8_t *)"[1]", 3, &s, &len) == ZFXXGK_NOT_A_REPORT && s == sentinel,
        "fill of an array");
  CHECK(zfxxgk_fill_totals(NULL, 0, &s, &len) == ZFXXGK_NULL_ARGUMENT, "fill NULL");

  const char *page = "<html><body><p>某县2024年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>";
  CHECK(zfxxgk_parse((const uint8_t *)page, strlen(page), 0, &s, &len) == ZFXXGK_OK, "parse");
  CHECK(strstr(s, "\"SECTION_MISSING\"") != NULL, "parse error as JSON: %s", s);
  zfxxgk_string_free(s);
  s = sentinel;
  CHECK(zfxxgk_parse((const uint8_t *)page, strlen(page), 7, &s, &len) == ZFXXGK_INVALID_ARGUMENT && s == sentinel,
        "parse kind 7");
  CHECK(zfxxgk_parse(NULL, 0, 0, &s, &len) == ZFXXGK_NULL_ARGUMENT, "parse NULL");

  CHECK(strcmp(zfxxgk_version(), ZFXXGK_VERSION) == 0, "version %s vs %s", zfxxgk_version(), ZFXXGK_VERSION);
  CHECK(strcmp(zfxxgk_result_message(ZFXXGK_OK), "Success: the outputs were written.") == 0, "result message");
  CHECK(strcmp(zfxxgk_result_message(12345), "unknown result code") == 0, "unknown result code");
  for (int r = ZFXXGK_OK; r <= ZFXXGK_PANIC; r++)
    CHECK(strcmp(zfxxgk_result_message(r), "unknown result code") != 0, "result %d has a message", r);
}

struct job {
  const unsigned char *report;
  size_t len;
  const char *json;
  int mismatches;
};

static void *worker(void *arg) {
  struct job *job = arg;
  for (int i = 0; i < 25; i++) {
    zfxxgk_diagnostics *d = NULL;
    if (zfxxgk_validate(job->report, job->len, NULL, 0, 0, &d) != ZFXXGK_OK ||
        strcmp(zfxxgk_diagnostics_json(d), job->json) != 0)
      job->mismatches++;
    zfxxgk_diagnostics_free(d);
  }
  return NULL;
}

static void test_parse_corpus(const char *fixtures) {
  char *path = malloc(strlen(fixtures) + 64);
  sprintf(path, "%s/../corpus/pt-gwh-2024/input.html", fixtures);
  size_t len;
  unsigned char *page = read_file(path, &len);
  CHECK(page != NULL, "corpus page %s", path);
  if (page) {
    char *json = NULL;
    size_t json_len = 0;
    CHECK(zfxxgk_parse(page, len, 1, &json, &json_len) == ZFXXGK_OK, "parse page");
    CHECK(json && strstr(json, "\"report\"") != NULL && strstr(json, "\"total\": 218") != NULL, "parsed report");
    zfxxgk_string_free(json);
  }
  free(page);
  free(path);
}

/* The parse-fixture corpus: zfxxgk_parse gives byte for byte the expected.json that the
 * core test checked against the reports' hand-checked figures. */
static void test_parse_fixtures(const char *fixtures) {
  char *dir = malloc(strlen(fixtures) + 32);
  sprintf(dir, "%s/../parse-fixtures", fixtures);
  DIR *d = opendir(dir);
  CHECK(d != NULL, "cannot open %s", dir);
  int cases = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    static const char *inputs[] = {"input.txt", "input.html", "input.pdf", "input.docx"};
    unsigned char *input = NULL;
    size_t input_len = 0;
    for (size_t k = 0; k < sizeof inputs / sizeof *inputs && !input; k++) {
      char *path = join(dir, e->d_name, inputs[k]);
      input = read_file(path, &input_len);
      free(path);
    }
    char *expected_path = join(dir, e->d_name, "expected.json");
    size_t expected_len = 0;
    unsigned char *expected = read_file(expected_path, &expected_len);
    free(expected_path);
    if (input && expected) {
      cases++;
      while (expected_len > 0 && (expected[expected_len - 1] == '\n' || expected[expected_len - 1] == '\r'))
        expected_len--;
      char *json = NULL;
      size_t json_len = 0;
      zfxxgk_result r = zfxxgk_parse(input, input_len, 0, &json, &json_len);
      CHECK(r == ZFXXGK_OK, "%s: result %d", e->d_name, (int)r);
      CHECK(json && json_len == expected_len && memcmp(json, expected, json_len) == 0,
            "parse fixture %s: the result differs from expected.json", e->d_name);
      zfxxgk_string_free(json);
    }
    free(input);
    free(expected);
  }
  if (d) closedir(d);
  CHECK(cases >= 12, "only %d parse fixtures found in %s", cases, dir);
  free(dir);
}

static void test_threads(const char *fixtures) {
  char *path = join(fixtures, "blank-total-stands-for-its-parts", "report.json");
  size_t len;
  unsigned char *report = read_file(path, &len);
  zfxxgk_diagnostics *d = NULL;
  zfxxgk_validate(report, len, NULL, 0, 0, &d);
  struct job jobs[8];
  pthread_t threads[8];
  for (int t = 0; t < 8; t++) {
    jobs[t] = (struct job){report, len, zfxxgk_diagnostics_json(d), 0};
    pthread_create(&threads[t], NULL, worker, &jobs[t]);
  }
  int mismatches = 0;
  for (int t = 0; t < 8; t++) {
    pthread_join(threads[t], NULL);
    mismatches += jobs[t].mismatches;
  }
  CHECK(mismatches == 0, "%d results differed between threads", mismatches);
  zfxxgk_diagnostics_free(d);
  free(report);
  free(path);
}

/* The string values of every `"key": "..."` in [from, to), each followed by '\n' (both
 * the compact JSON of the library and the pretty JSON of the fixtures). */
static char *values_of(const char *from, const char *to, const char *key) {
  size_t cap = 256, n = 0;
  char *out = malloc(cap);
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  size_t plen = strlen(pattern);
  for (const char *p = from; p && p < to; p++) {
    if (strncmp(p, pattern, plen) != 0) continue;
    const char *v = p + plen;
    while (*v == ' ') v++;
    if (*v != '"') continue;
    for (v++; *v && *v != '"'; v++) {
      if (*v == '\\' && v[1]) v++;
      if (n + 2 >= cap) out = realloc(out, cap *= 2);
      out[n++] = *v;
    }
    out[n++] = '\n';
  }
  out[n] = '\0';
  return out;
}

/* Every panel fixture (core/tests/panels): the reports of zfxxgk_panel_json have the roles
 * and the (rule, path) diagnostics, in order, of the entries.json that core writes. */
static void test_panels(const char *fixtures) {
  char *dir = malloc(strlen(fixtures) + 16);
  sprintf(dir, "%s/../panels", fixtures);
  DIR *d = opendir(dir);
  CHECK(d != NULL, "cannot open %s", dir);
  struct dirent *e;
  int cases = 0;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char *case_dir = malloc(strlen(dir) + strlen(e->d_name) + 2);
    sprintf(case_dir, "%s/%s", dir, e->d_name);
    DIR *c = opendir(case_dir);
    if (!c) {
      free(case_dir);
      continue;
    }
    cases++;
    char *paths[64];
    char *names[64];
    size_t count = 0;
    struct dirent *f;
    while ((f = readdir(c)) != NULL && count < 64) {
      if (f->d_name[0] == '.' || !strcmp(f->d_name, "expected.json") || !strcmp(f->d_name, "entries.json") ||
          !strcmp(f->d_name, "aliases.csv"))
        continue;
      paths[count] = join(dir, e->d_name, f->d_name);
      names[count++] = strdup(f->d_name);
    }
    closedir(c);
    /* aliases.csv: "name,canonical" lines into {"aliases": {"name": "canonical"}}. */
    char options[4096] = "{\"aliases\":{";
    size_t alias_len = 0;
    char *alias_path = join(dir, e->d_name, "aliases.csv");
    unsigned char *aliases = read_file(alias_path, &alias_len);
    free(alias_path);
    if (aliases) {
      char *text = malloc(alias_len + 1);
      memcpy(text, aliases, alias_len);
      text[alias_len] = '\0';
      int first = 1;
      for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *comma = strchr(line, ',');
        if (line[0] == '#' || !comma) continue;
        *comma = '\0';
        snprintf(options + strlen(options), sizeof options - strlen(options), "%s\"%s\":\"%s\"", first ? "" : ",",
                 line, comma + 1);
        first = 0;
      }
      free(text);
      free(aliases);
    }
    strcat(options, "}}");
    char *doc = NULL;
    size_t doc_len = 0;
    zfxxgk_result r = zfxxgk_panel_json((const char *const *)paths, count, (const uint8_t *)options,
                                        strlen(options), &doc, &doc_len);
    CHECK(r == ZFXXGK_OK, "panel %s: %s", e->d_name, zfxxgk_result_message(r));
    char *entries_path = join(dir, e->d_name, "entries.json");
    size_t entries_len = 0;
    unsigned char *raw = read_file(entries_path, &entries_len);
    free(entries_path);
    char *entries = malloc(entries_len + 1);
    memcpy(entries, raw, entries_len);
    entries[entries_len] = '\0';
    free(raw);
    for (size_t i = 0; r == ZFXXGK_OK && i < count; i++) {
      /* The report's line of the document, and the file's section of entries.json. */
      char *file_key = malloc(strlen(paths[i]) + 16);
      sprintf(file_key, "\"file\":\"%s\"", paths[i]);
      char *at = strstr(doc, file_key);
      free(file_key);
      CHECK(at != NULL, "panel %s: no report for %s", e->d_name, names[i]);
      char *name_key = malloc(strlen(names[i]) + 16);
      sprintf(name_key, "\n  \"%s\": {", names[i]);
      char *section = strstr(entries, name_key);
      free(name_key);
      CHECK(section != NULL, "panel %s: %s not in entries.json", e->d_name, names[i]);
      if (!at || !section) continue;
      char *line = at;
      while (line > doc && line[-1] != '\n') line--;
      const char *line_end = strchr(at, '\n');
      const char *section_end = strstr(section + 1, "\n  \"");
      if (!section_end) section_end = entries + entries_len;
      const char *keys[] = {"role", "rule", "path"};
      for (size_t k = 0; k < 3; k++) {
        char *got = values_of(line, line_end ? line_end : doc + doc_len, keys[k]);
        char *want = values_of(section, section_end, keys[k]);
        CHECK(!strcmp(got, want), "panel %s, %s: %s\n got:\n%s want:\n%s", e->d_name, names[i], keys[k], got, want);
        free(got);
        free(want);
      }
    }
    CHECK(r != ZFXXGK_OK || strstr(doc, "\"totals\": {\"files\":") != NULL, "panel %s: totals", e->d_name);
    zfxxgk_string_free(doc);
    free(entries);
    for (size_t i = 0; i < count; i++) {
      free(paths[i]);
      free(names[i]);
    }
    free(case_dir);
  }
  if (d) closedir(d);
  CHECK(cases >= 3, "only %d panel fixtures", cases);

  /* The tidy table, streamed to a file; the counts; bad arguments. */
  char *years = malloc(strlen(dir) + 32);
  sprintf(years, "%s/years", dir);
  const char *one[] = {years};
  char out_path[] = "/tmp/zfxxgk-c-panel-XXXXXX";
  int fd = mkstemp(out_path);
  CHECK(fd >= 0, "mkstemp");
  char *totals = NULL;
  size_t totals_len = 0;
  const char *json_only = "{\"extensions\":[\"json\"]}";
  CHECK(zfxxgk_panel_csv(one, 1, (const uint8_t *)json_only, strlen(json_only), out_path, &totals, &totals_len) ==
            ZFXXGK_OK,
        "panel csv");
  CHECK(totals && strlen(totals) == totals_len && strstr(totals, "\"files\":6") && strstr(totals, "\"cross_year\":1"),
        "panel csv totals: %s", totals ? totals : "(null)");
  zfxxgk_string_free(totals);
  size_t csv_len = 0;
  unsigned char *csv = read_file(out_path, &csv_len);
  const char *header = "kind,organ,panel_organ,year,format,file,role,pointer,label,label_en,value,rule,severity,"
                       "expected,actual,message,message_en,candidates\n";
  CHECK(csv && csv_len > strlen(header) && !memcmp(csv, header, strlen(header)), "panel csv header");
  size_t lines = 0;
  for (size_t i = 0; csv && i < csv_len; i++) lines += csv[i] == '\n';
  CHECK(lines > 100, "panel csv: %zu lines", lines);
  free(csv);
  CHECK(zfxxgk_panel_csv(one, 1, NULL, 0, out_path, NULL, NULL) == ZFXXGK_OK, "panel csv without totals");
  unlink(out_path);
  if (fd >= 0) close(fd);
  char *doc = (char *)&passed, *sentinel = doc;
  size_t len = 0;
  const char *with_null[] = {years, NULL};
  CHECK(zfxxgk_panel_json(NULL, 1, NULL, 0, &doc, &len) == ZFXXGK_NULL_ARGUMENT, "panel NULL paths");
  CHECK(zfxxgk_panel_json(with_null, 2, NULL, 0, &doc, &len) == ZFXXGK_NULL_ARGUMENT, "panel NULL path");
  CHECK(zfxxgk_panel_json(one, 1, NULL, 0, NULL, &len) == ZFXXGK_NULL_ARGUMENT, "panel NULL out");
  const char *bad[] = {"[1]", "{\"extension\":[\"json\"]}", "{\"kind\":\"word\"}", "{\"max_diagnostics\":0}", "{\"aliases\":{\"a\":3}}", "not json"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    CHECK(zfxxgk_panel_json(one, 1, (const uint8_t *)bad[i], strlen(bad[i]), &doc, &len) == ZFXXGK_INVALID_ARGUMENT &&
              doc == sentinel,
          "panel options %s", bad[i]);
  }
  CHECK(zfxxgk_panel_csv(one, 1, NULL, 0, "/nonexistent-dir/zfxxgk/panel.csv", NULL, NULL) == ZFXXGK_IO_ERROR,
        "panel csv to a missing directory");
  CHECK(zfxxgk_panel_csv(one, 1, NULL, 0, NULL, NULL, NULL) == ZFXXGK_NULL_ARGUMENT, "panel csv NULL out");
  /* No paths is an empty panel; a file that is not there is a result (P-UNREADABLE). */
  CHECK(zfxxgk_panel_json(NULL, 0, NULL, 0, &doc, &len) == ZFXXGK_OK && strstr(doc, "\"files\":0"), "empty panel");
  zfxxgk_string_free(doc);
  const char *missing[] = {"/nonexistent-dir/zfxxgk/report.json"};
  CHECK(zfxxgk_panel_json(missing, 1, NULL, 0, &doc, &len) == ZFXXGK_OK && strstr(doc, "P-UNREADABLE"),
        "panel of a missing file");
  zfxxgk_string_free(doc);
  CHECK(!strcmp(zfxxgk_result_message(ZFXXGK_IO_ERROR),
                "A file or directory could not be read or written (a directory of a panel that cannot be listed, its "
                "output file)."),
        "IO_ERROR message");
  free(years);
  free(dir);
}

int main(int argc, char **argv) {
  const char *fixtures = argc > 1 ? argv[1] : "../core/tests/fixtures";
  test_fixtures(fixtures);
  test_params(fixtures);
  test_calls(fixtures);
  test_null_and_bad_input();
  test_accessors(fixtures);
  test_strings();
  test_parse_corpus(fixtures);
  test_parse_fixtures(fixtures);
  test_threads(fixtures);
  test_panels(fixtures);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
