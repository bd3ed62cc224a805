/* Tests of libzfxxgk through its C header: the shared fixture corpus, NULL and bad input,
 * ownership, and 8 threads validating at once. Usage: test_zfxxgk <fixtures-dir> */
#define _POSIX_C_SOURCE 200809L
#include "zfxxgk.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    size_t report_len = 0, previous_len = 0, expected_len = 0;
    unsigned char *report = read_file(report_path, &report_len);
    unsigned char *previous = read_file(previous_path, &previous_len);
    unsigned char *expected = read_file(expected_path, &expected_len);
    if (report && expected) {
      cases++;
      zfxxgk_diagnostics *diags = NULL;
      zfxxgk_result r = zfxxgk_validate(report, report_len, previous, previous_len, 0, &diags);
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
      free_list(got, n);
      free_list(want, m / 2);
      free_list(strings, m);
      zfxxgk_diagnostics_free(diags);
    }
    free(report);
    free(previous);
    free(expected);
    free(report_path);
    free(previous_path);
    free(expected_path);
  }
  closedir(d);
  CHECK(cases > 40, "only %d fixtures found in %s", cases, dir);
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

  /* Empty input (a non-NULL pointer with length 0). */
  CHECK(zfxxgk_validate((const uint8_t *)"", 0, NULL, 0, 0, &d) == ZFXXGK_OK, "empty input");
  CHECK(strcmp(zfxxgk_diagnostic_rule(d, 0), "DOC-NOT-JSON") == 0, "empty is DOC-NOT-JSON");
  zfxxgk_diagnostics_free(d);

  /* A cap on diagnostics. */
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), NULL, 0, 0, &d) == ZFXXGK_OK, "uncapped");
  size_t all = zfxxgk_diagnostics_count(d);
  zfxxgk_diagnostics_free(d);
  CHECK(zfxxgk_validate((const uint8_t *)CLEAN, strlen(CLEAN), NULL, 0, 2, &d) == ZFXXGK_OK, "capped");
  CHECK(all > 2 && zfxxgk_diagnostics_count(d) == 2, "cap keeps 2 of %zu", all);
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
  CHECK(strstr(zfxxgk_diagnostic_message_en(d, 0), "should be 71") != NULL, "message_en");
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
  CHECK(strstr(s, "\"total\": 3") != NULL, "fill computes 3: %s", s);
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
  CHECK(strcmp(zfxxgk_result_message(ZFXXGK_OK), "ok") == 0, "result message");
  CHECK(strcmp(zfxxgk_result_message(12345), "unknown result code") == 0, "unknown result code");
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

int main(int argc, char **argv) {
  const char *fixtures = argc > 1 ? argv[1] : "../core/tests/fixtures";
  test_fixtures(fixtures);
  test_null_and_bad_input();
  test_accessors(fixtures);
  test_strings();
  test_parse_corpus(fixtures);
  test_parse_fixtures(fixtures);
  test_threads(fixtures);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
