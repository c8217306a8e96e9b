//! `quotegraph search`: full-text search over quotes, with speaker and date filters.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use quotegraph_store::{search, SearchQuery, Store};

pub struct Args {
    pub speaker: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
    pub json: bool,
    pub text: Vec<String>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let text = args.text.join(" ");
    let query = SearchQuery {
        text: (!text.trim().is_empty()).then_some(text),
        speaker: args.speaker,
        since: args.since,
        until: args.until,
        limit: args.limit,
    };
    let hits = search(store.connection(), &query)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, h) in hits.iter().enumerate() {
        if args.json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
            continue;
        }
        let speaker = match (&h.speaker, &h.speaker_as_written) {
            (Some(s), Some(w)) if s != w => format!("{s} (as “{w}”)"),
            (Some(s), _) => s.clone(),
            _ => h.speaker_label().unwrap_or("?").to_string(),
        };
        writeln!(out, "{}. {speaker} — {}", i + 1, h.content)?;
        let mut about = vec![if h.cue.is_empty() {
            "(no cue)".to_string()
        } else {
            h.cue.clone()
        }];
        about.extend(h.day.clone());
        about.extend(h.title.clone());
        about.extend(h.url.clone());
        if h.appearances > 1 {
            about.push(format!("{} appearances", h.appearances));
        }
        writeln!(out, "   {}", about.join(" · "))?;
    }
    out.flush()?;
    if hits.is_empty() && !args.json {
        eprintln!("quotegraph: no quotes found");
    }
    Ok(ExitCode::SUCCESS)
}
