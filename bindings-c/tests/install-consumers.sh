#!/usr/bin/env bash
# Installs into a scratch prefix, then builds and runs the example through pkg-config and
# through CMake's find_package(zfxxgk). Usage: install-consumers.sh <build-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
prefix=$build/prefix
rm -rf "$prefix" "$build/cmake-consumer"
make -s -C "$here" install PREFIX="$prefix" >/dev/null
report=$here/../examples/reports/2019-town.json

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# The library has a SONAME and is installed under its full version with both links.
soname=$(readelf -d "$prefix/lib/libzfxxgk.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
case $soname in libzfxxgk.so.[0-9]*) ;; *) echo "libzfxxgk.so has no versioned SONAME: '$soname'" >&2; exit 1 ;; esac
[ -e "$prefix/lib/$soname" ] || { echo "$soname is not installed" >&2; exit 1; }
# A scratch prefix is not where the dynamic linker looks: the README's rpath step.
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror "$here/examples/validate.c" $(pkg-config --cflags --libs zfxxgk) \
  -Wl,-rpath,"$(pkg-config --variable=libdir zfxxgk)" -o "$build/validate_pkgconfig"
readelf -d "$build/validate_pkgconfig" | grep -q "Shared library: \[$soname\]" \
  || { echo "the program does not record $soname" >&2; exit 1; }
"$build/validate_pkgconfig" "$report" >/dev/null
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror "$here/examples/validate.c" $(pkg-config --cflags zfxxgk) \
  "$prefix/lib/libzfxxgk.a" $(pkg-config --libs-only-other --static zfxxgk) \
  $(pkg-config --static --libs-only-l zfxxgk | sed 's/-lzfxxgk//') -o "$build/validate_pkgconfig_static"
"$build/validate_pkgconfig_static" "$report" >/dev/null
echo "pkg-config: shared and static builds run"

cmake -S "$here/tests/cmake-consumer" -B "$build/cmake-consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DEXAMPLE="$here/examples/validate.c" >/dev/null
cmake --build "$build/cmake-consumer" >/dev/null
"$build/cmake-consumer/validate_shared" "$report" >/dev/null
"$build/cmake-consumer/validate_static" "$report" >/dev/null
echo "CMake find_package(zfxxgk): shared and static builds run"
