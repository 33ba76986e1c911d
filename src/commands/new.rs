//! Day-to-day edits: `collab new`, `collab log` and `collab action`. Each
//! edits one file in place (see [`crate::edit`]), checks the campaign again,
//! and puts the file back as it was if the edit made the campaign invalid.

use std::path::{Path, PathBuf};

use super::prompt::{self, Ask, Check, Question};
use super::{output_width, write_inside};
use crate::campaign::{Campaign, Document};
use crate::check::slug;
use crate::cli::{
    ActionAdd, ActionCommand, ActionEdit, ChannelArg, LogArgs, MeetingTypeArg, NewActivity,
    NewCommand, NewMeeting, NewMetric, NewMilestone, NewPartner,
};
use crate::edit::{self, YValue};
use crate::load::{self, Workspace};
use crate::lock::{CampaignLock, lock_campaign};
use crate::meeting_file::{self, MeetingRequest};
use crate::model::meeting::ActionStatus;
use crate::model::partners::{CollabLevel, Sector};
use crate::model::{Date, DateTime, Kind};
use crate::output::{self, Style};
use crate::view;
use crate::yaml::Seg::{Index as I, Key as K};
use crate::{Error, Lookup, Options, Outcome};

/// The one campaign a day-to-day command acts on, read under its lock:
/// the command holds the lock until it has written (or put back) the file
/// it edits, so edits run at once take turns and none is lost.
pub(super) fn campaign_here(cwd: &Path) -> Result<(CampaignLock, Workspace, usize), Error> {
    let root = crate::discover::find_campaign_root(cwd).ok_or_else(|| Error::NoCampaignHere {
        dir: cwd.to_path_buf(),
    })?;
    let lock = lock_campaign(&root)?;
    let ws = load::load_campaign(cwd, &root)?;
    let index = ws
        .campaigns
        .iter()
        .position(|c| c.root == root)
        .ok_or(Error::SettingsUnreadable { why: None })?;
    Ok((lock, ws, index))
}

pub(super) fn error_count(cwd: &Path, opts: &Options) -> usize {
    load::load(cwd, &[])
        .map(|ws| super::check_all(&ws, opts).errors())
        .unwrap_or(usize::MAX)
}

/// Write `new` to `path`, check the campaign, and restore `old` (or remove
/// the file when it is new) if the campaign gained errors. The texts are as
/// collab read them; a byte-order mark the file starts with is kept.
fn write_checked(
    cwd: &Path,
    opts: &Options,
    path: &Path,
    old: Option<&str>,
    new: &str,
    done: &str,
) -> Result<Outcome, Error> {
    let root = crate::discover::find_campaign_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let before = error_count(cwd, opts);
    let bom = load::bom_of(path);
    write_inside(&root, path, format!("{bom}{new}").as_bytes())?;
    let ws = load::load(cwd, &[])?;
    let report = super::check_all(&ws, opts);
    if report.errors() > before {
        match old {
            Some(old) => write_inside(&root, path, format!("{bom}{old}").as_bytes())?,
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
        print_errors(cwd, opts, report);
        eprintln!(
            "error: that change would leave the campaign with errors, so {} was left as it was",
            crate::discover::display_path(path, cwd)
        );
        return Ok(Outcome::Failure);
    }
    if !opts.quiet {
        eprintln!("{done}");
    }
    Ok(Outcome::Success)
}

/// Print the errors of a report (after an edit that would leave them).
pub(super) fn print_errors(cwd: &Path, opts: &Options, report: output::Report) {
    let mut errors = report;
    errors
        .findings
        .retain(|f| f.level == crate::diagnostic::Level::Error);
    let style = Style {
        color: false,
        width: output_width(),
        quiet: true,
        hints: !opts.quiet,
        paths: output::Bases::here(cwd),
    };
    eprint!("{}", output::render(&errors, output::Format::Human, &style));
}

/// Ask on a terminal for a required value the flags did not give.
fn need(value: Option<String>, flag: &str, question: &str) -> Result<String, Error> {
    need_checked(value, flag, question, &|_| Ok(()))
}

/// A required value: the flag's, which must pass `check`, or the answer
/// to `question` on a terminal, asked again until it passes. Without a
/// terminal a missing value is an error.
fn need_checked(
    value: Option<String>,
    flag: &str,
    question: &str,
    check: Check<'_>,
) -> Result<String, Error> {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        return match check(&v) {
            Ok(()) => Ok(v),
            Err(why) => Err(Error::BadValue {
                flag: flag.to_string(),
                why,
            }),
        };
    }
    if !prompt::can_ask() {
        return Err(Error::Required {
            flag: flag.to_string(),
        });
    }
    let q = Question {
        text: question,
        default: None,
        blank_ok: false,
        check,
    };
    prompt::Here.ask(&q).map_err(Error::Prompt)
}

/// A check that `s` is one of the keys of a `keyed!` enum.
fn one_of(keys: &'static [&'static str]) -> impl Fn(&str) -> Result<(), String> {
    move |s: &str| {
        if keys.contains(&s) {
            Ok(())
        } else {
            Err(format!("`{s}` is not one of: {}", keys.join(", ")))
        }
    }
}

fn first_doc(campaign: &Campaign, kind: Kind) -> Result<&Document, Error> {
    campaign.docs(kind).next().ok_or(Error::NoDocument(kind))
}

fn today(opts: &Options, campaign: &Campaign) -> Date {
    opts.campaign_today(campaign)
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
    opts: &Options,
    doc: &Document,
    path: &[crate::yaml::Seg<'_>],
    item: &[(String, YValue)],
    done: &str,
) -> Result<Outcome, Error> {
    let old = doc.file.source.text();
    let splice = edit::append_item(old, &doc.root, path, item).map_err(|error| Error::Edit {
        file: doc.file.relative_to(cwd),
        error,
    })?;
    let new = splice.apply(old);
    write_checked(cwd, opts, &doc.file.path, Some(old), &new, done)
}

pub fn run(cwd: &Path, opts: &Options, cmd: NewCommand) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let campaign = &ws.campaigns[index];
    match cmd {
        NewCommand::Meeting(args) => new_meeting(cwd, opts, campaign, args),
        NewCommand::Partner(args) => new_partner(cwd, opts, campaign, *args),
        NewCommand::Metric(args) => new_metric(cwd, opts, campaign, args),
        NewCommand::Activity(args) => new_activity(cwd, opts, campaign, args),
        NewCommand::Milestone(args) => new_milestone(cwd, opts, campaign, args),
    }
}

fn new_partner(cwd: &Path, opts: &Options, c: &Campaign, a: NewPartner) -> Result<Outcome, Error> {
    let id = need_checked(
        a.id.clone(),
        "--id",
        "Partner id (kebab-case)",
        &prompt::kebab_id,
    )?;
    let name = need(a.name.clone(), "--name", "Organisation name")?;
    let sector = need_checked(
        a.sector.clone(),
        "--sector",
        "Sector (central-government, arms-length-body, local-authority, police, \
         fire-and-rescue, nhs, voluntary-community, private, other)",
        &one_of(Sector::KEYS),
    )?;
    let level = need_checked(
        a.level.clone(),
        "--level",
        "Level (information-sharing, participation, co-operation, collaboration)",
        &one_of(CollabLevel::KEYS),
    )?;
    let mut item = vec![
        ("id".to_string(), YValue::plain(&id)),
        ("name".to_string(), YValue::text(name)),
        ("sector".to_string(), YValue::plain(sector)),
    ];
    // Regions are free text ("Greater Manchester"), quoted when YAML needs it.
    push_opt(&mut item, "regions", texts(&a.regions));
    item.push(("level".to_string(), YValue::plain(level)));
    partner_fields(&mut item, &a);
    let doc = first_doc(c, Kind::Partners)?;
    let done = format!("added partner `{id}` to {}", doc.file.relative_to(cwd));
    append(cwd, opts, doc, &[K("partners")], &item, &done)
}

/// The optional fields of a new partner, in the order the format lists them.
fn partner_fields(item: &mut Vec<(String, YValue)>, a: &NewPartner) {
    push_opt(item, "form", plain(&a.form));
    let people = [
        (
            "lead",
            [&a.lead_name, &a.lead_role, &a.lead_email, &a.lead_phone],
        ),
        (
            "deputy",
            [
                &a.deputy_name,
                &a.deputy_role,
                &a.deputy_email,
                &a.deputy_phone,
            ],
        ),
        (
            "sign_off",
            [
                &a.sign_off_name,
                &a.sign_off_role,
                &a.sign_off_email,
                &a.sign_off_phone,
            ],
        ),
        (
            "sponsor",
            [
                &a.sponsor_name,
                &a.sponsor_role,
                &a.sponsor_email,
                &a.sponsor_phone,
            ],
        ),
    ];
    for (key, [name, role, email, phone]) in people {
        push_opt(item, key, contact(name, role, email, phone));
    }
    push_opt(item, "confirmed", a.confirmed.map(YValue::plain));
    push_opt(item, "offers", plains(&a.offers));
    push_opt(item, "gains", texts(&a.gains));
    let channels: Vec<YValue> = a.channels.iter().map(channel).collect();
    push_opt(
        item,
        "channels",
        (!channels.is_empty()).then_some(YValue::List(channels)),
    );
    push_opt(item, "tags", texts(&a.tags));
    push_opt(item, "notes", text(&a.notes));
}

fn channel(ch: &ChannelArg) -> YValue {
    let mut m = vec![
        ("id".to_string(), YValue::plain(&ch.id)),
        ("name".to_string(), YValue::text(ch.name.clone())),
        ("type".to_string(), YValue::plain(ch.kind.as_str())),
    ];
    push_opt(&mut m, "reach", ch.reach.map(YValue::plain));
    YValue::Map(m)
}

fn new_metric(cwd: &Path, opts: &Options, c: &Campaign, a: NewMetric) -> Result<Outcome, Error> {
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
    append(cwd, opts, doc, &[K("metrics")], &item, &done)
}

fn new_activity(
    cwd: &Path,
    opts: &Options,
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
        opts,
        doc,
        &[K("implementation"), K("activities")],
        &item,
        &done,
    )
}

fn new_milestone(
    cwd: &Path,
    opts: &Options,
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
        opts,
        doc,
        &[K("implementation"), K("milestones")],
        &item,
        &done,
    )
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
        .map_err(|_| Error::NotMeetingType(answer))
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
            edit::check_text(what, v).map_err(Error::BadText)?;
        }
    }
    Ok(())
}

fn new_meeting(cwd: &Path, opts: &Options, c: &Campaign, a: NewMeeting) -> Result<Outcome, Error> {
    let kind = meeting_kind(a.kind)?;
    check_meeting_texts(&a)?;
    let date_text = need(a.date, "--date", "Start (YYYY-MM-DDTHH:MM)")?;
    let start = DateTime::parse(&date_text).ok_or(Error::NotDateTime(date_text))?;
    let request = MeetingRequest {
        kind: kind.into(),
        start,
        id: a.id,
        title: a.title,
        location: a.location,
        chair: a.chair,
        duration: a.duration,
    };
    let path: PathBuf = c.root.join(meeting_file::file_name(request.kind, start));
    if path.exists() {
        return Err(Error::MeetingExists {
            file: crate::discover::display_path(&path, cwd),
        });
    }
    let text = meeting_file::meeting_text(c, &request);
    let done = format!("wrote {}", crate::discover::display_path(&path, cwd));
    write_checked(cwd, opts, &path, None, &text, &done)
}

pub fn run_log(cwd: &Path, opts: &Options, a: LogArgs) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let c = &ws.campaigns[index];
    let Some((doc, i, metric)) = c
        .metrics()
        .find(|(_, _, m)| m.id.as_ref().is_some_and(|id| id.as_str() == a.metric))
    else {
        let ids = c
            .metrics()
            .filter_map(|(_, _, m)| m.id.as_ref().map(|i| i.as_str()));
        return Err(Error::not_found(Lookup::Metric, &a.metric, ids));
    };
    let value = crate::sheets::figure::parse_figure(&a.value, metric.unit).map_err(|why| {
        Error::BadFigure {
            metric: a.metric.clone(),
            why,
        }
    })?;
    let date = log_date(a.date.as_deref(), a.future, today(opts, c))?;
    let mut item = vec![
        ("date".to_string(), YValue::plain(date.to_string())),
        ("value".to_string(), number(value)),
    ];
    push_opt(&mut item, "note", text(&a.note));
    let done = format!(
        "recorded {} for `{}` in {}",
        view::number(value),
        a.metric,
        doc.file.relative_to(cwd)
    );
    append(
        cwd,
        opts,
        doc,
        &[K("metrics"), I(i), K("actuals")],
        &item,
        &done,
    )
}

/// The date a figure is logged on: `--date` or today. A date after today
/// is a forecast, refused unless `--future` says it is meant.
fn log_date(given: Option<&str>, future: bool, today: Date) -> Result<Date, Error> {
    let Some(text) = given else {
        return Ok(today);
    };
    let date = Date::parse(text).ok_or_else(|| Error::BadDate {
        flag: "--date",
        text: text.to_string(),
    })?;
    if date > today && !future {
        return Err(Error::FutureFigure {
            date: date.to_string(),
            today: today.to_string(),
        });
    }
    Ok(date)
}

pub fn run_action(cwd: &Path, opts: &Options, cmd: ActionCommand) -> Result<Outcome, Error> {
    if let ActionCommand::List(args) = cmd {
        // Reading only: no lock.
        return super::action_log::run(cwd, opts, args);
    }
    let (_lock, ws, index) = campaign_here(cwd)?;
    let c = &ws.campaigns[index];
    match cmd {
        ActionCommand::Done { id, date } => {
            let (doc, m, i) = find_action(c, &id)?;
            if m.actions[i].status == Some(ActionStatus::Done) {
                if !opts.quiet {
                    eprintln!("action `{id}` is already done");
                }
                return Ok(Outcome::Success);
            }
            let day = date.unwrap_or_else(|| today(opts, c));
            let fields = [
                ("status", YValue::plain("done")),
                ("done", YValue::plain(day)),
            ];
            let done = format!("marked action `{id}` done in {}", doc.file.relative_to(cwd));
            set_fields(cwd, opts, doc, i, &fields, &done)
        }
        ActionCommand::Add(a) => add_action(cwd, opts, c, a),
        ActionCommand::List(args) => super::action_log::run(cwd, opts, args),
        ActionCommand::Edit(a) => edit_action(cwd, opts, c, a),
    }
}

/// The action with this id: its document, meeting and index in the list.
fn find_action<'c>(
    c: &'c Campaign,
    id: &str,
) -> Result<(&'c Document, &'c crate::model::meeting::Meeting, usize), Error> {
    let found = c.meetings().find_map(|(doc, m)| {
        m.actions
            .iter()
            .position(|a| a.id.as_ref().is_some_and(|i| i.as_str() == id))
            .map(|i| (doc, m, i))
    });
    found.ok_or_else(|| {
        let ids = c.meetings().flat_map(|(_, m)| {
            m.actions
                .iter()
                .filter_map(|a| a.id.as_ref().map(|i| i.as_str()))
        });
        Error::not_found(Lookup::Action, id, ids)
    })
}

/// Set the given fields of one action, each replaced (or added) in place.
fn edit_action(cwd: &Path, opts: &Options, c: &Campaign, a: ActionEdit) -> Result<Outcome, Error> {
    let (doc, _, i) = find_action(c, &a.id)?;
    if let Some(owner) = &a.owner {
        super::action_log::check_owner(c, owner)?;
    }
    let mut fields: Vec<(&str, YValue)> = Vec::new();
    if let Some(due) = a.due {
        fields.push(("due", YValue::plain(due)));
    }
    if let Some(owner) = &a.owner {
        fields.push(("owner", YValue::plain(owner)));
    }
    if let Some(text) = &a.text {
        fields.push(("action", YValue::text(text.clone())));
    }
    let names: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
    let done = format!(
        "changed {} of action `{}` in {}",
        names.join(", "),
        a.id,
        doc.file.relative_to(cwd)
    );
    set_fields(cwd, opts, doc, i, &fields, &done)
}

/// Set fields of the `i`th action of `doc`, each replaced (or added) in
/// place, in one checked write.
fn set_fields(
    cwd: &Path,
    opts: &Options,
    doc: &Document,
    i: usize,
    fields: &[(&str, YValue)],
    done: &str,
) -> Result<Outcome, Error> {
    let old = doc.file.source.text();
    let edit_error = |error| Error::Edit {
        file: doc.file.relative_to(cwd),
        error,
    };
    let mut splices = fields
        .iter()
        .map(|(key, value)| edit::set_value(old, &doc.root, &[K("actions"), I(i), K(key)], value))
        .collect::<Result<Vec<_>, _>>()
        .map_err(edit_error)?;
    // Each splice was made against the original text: apply them from the
    // end of the file backwards so the earlier spans stay where they were.
    splices.sort_by_key(|s| std::cmp::Reverse(s.span.start));
    let new = splices
        .iter()
        .fold(old.to_string(), |text, s| s.apply(&text));
    write_checked(cwd, opts, &doc.file.path, Some(old), &new, done)
}

fn add_action(cwd: &Path, opts: &Options, c: &Campaign, a: ActionAdd) -> Result<Outcome, Error> {
    let Some((doc, _)) = c
        .meetings()
        .find(|(_, m)| m.id.as_ref().is_some_and(|i| i.as_str() == a.meeting))
    else {
        return Err(Error::NotFound {
            what: Lookup::Meeting,
            name: a.meeting,
            suggestion: None,
        });
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
    append(cwd, opts, doc, &[K("actions")], &item, &done)
}
