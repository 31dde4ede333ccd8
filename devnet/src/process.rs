//! The devnet's own processes, by recorded PID. Before signalling a PID we check it is
//! still the anvil we started (PIDs are reused), so `down` never touches other processes.

/// Takes every variable that may hold one of the wallet's secrets (the vault password,
/// a keystore password, the BIP39 passphrase, a Trezor PIN) out of the environment a
/// child process inherits: anvil and the actors need none of them, and another user's
/// `ps e`, a crash dump or a child's own log could show them.
pub fn scrub_secrets(cmd: &mut std::process::Command) {
    for name in switchyard_core::keys::SECRET_ENV_VARS {
        cmd.env_remove(name);
    }
}

/// Whether `pid` is alive and is anvil listening on `port`.
pub fn is_our_anvil(pid: u32, port: u16) -> bool {
    if !is_alive(pid) {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            return false;
        };
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let is_anvil = args.first().is_some_and(|a| a.ends_with(b"anvil"));
        let port = port.to_string();
        let on_port = args
            .windows(2)
            .any(|w| w[0] == b"--port" && w[1] == port.as_bytes());
        is_anvil && on_port
    }
    #[cfg(not(target_os = "linux"))]
    {
        // Without /proc, trust the recorded PID if it is alive.
        let _ = port;
        true
    }
}

/// Whether `pid` is alive and is a devnet actors process (`… devnet … actors`).
pub fn is_our_actors(pid: u32) -> bool {
    if !is_alive(pid) {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            return false;
        };
        // cmdline is NUL-terminated: drop the empty piece after the last NUL.
        let args: Vec<&[u8]> = cmdline
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .collect();
        args.contains(&&b"devnet"[..]) && args.last() == Some(&&b"actors"[..])
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Whether a process with this PID exists (and is not a zombie).
pub fn is_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // Field 3 is the state; Z is a zombie: dead, only not yet reaped.
        return stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            != Some("Z");
    }
    // SAFETY: kill with signal 0 only checks for existence and permission.
    let pid = libc::pid_t::try_from(pid).unwrap_or(libc::pid_t::MAX);
    unsafe { libc::kill(pid, 0) == 0 }
}

/// Sends SIGTERM, then SIGKILL if it has not exited after `grace`.
pub fn terminate(pid: u32, grace: std::time::Duration) {
    let Ok(raw) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: plain signal sends to a PID we verified is our anvil.
    unsafe { libc::kill(raw, libc::SIGTERM) };
    let deadline = std::time::Instant::now() + grace;
    while is_alive(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if is_alive(pid) {
        // SAFETY: as above.
        unsafe { libc::kill(raw, libc::SIGKILL) };
    }
}
