#!/usr/bin/env bash
# The per-request check as the number of cached users grows (1,000 to 1,000,000): hit time (a repeated token,
# and a new token of a cached user), bytes per cached user, the time to build a missing state, resident memory.
# Prints the table and writes the chart docs/cache-sweep.svg from the same numbers.
#   scripts/bench-sweep.sh [USERS...]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/TokenVersioning.Benchmarks -c Release >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
bench/TokenVersioning.Benchmarks/bin/Release/net10.0/TokenVersioning.Benchmarks sweep "$@" | tee "$out" | grep -v '^sweep,' || status=$?

# Two panels against users on a log scale: the hit times (ns), and bytes per cached user.
grep '^sweep,' "$out" | awk -F, -v when="$(date -u +%Y-%m-%d)" -v commit="$(git rev-parse --short HEAD)" '
  { n++; u[n]=$2; rep[n]=$3; nt[n]=$4; b[n]=$5; if ($4 > ymax) ymax=$4; if ($3 > ymax) ymax=$3 }
  function x(i, left) { return left + 40 + (log(u[i]) - log(u[1])) / (log(u[n]) - log(u[1]) + 1e-9) * 300 }
  function y(v, max) { return 250 - v / max * 200 }
  END {
    ymax = ymax * 1.15; bmax = 300
    print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"320\" font-family=\"sans-serif\" font-size=\"12\">"
    print "<rect width=\"860\" height=\"320\" fill=\"white\"/>"
    printf "<text x=\"20\" y=\"20\" font-size=\"14\">The per-request check as cached users grow (scripts/bench-sweep.sh, %s, %s)</text>\n", when, commit
    for (p = 0; p < 2; p++) {
      left = 20 + p * 430
      printf "<line x1=\"%d\" y1=\"250\" x2=\"%d\" y2=\"250\" stroke=\"#333\"/><line x1=\"%d\" y1=\"50\" x2=\"%d\" y2=\"250\" stroke=\"#333\"/>\n", left+40, left+360, left+40, left+40
      for (i = 1; i <= n; i++) printf "<text x=\"%.1f\" y=\"268\" text-anchor=\"middle\">%s</text>\n", x(i, left), (u[i] >= 1000000 ? u[i]/1000000 "M" : u[i]/1000 "k")
      printf "<text x=\"%d\" y=\"290\" text-anchor=\"middle\">cached users (log scale)</text>\n", left+200
    }
    printf "<text x=\"60\" y=\"45\">hit time, ns (0 to %d)</text>\n", ymax
    line_rep = ""; line_nt = ""
    for (i = 1; i <= n; i++) { line_rep = line_rep sprintf("%.1f,%.1f ", x(i, 20), y(rep[i], ymax)); line_nt = line_nt sprintf("%.1f,%.1f ", x(i, 20), y(nt[i], ymax)) }
    printf "<polyline points=\"%s\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\"/>\n", line_rep
    printf "<polyline points=\"%s\" fill=\"none\" stroke=\"#a4161a\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>\n", line_nt
    for (i = 1; i <= n; i++) {
      printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0b5cad\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#0b5cad\">%d</text>\n", x(i,20), y(rep[i],ymax), x(i,20)+4, y(rep[i],ymax)-6, rep[i]
      printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#a4161a\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#a4161a\">%d</text>\n", x(i,20), y(nt[i],ymax), x(i,20)+4, y(nt[i],ymax)-6, nt[i]
    }
    print "<text x=\"70\" y=\"305\" fill=\"#0b5cad\">solid: repeated token</text><text x=\"230\" y=\"305\" fill=\"#a4161a\">dashed: new token of a cached user</text>"
    printf "<text x=\"490\" y=\"45\">bytes per cached user (0 to %d; target at most 256)</text>\n", bmax
    printf "<line x1=\"490\" y1=\"%.1f\" x2=\"810\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"2,2\"/>\n", y(256, bmax), y(256, bmax)
    line_b = ""
    for (i = 1; i <= n; i++) line_b = line_b sprintf("%.1f,%.1f ", x(i, 450), y(b[i], bmax))
    printf "<polyline points=\"%s\" fill=\"none\" stroke=\"#1d6b33\" stroke-width=\"2\"/>\n", line_b
    for (i = 1; i <= n; i++) printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1d6b33\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#1d6b33\">%d</text>\n", x(i,450), y(b[i],bmax), x(i,450)+4, y(b[i],bmax)-6, b[i]
    print "</svg>"
  }' > docs/cache-sweep.svg
echo "chart: docs/cache-sweep.svg"
exit $status
