// The header compiles as C++ and the library links and runs from C++.
#include "zfxxgk.h"

#include <cstring>
#include <iostream>
#include <string>

int main() {
  const std::string report = R"({"format": "2021", "year": 2024})";
  zfxxgk_diagnostics *d = nullptr;
  if (zfxxgk_validate(reinterpret_cast<const uint8_t *>(report.data()), report.size(), nullptr, 0, 0, &d) !=
      ZFXXGK_OK) {
    return 1;
  }
  const bool ok = zfxxgk_diagnostics_count(d) > 0 && std::strcmp(zfxxgk_diagnostic_rule(d, 0), "S-REQUIRED") == 0;
  zfxxgk_diagnostics_free(d);
  std::cout << (ok ? "c++ smoke: ok" : "c++ smoke: FAILED") << std::endl;
  return ok ? 0 : 1;
}
