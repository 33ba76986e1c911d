#!/usr/bin/env bash
# Checks `collab export` and `collab import` with a real spreadsheet library
# (Python's openpyxl) on both examples:
#   - openpyxl opens every exported workbook (actions, metrics, partners,
#     timeline); the header row is frozen (pane at A2), the columns have
#     widths, date columns hold real dates, and each enum column (status,
#     stage, unit, level) carries a drop-down list of its labels;
#   - two exports give the same bytes;
#   - a figure typed into a copy of the metrics workbook by openpyxl (a
#     text cell such as `68.2%` for a percentage, a typed number otherwise)
#     is added by `collab import actuals`, the campaign still validates, and
#     importing the same file again adds nothing.
# Installs openpyxl into ci/.venv (shared with the other checks).
# COLLAB_BIN reuses a built binary. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup sheets
OPENPYXL_VERSION=3.1.5
if ! "$PY" - "$OPENPYXL_VERSION" 2>/dev/null <<'PY'
import sys, openpyxl
assert openpyxl.__version__ == sys.argv[1], openpyxl.__version__
PY
then
  ci_venv_pip "openpyxl==$OPENPYXL_VERSION"
fi

TODAY=2026-11-24
for example in winter-fire-safety safer-streets; do
  campaign=$WORK/$example
  cp -r "examples/$example" "$campaign"
  for what in actions metrics partners timeline; do
    if ! (cd "$campaign" && "$BIN" export "$what" --today $TODAY -q --out "$WORK/$example-$what.xlsx" &&
      "$BIN" export "$what" --today $TODAY --format xlsx > "$WORK/$example-$what.again.xlsx"); then
      fail "$example: collab export $what failed"
      continue
    fi
    if cmp -s "$WORK/$example-$what.xlsx" "$WORK/$example-$what.again.xlsx"; then
      pass "$example: export $what gives the same bytes twice"
    else
      fail "$example: export $what differs between two runs"
    fi
  done

  # The Python part prints one PASS or FAIL line per check, and writes the
  # edited workbook and the figure it expects to find.
  while IFS= read -r line; do
    case $line in
      PASS*) pass "$example: ${line#PASS }" ;;
      FAIL*) fail "$example: ${line#FAIL }" ;;
      *) echo "$line" ;;
    esac
  done < <("$PY" - "$WORK" "$example" <<'PY' 2>&1 || echo "FAIL the checker itself failed"
import datetime as dt
import pathlib
import sys

import openpyxl

work, example = pathlib.Path(sys.argv[1]), sys.argv[2]


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what, flush=True)
    return ok


DATES = {"actions": ["Due"], "metrics": ["Date"], "partners": ["Confirmed"], "timeline": ["Date"]}
LISTS = {"actions": {"Status": ["Open", "Done", "Dropped"]},
         "metrics": {"Stage": ["Input", "Output", "Out-take", "Outcome", "Impact"],
                     "Unit": ["Percent", "Count", "Pounds", "Ratio"]},
         "partners": {"Level": None}, "timeline": {}}

for what in ("actions", "metrics", "partners", "timeline"):
    path = work / f"{example}-{what}.xlsx"
    try:
        book = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001 - any failure to open is the finding
        check(False, f"{what}: openpyxl cannot open it: {e}")
        continue
    sheet = book.worksheets[0]
    check(True, f"{what}: openpyxl opens it ({sheet.max_row - 1} rows)")
    check(sheet.freeze_panes == "A2", f"{what}: the header row is frozen ({sheet.freeze_panes})")
    header = [c.value for c in sheet[1]]
    widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
              for i in range(len(header))]
    check(all(w and w > 8 for w in widths), f"{what}: every column has a width")
    for name in DATES[what]:
        col = header.index(name)
        values = [row[col].value for row in sheet.iter_rows(min_row=2) if row[col].value is not None]
        check(values and all(isinstance(v, dt.datetime) for v in values),
              f"{what}: the {name} column holds {len(values)} real dates")
    validations = sheet.data_validations.dataValidation
    for name, labels in LISTS[what].items():
        letter = openpyxl.utils.get_column_letter(header.index(name) + 1)
        found = [v for v in validations if v.type == "list" and f"{letter}2" in v.sqref]
        ok = bool(found) and (labels is None or found[0].formula1.strip('"').split(",") == labels)
        check(ok, f"{what}: the {name} column offers a list"
              + (f" of {', '.join(labels)}" if labels else ""))

# Type a figure into a copy of the metrics sheet, as a person would.
book = openpyxl.load_workbook(work / f"{example}-metrics.xlsx")
sheet = book.worksheets[0]
header = [c.value for c in sheet[1]]
rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
percent = [r for r in rows if r[header.index("Unit")] == "Percent"]
row = (percent or rows)[0]
metric, unit = row[header.index("Metric")], row[header.index("Unit")]
new = sheet.max_row + 1
sheet.cell(new, header.index("Metric") + 1, metric)
sheet.cell(new, header.index("Date") + 1, dt.datetime(2026, 11, 23))
value = "68.2%" if unit == "Percent" else 1250
sheet.cell(new, header.index("Value") + 1, value)
sheet.cell(new, header.index("Note") + 1, "Typed in openpyxl")
book.save(work / f"{example}-edited.xlsx")
want = "68.2" if unit == "Percent" else "1250"
(work / f"{example}-expect.txt").write_text(
    f"- {{ date: 2026-11-23, value: {want}, note: Typed in openpyxl }}\n{metric}\n")
print(f"typed {value!r} for {metric} into {example}-edited.xlsx")
PY
  )

  expect=$WORK/$example-expect.txt
  [[ -f $expect ]] || { fail "$example: no edited workbook"; continue; }
  line=$(sed -n 1p "$expect")
  if (cd "$campaign" && "$BIN" import actuals "$WORK/$example-edited.xlsx" --today $TODAY -q > "$WORK/import.out"); then
    pass "$example: collab import actuals reads openpyxl's workbook ($(cat "$WORK/import.out"))"
  else
    fail "$example: collab import actuals failed"
  fi
  if grep -rqF -- "$line" "$campaign" --include=*.yaml; then
    pass "$example: the figure is in the campaign: $line"
  else
    fail "$example: the figure is not in the campaign: $line"
  fi
  if (cd "$campaign" && "$BIN" validate --today $TODAY -q > /dev/null); then
    pass "$example: the campaign still validates"
  else
    fail "$example: the campaign no longer validates"
  fi
  before=$(cat "$campaign"/*.yaml | sha256sum)
  (cd "$campaign" && "$BIN" import actuals "$WORK/$example-edited.xlsx" --today $TODAY -q > /dev/null) || true
  if [[ $(cat "$campaign"/*.yaml | sha256sum) == "$before" ]]; then
    pass "$example: importing the same workbook again adds nothing"
  else
    fail "$example: a second import changed the campaign"
  fi
done

ci_finish sheets
