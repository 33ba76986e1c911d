//! The options every command takes, as the library sees them: plain values,
//! built from the command line in one place (`From<&cli::Global>`), so the
//! library does not depend on how they were parsed.

use std::io::IsTerminal;

use crate::campaign::Campaign;
use crate::model::Date;

/// When to colour what goes to a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorWhen {
    /// When stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// The word the command line uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorWhen::Auto => "auto",
            ColorWhen::Always => "always",
            ColorWhen::Never => "never",
        }
    }
}

/// Options that apply to every command.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub color: ColorWhen,
    /// Print only what matters: no summary line, no hints.
    pub quiet: bool,
    /// Say more about what collab is doing (on stderr).
    pub verbose: bool,
    /// The date to treat as today; the real date when `None`.
    pub today: Option<Date>,
}

impl Options {
    /// Whether to colour what goes to stdout.
    pub fn use_color(&self) -> bool {
        match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // The usual conventions, as anstream reads them:
            // CLICOLOR_FORCE / FORCE_COLOR turn colour on, NO_COLOR and
            // TERM=dumb turn it off, else colour on a terminal.
            ColorWhen::Auto => {
                forced_colour()
                    || (!anstyle_query::no_color()
                        && anstyle_query::term_supports_color()
                        && std::io::stdout().is_terminal())
            }
        }
    }

    /// Today: the given date, else the real date in `timezone`
    /// (Europe/London when none is given or it is unknown).
    pub fn today_in(&self, timezone: Option<&str>) -> Date {
        self.today.unwrap_or_else(|| real_today(timezone))
    }

    /// Today for one campaign: the given date, else the real date in the
    /// campaign's timezone.
    pub fn campaign_today(&self, campaign: &Campaign) -> Date {
        self.today_in(campaign.settings().campaign().timezone.as_deref())
    }
}

/// The real date now in `timezone` (Europe/London when none or unknown).
pub fn real_today(timezone: Option<&str>) -> Date {
    let tz = jiff::tz::TimeZone::get(timezone.unwrap_or("Europe/London"))
        .unwrap_or(jiff::tz::TimeZone::UTC);
    Date(jiff::Timestamp::now().to_zoned_datetime(tz).date())
}

/// `CLICOLOR_FORCE` or `FORCE_COLOR` set to something other than `0`.
fn forced_colour() -> bool {
    let force_color = std::env::var_os("FORCE_COLOR").is_some_and(|v| !v.is_empty() && v != "0");
    anstyle_query::clicolor_force() || force_color
}
