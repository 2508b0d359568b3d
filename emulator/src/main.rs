use chat_emulator::{Config, ServiceConfig, Setting, SETTINGS};
use clap::builder::PossibleValuesParser;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Local emulator of the Tencent Cloud Chat conversation REST endpoints
/// (POST /v4/recentcontact/{top,mark_contact,create_contact_group,get_contact_group,
/// update_contact_group,del_contact_group,search_contact_group,get_list,delete})
/// with a control API under /_emulator/.
// The flags after --state are the service's settings (`ServiceConfig`), one flag each.
#[derive(Parser, Debug)]
#[command(name = "chat-emulator", version)]
struct ShellArgs {
    /// Address to bind.
    #[arg(long, default_value_t = Config::default().host)]
    host: String,
    /// Port to bind; 0 picks a free port.
    #[arg(long, default_value_t = Config::default().port)]
    port: u16,
    /// Load state from FILE if present; save it (atomically) after every mutation.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

/// One flag per setting: its name, aliases, help, default and values come from the type.
fn setting_args(defaults: &Map<String, Value>) -> Vec<Arg> {
    SETTINGS
        .iter()
        .map(|s| {
            let key = s.key();
            let mut arg = Arg::new(key.clone())
                .long(s.flag())
                .visible_aliases(s.aliases.iter().copied())
                .help(s.help.trim().trim_end_matches('.').to_owned())
                .value_name(s.field.to_uppercase());
            arg = match defaults.get(&key) {
                Some(Value::Array(_)) => arg.action(ArgAction::Append).num_args(1..),
                Some(Value::String(d)) => arg.default_value(d.clone()),
                Some(Value::Number(d)) => arg.default_value(d.to_string()),
                _ => arg,
            };
            if !s.values.is_empty() {
                arg = arg.value_parser(PossibleValuesParser::new(s.values.iter().copied()));
            }
            arg
        })
        .collect()
}

/// The service configuration the flags give, or the error naming the flag.
fn service_config(
    m: &ArgMatches,
    defaults: &Map<String, Value>,
) -> Result<ServiceConfig, clap::Error> {
    let mut map = Map::new();
    for s in SETTINGS {
        let key = s.key();
        let Some(given) = m.get_many::<String>(&key) else {
            continue;
        };
        let given: Vec<String> = given.cloned().collect();
        let value = match defaults.get(&key) {
            Some(Value::Array(_)) => given.into_iter().map(Value::String).collect(),
            Some(Value::Number(_)) => {
                let text = given.concat();
                match text.parse::<u64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        return Err(invalid(&s.flag(), &text, "expected a non-negative integer"))
                    }
                }
            }
            _ => Value::String(given.concat()),
        };
        map.insert(key, value);
    }
    ServiceConfig::from_map(map.clone()).map_err(|e| {
        let key = e.key.unwrap_or_default();
        let flag = Setting::by_key(&key).map(Setting::flag).unwrap_or_default();
        let value = match map.get(&key) {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        invalid(&flag, &value, &e.message)
    })
}

fn invalid(flag: &str, value: &str, why: &str) -> clap::Error {
    ShellArgs::command().error(
        ErrorKind::ValueValidation,
        format!("invalid value '{value}' for '--{flag}': {why}"),
    )
}

fn main() -> ExitCode {
    let defaults = ServiceConfig::default().to_map();
    let matches = ShellArgs::command()
        .args(setting_args(&defaults))
        .get_matches();
    let shell = ShellArgs::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let service = service_config(&matches, &defaults).unwrap_or_else(|e| e.exit());
    let config = Config {
        host: shell.host,
        port: shell.port,
        state_file: shell.state,
        service,
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
