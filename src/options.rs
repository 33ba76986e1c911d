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
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
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
