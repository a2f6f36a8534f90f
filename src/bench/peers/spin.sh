#!/bin/sh
# SPIN on the filter lock (filter.pml beside this script, the model of
# spec/filter), for setting SPIN's compile-plus-verify time and state count
# beside sptecheck's. Usage: sh spin.sh [N] [both|reduce|noreduce]
#   N         processes, 2..8 (default 6)
#   reduce    spin -a, gcc -O2 -DSAFETY, ./pan: SPIN's defaults (partial-order reduction on)
#   noreduce  the same with gcc -DNOREDUCE
#   both      one then the other (default)
# Each variant works in a fresh temporary directory and prints its
# "states, stored" line, its error count, and its elapsed times (spin -a plus
# gcc, pan, and the sum). Exit 0; 1 when a step fails or pan reports errors;
# 2 when spin (or gcc) is missing or an argument is wrong.
set -u

n=${1:-6}
variants=${2:-both}
here=$(cd "$(dirname "$0")" && pwd)

command -v spin >/dev/null 2>&1 || { echo "spin not installed: apt-get install spin"; exit 2; }
command -v gcc >/dev/null 2>&1 || { echo "gcc not installed: apt-get install gcc"; exit 2; }
case $n in [2-8]) ;; *) echo "N must be in 2..8, got '$n'" >&2; exit 2 ;; esac
case $variants in
  both) variants='reduce noreduce' ;;
  reduce|noreduce) ;;
  *) echo "variant must be both, reduce or noreduce, got '$variants'" >&2; exit 2 ;;
esac
[ -r "$here/filter.pml" ] || { echo "missing $here/filter.pml" >&2; exit 2; }

# Seconds since the epoch, with nanoseconds where date has %N.
now() {
  t=$(date +%s.%N)
  case $t in *N) date +%s ;; *) echo "$t" ;; esac
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

status=0
for v in $variants; do
  dir=$(mktemp -d "${TMPDIR:-/tmp}/spin-filter.XXXXXX") || exit 1
  cp "$here/filter.pml" "$dir/"
  flags='-O2 -DSAFETY -DNOBOUNDCHECK'
  [ "$v" = noreduce ] && flags="$flags -DNOREDUCE"
  t0=$(now)
  if ! (cd "$dir" && spin -DN="$n" -a filter.pml >spin.out 2>&1); then
    echo "N=$n $v: spin -a failed:"; cat "$dir/spin.out"; rm -rf "$dir"; exit 1
  fi
  # shellcheck disable=SC2086
  if ! (cd "$dir" && gcc $flags -o pan pan.c >gcc.out 2>&1); then
    echo "N=$n $v: gcc failed:"; cat "$dir/gcc.out"; rm -rf "$dir"; exit 1
  fi
  t1=$(now)
  (cd "$dir" && ./pan -m1000000 >pan.out 2>&1)
  t2=$(now)
  stored=$(grep 'states, stored' "$dir/pan.out" | sed 's/^[[:space:]]*//')
  errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$dir/pan.out")
  echo "N=$n $v (gcc $flags): $stored, errors: ${errors:-?}"
  echo "  elapsed: spin -a + gcc $(secs "$t0" "$t1") s, pan $(secs "$t1" "$t2") s, total $(secs "$t0" "$t2") s"
  if [ "${errors:-x}" != 0 ] || grep -q 'max search depth too small' "$dir/pan.out"; then
    echo "  pan did not finish cleanly:"; sed 's/^/    /' "$dir/pan.out"; status=1
  fi
  rm -rf "$dir"
done
exit $status
