//! Day-to-day edits: `collab new`, `collab log` and `collab action`. Each
//! edits one file in place (see [`crate::edit`]), checks the campaign again,
//! and puts the file back as it was if the edit made the campaign invalid.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{output_width, write_inside};
use crate::campaign::{Campaign, Document};
use crate::check::slug;
use crate::cli::{
    ActionAdd, ActionCommand, Global, LogArgs, MeetingTypeArg, NewActivity, NewCommand, NewMeeting,
    NewMetric, NewMilestone, NewPartner,
};
use crate::edit::{self, YValue};
use crate::load::{self, Workspace};
use crate::lock::{CampaignLock, lock_campaign};
use crate::model::meeting::ActionStatus;
use crate::model::{Date, DateTime, Kind};
use crate::output::{self, Style};
use crate::view::{self, Outside};
use crate::yaml::Seg::{Index as I, Key as K};
use crate::{Error, Outcome};

/// The one campaign a day-to-day command acts on, read under its lock:
/// the command holds the lock until it has written (or put back) the file
/// it edits, so edits run at once take turns and none is lost.
fn campaign_here(cwd: &Path) -> Result<(CampaignLock, Workspace, usize), Error> {
    let root = crate::discover::find_campaign_root(cwd).ok_or_else(|| {
        Error::Usage(format!(
            "no campaign here: there is no collab.toml in {} or any folder above it",
            cwd.display()
        ))
    })?;
    let lock = lock_campaign(&root)?;
    let ws = load::load_campaign(cwd, &root)?;
    let index = ws
        .campaigns
        .iter()
        .position(|c| c.root == root)
        .ok_or_else(|| Error::Usage("collab.toml could not be read; run collab validate".into()))?;
    Ok((lock, ws, index))
}

fn error_count(cwd: &Path, global: &Global) -> usize {
    load::load(cwd, &[])
        .map(|ws| super::check_all(&ws, global).errors())
        .unwrap_or(usize::MAX)
}

/// Write `new` to `path`, check the campaign, and restore `old` (or remove
/// the file when it is new) if the campaign gained errors. The texts are as
/// collab read them; a byte-order mark the file starts with is kept.
fn write_checked(
    cwd: &Path,
    global: &Global,
    path: &Path,
    old: Option<&str>,
    new: &str,
    done: &str,
) -> Result<Outcome, Error> {
    let root = crate::discover::find_campaign_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let before = error_count(cwd, global);
    let bom = load::bom_of(path);
    write_inside(&root, path, format!("{bom}{new}").as_bytes())?;
    let ws = load::load(cwd, &[])?;
    let report = super::check_all(&ws, global);
    if report.errors() > before {
        match old {
            Some(old) => write_inside(&root, path, format!("{bom}{old}").as_bytes())?,
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
        let mut errors = report;
        errors
            .findings
            .retain(|f| f.level == crate::diagnostic::Level::Error);
        let style = Style {
            color: false,
            width: output_width(),
            quiet: true,
            paths: output::Bases::here(cwd),
        };
        eprint!("{}", output::render(&errors, output::Format::Human, &style));
        eprintln!(
            "error: that change would leave the campaign with errors, so {} was left as it was",
            crate::discover::display_path(path, cwd)
        );
        return Ok(Outcome::Failure);
    }
    if !global.quiet {
        eprintln!("{done}");
    }
    Ok(Outcome::Success)
}

/// Ask on a terminal for a required value the flags did not give.
fn need(value: Option<String>, flag: &str, question: &str) -> Result<String, Error> {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        return Ok(v);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!("{flag} is required")));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{question}: ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::Failed(format!("could not read the answer: {e}")))?;
    let line = line.trim().to_string();
    if line.is_empty() {
        Err(Error::Usage(format!("{flag} is required")))
    } else {
        Ok(line)
    }
}

fn first_doc(campaign: &Campaign, kind: Kind) -> Result<&Document, Error> {
    campaign.docs(kind).next().ok_or_else(|| {
        Error::Failed(format!(
            "the campaign has no {kind} document to add to (collab init shows the shape)"
        ))
    })
}

fn today(global: &Global, campaign: &Campaign) -> Date {
    super::campaign_today(global, campaign)
}

fn push_opt(item: &mut Vec<(String, YValue)>, key: &str, value: Option<YValue>) {
    if let Some(v) = value {
        item.push((key.to_string(), v));
    }
}

fn text(v: &Option<String>) -> Option<YValue> {
    v.as_ref().map(|s| YValue::text(s.clone()))
}

fn plain(v: &Option<String>) -> Option<YValue> {
    v.as_ref().map(|s| YValue::plain(s.clone()))
}

fn number(n: f64) -> YValue {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        YValue::plain(n as i64)
    } else {
        YValue::plain(n)
    }
}

fn texts(list: &[String]) -> Option<YValue> {
    (!list.is_empty()).then(|| YValue::List(list.iter().map(|s| YValue::text(s.clone())).collect()))
}

fn plains(list: &[String]) -> Option<YValue> {
    (!list.is_empty())
        .then(|| YValue::List(list.iter().map(|s| YValue::plain(s.clone())).collect()))
}

fn contact(
    name: &Option<String>,
    role: &Option<String>,
    email: &Option<String>,
    phone: &Option<String>,
) -> Option<YValue> {
    let mut m = Vec::new();
    push_opt(&mut m, "name", text(name));
    push_opt(&mut m, "role", text(role));
    push_opt(&mut m, "email", plain(email));
    push_opt(&mut m, "phone", text(phone));
    (!m.is_empty()).then_some(YValue::Map(m))
}

/// Append `item` to the list at `path` of `doc` and check the result.
fn append(
    cwd: &Path,
    global: &Global,
    doc: &Document,
    path: &[crate::yaml::Seg<'_>],
    item: &[(String, YValue)],
    done: &str,
) -> Result<Outcome, Error> {
    let old = doc.file.source.text();
    let splice = edit::append_item(old, &doc.root, path, item)
        .map_err(|e| Error::Failed(format!("could not edit {}: {e}", doc.file.relative_to(cwd))))?;
    let new = splice.apply(old);
    write_checked(cwd, global, &doc.file.path, Some(old), &new, done)
}

pub fn run(cwd: &Path, global: &Global, cmd: NewCommand) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let campaign = &ws.campaigns[index];
    match cmd {
        NewCommand::Meeting(args) => new_meeting(cwd, global, campaign, args),
        NewCommand::Partner(args) => new_partner(cwd, global, campaign, args),
        NewCommand::Metric(args) => new_metric(cwd, global, campaign, args),
        NewCommand::Activity(args) => new_activity(cwd, global, campaign, args),
        NewCommand::Milestone(args) => new_milestone(cwd, global, campaign, args),
    }
}

fn new_partner(cwd: &Path, global: &Global, c: &Campaign, a: NewPartner) -> Result<Outcome, Error> {
    let id = need(a.id, "--id", "Partner id (kebab-case)")?;
    let name = need(a.name, "--name", "Organisation name")?;
    let sector = need(
        a.sector,
        "--sector",
        "Sector (e.g. local-authority, police, nhs)",
    )?;
    let level = need(
        a.level,
        "--level",
        "Level (information-sharing, participation, co-operation, collaboration)",
    )?;
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("name".to_string(), YValue::text(name)),
        ("sector".to_string(), YValue::plain(sector)),
        ("level".to_string(), YValue::plain(level)),
    ];
    push_opt(&mut item, "form", plain(&a.form));
    // Regions are free text ("Greater Manchester"), quoted when YAML needs it.
    push_opt(&mut item, "regions", texts(&a.regions));
    push_opt(
        &mut item,
        "lead",
        contact(&a.lead_name, &a.lead_role, &a.lead_email, &a.lead_phone),
    );
    push_opt(
        &mut item,
        "deputy",
        contact(&a.deputy_name, &a.deputy_role, &None, &None),
    );
    push_opt(&mut item, "confirmed", plain(&a.confirmed));
    push_opt(&mut item, "offers", plains(&a.offers));
    push_opt(&mut item, "gains", texts(&a.gains));
    push_opt(&mut item, "tags", plains(&a.tags));
    let doc = first_doc(c, Kind::Partners)?;
    let done = format!("added partner `{id}` to {}", doc.file.relative_to(cwd));
    append(cwd, global, doc, &[K("partners")], &item, &done)
}

fn new_metric(cwd: &Path, global: &Global, c: &Campaign, a: NewMetric) -> Result<Outcome, Error> {
    let id = need(a.id, "--id", "Metric id (kebab-case)")?;
    let name = need(a.name, "--name", "What is measured")?;
    let stage = need(
        a.stage,
        "--stage",
        "Stage (input, output, outtake, outcome, impact)",
    )?;
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("name".to_string(), YValue::text(name)),
        ("stage".to_string(), YValue::plain(stage)),
    ];
    push_opt(&mut item, "discipline", plain(&a.discipline));
    push_opt(&mut item, "level", plain(&a.level));
    push_opt(&mut item, "objective", plain(&a.objective));
    push_opt(&mut item, "owner", plain(&a.owner));
    push_opt(&mut item, "method", text(&a.method));
    push_opt(&mut item, "frequency", plain(&a.frequency));
    push_opt(&mut item, "unit", plain(&a.unit));
    push_opt(&mut item, "direction", plain(&a.direction));
    push_opt(&mut item, "baseline", a.baseline.map(number));
    push_opt(&mut item, "target", a.target.map(number));
    let doc = first_doc(c, Kind::Evaluation)?;
    let done = format!("added metric `{id}` to {}", doc.file.relative_to(cwd));
    append(cwd, global, doc, &[K("metrics")], &item, &done)
}

fn new_activity(
    cwd: &Path,
    global: &Global,
    c: &Campaign,
    a: NewActivity,
) -> Result<Outcome, Error> {
    let id = need(a.id, "--id", "Activity id (kebab-case)")?;
    let name = need(a.name, "--name", "What the activity is")?;
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("name".to_string(), YValue::text(name)),
    ];
    push_opt(&mut item, "owner", plain(&a.owner));
    push_opt(&mut item, "channel", plain(&a.channel));
    push_opt(&mut item, "start", plain(&a.start));
    push_opt(&mut item, "end", plain(&a.end));
    push_opt(&mut item, "budget", a.budget.map(number));
    let doc = first_doc(c, Kind::Plan)?;
    let done = format!("added activity `{id}` to {}", doc.file.relative_to(cwd));
    append(
        cwd,
        global,
        doc,
        &[K("implementation"), K("activities")],
        &item,
        &done,
    )
}

fn new_milestone(
    cwd: &Path,
    global: &Global,
    c: &Campaign,
    a: NewMilestone,
) -> Result<Outcome, Error> {
    let id = need(a.id, "--id", "Milestone id (kebab-case)")?;
    let name = need(a.name, "--name", "What happens")?;
    let date = need(a.date, "--date", "Date (YYYY-MM-DD)")?;
    let kind = need(
        a.kind,
        "--type",
        "Type (budget-approval, launch, review, end, other, …)",
    )?;
    let item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("name".to_string(), YValue::text(name)),
        ("date".to_string(), YValue::plain(date)),
        ("type".to_string(), YValue::plain(kind)),
    ];
    let doc = first_doc(c, Kind::Plan)?;
    let done = format!("added milestone `{id}` to {}", doc.file.relative_to(cwd));
    append(
        cwd,
        global,
        doc,
        &[K("implementation"), K("milestones")],
        &item,
        &done,
    )
}

/// Text for a comment line: control characters and line breaks shown
/// escaped, so nothing read from a file can end the comment or reach a
/// terminal raw.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The agenda each type of meeting needs: (topic, title, minutes).
fn agenda_for(kind: MeetingTypeArg) -> Vec<(&'static str, Option<&'static str>, u32)> {
    match kind {
        MeetingTypeArg::InitialPartnering => vec![
            ("introductions", None, 20),
            ("objectives", None, 20),
            ("timescales", None, 15),
            ("resources", None, 20),
            ("evaluation", None, 15),
            ("sign-off", None, 15),
            ("liaison", None, 15),
        ],
        MeetingTypeArg::CatchUp => vec![
            ("evaluation", Some("Latest figures against target"), 15),
            ("timescales", Some("Dates and milestones ahead"), 10),
            ("resources", Some("What partners need or can offer"), 10),
            ("liaison", Some("News from partners"), 10),
        ],
        MeetingTypeArg::AgencyBriefing => vec![
            ("introductions", None, 10),
            ("objectives", Some("Objectives and audience insight"), 20),
            ("resources", Some("Budget, channels and assets"), 15),
            ("timescales", None, 10),
            ("sign-off", Some("Approval routes for creative"), 10),
        ],
        MeetingTypeArg::FinalReview => vec![
            (
                "review",
                Some("Results against national and local objectives"),
                30,
            ),
            ("lessons", None, 20),
            ("thanks", Some("Thanks to every partner"), 10),
        ],
        MeetingTypeArg::Other => vec![("other", Some("Agenda to be agreed"), 30)],
    }
}

/// The meeting type from `--type`, asked for when it is missing.
fn meeting_kind(kind: Option<MeetingTypeArg>) -> Result<MeetingTypeArg, Error> {
    if let Some(k) = kind {
        return Ok(k);
    }
    let answer = need(
        None,
        "--type",
        "Type (initial-partnering, catch-up, agency-briefing, final-review, other)",
    )?;
    <MeetingTypeArg as clap::ValueEnum>::from_str(&answer, true)
        .map_err(|_| Error::Usage(format!("`{answer}` is not a meeting type")))
}

/// Refuse control characters in the texts `new meeting` writes.
fn check_meeting_texts(a: &NewMeeting) -> Result<(), Error> {
    for (what, value) in [
        ("--id", &a.id),
        ("--title", &a.title),
        ("--location", &a.location),
        ("--chair", &a.chair),
    ] {
        if let Some(v) = value {
            edit::check_text(what, v).map_err(|e| Error::Usage(e.to_string()))?;
        }
    }
    Ok(())
}

fn new_meeting(cwd: &Path, global: &Global, c: &Campaign, a: NewMeeting) -> Result<Outcome, Error> {
    let kind = meeting_kind(a.kind)?;
    check_meeting_texts(&a)?;
    let date_text = need(a.date, "--date", "Start (YYYY-MM-DDTHH:MM)")?;
    let start = DateTime::parse(&date_text).ok_or_else(|| {
        Error::Usage(format!(
            "`{date_text}` is not a date and time: write it as 2026-12-08T10:00"
        ))
    })?;
    let day = start.date();
    let id = a.id.unwrap_or_else(|| format!("{day}-{}", kind.as_str()));
    let rel = format!("meetings/{day}-{}.yaml", kind.as_str());
    let path: PathBuf = c.root.join(&rel);
    if path.exists() {
        return Err(Error::Failed(format!(
            "{} already exists; edit it, or give this meeting another date",
            crate::discover::display_path(&path, cwd)
        )));
    }
    let info = c.settings().campaign();
    let view = view::build(c, today(global, c), Outside::default());
    let agenda = agenda_for(kind);
    let minutes: u32 = agenda.iter().map(|(_, _, m)| m).sum();
    let open: Vec<&view::ActionView> = view
        .open_actions
        .iter()
        .filter(|act| act.status == "open")
        .collect();
    let label = view::label(kind.as_str());
    let title = a
        .title
        .unwrap_or_else(|| format!("{label} meeting, {}", start.0.strftime("%-d %B %Y")));
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=../.collab/schema/meeting.json\n");
    out.push_str(&format!(
        "# {label} meeting, written by `collab new meeting`. Record decisions and\n# actions here as the meeting goes (`collab action add --meeting {} ...`).\n",
        one_line(&id)
    ));
    out.push_str("kind: meeting\n");
    out.push_str(&format!("id: {}\n", edit::quote(&id)));
    out.push_str(&format!("type: {}\n", kind.as_str()));
    out.push_str(&format!("title: {}\n", edit::quote(&title)));
    out.push_str(&format!("date: {start}\n"));
    out.push_str(&format!(
        "duration: {}\n",
        a.duration
            .unwrap_or(minutes + if open.is_empty() { 0 } else { 10 })
    ));
    if let Some(loc) = &a.location {
        out.push_str(&format!("location: {}\n", edit::quote(loc)));
    }
    let chair = a
        .chair
        .or_else(|| info.lead.as_ref().map(|l| l.to_string()));
    if let Some(chair) = &chair {
        out.push_str(&format!("chair: {}\n", edit::quote(chair)));
    }
    out.push_str("# Every partner is invited; remove anyone who sends apologies.\n");
    if view.partners.is_empty() {
        out.push_str("attendees: []\n");
    } else {
        out.push_str("attendees:\n");
        for p in &view.partners {
            let name = p.lead.as_ref().and_then(|l| l.name.clone());
            match name {
                Some(n) => out.push_str(&format!(
                    "  - {{ partner: {}, name: {} }}\n",
                    edit::quote(&p.id),
                    edit::quote(&n)
                )),
                None => out.push_str(&format!("  - {{ partner: {} }}\n", edit::quote(&p.id))),
            }
        }
    }
    out.push_str("agenda:\n");
    if !open.is_empty() {
        out.push_str("  # Open actions from earlier meetings, to review:\n");
        for act in &open {
            let line = format!(
                "{} ({}{})",
                act.id,
                act.owner.as_deref().unwrap_or("no owner"),
                act.due
                    .as_deref()
                    .map(|d| format!(", due {d}"))
                    .unwrap_or_default()
            );
            out.push_str(&format!("  #   {}\n", one_line(&line)));
        }
        let ids: Vec<&str> = open.iter().map(|a| a.id.as_str()).collect();
        out.push_str(&format!(
            "  - {{ topic: review, title: Actions from earlier meetings, minutes: 10, notes: {} }}\n",
            edit::quote(&ids.join(", "))
        ));
    }
    for (topic, t, m) in &agenda {
        match t {
            Some(t) => out.push_str(&format!(
                "  - {{ topic: {topic}, title: {}, minutes: {m} }}\n",
                edit::quote(t)
            )),
            None => out.push_str(&format!("  - {{ topic: {topic}, minutes: {m} }}\n")),
        }
    }
    out.push_str("decisions: []\n");
    out.push_str("actions: []\n");
    let done = format!("wrote {}", crate::discover::display_path(&path, cwd));
    write_checked(cwd, global, &path, None, &out, &done)
}

pub fn run_log(cwd: &Path, global: &Global, a: LogArgs) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let c = &ws.campaigns[index];
    let Some((doc, i, _)) = c
        .metrics()
        .find(|(_, _, m)| m.id.as_ref().is_some_and(|id| id.as_str() == a.metric))
    else {
        let ids: Vec<String> = c
            .metrics()
            .filter_map(|(_, _, m)| m.id.as_ref().map(|i| i.to_string()))
            .collect();
        let hint = crate::diagnostic::closest(&a.metric, ids.iter().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(Error::Usage(format!("no metric `{}`{hint}", a.metric)));
    };
    let date = a
        .date
        .clone()
        .unwrap_or_else(|| today(global, c).to_string());
    let mut item = vec![
        ("date".to_string(), YValue::plain(date)),
        ("value".to_string(), number(a.value)),
    ];
    push_opt(&mut item, "note", text(&a.note));
    let done = format!(
        "recorded {} for `{}` in {}",
        view::number(a.value),
        a.metric,
        doc.file.relative_to(cwd)
    );
    append(
        cwd,
        global,
        doc,
        &[K("metrics"), I(i), K("actuals")],
        &item,
        &done,
    )
}

pub fn run_action(cwd: &Path, global: &Global, cmd: ActionCommand) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let c = &ws.campaigns[index];
    match cmd {
        ActionCommand::Done { id } => {
            let found = c.meetings().find_map(|(doc, m)| {
                m.actions
                    .iter()
                    .position(|a| a.id.as_ref().is_some_and(|i| i.as_str() == id))
                    .map(|i| (doc, m, i))
            });
            let Some((doc, m, i)) = found else {
                let ids: Vec<String> = c
                    .meetings()
                    .flat_map(|(_, m)| {
                        m.actions
                            .iter()
                            .filter_map(|a| a.id.as_ref().map(|i| i.to_string()))
                    })
                    .collect();
                let hint = crate::diagnostic::closest(&id, ids.iter().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!("no action `{id}`{hint}")));
            };
            if m.actions[i].status == Some(ActionStatus::Done) {
                if !global.quiet {
                    eprintln!("action `{id}` is already done");
                }
                return Ok(Outcome::Success);
            }
            let old = doc.file.source.text();
            let splice = edit::set_value(
                old,
                &doc.root,
                &[K("actions"), I(i), K("status")],
                &YValue::plain("done"),
            )
            .map_err(|e| {
                Error::Failed(format!("could not edit {}: {e}", doc.file.relative_to(cwd)))
            })?;
            let done = format!("marked action `{id}` done in {}", doc.file.relative_to(cwd));
            write_checked(
                cwd,
                global,
                &doc.file.path,
                Some(old),
                &splice.apply(old),
                &done,
            )
        }
        ActionCommand::Add(a) => add_action(cwd, global, c, a),
    }
}

fn add_action(cwd: &Path, global: &Global, c: &Campaign, a: ActionAdd) -> Result<Outcome, Error> {
    let Some((doc, _)) = c
        .meetings()
        .find(|(_, m)| m.id.as_ref().is_some_and(|i| i.as_str() == a.meeting))
    else {
        return Err(Error::Usage(format!("no meeting `{}`", a.meeting)));
    };
    let taken: Vec<String> = c
        .meetings()
        .flat_map(|(_, m)| {
            m.actions
                .iter()
                .filter_map(|x| x.id.as_ref().map(|i| i.to_string()))
        })
        .collect();
    let id = match a.id {
        Some(id) => id,
        None => {
            let words: Vec<&str> = a.text.split_whitespace().take(4).collect();
            let base = slug(&words.join(" "));
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        }
    };
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("action".to_string(), YValue::text(a.text.clone())),
    ];
    push_opt(&mut item, "owner", plain(&a.owner));
    push_opt(&mut item, "due", plain(&a.due));
    item.push(("status".to_string(), YValue::plain("open")));
    let done = format!("added action `{id}` to {}", doc.file.relative_to(cwd));
    append(cwd, global, doc, &[K("actions")], &item, &done)
}
