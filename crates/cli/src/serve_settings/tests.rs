//! How `ramp serve`'s settings resolve: flags over the file over defaults,
//! the seed, and the defaults the help states.

use super::*;

fn file(text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "ramp-serve-settings-{}-{}.toml",
        std::process::id(),
        text.len()
    ));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_sandbox_is_not_published_by_accident() {
    let public = |extra: ServeArgs| {
        ServeArgs {
            bind: Some("0.0.0.0:8080".parse().unwrap()),
            ..extra
        }
        .resolve()
    };
    let e = public(ServeArgs::default()).unwrap_err();
    assert!(
        e.contains("--sandbox-public") && e.contains("0.0.0.0:8080"),
        "{e}"
    );
    assert!(public(ServeArgs {
        sandbox_public: true,
        ..ServeArgs::default()
    })
    .is_ok());
    assert!(public(ServeArgs {
        upstream: Some(UpstreamMode::Aliyun),
        ..ServeArgs::default()
    })
    .is_ok());
}

#[test]
fn contradictory_upstreams_are_refused_naming_both() {
    let url = Some("http://127.0.0.1:9".to_owned());
    let e = ServeArgs {
        upstream_url: url.clone(),
        no_sandbox: true,
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(
        e.contains("--upstream-url") && e.contains("--no-sandbox"),
        "{e}"
    );
    let e = ServeArgs {
        upstream_url: url,
        upstream: Some(UpstreamMode::Aliyun),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(
        e.contains("--upstream-url") && e.contains("--upstream aliyun"),
        "{e}"
    );
}

#[test]
fn flags_win_over_the_file_and_the_file_over_defaults() {
    let path = file(
        "bind = \"127.0.0.1:9999\"\ntimeout = 7\nallow-origin = [\"https://portal.example.com\"]\n",
    );
    let s = ServeArgs {
        config: Some(path.clone()),
        timeout: Some(3.0),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap();
    assert_eq!(s.bind.port(), 9999);
    assert_eq!(s.limits.total_timeout, Duration::from_secs(3));
    assert_eq!(s.allow_origins, ["https://portal.example.com"]);
    assert_eq!(s.limits.max_body_bytes, 64 * 1024);
    assert_eq!(s.upstream, Upstream::Sandbox);
}

#[test]
fn bad_values_name_the_setting() {
    let bad_key = file("bnid = \"x\"\n");
    let e = ServeArgs {
        config: Some(bad_key),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(e.contains("bnid"), "{e}");
    // A mode the file misspells is named, with what it may be.
    let bad_mode = file("upstream = \"alicloud\"\n");
    let e = ServeArgs {
        config: Some(bad_mode),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(e.contains("alicloud") && e.contains("aliyun"), "{e}");
    let e = ServeArgs {
        upstream_url: Some("http://10.1.2.3:80".into()),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(
        e.contains("--upstream-url") && e.contains("loopback"),
        "{e}"
    );
    let e = ServeArgs {
        timeout: Some(-1.0),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(e.contains("--timeout"), "{e}");
    let e = ServeArgs {
        allow_origin: vec!["*".into()],
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(e.contains("--allow-origin"), "{e}");
    let bad_origin = file("allow-origin = [\"https://x.example.com/path\"]\n");
    let e = ServeArgs {
        config: Some(bad_origin),
        ..ServeArgs::default()
    }
    .resolve()
    .unwrap_err();
    assert!(e.contains("--allow-origin"), "{e}");
}

#[test]
fn the_seed_is_demo_or_an_organisation_of_n_users() {
    assert_eq!(parse_seed("demo"), Ok(Seed::Demo));
    assert_eq!(parse_seed("org:2000"), Ok(Seed::Org(2000)));
    for bad in ["org:0", "org:50001", "org:", "org:x", "big"] {
        assert!(parse_seed(bad).unwrap_err().contains("org:N"), "{bad}");
    }
}

/// The defaults the help text states are the ones resolution applies:
/// the help is written by hand (flags, variables and the file merge, so
/// clap cannot apply them itself), and this keeps the two from drifting.
#[test]
fn the_defaults_the_help_states_are_the_defaults_applied() {
    use clap::{Args as _, Command};
    let cmd = ServeArgs::augment_args(Command::new("serve"));
    let stated = |id: &str| -> String {
        let arg = cmd
            .get_arguments()
            .find(|a| a.get_id() == id)
            .unwrap_or_else(|| panic!("{id}"));
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let after = help
            .split("[default: ")
            .nth(1)
            .unwrap_or_else(|| panic!("{id}: {help}"));
        after.split([']', ';']).next().unwrap().to_owned()
    };
    let s = ServeArgs::default().resolve().unwrap();
    let l = &s.limits;
    let applied = [
        ("bind", s.bind.to_string()),
        ("dist", s.dist.display().to_string()),
        ("frame_ancestors", s.frame_ancestors.clone()),
        (
            "upstream",
            if matches!(s.upstream, Upstream::Sandbox) {
                "sandbox"
            } else {
                "?"
            }
            .into(),
        ),
        (
            "seed",
            if s.seed == Seed::Demo { "demo" } else { "?" }.into(),
        ),
        ("enforcement", if s.soft { "soft" } else { "strict" }.into()),
        (
            "log_format",
            if s.json_logs { "json" } else { "text" }.into(),
        ),
        ("max_body_bytes", l.max_body_bytes.to_string()),
        ("max_query_bytes", l.max_query_bytes.to_string()),
        ("max_header_bytes", l.max_header_bytes.to_string()),
        ("max_concurrent", l.max_concurrent.to_string()),
        ("rate_per_client", l.per_client_per_second.to_string()),
        ("connect_timeout", l.connect_timeout.as_secs().to_string()),
        ("timeout", l.total_timeout.as_secs().to_string()),
    ];
    for (id, value) in applied {
        assert_eq!(stated(id), value, "--{id}");
    }
}
