//! The wallet thread.
//!
//! `switchyard_core::Wallet` owns its SQLite connection and its chain methods hold `&self`
//! across awaits, so their futures are not `Send`, while Tauri runs async commands on a
//! multi-threaded runtime. One thread with a current-thread runtime and a `LocalSet` owns the
//! wallet, the unlocked session and the open devices ([`WalletCtx`]); commands send it jobs
//! and await the answers. Jobs run concurrently on that thread (a device waiting for its
//! button does not hold up a balance refresh), and a device's socket stays on the runtime
//! that opened it.

use std::{future::Future, rc::Rc, sync::Arc};

use futures::future::LocalBoxFuture;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

use switchyard_core::ErrorCode;

use crate::{ctx::WalletCtx, error::CommandError, recorder::Recorder};

type Job = Box<dyn FnOnce(Rc<WalletCtx>) -> LocalBoxFuture<'static, ()> + Send>;

/// The handle commands use to reach the wallet thread.
#[derive(Clone)]
pub struct Host {
    jobs: mpsc::UnboundedSender<Job>,
    recorder: Option<Arc<Recorder>>,
}

impl Host {
    /// Starts the wallet thread; `make_ctx` runs on it (the context is not `Send`), and
    /// `background` is spawned there once, for the watchers (transactions, auto-lock).
    pub fn start(
        make_ctx: impl FnOnce() -> WalletCtx + Send + 'static,
        background: impl FnOnce(Rc<WalletCtx>) -> LocalBoxFuture<'static, ()> + Send + 'static,
        recorder: Option<Recorder>,
    ) -> Self {
        let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
        std::thread::Builder::new()
            .name("wallet".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the wallet thread's runtime starts");
                let local = tokio::task::LocalSet::new();
                local.block_on(&runtime, async move {
                    let ctx = Rc::new(make_ctx());
                    tokio::task::spawn_local(background(ctx.clone()));
                    while let Some(job) = queue.recv().await {
                        tokio::task::spawn_local(job(ctx.clone()));
                    }
                });
            })
            .expect("the wallet thread starts");
        Self {
            jobs,
            recorder: recorder.map(Arc::new),
        }
    }

    /// Runs `f` on the wallet thread and returns its answer. `command` names the result
    /// for the IPC recorder (end-to-end tests).
    pub async fn call<T, F, Fut>(&self, command: &'static str, f: F) -> Result<T, CommandError>
    where
        T: Serialize + Send + 'static,
        F: FnOnce(Rc<WalletCtx>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, CommandError>> + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |ctx| {
            Box::pin(async move {
                let _ = answer.send(f(ctx).await);
            })
        });
        self.jobs.send(job).map_err(|_| {
            CommandError::new(ErrorCode::Internal, "The wallet thread has stopped.")
        })?;
        let result = answered.await.map_err(|_| {
            CommandError::new(
                ErrorCode::Internal,
                "The wallet thread dropped the request.",
            )
        })?;
        if let Some(recorder) = &self.recorder {
            recorder.record(command, &result);
        }
        result
    }
}
