//! The rule context: what a check reads (the campaign, today, options) and
//! the one way it reports (`cx.report(Rule::X, at, message)`). The context
//! decides the level of every finding (`[lint]`, structure rules always
//! errors) and which rules run at all (`--rule`, `allow`).

use std::sync::Arc;

use crate::campaign::{At, Campaign};
use crate::diagnostic::{Finding, Level, SourceFile};
use crate::model::Date;
use crate::model::config::RuleLevel;
use crate::rule::Rule;
use crate::source::Span;

/// What date-dependent and tunable rules need to know, and which rules
/// the run asks for.
#[derive(Debug, Clone)]
pub struct Context {
    /// Today, in the campaign's timezone (or `--today`).
    pub today: Date,
    /// `[lint.options] engagement_weeks`.
    pub engagement_weeks: u32,
    /// `--rule`: only these rules, or every rule when empty.
    pub only: Vec<Rule>,
}

impl Context {
    pub fn for_campaign(campaign: &Campaign, today: Date) -> Self {
        Context {
            today,
            engagement_weeks: campaign
                .settings()
                .lint
                .as_ref()
                .and_then(|l| l.options.as_ref())
                .and_then(|o| o.engagement_weeks)
                .unwrap_or(8),
            only: Vec::new(),
        }
    }

    /// Run only `rules` (all when empty), as `--rule` asks.
    pub fn select(mut self, rules: &[Rule]) -> Self {
        self.only = rules.to_vec();
        self
    }

    fn selected(&self, rule: Rule) -> bool {
        self.only.is_empty() || self.only.contains(&rule)
    }
}

/// The level each rule has in a campaign: its default, or what `[lint]`
/// says. Structure rules are always errors.
pub fn level_in_force(campaign: Option<&Campaign>, rule: Rule) -> RuleLevel {
    if rule.is_structure() {
        return RuleLevel::Deny;
    }
    campaign
        .and_then(|c| c.settings().lint.as_ref())
        .and_then(|l| l.levels.get(rule.id()))
        .copied()
        .unwrap_or(rule.default_level())
}

/// What one check run sees and reports into.
pub struct RuleContext<'a> {
    pub campaign: &'a Campaign,
    pub options: &'a Context,
    /// By rule: the level its findings get, or `None` when it is off.
    levels: Vec<Option<Level>>,
    /// By rule: whether its check runs (reported, or needed to tell
    /// whether an allow comment naming it is used).
    runs: Vec<bool>,
    findings: Vec<Finding>,
}

impl<'a> RuleContext<'a> {
    /// A context for `campaign`. `named` are the rules allow comments
    /// name: while `unused-allow` is reported they run even when off, so
    /// a comment for them is judged as before; their findings are dropped
    /// once the comments are applied.
    pub fn new(campaign: &'a Campaign, options: &'a Context, named: &[Rule]) -> Self {
        let levels: Vec<Option<Level>> = Rule::ALL
            .iter()
            .map(|&r| {
                let on = options.selected(r);
                on.then(|| level_in_force(Some(campaign), r).to_level())
                    .flatten()
            })
            .collect();
        let judge_allows = levels[Rule::UnusedAllow as usize].is_some();
        let runs = Rule::ALL
            .iter()
            .map(|&r| levels[r as usize].is_some() || (judge_allows && named.contains(&r)))
            .collect();
        RuleContext {
            campaign,
            options,
            levels,
            runs,
            findings: Vec::new(),
        }
    }

    pub fn today(&self) -> Date {
        self.options.today
    }

    /// Whether `rule`'s check should run.
    pub fn enabled(&self, rule: Rule) -> bool {
        self.runs[rule as usize]
    }

    /// Whether findings of `rule` are reported.
    pub fn reported(&self, rule: Rule) -> bool {
        self.levels[rule as usize].is_some()
    }

    /// Report a finding of `rule` at `at`. Add help, a label or related
    /// places to what this returns; the finding is kept when it is dropped.
    /// A rule that is off reports nothing.
    pub fn report(&mut self, rule: Rule, at: At<'_>, message: impl Into<String>) -> Reported<'_> {
        self.report_in(rule, at.file, at.span, message)
    }

    /// [`RuleContext::report`] with the file and span apart.
    pub fn report_in(
        &mut self,
        rule: Rule,
        file: &Arc<SourceFile>,
        span: Span,
        message: impl Into<String>,
    ) -> Reported<'_> {
        let finding = if self.enabled(rule) {
            let level = self.levels[rule as usize].unwrap_or(Level::Warning);
            Some(Finding::new(rule, level, file, span, message))
        } else {
            None
        };
        Reported {
            sink: &mut self.findings,
            finding,
        }
    }

    /// Everything reported so far, leaving none.
    pub fn take_findings(&mut self) -> Vec<Finding> {
        std::mem::take(&mut self.findings)
    }
}

/// A finding being reported: it joins the context's findings when this
/// is dropped, at the end of the statement that made it.
pub struct Reported<'c> {
    sink: &'c mut Vec<Finding>,
    finding: Option<Finding>,
}

impl Reported<'_> {
    fn map(mut self, f: impl FnOnce(Finding) -> Finding) -> Self {
        self.finding = self.finding.take().map(f);
        self
    }

    pub fn help(self, text: impl Into<String>) -> Self {
        self.map(|f| f.with_help(text))
    }

    pub fn help_opt(self, text: Option<String>) -> Self {
        self.map(|f| f.with_help_opt(text))
    }

    /// Attach what would put the finding right (see `crate::fix`).
    pub fn fix(self, fix: Option<crate::diagnostic::Fix>) -> Self {
        self.map(|f| f.with_fix(fix))
    }

    /// Text on the primary label, instead of the message.
    pub fn label(self, text: impl Into<String>) -> Self {
        self.map(|f| f.with_label(text))
    }

    /// A second place that explains the finding.
    pub fn related(self, at: At<'_>, text: impl Into<String>) -> Self {
        self.map(|f| f.with_related(at.file, at.span, text))
    }

    /// Raise the finding to an error whatever the rule's level (a warning
    /// that has become urgent).
    pub fn error(self) -> Self {
        self.map(|mut f| {
            f.level = Level::Error;
            f
        })
    }
}

impl Drop for Reported<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.finding.take() {
            self.sink.push(f);
        }
    }
}
