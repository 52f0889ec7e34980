//! One module per subcommand, each with its `Args` and `run`.

pub mod edit;
pub mod estimate;
pub mod explain;
pub mod export;
pub mod generate;
pub mod latest;
pub mod regions;
pub mod replicas;
pub mod target_regions;
pub mod validate;

use std::process::ExitCode;

/// A command that could not produce its answer: the message for stderr and the exit status.
pub struct Failure {
    /// What went wrong, naming the input and the position where possible.
    pub message: String,
    /// 1 for "bad value in a what-if", 2 for "input unreadable".
    pub code: ExitCode,
}

impl Failure {
    /// Input could not be read or parsed (exit status 2).
    pub fn unreadable(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: ExitCode::from(2) }
    }
    /// A value given on the command line is wrong (exit status 1).
    pub fn invalid(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: ExitCode::from(1) }
    }
}

/// The result of a command.
pub type Outcome = Result<ExitCode, Failure>;

/// Output format shared by the commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for people.
    #[default]
    Text,
    /// JSON, a stable contract for scripts.
    Json,
}

/// The date to check against: `--today YYYY-MM-DD`, else the system's date (the core reads no clock).
pub fn today(given: Option<&str>) -> Result<chrono::NaiveDate, Failure> {
    match given {
        Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Failure::invalid(format!("--today '{text}' is not a date in the form YYYY-MM-DD"))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Pretty JSON with a trailing newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}
