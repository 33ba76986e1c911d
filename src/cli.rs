//! Command-line arguments (clap derive). Kept in the library so the man
//! page and completions can be generated from the same definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::commands::completions;
use crate::model::Date;
use crate::{ColorWhen, Error, Options, Outcome, commands};

/// Plan, check and publish joint public-sector communication campaigns kept as files in git.
#[derive(Debug, Parser)]
#[command(name = "collab", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Run as if collab had been started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub chdir: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", env = "COLLAB_COLOR")]
    pub color: ColorChoice,
    /// Print only what matters: no summary line, no hints.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say more about what collab is doing (on stderr).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The date to treat as today, YYYY-MM-DD (default: the real date).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date, env = "COLLAB_TODAY")]
    pub today: Option<Date>,
}

/// The one place the command line becomes library options.
impl From<&Global> for Options {
    fn from(g: &Global) -> Self {
        Options {
            color: match g.color {
                ColorChoice::Auto => ColorWhen::Auto,
                ColorChoice::Always => ColorWhen::Always,
                ColorChoice::Never => ColorWhen::Never,
            },
            quiet: g.quiet,
            verbose: g.verbose,
            today: g.today,
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    let cwd = crate::working_dir(cli.global.chdir.as_ref())?;
    let o = &Options::from(&cli.global);
    match cli.command {
        Command::Init(args) => commands::init::run(&cwd, o, args),
        Command::Validate(args) => commands::validate::run(&cwd, o, args),
        Command::Schema(args) => commands::schema::run(&cwd, args),
        Command::New(cmd) => commands::new::run(&cwd, o, *cmd),
        Command::Log(args) => commands::new::run_log(&cwd, o, args),
        Command::Action(cmd) => commands::new::run_action(&cwd, o, cmd),
        Command::Rename(args) => commands::rename::run(&cwd, o, args),
        Command::Render(args) => commands::render::run(&cwd, o, args),
        Command::Status(args) => commands::status::run(&cwd, o, args),
        Command::Rules(args) => commands::rules::run_rules(&cwd, args),
        Command::Config(args) => commands::config::run(&cwd, o, args),
        Command::Index(args) => commands::workspace::run_index(&cwd, o, args),
        Command::Who(args) => commands::workspace::run_who(&cwd, o, args),
        Command::Overlaps(args) => commands::workspace::run_overlaps(&cwd, o, args),
        Command::Calendar(args) => commands::calendar::run(&cwd, o, args),
        Command::Convert(args) => commands::convert::run(&cwd, o, args),
        Command::Completions(args) => commands::completions::run_completions(args),
        Command::Man(args) => commands::man::run(&cwd, o, args),
        Command::Explain(args) => commands::rules::run_explain(&cwd, args),
        Command::Lsp(_) => commands::lsp::run(o),
        Command::Export(args) => commands::export::run(&cwd, o, args),
        Command::Import(args) => commands::import::run(&cwd, o, args),
        Command::Git(GitCommand::Install) => commands::git::install(&cwd, o),
        Command::Git(GitCommand::MergeDriver {
            base, ours, theirs, ..
        }) => commands::git::merge_driver(&cwd, &base, &ours, &theirs),
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a new campaign folder.
    ///
    /// On a terminal, collab asks for what the flags did not give, in this
    /// order: the campaign name, the lead organisation's name, its partner id,
    /// the launch date and the framework. An answer it cannot use is asked
    /// again with the reason. Without a terminal it writes placeholders and
    /// says which, and how to change them (`collab rename partner
    /// lead-partner ID` for the lead partner's id).
    Init(InitArgs),
    /// Check every document of the campaign (or of every campaign below here).
    #[command(visible_alias = "lint")]
    Validate(ValidateArgs),
    /// Show the campaign at a glance: route-map, partners, dates, actions, metrics.
    Status(StatusArgs),
    /// Write the briefing, partner, agenda and evaluation packs.
    Render(RenderArgs),
    /// Add a meeting file, or a partner, metric, activity or milestone to its document.
    #[command(subcommand)]
    New(Box<NewCommand>),
    /// Record a progress figure for a metric.
    Log(LogArgs),
    /// Keep the action log of the meetings.
    #[command(subcommand)]
    Action(ActionCommand),
    /// Write actions, metrics, partners or the timeline as a spreadsheet (xlsx or csv).
    Export(ExportArgs),
    /// Read figures or action updates from a spreadsheet (xlsx or csv) into the campaign.
    Import(ImportArgs),
    /// Let git merge campaign files by id (run `collab git install` once per clone).
    #[command(subcommand)]
    Git(GitCommand),
    /// Rename an id, in its definition and every reference to it across the campaign.
    Rename(RenameArgs),
    /// Rewrite the plan in the other framework (OASIS <-> ROSIE), keeping everything else.
    Convert(ConvertArgs),
    /// Write an iCalendar file of milestones, activities, meetings, blackout windows and action due dates.
    Calendar(CalendarArgs),
    /// Find the people to contact across every campaign below here.
    Who(WhoArgs),
    /// Find campaigns that could join forces: shared priorities, audiences, regions, dates.
    Overlaps(OverlapsArgs),
    /// Build and cache the index of every campaign below here, for `who` and `overlaps`.
    Index(IndexArgs),
    /// List every rule with the level it has in this campaign.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why it matters, how to fix it.
    Explain(ExplainArgs),
    /// Print the settings in force and where each came from.
    Config(ConfigArgs),
    /// Print or write the JSON Schemas of the file format.
    Schema(SchemaArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command.
    Man(ManArgs),
    /// Run the language server on stdin and stdout, for editors.
    Lsp(LspArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table for the terminal.
    Human,
    /// A JSON list.
    Json,
    /// The rules reference page (docs/rules.md).
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. partner-without-lead.
    #[arg(add = ArgValueCandidates::new(completions::explain_candidates))]
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FrameworkArg {
    /// Objectives, Audience insight, Strategy, Implementation, Scoring.
    Oasis,
    /// Research, Objectives, Strategy, Implementation, Evaluation.
    Rosie,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the campaign in (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Planning framework for the plan.
    #[arg(long, value_enum)]
    pub framework: Option<FrameworkArg>,
    /// Campaign name (default: from the folder name).
    #[arg(long)]
    pub name: Option<String>,
    /// Campaign id, kebab-case (default: from the name when it is asked for,
    /// else from the folder name).
    #[arg(long)]
    pub id: Option<String>,
    /// Id of the lead partner, kebab-case (default: from --lead-name).
    #[arg(long, value_name = "ID")]
    pub lead: Option<String>,
    /// Name of the lead organisation, e.g. "Home Office".
    #[arg(long, value_name = "NAME")]
    pub lead_name: Option<String>,
    /// Launch date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub launch: Option<Date>,
    /// Write a filled-in sample campaign instead of blanks (the OASIS one, or
    /// the ROSIE one with --framework rosie). It keeps its own name, id, lead
    /// and dates.
    #[arg(long, conflicts_with_all = ["name", "id", "lead", "lead_name", "launch"])]
    pub example: bool,
    /// Exit 0 even when some files already exist (they are still left as they were).
    #[arg(long)]
    pub force: bool,
    /// Also write a CI job that installs collab, validates and renders the packs.
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub ci: Option<CiArg>,
    /// Also write a .pre-commit-config.yaml that runs collab validate.
    #[arg(long)]
    pub pre_commit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiArg {
    /// .github/workflows/collab.yml
    Github,
    /// .gitlab-ci.yml
    Gitlab,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only way; accepted because editor
    /// clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write collab.1 and a page for every subcommand into DIR instead of
    /// printing collab.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Diagnostics with source snippets, then a summary line.
    Human,
    /// One line per finding, `path:line:col: level[rule] message` (the
    /// summary goes to stderr).
    Concise,
    /// One JSON object with every finding and a summary (`collab schema report`).
    Json,
    /// GitHub Actions annotations (the default inside a GitHub Actions job).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML: one test case per document, a failure per error.
    Junit,
    /// GitLab Code Quality JSON.
    Codeclimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when there is any warning or error.
    Warning,
    /// Exit 1 only when there is an error (the default).
    Error,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files or folders to check (default: the campaign or workspace here);
    /// `-` reads one file's text from stdin (with --stdin-filename).
    pub paths: Vec<PathBuf>,
    /// Output format [default: human, or github inside GitHub Actions]
    #[arg(long, value_enum, env = "COLLAB_FORMAT")]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE instead of stdout (no colour).
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Exit 0 even when there are errors (usage and settings errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The lowest level that makes the command exit 1.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_name = "WHAT", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// Report only this rule (repeatable).
    #[arg(long = "rule", value_name = "ID", add = ArgValueCandidates::new(completions::rule_candidates))]
    pub rules: Vec<String>,
    /// With file paths: report every file of the campaigns they belong to,
    /// not only the named files (what the pre-commit hook uses).
    #[arg(long)]
    pub whole_campaigns: bool,
    /// Skip named files that a folder walk would leave out: `exclude` in
    /// collab.toml, .gitignore, hidden files (for hooks that name every file).
    #[arg(long)]
    pub force_exclude: bool,
    /// With `-` as a path: the file the text read from stdin stands for; it
    /// is checked as that file inside its campaign.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply the safe fixes to the campaign files, then report what is
    /// left. A fix that would add an error is undone.
    #[arg(long, conflicts_with = "stdin_filename")]
    pub fix: bool,
    /// With --fix or --diff: the unsafe fixes too (they guess content;
    /// read the result).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change no file (also with
    /// --fix).
    #[arg(long, conflicts_with = "stdin_filename")]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Only this schema: partners, plan, evaluation, meeting, charter,
    /// config, or report (the output of `validate --format json`).
    #[arg(value_parser = ["partners", "plan", "evaluation", "meeting", "charter", "config", "report"])]
    pub kind: Option<String>,
    /// Write every schema (report.json too) into DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PackArg {
    /// The whole campaign for the joint team.
    Briefing,
    /// The external partner and stakeholder pack (no contact details or budgets).
    Partner,
    /// One agenda per meeting.
    Agenda,
    /// The evaluation framework and progress.
    Evaluation,
    /// One "your part" pack per partner (public-safe): what is asked of it, what it gets, key dates.
    Partners,
    /// The weekly update for the partners, ready to paste into an e-mail.
    Update,
    /// Every pack.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PackFormatArg {
    /// Self-contained accessible HTML.
    Html,
    /// GitHub-flavoured Markdown.
    Md,
    /// Both.
    All,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Which pack to write.
    #[arg(long, value_enum, default_value_t = PackArg::All)]
    pub pack: PackArg,
    /// Which format to write.
    #[arg(long, value_enum, default_value_t = PackFormatArg::All)]
    pub format: PackFormatArg,
    /// Folder to write to (default: the campaign's `[render] out_dir`;
    /// with --workspace, `dist` in the folder collab runs in).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only the agenda of this meeting.
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(completions::meeting_candidates))]
    pub meeting: Option<String>,
    /// With --pack partners: only the "your part" pack of this partner.
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(completions::partner_candidates))]
    pub partner: Option<String>,
    /// Write the directory of every campaign below here instead of the
    /// packs: directory.html and directory.md, listing the campaigns, the
    /// people who work on them and the campaigns that could join forces
    /// (--pack does not apply).
    #[arg(long, conflicts_with = "meeting")]
    pub workspace: bool,
    /// With the update pack: cover figures and actions from DATE (default:
    /// the last catch-up meeting held, else seven days before today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
    /// With --workspace: leave out e-mail addresses and phone numbers, and
    /// campaigns marked OFFICIAL-SENSITIVE (names, roles and organisations
    /// stay).
    #[arg(long, requires = "workspace")]
    pub public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Tables for the terminal.
    Human,
    /// The whole campaign view as JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    /// Draw the timeline as a Gantt chart sized to the terminal (COLUMNS)
    /// instead of the tables; with `--format json`, print the chart's
    /// layout model.
    #[arg(long)]
    pub timeline: bool,
    /// Draw the timeline with plain ASCII characters (the default when the
    /// locale is not UTF-8).
    #[arg(long, requires = "timeline")]
    pub ascii: bool,
    /// Group the timeline's bars by the partner who runs each activity or
    /// by the channel it uses.
    #[arg(long, value_enum, default_value_t = TimelineGroup::Owner, requires = "timeline")]
    pub group_by: TimelineGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineGroup {
    /// The partner who runs each activity.
    Owner,
    /// The partner channel each activity uses.
    Channel,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write to FILE instead of printing.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `collab export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Actions,
    Metrics,
    Partners,
    Timeline,
}

/// A spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormatArg {
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The list to write, one row per item.
    #[arg(value_enum)]
    pub what: ExportWhat,
    /// xlsx or csv (default: from --out's extension, else csv).
    #[arg(long, value_enum)]
    pub format: Option<SheetFormatArg>,
    /// Write to FILE instead of printing.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `collab import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    /// Figures: metric (id or name), date, value, note.
    Actuals,
    /// Status, owner and due changes to actions, and new actions (with their meeting).
    Actions,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the sheet holds.
    #[arg(value_enum)]
    pub what: ImportWhat,
    /// The sheet: an .xlsx workbook (its first worksheet) or a .csv file.
    pub file: PathBuf,
    /// Print what would be added and changed, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The framework to convert the plan to.
    #[arg(long, value_enum)]
    pub to: FrameworkArg,
    /// Rewrite plan.yaml (and `framework` in collab.toml) instead of printing.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write meetings/DATE-TYPE.yaml with the agenda that type of meeting needs.
    Meeting(NewMeeting),
    /// Add a partner to the partners document (a flag for every field).
    ///
    /// Every field has a flag; lists take one flag per item (`--offer funding
    /// --offer staff`). On a terminal, collab asks for the required fields the
    /// flags did not give (id, name, sector, level), asking again when an
    /// answer cannot be used. Without a terminal a missing one is an error and
    /// nothing is written.
    Partner(Box<NewPartner>),
    /// Add a metric to the evaluation document.
    Metric(NewMetric),
    /// Add an activity to the plan.
    Activity(NewActivity),
    /// Add a milestone to the plan.
    Milestone(NewMilestone),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeetingTypeArg {
    InitialPartnering,
    CatchUp,
    AgencyBriefing,
    FinalReview,
    Other,
}

impl MeetingTypeArg {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingTypeArg::InitialPartnering => "initial-partnering",
            MeetingTypeArg::CatchUp => "catch-up",
            MeetingTypeArg::AgencyBriefing => "agency-briefing",
            MeetingTypeArg::FinalReview => "final-review",
            MeetingTypeArg::Other => "other",
        }
    }
}

impl From<MeetingTypeArg> for crate::model::meeting::MeetingType {
    fn from(arg: MeetingTypeArg) -> Self {
        use crate::model::meeting::MeetingType as T;
        match arg {
            MeetingTypeArg::InitialPartnering => T::InitialPartnering,
            MeetingTypeArg::CatchUp => T::CatchUp,
            MeetingTypeArg::AgencyBriefing => T::AgencyBriefing,
            MeetingTypeArg::FinalReview => T::FinalReview,
            MeetingTypeArg::Other => T::Other,
        }
    }
}

#[derive(Debug, Args)]
pub struct NewMeeting {
    /// What kind of meeting.
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<MeetingTypeArg>,
    /// Start, YYYY-MM-DDTHH:MM in the campaign's timezone.
    #[arg(long)]
    pub date: Option<String>,
    /// Id of the meeting (default: DATE-TYPE).
    #[arg(long)]
    pub id: Option<String>,
    /// Title (default: from the type and date).
    #[arg(long)]
    pub title: Option<String>,
    /// Where.
    #[arg(long)]
    pub location: Option<String>,
    /// Length in minutes (default: the agenda's total).
    #[arg(long)]
    pub duration: Option<u32>,
    /// Partner who chairs (default: the lead partner).
    #[arg(long, value_name = "PARTNER")]
    pub chair: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewPartner {
    /// Short kebab-case id, e.g. lancs-fire (required).
    #[arg(long)]
    pub id: Option<String>,
    /// The organisation's name (required).
    #[arg(long)]
    pub name: Option<String>,
    /// central-government, arms-length-body, local-authority, police, fire-and-rescue, nhs, voluntary-community, private or other (required).
    #[arg(long)]
    pub sector: Option<String>,
    /// information-sharing, participation, co-operation or collaboration (required).
    #[arg(long)]
    pub level: Option<String>,
    /// informal-alliance, contract-based-alliance, joint-venture, group-structure or merger.
    #[arg(long)]
    pub form: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub lead_name: Option<String>,
    #[arg(long, value_name = "ROLE")]
    pub lead_role: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub lead_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    pub lead_phone: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub deputy_name: Option<String>,
    #[arg(long, value_name = "ROLE")]
    pub deputy_role: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub deputy_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    pub deputy_phone: Option<String>,
    /// Who signs off the partner's part of the campaign.
    #[arg(long, value_name = "NAME")]
    pub sign_off_name: Option<String>,
    #[arg(long, value_name = "ROLE")]
    pub sign_off_role: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub sign_off_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    pub sign_off_phone: Option<String>,
    /// The senior sponsor inside the organisation.
    #[arg(long, value_name = "NAME")]
    pub sponsor_name: Option<String>,
    #[arg(long, value_name = "ROLE")]
    pub sponsor_role: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub sponsor_email: Option<String>,
    #[arg(long, value_name = "PHONE")]
    pub sponsor_phone: Option<String>,
    /// Date of written confirmation.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub confirmed: Option<Date>,
    /// What the partner brings (repeatable), e.g. owned-channels.
    #[arg(long = "offer", value_name = "OFFER")]
    pub offers: Vec<String>,
    /// What the partner gains (repeatable).
    #[arg(long = "gain", value_name = "TEXT")]
    pub gains: Vec<String>,
    /// A channel the partner opens to the campaign (repeatable):
    /// ID:TYPE:NAME or ID:TYPE:NAME:REACH, TYPE being owned, earned, paid or
    /// shared, e.g. --channel "fire-facebook:owned:Fire service Facebook page:12000".
    #[arg(long = "channel", value_name = "ID:TYPE:NAME[:REACH]", value_parser = parse_channel)]
    pub channels: Vec<ChannelArg>,
    /// Regions covered (repeatable).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Tags (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Internal notes for the joint team (never in the public partner pack).
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

/// A partner channel as `--channel` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelArg {
    pub id: String,
    pub kind: crate::model::partners::ChannelType,
    pub name: String,
    pub reach: Option<u64>,
}

/// Read `ID:TYPE:NAME[:REACH]`; a last part made of digits (and commas) is
/// the reach, anything else belongs to the name.
pub fn parse_channel(s: &str) -> Result<ChannelArg, String> {
    use crate::model::partners::ChannelType;
    let mut parts: Vec<&str> = s.split(':').collect();
    let reach = match parts.last().map(|l| l.trim()) {
        Some(last)
            if parts.len() > 3
                && !last.is_empty()
                && last.chars().all(|c| c.is_ascii_digit() || c == ',') =>
        {
            let n = last
                .replace(',', "")
                .parse::<u64>()
                .map_err(|e| format!("reach `{last}`: {e}"))?;
            parts.pop();
            Some(n)
        }
        _ => None,
    };
    let [id, kind, name @ ..] = parts.as_slice() else {
        return Err(format!("`{s}` is not ID:TYPE:NAME[:REACH]"));
    };
    let (id, kind, name) = (id.trim(), kind.trim(), name.join(":").trim().to_string());
    if id.is_empty() || name.is_empty() {
        return Err(format!(
            "`{s}` is not ID:TYPE:NAME[:REACH]: the id and the name are needed"
        ));
    }
    let kind = ChannelType::parse(kind).ok_or_else(|| {
        format!("`{kind}` is not a channel type: use owned, earned, paid or shared")
    })?;
    Ok(ChannelArg {
        id: id.to_string(),
        kind,
        name,
        reach,
    })
}

#[derive(Debug, Args)]
pub struct NewMetric {
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    /// input, output, outtake, outcome or impact.
    #[arg(long)]
    pub stage: Option<String>,
    #[arg(long, value_name = "PARTNER")]
    pub owner: Option<String>,
    #[arg(long, value_name = "OBJECTIVE")]
    pub objective: Option<String>,
    #[arg(long)]
    pub discipline: Option<String>,
    /// national or local.
    #[arg(long)]
    pub level: Option<String>,
    #[arg(long)]
    pub method: Option<String>,
    #[arg(long)]
    pub frequency: Option<String>,
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub direction: Option<String>,
    #[arg(long)]
    pub baseline: Option<f64>,
    #[arg(long)]
    pub target: Option<f64>,
}

#[derive(Debug, Args)]
pub struct NewActivity {
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_name = "PARTNER")]
    pub owner: Option<String>,
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Cost in pounds.
    #[arg(long)]
    pub budget: Option<f64>,
}

#[derive(Debug, Args)]
pub struct NewMilestone {
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// budget-approval, ministerial-submission, chief-exec-submission, launch, review, end or other.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// What the id names.
    pub kind: RenameKind,
    /// The id as it is now.
    pub old: String,
    /// The new id (kebab-case).
    pub new: String,
    /// Print the changes as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenameKind {
    Partner,
    Metric,
    Objective,
    Audience,
    Channel,
    Activity,
    Meeting,
}

impl From<RenameKind> for crate::rename::IdKind {
    fn from(kind: RenameKind) -> Self {
        use crate::rename::IdKind;
        match kind {
            RenameKind::Partner => IdKind::Partner,
            RenameKind::Metric => IdKind::Metric,
            RenameKind::Objective => IdKind::Objective,
            RenameKind::Audience => IdKind::Audience,
            RenameKind::Channel => IdKind::Channel,
            RenameKind::Activity => IdKind::Activity,
            RenameKind::Meeting => IdKind::Meeting,
        }
    }
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Id of the metric.
    #[arg(add = ArgValueCandidates::new(completions::metric_candidates))]
    pub metric: String,
    /// The figure, as a number or as written: `68.2%`, `1,250`, `£12,500` (checked against the metric's unit).
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Date of the figure (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Record a figure dated after today (with --date): a forecast, not a result.
    #[arg(long, requires = "date")]
    pub future: bool,
    /// Where it came from or what affected it.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Mark the campaign's YAML in .gitattributes and register the merge driver in this clone.
    Install,
    /// Merge one file as git's merge driver (git runs this; see `collab git install`).
    MergeDriver {
        /// The common ancestor's version (git's %O).
        base: PathBuf,
        /// Our version, which receives the result (git's %A).
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// The file's path in the repository (git's %P).
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Mark an action done.
    Done {
        /// Id of the action.
        id: String,
        /// The day it was done, recorded as `done:` (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
    },
    /// Add an action to a meeting.
    Add(ActionAdd),
    /// List the actions of every meeting, by due date.
    List(ActionListArgs),
    /// Change an action's due date, owner or text in place.
    Edit(ActionEdit),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct ActionEdit {
    /// Id of the action.
    pub id: String,
    /// New due date.
    #[arg(long, value_name = "DATE", value_parser = parse_date, group = "change")]
    pub due: Option<Date>,
    /// New owner (a partner id).
    #[arg(long, value_name = "PARTNER", group = "change")]
    pub owner: Option<String>,
    /// New wording of the action.
    #[arg(long, value_name = "TEXT", group = "change")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionListFormat {
    /// A table for the terminal.
    Human,
    /// A JSON array of actions.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").multiple(false))]
pub struct ActionListArgs {
    /// Only actions owned by this partner (its id).
    #[arg(long, value_name = "PARTNER")]
    pub owner: Option<String>,
    /// Only open actions.
    #[arg(long, group = "which")]
    pub open: bool,
    /// Only open actions past their due date.
    #[arg(long, group = "which")]
    pub overdue: bool,
    /// Only open actions due within DAYS of today (overdue ones included).
    #[arg(long, value_name = "DAYS", group = "which")]
    pub due_within: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ActionListFormat::Human)]
    pub format: ActionListFormat,
}

#[derive(Debug, Args)]
pub struct ActionAdd {
    /// What is to be done.
    pub text: String,
    /// Id of the meeting the action comes from.
    #[arg(long, value_name = "MEETING", add = ArgValueCandidates::new(completions::meeting_candidates))]
    pub meeting: String,
    /// Partner who does it.
    #[arg(long, value_name = "PARTNER")]
    pub owner: Option<String>,
    /// Due date.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Id for the action (default: from its text).
    #[arg(long)]
    pub id: Option<String>,
}

/// Where the campaigns are, for workspace commands.
#[derive(Debug, Args, Clone)]
pub struct WorkspaceArgs {
    /// Folder above the campaigns (repeatable; default: here).
    #[arg(long = "workspace", value_name = "DIR")]
    pub workspaces: Vec<PathBuf>,
    /// Read the index cached by `collab index` instead of the files (the
    /// campaigns changed since it was written are read again).
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Where to write the index (default: .collab/index.bin here).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Free text to search for, e.g. "older people fire safety".
    pub text: Vec<String>,
    /// Only people whose organisation has this tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only people in this sector, e.g. police (repeatable: any of them).
    #[arg(long = "sector", value_name = "SECTOR")]
    pub sectors: Vec<String>,
    /// Only people whose organisation covers this region (repeatable).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Only people whose organisation offers this, e.g. owned-channels (repeatable).
    #[arg(long = "offers", value_name = "OFFER")]
    pub offers: Vec<String>,
    /// Only people on campaigns serving this shared priority (repeatable).
    #[arg(long = "priority", value_name = "PRIORITY")]
    pub priorities: Vec<String>,
    /// Only people in this role on a matching campaign (repeatable: any of them).
    #[arg(long = "role", value_name = "ROLE", value_parser = ["lead", "deputy", "sign-off", "sponsor"])]
    pub roles: Vec<String>,
    /// How many people to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
}

#[derive(Debug, Args)]
pub struct OverlapsArgs {
    /// Only pairs involving this campaign.
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// How many pairs to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
}
