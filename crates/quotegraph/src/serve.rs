//! `quotegraph serve`: flags to a [`quotegraph_server::Config`], then the server.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use quotegraph_server::Config;

#[derive(clap::Args)]
pub struct Args {
    /// The database file (created when missing, unless --read-only).
    #[arg(long, default_value = "quotegraph.db")]
    db: PathBuf,
    /// Address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: String,
    /// Refuse every write, and open the database read-only.
    #[arg(long)]
    read_only: bool,
    /// The token POST /api/articles must carry as `Authorization: Bearer TOKEN`;
    /// without it every write is refused.
    #[arg(long, env = "QUOTEGRAPH_WRITE_TOKEN", hide_env_values = true)]
    write_token: Option<String>,
    /// Largest request body, in bytes (413 above it).
    #[arg(long, default_value_t = quotegraph_server::DEFAULT_BODY_LIMIT)]
    body_limit: usize,
    /// Longest time a request may take, in milliseconds (408 past it).
    #[arg(long, default_value_t = quotegraph_server::DEFAULT_TIMEOUT.as_millis() as u64)]
    timeout_ms: u64,
    /// Request logs as JSON lines (default: text).
    #[arg(long)]
    log_json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    quotegraph_server::init_logs(args.log_json);
    let config = Config {
        db: args.db,
        read_only: args.read_only,
        write_token: args.write_token,
        body_limit: args.body_limit,
        timeout: Duration::from_millis(args.timeout_ms),
    };
    quotegraph_server::run(config, &args.bind)?;
    Ok(ExitCode::SUCCESS)
}
