/* validate: check one report with libzfxxgk and print its diagnostics as JSON (the same
 * JSON as `zfxxgk validate --output json FILE`).
 *
 *   validate REPORT.json [PREVIOUS.json]
 *
 * Exit status as the CLI: 0 no errors, 1 errors found, 2 could not run. */
#include "zfxxgk.h"

#include <stdio.h>
#include <stdlib.h>

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 65536, n = 0, got;
  unsigned char *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s REPORT.json [PREVIOUS.json]\n", argv[0]);
    return 2;
  }
  size_t len = 0, previous_len = 0;
  unsigned char *report = slurp(argv[1], &len);
  if (!report) {
    perror(argv[1]);
    return 2;
  }
  unsigned char *previous = NULL;
  if (argc == 3 && !(previous = slurp(argv[2], &previous_len))) {
    perror(argv[2]);
    free(report);
    return 2;
  }
  zfxxgk_diagnostics *diagnostics = NULL;
  zfxxgk_result r = zfxxgk_validate(report, len, previous, previous_len, 0, &diagnostics);
  free(report);
  free(previous);
  if (r != ZFXXGK_OK) {
    fprintf(stderr, "zfxxgk: %s\n", zfxxgk_result_message(r));
    return 2;
  }
  puts(zfxxgk_diagnostics_json(diagnostics));
  int status = zfxxgk_diagnostics_is_valid(diagnostics) ? 0 : 1;
  zfxxgk_diagnostics_free(diagnostics);
  return status;
}
