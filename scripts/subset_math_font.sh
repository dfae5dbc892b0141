#!/bin/sh
# Subset STIX Math (SIL OFL 1.1) from Debian's fonts-stix package into the self-hosted WOFF2 the
# site's formulas use (docs/assets/fonts/, loaded by site.css). The whole font is 466 KB; the subset
# keeps Latin, Greek, the mathematical operators, arrows, letterlike symbols, bracket pieces and the
# mathematical alphanumerics (italic, bold, script, double-struck), with the MATH table and every
# layout feature (stretchy operators, sizes), about 136 KB. Usage: scripts/subset_math_font.sh VENV
set -eu
VERSION=1.1.1-4.1
venv=$1
work=.cache/fonts
mkdir -p "$work" docs/assets/fonts
(cd "$work" && [ -f "fonts-stix_${VERSION}_all.deb" ] || apt-get download "fonts-stix=$VERSION")
dpkg-deb -x "$work/fonts-stix_${VERSION}_all.deb" "$work/stix"
"$venv/bin/pyftsubset" "$work/stix/usr/share/fonts/opentype/stix-word/STIXMath-Regular.otf" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+0370-03FF,U+2000-206F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2308-230B,U+239B-23B3,U+27E8-27EF,U+1D400-1D6A3,U+1D6A8-1D7C9" \
  --layout-features='*' --drop-tables+=FFTM --flavor=woff2 \
  --output-file=docs/assets/fonts/stix-math.woff2
echo "wrote docs/assets/fonts/stix-math.woff2 from fonts-stix $VERSION"
