//! The Supabase hook `template --provider supabase` prints, run in a real
//! PostgreSQL: a throwaway cluster on a unix socket (no TCP), the function is
//! created with Supabase's roles present, called with a sample event, and must
//! return the original claims merged with the template's.

use crate::common;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Map, Value, json};

fn pg_bindir() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server binaries are required for the Supabase hook test: install PostgreSQL 15 (e.g. apt-get install postgresql)")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().expect("PostgreSQL server binaries are required for the Supabase hook test: install PostgreSQL 15 (e.g. apt-get install postgresql); no initdb under /usr/lib/postgresql")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A throwaway cluster; PostgreSQL refuses to run as root, so under root the
/// server runs as the `postgres` system user.
struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
}

impl Cluster {
    fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let as_postgres = is_root();
        let cluster = Cluster {
            bin: pg_bindir(),
            as_postgres,
            dir,
        };
        if as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(cluster.dir.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown to postgres");
        }
        let data = cluster.data();
        cluster.run_ok(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        let opts = format!("-k {} -c listen_addresses=''", cluster.dir.path().display());
        cluster.run_ok(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                cluster.dir.path().join("log").to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, tool: &str) -> Command {
        let path = self.bin.join(tool);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run_ok(&self, tool: &str, args: &[&str]) -> Output {
        let out = self.command(tool).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Run SQL through psql; returns stdout (unaligned, tuples only).
    fn psql(&self, sql: &str) -> String {
        let file = self.dir.path().join("input.sql");
        std::fs::write(&file, sql).unwrap();
        if self.as_postgres {
            Command::new("chown")
                .arg("postgres")
                .arg(&file)
                .status()
                .unwrap();
        }
        let host = self.dir.path().to_str().unwrap().to_string();
        let out = self.run_ok(
            "psql",
            &[
                "-h",
                &host,
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-f",
                file.to_str().unwrap(),
            ],
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"])
            .output();
    }
}

const ROLES: &str =
    "create role supabase_auth_admin; create role authenticated; create role anon;\n";

fn sample_event() -> Value {
    json!({
        "user_id": "8ccaa7af-909f-44e7-84cb-67cdccb56be6",
        "claims": {
            "aud": "authenticated",
            "exp": 1715690221,
            "sub": "8ccaa7af-909f-44e7-84cb-67cdccb56be6",
            "role": "authenticated",
            "a": "will be replaced",
            "session_id": "s1"
        },
        "authentication_method": "password"
    })
}

/// Create the hook from `sql`, call it with the sample event, return the claims it sets.
fn returned_claims(cluster: &Cluster, sql: &str) -> Map<String, Value> {
    let event = serde_json::to_string(&sample_event())
        .unwrap()
        .replace('\'', "''");
    let out = cluster.psql(&format!(
        "{sql}\nselect public.custom_access_token_hook('{event}'::jsonb)->'claims';\n"
    ));
    let line = out
        .lines()
        .rfind(|l| l.starts_with('{'))
        .unwrap_or_default();
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn merged(template: &Map<String, Value>) -> Map<String, Value> {
    let mut want = sample_event()["claims"].as_object().unwrap().clone();
    for (k, v) in template {
        want.insert(k.clone(), v.clone());
    }
    want
}

fn jwksctl(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = common::jwksctl_std(home.path())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn supabase_hook_runs_in_postgres() {
    let cluster = Cluster::start();
    cluster.psql(ROLES);
    let cases: &[&[&str]] = &[
        &["-d", "mydb"],
        &["-g", "prod", "-s", "read-only", "-p", "all:data_read"],
        &[
            "-d",
            "mydb",
            "-p",
            "all:data_read",
            "-p",
            "comments:data_add,data_update",
        ],
        &["--dialect", "libsql", "-d", "a", "--attach", "b"],
    ];
    for case in cases {
        let template: Map<String, Value> =
            serde_json::from_str(&jwksctl(&[&["template"], *case].concat())).unwrap();
        let sql = jwksctl(&[&["template"], *case, &["--provider", "supabase"]].concat());
        assert_eq!(
            returned_claims(&cluster, &sql),
            merged(&template),
            "{case:?}"
        );
    }
    // The documented grants took effect.
    let granted = cluster.psql(
        "select has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute'), \
         has_function_privilege('anon', 'public.custom_access_token_hook(jsonb)', 'execute');",
    );
    assert_eq!(granted.trim(), "t|f");
}

#[test]
fn hostile_values_stay_inside_the_sql_literal() {
    let cluster = Cluster::start();
    cluster.psql(ROLES);
    let mut claims = Map::new();
    for (i, h) in [
        "it's",
        "''; drop table x; --",
        "$$ $jwksctl$ $jwksctl1$",
        "back\\slash \"q\"",
        "line\nbreak",
        "</script>",
    ]
    .iter()
    .enumerate()
    {
        claims.insert(format!("k{i}{h}"), json!(h));
        claims.insert(format!("n{i}"), json!({ "v": [h] }));
    }
    let sql = jwksctl::claims::providers::supabase(&claims);
    assert_eq!(returned_claims(&cluster, &sql), merged(&claims));
}
