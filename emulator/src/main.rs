use chat_emulator::{Config, Seed, ServiceConfig};
use clap::{Parser, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SeedArg {
    Demo,
    None,
}

/// Local emulator of the Tencent Cloud Chat conversation REST endpoints
/// (POST /v4/recentcontact/{top,mark_contact,create_contact_group,get_contact_group,
/// update_contact_group,del_contact_group,search_contact_group,get_list,delete})
/// with a control API under /_emulator/.
#[derive(Parser, Debug)]
#[command(name = "chat-emulator", version)]
struct Args {
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to bind; 0 picks a free port.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Data loaded at start (when no --state file exists yet).
    #[arg(long, value_enum, default_value = "demo")]
    seed: SeedArg,
    /// Load state from FILE if present; save it (atomically) after every mutation.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// The SDKAppID requests must carry.
    #[arg(long, default_value_t = 1_400_000_000)]
    sdkappid: u64,
    /// The app administrator requests must name as `identifier`.
    #[arg(long, default_value = "administrator")]
    identifier: String,
    /// The valid `usersig`.
    #[arg(long, default_value = "emulator-usersig")]
    usersig: String,
    /// get_list items per page.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    page_size: u32,
    /// get_contact_group items per page.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    group_page_size: u32,
    /// Most pinned conversations per account.
    #[arg(long, default_value_t = 50)]
    pinned_limit: u32,
    /// Calls per second per command before 60007; 0 = unlimited.
    #[arg(long, default_value_t = 200)]
    rate_limit: u32,
    /// Allowed CORS origin (repeatable); '*' allows all. Default: any origin.
    #[arg(long = "cors-origin", value_name = "ORIGIN", num_args = 1..)]
    cors_origin: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = Config {
        host: args.host,
        port: args.port,
        state_file: args.state,
        service: ServiceConfig {
            seed: match args.seed {
                SeedArg::Demo => Seed::Demo,
                SeedArg::None => Seed::None,
            },
            sdkappid: args.sdkappid,
            identifier: args.identifier,
            usersig: args.usersig,
            expired_usersigs: Vec::new(),
            page_size: args.page_size as usize,
            group_page_size: args.group_page_size as usize,
            pinned_limit: args.pinned_limit as usize,
            rate_limit: args.rate_limit,
            cors_origins: args.cors_origin,
        },
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("chat-emulator: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(run(config))
}

async fn run(config: Config) -> ExitCode {
    let server = match chat_emulator::bind(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("chat-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", server.url());
        let _ = out.flush();
    }
    shutdown_signal().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
