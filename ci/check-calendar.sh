#!/usr/bin/env bash
# Checks `collab calendar` with a real iCalendar reader (the Python
# `icalendar` library) on both examples:
#   - the file parses, and every event has UID, DTSTAMP, DTSTART and SUMMARY,
#     with no UID used twice;
#   - the events are exactly the campaign's dated milestones, activities, meetings,
#     blackout windows and actions with a due date, open, done or dropped
#     (done ones CONFIRMED and "Action done", dropped ones CANCELLED; read from the YAML
#     and collab.toml, not from collab);
#   - all-day events (milestones, activities, blackouts, actions) end the
#     day after their last day;
#   - each meeting, converted to the campaign's zone, starts at the local
#     time its YAML gives and has a DTEND after its `duration` (else its
#     agenda's minutes, else one hour), both by the zone
#     database and by the VTIMEZONE in the file, in summer and winter time;
#   - two runs give the same bytes.
# Installs icalendar and PyYAML into ci/.venv (shared with check-schemas.sh).
# COLLAB_BIN reuses a built binary. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup calendar
ICALENDAR_VERSION=7.3.0
PYYAML_VERSION=6.0.3
# ci/.venv is git-ignored; check-schemas.sh may have made it already.
if ! "$PY" - "$ICALENDAR_VERSION" "$PYYAML_VERSION" 2>/dev/null <<'PY'
import sys, icalendar, yaml
assert icalendar.__version__ == sys.argv[1], icalendar.__version__
assert yaml.__version__ == sys.argv[2], yaml.__version__
PY
then
  ci_venv_pip "icalendar==$ICALENDAR_VERSION" "PyYAML==$PYYAML_VERSION"
fi


for campaign in examples/winter-fire-safety examples/safer-streets; do
  name=$(basename "$campaign")
  ics=$WORK/$name.ics
  if ! (cd "$campaign" && "$BIN" calendar --today 2026-11-24 --out "$ics" -q &&
    "$BIN" calendar --today 2026-11-24 > "$WORK/$name.again.ics"); then
    fail "$name: collab calendar failed"
    continue
  fi
  if cmp -s "$ics" "$WORK/$name.again.ics"; then
    pass "$name: two runs give the same bytes (--out and stdout)"
  else
    fail "$name: two runs differ"
  fi

  # The Python part prints one PASS or FAIL line per check.
  while IFS= read -r line; do
    case $line in
      PASS*) pass "$name: ${line#PASS }" ;;
      FAIL*) fail "$name: ${line#FAIL }" ;;
      *) echo "$line" ;;
    esac
  done < <("$PY" - "$campaign" "$ics" <<'PY' 2>&1 || echo "FAIL the checker itself failed"
import datetime as dt
import pathlib
import sys
import tomllib
import zoneinfo

import icalendar
import yaml

folder, ics = pathlib.Path(sys.argv[1]), sys.argv[2]


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what, flush=True)
    return ok


def which(bad):
    """The items a check failed on, for its message."""
    return f": {bad}" if bad else ""


settings = tomllib.loads((folder / "collab.toml").read_text())
info = settings["campaign"]
cid, zone_name = info["id"], info.get("timezone", "Europe/London")
zone = zoneinfo.ZoneInfo(zone_name)
out_dir = settings.get("render", {}).get("out_dir", "dist")


def day(text):
    return dt.date.fromisoformat(str(text))


# What the campaign's own files say should be in the calendar.
milestones, activities, meetings, actions = {}, {}, {}, {}
blackouts = [b for b in settings.get("blackout", []) if "start" in b]
for path in sorted(folder.rglob("*.yaml")):
    if out_dir in path.relative_to(folder).parts:
        continue
    # BaseLoader keeps every scalar a string, as written.
    doc = yaml.load(path.read_text(), Loader=yaml.BaseLoader) or {}
    if doc.get("kind") == "plan":
        for m in (doc.get("implementation") or {}).get("milestones", []):
            if m.get("date"):
                milestones[m["id"]] = m
        for a in (doc.get("implementation") or {}).get("activities", []):
            if a.get("start"):
                activities[a["id"]] = a
    elif doc.get("kind") == "meeting" and doc.get("date"):
        meetings[doc["id"]] = doc
        for a in doc.get("actions", []):
            if a.get("due"):
                actions[a["id"]] = a

try:
    cal = icalendar.Calendar.from_ical(pathlib.Path(ics).read_bytes())
except Exception as e:  # noqa: BLE001 - any parse error is the finding
    check(False, f"icalendar cannot parse the file: {e}")
    sys.exit(0)
check(True, "icalendar parses the file")
check(str(cal.get("VERSION")) == "2.0", "VERSION is 2.0")
for key in ("PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"):
    check(cal.get(key) is not None, f"the calendar has {key}")

events = cal.walk("VEVENT")
missing = [
    str(e.get("UID", "?"))
    for e in events
    if any(e.get(k) is None for k in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"))
]
check(not missing, f"all {len(events)} events have UID, DTSTAMP, DTSTART, SUMMARY{which(missing)}")
uids = [str(e.get("UID")) for e in events]
check(len(uids) == len(set(uids)), "no UID is used twice")
by_uid = {str(e.get("UID")): e for e in events}

want = len(milestones) + len(activities) + len(meetings) + len(blackouts) + len(actions)
check(
    len(events) == want,
    f"{len(events)} events for {len(milestones)} milestones + {len(activities)} activities"
    f" + {len(meetings)} meetings"
    f" + {len(blackouts)} blackouts + {len(actions)} actions = {want}",
)


def uid(kind, key):
    return f"{kind}-{key}@{cid}.collab"


def all_day(event, first, last):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    return (
        type(start) is dt.date
        and type(end) is dt.date
        and start == first
        and end == last + dt.timedelta(days=1)
    )


bad = [k for k, m in milestones.items()
       if uid("milestone", k) not in by_uid
       or not all_day(by_uid[uid("milestone", k)], day(m["date"]), day(m["date"]))]
check(not bad, f"{len(milestones)} milestones are all-day events on their date{which(bad)}")

bad = [k for k, a in activities.items()
       if uid("activity", k) not in by_uid
       or not all_day(by_uid[uid("activity", k)], day(a["start"]),
                      max(day(a["start"]), day(a.get("end", a["start"]))))]
check(activities and not bad,
      f"{len(activities)} activities are all-day spans to the day after their last{which(bad)}")

# The summary's opening and the VEVENT STATUS of each action's status.
STATES = {"open": ("Action due: ", None), "done": ("Action done: ", "CONFIRMED"),
          "dropped": ("Action dropped: ", "CANCELLED")}


def action_ok(key, a):
    event = by_uid.get(uid("action", key))
    opening, status = STATES[a.get("status", "open")]
    return (
        event is not None
        and all_day(event, day(a["due"]), day(a["due"]))
        and str(event["SUMMARY"]).startswith(opening)
        and (None if event.get("STATUS") is None else str(event["STATUS"])) == status
    )


bad = [k for k, a in actions.items() if not action_ok(k, a)]
check(not bad, f"{len(actions)} actions are events on their due date with their status{which(bad)}")
dropped = [k for k, a in actions.items() if a.get("status") == "dropped"]
check(dropped, f"{len(dropped)} dropped action(s) are in the file as CANCELLED")

blackout_events = {
    (e.decoded("DTSTART"), e.decoded("DTEND"))
    for u, e in by_uid.items()
    if u.startswith("blackout-")
}
bad = [b.get("name") for b in blackouts
       if (day(b["start"]), day(b.get("end", b["start"])) + dt.timedelta(days=1))
       not in blackout_events]
check(not bad and len(blackout_events) == len(blackouts),
      f"{len(blackouts)} blackout windows run from their first day to the day after their last{which(bad)}")

# The VTIMEZONE on its own, without the zone database's help.
vtimezones = {str(t["TZID"]): t for t in cal.walk("VTIMEZONE")}
check(zone_name in vtimezones, f"a VTIMEZONE for {zone_name}")
own = vtimezones[zone_name].to_tz(lookup_tzid=False) if zone_name in vtimezones else None

offsets = set()
for key, m in meetings.items():
    what = f"meeting {key}"
    event = by_uid.get(uid("meeting", key))
    if event is None:
        check(False, f"{what}: no event")
        continue
    local = dt.datetime.fromisoformat(m["date"])
    start = event.decoded("DTSTART")
    ok = (
        isinstance(start, dt.datetime)
        and start.tzinfo is not None
        and str(event["DTSTART"].params.get("TZID")) == zone_name
        and start.astimezone(zone).replace(tzinfo=None) == local
    )
    check(ok, f"{what}: starts at {m['date']} {zone_name} (got {start})")
    if own is not None and isinstance(start, dt.datetime):
        by_vtz = local.replace(tzinfo=own).astimezone(dt.timezone.utc)
        by_db = local.replace(tzinfo=zone).astimezone(dt.timezone.utc)
        check(by_vtz == by_db, f"{what}: the file's VTIMEZONE puts it at {by_db:%H:%M}Z ({by_vtz:%H:%M}Z)")
        offsets.add(local.replace(tzinfo=zone).utcoffset())
    # Its duration, else the agenda's minutes, else one hour.
    agenda = sum(int(i["minutes"]) for i in m.get("agenda", []) if "minutes" in i)
    length = int(m["duration"]) if "duration" in m else agenda or 60
    check(event.get("DTEND") is not None, f"{what}: has a DTEND")
    if event.get("DTEND") is not None:
        end = event.decoded("DTEND")
        check(end - start == dt.timedelta(minutes=length), f"{what}: lasts {length} minutes")
    if m.get("location"):
        check(str(event.get("LOCATION")) == m["location"], f"{what}: LOCATION is the YAML's")
check(len(offsets) >= 2, f"meetings fall on both sides of a clock change (offsets {sorted(map(str, offsets))})")
PY
  )
done

ci_finish calendar
