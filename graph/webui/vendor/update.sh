#!/usr/bin/env bash
# Rebuilds this folder from the npm packages pinned in package.json and
# package-lock.json: the files of the Monaco editor that the web UI's
# loader asks for (Gizmo is JavaScript; GraphQL; MQL and the results are
# JSON) and the Material Icons font, each with its licence.
#
# Large files are stored gzipped (NAME.gz, with gzip -n so that the same
# input gives the same bytes); graph/webui serves them as they are to
# browsers that accept gzip and unpacked to the rest.
#
# Run it after changing a version, then run the browser tests
# (go test ./graph/webui/): they fail if the UI asks for a file missing here.
set -euo pipefail
cd "$(dirname "$0")"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp package.json package-lock.json "$tmp/"
(cd "$tmp" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
nm="$tmp/node_modules"

rm -rf monaco-editor material-icons

# Monaco 0.18.1, as the UI bundle loads it from
# https://cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/loader.js
monaco=(
  loader.js
  editor/editor.main.js
  editor/editor.main.css
  editor/editor.main.nls.js
  base/worker/workerMain.js
  basic-languages/javascript/javascript.js
  basic-languages/graphql/graphql.js
  language/typescript/tsMode.js
  language/typescript/tsWorker.js
  language/json/jsonMode.js
  language/json/jsonWorker.js
)
for f in "${monaco[@]}"; do
  mkdir -p "monaco-editor/min/vs/$(dirname "$f")"
  gzip -9 -n -c "$nm/monaco-editor/min/vs/$f" > "monaco-editor/min/vs/$f.gz"
done
cp "$nm/monaco-editor/LICENSE" "$nm/monaco-editor/ThirdPartyNotices.txt" "$nm/monaco-editor/package.json" monaco-editor/

# Material Icons (the regular style), as fonts.googleapis.com served it.
mkdir -p material-icons
cp "$nm/material-icons/iconfont/filled.css" \
   "$nm/material-icons/iconfont/material-icons.woff2" \
   "$nm/material-icons/iconfont/material-icons.woff" \
   "$nm/material-icons/LICENSE" "$nm/material-icons/package.json" material-icons/

du -sh . | sed 's/^/vendor size: /'
