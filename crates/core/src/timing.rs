//! Stage timings on standard error when `CHARTER_TIMINGS` is set, for
//! profiling without a profiler.

/// Beside wall time each lap gives the CPU time the process spent (on
/// Linux), so a stage that leaves a core idle shows up as cpu < 2 × wall.
pub struct StageClock {
    enabled: bool,
    last: std::time::Instant,
    last_cpu: Option<u64>,
}

impl StageClock {
    /// Starts the clock.
    pub fn new() -> StageClock {
        StageClock {
            enabled: std::env::var_os("CHARTER_TIMINGS").is_some(),
            last: std::time::Instant::now(),
            last_cpu: cpu_ms(),
        }
    }

    /// Reports the time since the last lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if self.enabled {
            let cpu = cpu_ms();
            let spent = cpu
                .zip(self.last_cpu)
                .map(|(now, then)| format!(" (cpu {} ms)", now.saturating_sub(then)))
                .unwrap_or_default();
            let rss = resident_mib().map(|m| format!(" rss {m} MiB")).unwrap_or_default();
            let spent = format!("{spent}{rss}");
            eprintln!("timing: {stage} {} ms{spent}", self.last.elapsed().as_millis());
            self.last_cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

impl Default for StageClock {
    fn default() -> Self {
        Self::new()
    }
}

/// User plus system time of this process so far, from /proc (clock ticks
/// are 10 ms on Linux).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((user + system) * 10)
}

/// Resident memory of this process now, in MiB, from /proc.
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split(' ').nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}
