#!/usr/bin/env bash
# Release build of everything the server serves and the server itself:
#   dist/             the citizen app's shell (index.html: home, 办件查询, settings, 404), with
#                     the service worker, the manifest and the icons
#   dist/disclosure/  the disclosure catalog bundle, with its search worker
#   dist/guide/       the service guide bundle (items and their disclosures)
#   dist/guide/apply/ the forms bundle (pre-review forms)
#   dist/guide/drafts/ the drafts bundle (drafts, outbox, receipts); its index.html is also
#                     put in dist/guide/receipt/
#   dist/guide/drafts/day/ the village service room's day (代办今日一览)
#   dist/contact/     咨询 and 预约 (ask, answers, book, bookings)
#   dist/staff/       the window desk, a bundle of its own (no service worker)
#   dist/staff/gk/    the 依申请公开 desk
#   dist/staff/admin/ administration (accounts, appeals, audit log, 节假日安排)
#   dist/staff/publish/ publishing (the disclosure catalog, the service guide and its forms)
#   dist/staff/front/ 咨询答复, 电子监察 of late answers, 今日预约, their settings
#   target/server/guichet-server
# Each bundle is a Trunk build of the root crate (one [[bin]] each); the server and the service
# worker answer a path with the index.html of the nearest bundle folder.
# Expects the toolchain from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
# The shell's build replaces dist/ as a whole, so every other bundle is built after it.
trunk build --release --minify
trunk build disclosure/index.html --release --minify --dist dist/disclosure --public-url /disclosure/
# The guide's build replaces dist/guide as a whole, so the forms bundle inside it comes after.
trunk build guide/index.html --release --minify --dist dist/guide --public-url /guide/
trunk build forms/index.html --release --minify --dist dist/guide/apply --public-url /guide/apply/
trunk build drafts/index.html --release --minify --dist dist/guide/drafts --public-url /guide/drafts/
# The drafts bundle answers /guide/receipt/… too (the nearest folder with an index.html answers
# a path, on the server and in the service worker).
mkdir -p dist/guide/receipt
cp dist/guide/drafts/index.html* dist/guide/receipt/
# The village room's day, inside the drafts bundle's folder: built after it.
trunk build village/index.html --release --minify --dist dist/guide/drafts/day --public-url /guide/drafts/day/
trunk build contact/index.html --release --minify --dist dist/contact --public-url /contact/
trunk build staff/index.html --release --minify --dist dist/staff --public-url /staff/
# The staff desk's build replaces dist/staff as a whole: its other bundles come after.
trunk build staff/gk/index.html --release --minify --dist dist/staff/gk --public-url /staff/gk/
trunk build staff/admin/index.html --release --minify --dist dist/staff/admin --public-url /staff/admin/
trunk build staff/publish/index.html --release --minify --dist dist/staff/publish --public-url /staff/publish/
trunk build staff/front/index.html --release --minify --dist dist/staff/front --public-url /staff/front/
cargo build --locked --profile server -p guichet-server
# The entry bundles' static first screens, rendered by the app itself (issue 16).
scripts/first-screen.sh dist
# After the last change to dist/: one service worker version for every bundle's files.
scripts/stamp-sw.sh dist
