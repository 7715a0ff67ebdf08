# Sourced by scripts/build.sh, bundle-size.sh and stamp-sw.sh: the bundle map (bundles.txt at
# the repository's root, described there) for bash, so that no script keeps a list of bundles.
# `bundles` prints one line per `bundle` line of the map, in its order (the build order):
#   NAME KIND SOURCE FOLDER ALSO
# with ALSO the comma-separated other folders, or `-` when there are none. The map's checks
# (one root, unique folders, the build order, well-formed folders) are crates/core/build.rs's.
GUICHET_BUNDLE_MAP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bundles.txt"
bundles() {
  [ -f "$GUICHET_BUNDLE_MAP" ] || { echo "bundles: $GUICHET_BUNDLE_MAP is missing" >&2; return 1; }
  awk '$1 == "bundle" { print $2, $3, $4, $5, (NF >= 6 ? $6 : "-") }' "$GUICHET_BUNDLE_MAP"
}
