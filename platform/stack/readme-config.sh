#!/usr/bin/env bash
# Regenerates the configuration table in README.md from the declarations (`cli config --markdown`).
set -euo pipefail
cd "$(dirname "$0")/../.."
table=$(node --import tsx app/cli.ts config --markdown)
python3 - "$table" <<'PY'
import sys, re
t = sys.argv[1]
p = 'README.md'; s = open(p).read()
s = re.sub(r'(<!-- config-table:start -->\n).*?(<!-- config-table:end -->)', lambda m: m.group(1) + t + '\n' + m.group(2), s, flags=re.S)
open(p, 'w').write(s)
PY
