#!/usr/bin/env bash
# Cuts the few glyphs the language names need (中文, ไทย) out of the bundled
# Noto Sans SC and Noto Sans Thai variable fonts, so the language switcher and
# the home page can name each language in its own script without pulling
# 150 kB of CJK and Thai font slices into an English first page.
# The result is committed (apps/web/src/fonts); rerun after a @fontsource upgrade.
# Needs fonttools with brotli (Debian: apt-get install fonttools python3-brotli).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=node_modules/@fontsource-variable
out=apps/web/src/fonts
subset() { # <source woff2> <code points> <output name>
  pyftsubset "$1" --unicodes="$2" --flavor=woff2 --layout-features='*' --no-hinting \
    --name-IDs='*' --output-file="$out/$3"
}
subset "$src/noto-sans-sc/files/noto-sans-sc-119-wght-normal.woff2" U+4E2D language-names-sc-1.woff2   # 中
subset "$src/noto-sans-sc/files/noto-sans-sc-118-wght-normal.woff2" U+6587 language-names-sc-2.woff2   # 文
subset "$src/noto-sans-thai/files/noto-sans-thai-thai-wght-normal.woff2" U+0E17,U+0E22,U+0E44 language-names-thai.woff2 # ท ย ไ
ls -l "$out"
