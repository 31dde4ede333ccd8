//! One queue per device: a Ledger handles one APDU at a time and a Trezor one message
//! flow at a time, and two readers of one device corrupt each other's replies ("Sequence
//! mismatch"). Every request takes the device's turn first; turns are granted in the
//! order they were asked for.

use std::sync::Arc;

use tokio::sync::{Mutex, OwnedMutexGuard};

/// A device behind a first-come, first-served queue.
#[derive(Debug)]
pub struct DeviceQueue<D> {
    device: Arc<Mutex<D>>,
}

impl<D> Clone for DeviceQueue<D> {
    fn clone(&self) -> Self {
        Self {
            device: Arc::clone(&self.device),
        }
    }
}

impl<D> DeviceQueue<D> {
    /// Puts a device behind a queue. Nothing else should keep a handle to it.
    pub fn new(device: D) -> Self {
        Self {
            device: Arc::new(Mutex::new(device)),
        }
    }

    /// Waits for the device's turn (tokio's mutex is fair: FIFO). The turn lasts until
    /// the guard drops, so a whole multi-message flow runs uninterrupted.
    pub async fn turn(&self) -> OwnedMutexGuard<D> {
        Arc::clone(&self.device).lock_owned().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn turns_are_exclusive_and_in_order() {
        let queue = DeviceQueue::new(Vec::<u32>::new());
        let first = queue.turn().await;
        let mut waiting = Vec::new();
        for i in 0..4 {
            let queue = queue.clone();
            waiting.push(tokio::spawn(async move {
                let mut log = queue.turn().await;
                log.push(i * 10);
                tokio::time::sleep(Duration::from_millis(5)).await;
                log.push(i * 10 + 1);
            }));
            // Let each task enqueue before the next, so the order is known.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        drop(first);
        for task in waiting {
            task.await.unwrap();
        }
        assert_eq!(
            *queue.turn().await,
            vec![0, 1, 10, 11, 20, 21, 30, 31],
            "turns interleaved or out of order"
        );
    }
}
