#!/usr/bin/env bash
# Keep one open issue titled "Dead external links" in step with the weekly lychee report ($1).
# Needs GH_TOKEN, GH_REPO, OUTCOME (the lychee step's outcome) and RUN_URL; uses the gh CLI.
set -euo pipefail
report="$1"
title="Dead external links"
number="$(gh issue list --state open --search "in:title \"$title\"" --json number,title \
  --jq "map(select(.title == \"$title\")) | .[0].number // empty")"

if [ "$OUTCOME" = "success" ]; then
  if [ -n "$number" ]; then
    gh issue close "$number" --comment "The link check of $RUN_URL found no dead links."
  fi
  exit 0
fi

body="$(mktemp)"
{
  echo "The weekly link check ($RUN_URL) found external links on the built site that do not answer."
  echo "Fix or replace each in \`data/questions.yaml\` (a reference's \`url\`), or in \`docs/\`."
  echo
  if [ -s "$report" ]; then head -c 60000 "$report"; else echo "lychee wrote no report; see the run's log."; fi
} > "$body"

if [ -n "$number" ]; then
  gh issue edit "$number" --body-file "$body"
else
  gh issue create --title "$title" --body-file "$body"
fi
