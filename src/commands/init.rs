//! `collab init`: scaffold a campaign folder from the built-in templates,
//! or copy a filled-in example. Never overwrites a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::Environment;

use super::prompt::{Ask, Question};
use crate::check::slug;
use crate::cli::{CiArg, FrameworkArg, InitArgs};
use crate::model::{Date, Kind};
use crate::schema::{SCHEMA_DIR, file_name, schemas};
use crate::{Error, Options, Outcome};

/// The built-in scaffold templates, by output path.
const SCAFFOLD: &[(&str, &str, &str)] = &[
    (
        "collab.toml",
        "init/collab.toml.j2",
        include_str!("../../templates/init/collab.toml.j2"),
    ),
    (
        "plan.yaml",
        "init/plan.yaml.j2",
        include_str!("../../templates/init/plan.yaml.j2"),
    ),
    (
        "partners.yaml",
        "init/partners.yaml.j2",
        include_str!("../../templates/init/partners.yaml.j2"),
    ),
    (
        "evaluation.yaml",
        "init/evaluation.yaml.j2",
        include_str!("../../templates/init/evaluation.yaml.j2"),
    ),
    (
        "charter.yaml",
        "init/charter.yaml.j2",
        include_str!("../../templates/init/charter.yaml.j2"),
    ),
    (
        "meetings/initial-partnering.yaml",
        "init/initial-partnering.yaml.j2",
        include_str!("../../templates/init/initial-partnering.yaml.j2"),
    ),
    (
        "README.md",
        "init/README.md.j2",
        include_str!("../../templates/init/README.md.j2"),
    ),
    (
        ".gitignore",
        "init/gitignore.j2",
        include_str!("../../templates/init/gitignore.j2"),
    ),
];

/// The OASIS example: a department-led national-plus-local campaign.
pub const OASIS_EXAMPLE: &[(&str, &str)] = &[
    (
        "charter.yaml",
        include_str!("../../examples/winter-fire-safety/charter.yaml"),
    ),
    (
        "collab.toml",
        include_str!("../../examples/winter-fire-safety/collab.toml"),
    ),
    (
        "evaluation.yaml",
        include_str!("../../examples/winter-fire-safety/evaluation.yaml"),
    ),
    (
        "meetings/agency-briefing.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/agency-briefing.yaml"),
    ),
    (
        "meetings/catch-up-2026-10-20.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/catch-up-2026-10-20.yaml"),
    ),
    (
        "meetings/catch-up-2026-11-17.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/catch-up-2026-11-17.yaml"),
    ),
    (
        "meetings/initial-partnering.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/initial-partnering.yaml"),
    ),
    (
        "partners.yaml",
        include_str!("../../examples/winter-fire-safety/partners.yaml"),
    ),
    (
        "plan.yaml",
        include_str!("../../examples/winter-fire-safety/plan.yaml"),
    ),
];

/// The ROSIE example: a council-led campaign with police and a charity.
pub const ROSIE_EXAMPLE: &[(&str, &str)] = &[
    (
        "charter.yaml",
        include_str!("../../examples/safer-streets/charter.yaml"),
    ),
    (
        "collab.toml",
        include_str!("../../examples/safer-streets/collab.toml"),
    ),
    (
        "evaluation.yaml",
        include_str!("../../examples/safer-streets/evaluation.yaml"),
    ),
    (
        "meetings/catch-up-2026-10-07.yaml",
        include_str!("../../examples/safer-streets/meetings/catch-up-2026-10-07.yaml"),
    ),
    (
        "meetings/catch-up-2026-11-18.yaml",
        include_str!("../../examples/safer-streets/meetings/catch-up-2026-11-18.yaml"),
    ),
    (
        "meetings/initial-partnering.yaml",
        include_str!("../../examples/safer-streets/meetings/initial-partnering.yaml"),
    ),
    (
        "partners.yaml",
        include_str!("../../examples/safer-streets/partners.yaml"),
    ),
    (
        "plan.yaml",
        include_str!("../../examples/safer-streets/plan.yaml"),
    ),
];

/// The values a blank scaffold is filled with.
#[derive(Debug, Clone)]
pub struct Answers {
    pub framework: FrameworkArg,
    pub id: String,
    pub name: String,
    pub lead: String,
    pub lead_name: String,
    pub launch: Option<Date>,
    pub today: Date,
}

pub fn run(cwd: &Path, opts: &Options, args: InitArgs) -> Result<Outcome, Error> {
    let target = crate::discover::normalize(&cwd.join(args.dir.clone().unwrap_or_default()));
    let folder = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "campaign".into());
    let interactive = super::prompt::can_ask() && !args.example;
    let mut answers = defaults(&args, &folder, opts.today_in(None));
    if interactive {
        ask(
            &mut super::prompt::Here,
            &mut answers,
            Given::from_args(&args),
        )
        .map_err(Error::Prompt)?;
    }
    check_id("--id", &answers.id)?;
    check_id("--lead", &answers.lead)?;

    let (existing, missing): (Vec<_>, Vec<_>) = campaign_files(&args, &answers)?
        .into_iter()
        .partition(|(rel, _)| target.join(rel).exists());
    let existing: Vec<String> = existing.into_iter().map(|(rel, _)| rel).collect();
    let to_write: Vec<(PathBuf, &str)> = missing
        .iter()
        .map(|(rel, text)| (target.join(rel), text.as_str()))
        .collect();
    // Every missing file, or none of them.
    crate::write::write_files(&target, &to_write)?;
    let written: Vec<String> = missing.into_iter().map(|(rel, _)| rel).collect();

    let shown = crate::discover::display_path(&target, cwd);
    if !opts.quiet {
        for rel in &written {
            eprintln!("  created {}", join_display(&shown, rel));
        }
        for rel in &existing {
            eprintln!("  exists  {} (left as it was)", join_display(&shown, rel));
        }
    }
    if !existing.is_empty() && !args.force {
        eprintln!(
            "error: {} already holds {} of these files; nothing was overwritten. \
             Use --force to fill in only the missing ones and exit 0.",
            shown,
            existing.len()
        );
        return Ok(Outcome::Failure);
    }
    git_install(&target, opts);
    if !opts.quiet {
        if let Some(note) = placeholder_note(&args, &answers).filter(|_| !interactive) {
            eprintln!("{note}");
        }
        let cd = if shown == "." {
            String::new()
        } else {
            format!("cd {shown} && ")
        };
        eprintln!(
            "Campaign ready in {shown}. Next: {cd}collab validate, then fill in plan.yaml and partners.yaml."
        );
    }
    Ok(Outcome::Success)
}

/// Inside a git work tree, set up the merge driver as `collab git install`
/// does. A failure is reported, but the campaign is made all the same.
fn git_install(target: &Path, opts: &Options) {
    if super::git::work_tree(target).is_none() {
        return;
    }
    if let Err(e) = super::git::install_for(target, opts.quiet) {
        eprintln!("warning: the git merge driver was not set up ({e}); run `collab git install`");
    }
}

/// Every file of the new campaign, as (path inside it, text): the scaffold
/// or the example, the CI files asked for, and the editor schemas.
fn campaign_files(args: &InitArgs, answers: &Answers) -> Result<Vec<(String, String)>, Error> {
    let mut files = if args.example {
        let mut files = example_files(answers.framework);
        // The same README a scaffold gets, filled in for the sample.
        let readme = scaffold_files(&example_answers(answers.framework, answers.today))?
            .into_iter()
            .filter(|(name, _)| name == "README.md");
        files.extend(readme);
        files
    } else {
        scaffold_files(answers)?
    };
    match args.ci {
        Some(CiArg::Github) => files.push((
            ".github/workflows/collab.yml".into(),
            ci_template(include_str!("../../templates/ci/github.yml")),
        )),
        Some(CiArg::Gitlab) => files.push((
            ".gitlab-ci.yml".into(),
            ci_template(include_str!("../../templates/ci/gitlab.yml")),
        )),
        None => {}
    }
    if args.pre_commit {
        files.push((
            ".pre-commit-config.yaml".into(),
            include_str!("../../templates/ci/pre-commit-config.yaml").into(),
        ));
    }
    for (name, schema) in schemas().files() {
        let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
        text.push('\n');
        files.push((format!("{SCHEMA_DIR}/{name}"), text));
    }
    Ok(files)
}

/// A CI template with the package name and version of this build filled in, so
/// the job installs exactly the collab that wrote it.
fn ci_template(source: &str) -> String {
    source
        .replace("__COLLAB_PACKAGE__", env!("CARGO_PKG_NAME"))
        .replace("__COLLAB_VERSION__", env!("CARGO_PKG_VERSION"))
}

fn join_display(dir: &str, rel: &str) -> String {
    if dir == "." {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

/// What the README of a sample campaign says about it.
fn example_answers(framework: FrameworkArg, today: Date) -> Answers {
    let (id, name, lead, lead_name) = match framework {
        FrameworkArg::Oasis => (
            "winter-fire-safety-2026",
            "Winter Home Fire Safety 2026",
            "home-office",
            "Home Office",
        ),
        FrameworkArg::Rosie => (
            "safer-streets-2026",
            "Safer Streets After Dark",
            "kingsmere-council",
            "Kingsmere Borough Council",
        ),
    };
    Answers {
        framework,
        id: id.into(),
        name: name.into(),
        lead: lead.into(),
        lead_name: lead_name.into(),
        launch: None,
        today,
    }
}

fn defaults(args: &InitArgs, folder: &str, today: Date) -> Answers {
    let words: Vec<String> = folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect();
    let name = if words.is_empty() {
        "New campaign".to_string()
    } else {
        words.join(" ")
    };
    Answers {
        framework: args.framework.unwrap_or(FrameworkArg::Oasis),
        id: args.id.clone().unwrap_or_else(|| slug(folder)),
        name: args.name.clone().unwrap_or(name),
        lead: args
            .lead
            .clone()
            .or_else(|| args.lead_name.as_deref().map(slug))
            .unwrap_or_else(|| "lead-partner".into()),
        lead_name: args
            .lead_name
            .clone()
            .unwrap_or_else(|| "Lead organisation".into()),
        launch: args.launch,
        today,
    }
}

fn check_id(flag: &'static str, id: &str) -> Result<(), Error> {
    super::prompt::kebab_id(id).map_err(|_| Error::BadId {
        flag,
        id: id.to_string(),
    })
}

/// Which of the answers the flags gave, so their questions are not asked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given {
    pub name: bool,
    pub id: bool,
    pub lead: bool,
    pub lead_name: bool,
    pub launch: bool,
    pub framework: bool,
}

impl Given {
    pub fn from_args(args: &InitArgs) -> Given {
        Given {
            name: args.name.is_some(),
            id: args.id.is_some(),
            lead: args.lead.is_some(),
            lead_name: args.lead_name.is_some(),
            launch: args.launch.is_some(),
            framework: args.framework.is_some(),
        }
    }
}

/// Ask for what the flags did not give, in this order: the campaign name,
/// the lead organisation's name, its partner id, the launch date and the
/// framework. An answer that cannot be used is asked again with the reason.
pub fn ask(asker: &mut dyn Ask, answers: &mut Answers, given: Given) -> std::io::Result<()> {
    if !given.name {
        answers.name = asker.ask(&Question {
            text: "Campaign name",
            default: Some(&answers.name.clone()),
            blank_ok: false,
            check: &plain_text,
        })?;
        if !given.id {
            answers.id = slug(&answers.name);
        }
    }
    if !given.lead_name {
        answers.lead_name = asker.ask(&Question {
            text: "Lead organisation (its name)",
            default: None,
            blank_ok: false,
            check: &plain_text,
        })?;
    }
    if !given.lead {
        answers.lead = asker.ask(&Question {
            text: "Lead partner id",
            default: Some(&slug(&answers.lead_name)),
            blank_ok: false,
            check: &super::prompt::kebab_id,
        })?;
    }
    if !given.launch {
        let launch = asker.ask(&Question {
            text: "Launch date, YYYY-MM-DD (blank if not known yet)",
            default: None,
            blank_ok: true,
            check: &|s| Date::parse(s).map(|_| ()).ok_or_else(|| not_a_date(s)),
        })?;
        answers.launch = Date::parse(&launch);
    }
    if !given.framework {
        let framework = asker.ask(&Question {
            text: "Framework (oasis or rosie)",
            default: Some("oasis"),
            blank_ok: false,
            check: &|s| parse_framework(s).map(|_| ()),
        })?;
        answers.framework = parse_framework(&framework).unwrap_or(answers.framework);
    }
    Ok(())
}

fn not_a_date(s: &str) -> String {
    format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2027-03-01")
}

fn parse_framework(s: &str) -> Result<FrameworkArg, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "oasis" => Ok(FrameworkArg::Oasis),
        "rosie" => Ok(FrameworkArg::Rosie),
        _ => Err(format!("`{s}` is not a framework: answer oasis or rosie")),
    }
}

fn plain_text(s: &str) -> Result<(), String> {
    if s.chars().any(char::is_control) {
        Err("control characters cannot be written into the files".into())
    } else {
        Ok(())
    }
}

/// Without a terminal and without `--name` or `--lead`: say which
/// placeholders were written and how to change them.
fn placeholder_note(args: &InitArgs, answers: &Answers) -> Option<String> {
    let mut lines = Vec::new();
    if args.name.is_none() {
        lines.push(format!(
            "  campaign name \"{}\" (from the folder name): change `name` in collab.toml \
             and the heading of README.md",
            answers.name
        ));
    }
    if args.lead.is_none() && args.lead_name.is_none() {
        lines.push(format!(
            "  lead partner id `{lead}`: run `collab rename partner {lead} ID` to give it its \
             real id (collab.toml's `lead` changes with it)",
            lead = answers.lead
        ));
    }
    if args.lead_name.is_none() {
        lines.push(format!(
            "  lead organisation \"{}\": change the lead partner's `name` in partners.yaml \
             and the first line of README.md",
            answers.lead_name
        ));
    }
    if args.example || lines.is_empty() {
        return None;
    }
    if args.launch.is_none() {
        lines.push("  no launch date: set `launch` in collab.toml when it is known".into());
    }
    lines.insert(
        0,
        "note: there was no terminal to ask on, so these placeholders were written:".into(),
    );
    lines.push(
        "  Next time, give --name, --lead-name (or --lead) and --launch, or run collab init \
         on a terminal to be asked."
            .into(),
    );
    Some(lines.join("\n"))
}

/// Escape text for a YAML double-quoted or TOML basic string.
fn quote_safe(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '\\' => vec!['\\', '\\'],
            '"' => vec!['\\', '"'],
            c => vec![c],
        })
        .collect()
}

/// Render the blank scaffold.
pub fn scaffold_files(a: &Answers) -> Result<Vec<(String, String)>, Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    for (_, name, source) in SCAFFOLD {
        env.add_template(name, source)
            .map_err(|error| Error::BuiltInTemplate { name, error })?;
    }
    let meeting = match a.launch {
        Some(launch) => launch.0.checked_sub(jiff::Span::new().days(70)).ok(),
        None => a.today.0.checked_add(jiff::Span::new().days(14)).ok(),
    }
    .unwrap_or(a.today.0);
    let mut ctx: BTreeMap<&str, String> = BTreeMap::new();
    ctx.insert("id", a.id.clone());
    ctx.insert("name", quote_safe(&a.name));
    ctx.insert(
        "framework",
        match a.framework {
            FrameworkArg::Oasis => "oasis",
            FrameworkArg::Rosie => "rosie",
        }
        .into(),
    );
    ctx.insert("lead", a.lead.clone());
    ctx.insert("lead_name", quote_safe(&a.lead_name));
    ctx.insert(
        "launch",
        a.launch.map(|d| d.to_string()).unwrap_or_default(),
    );
    ctx.insert("start", String::new());
    ctx.insert("end", String::new());
    ctx.insert("today", a.today.to_string());
    ctx.insert("meeting_date", format!("{meeting}T10:00"));
    let mut files = Vec::new();
    for (out, name, _) in SCAFFOLD {
        let text = env
            .get_template(name)
            .and_then(|t| t.render(&ctx))
            .map_err(|error| Error::FillIn { name, error })?;
        let mut text = with_modeline(out, &text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        files.push((out.to_string(), text));
    }
    Ok(files)
}

fn example_files(framework: FrameworkArg) -> Vec<(String, String)> {
    let files = match framework {
        FrameworkArg::Oasis => OASIS_EXAMPLE,
        FrameworkArg::Rosie => ROSIE_EXAMPLE,
    };
    files
        .iter()
        .map(|(rel, text)| (rel.to_string(), with_modeline(rel, text)))
        .chain([(
            ".gitignore".to_string(),
            include_str!("../../templates/init/gitignore.j2")
                .trim_end()
                .to_string()
                + "\n",
        )])
        .collect()
}

/// The directive taplo and Even Better TOML read to find `collab.toml`'s
/// schema, relative to the file.
pub const TOML_SCHEMA_LINE: &str = "#:schema ./.collab/schema/collab.json";

/// Put the `# yaml-language-server: $schema=` line at the top of a YAML
/// file, and the `#:schema` line at the top of `collab.toml`.
pub fn with_modeline(rel: &str, text: &str) -> String {
    if rel == crate::model::config::CONFIG_FILE {
        if text.starts_with("#:schema") {
            return text.to_string();
        }
        return format!("{TOML_SCHEMA_LINE}\n{text}");
    }
    if !rel.ends_with(".yaml") || text.starts_with("# yaml-language-server:") {
        return text.to_string();
    }
    let kind = text
        .lines()
        .find_map(|l| l.strip_prefix("kind:"))
        .and_then(|k| Kind::parse(k.trim()));
    let Some(kind) = kind else {
        return text.to_string();
    };
    let depth = Path::new(rel).components().count().saturating_sub(1);
    let up: PathBuf = std::iter::repeat_n("..", depth).collect();
    let up = up.to_string_lossy().replace('\\', "/");
    let prefix = if up.is_empty() {
        String::new()
    } else {
        format!("{up}/")
    };
    format!(
        "# yaml-language-server: $schema={prefix}{SCHEMA_DIR}/{}\n{text}",
        file_name(kind)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modeline_points_up_from_subfolders() {
        let t = with_modeline("meetings/a.yaml", "kind: meeting\n");
        assert!(t.starts_with("# yaml-language-server: $schema=../.collab/schema/meeting.json\n"));
        let t = with_modeline("plan.yaml", "kind: plan\n");
        assert!(t.starts_with("# yaml-language-server: $schema=.collab/schema/plan.json\n"));
        assert_eq!(with_modeline("README.md", "x"), "x");
    }

    #[test]
    fn collab_toml_names_its_schema() {
        let t = with_modeline("collab.toml", "[campaign]\n");
        assert_eq!(t, format!("{TOML_SCHEMA_LINE}\n[campaign]\n"));
        assert_eq!(with_modeline("collab.toml", &t), t);
        assert_eq!(
            TOML_SCHEMA_LINE,
            format!(
                "#:schema ./{SCHEMA_DIR}/{}",
                crate::schema::CONFIG_SCHEMA_FILE
            )
        );
    }

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote_safe(r#"A "big" \ plan"#), r#"A \"big\" \\ plan"#);
    }

    #[test]
    fn every_example_file_is_embedded() {
        for (dir, list) in [
            ("winter-fire-safety", OASIS_EXAMPLE),
            ("safer-streets", ROSIE_EXAMPLE),
        ] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(dir);
            let mut on_disk = Vec::new();
            for entry in crate::discover::walker(&root).build().flatten() {
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
                    on_disk.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
            on_disk.sort();
            let mut embedded: Vec<String> = list.iter().map(|(p, _)| p.to_string()).collect();
            embedded.sort();
            assert_eq!(on_disk, embedded, "examples/{dir}");
        }
    }
}
